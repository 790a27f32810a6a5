"""Pages of the register of exemplars and of the year's model pledges, and the public honour page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, has_perm_anywhere, unit_scope_q
from tdkt.accounts.models import User
from tdkt.accounts.permissions import Perm
from tdkt.awards.choices import RoundKind
from tdkt.awards.selectors import rounds_open_to
from tdkt.core.forms import run_action, save_form
from tdkt.eligibility.choices import AwardKind, SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import employed_q

from . import selectors, services
from .forms import AdvanceForm, ExemplarForm, PledgeCheckForm, PledgeForm, ProposeForm
from .models import STAGE_ORDER, Exemplar, ModelPledge, Stage

REFUSED = _("Bạn không có quyền xem điển hình này.")


def exemplar_list(request):
    return render(request, "exemplars/exemplar_list.html", {
        "exemplars": selectors.exemplars_visible_to(request.user)[:300],
        "may_add": has_perm_anywhere(request.user, Perm.MANAGE_CAMPAIGNS)})


def _managed_units(user):
    return Unit.objects.filter(unit_scope_q(user, Perm.MANAGE_CAMPAIGNS), active_to__isnull=True)


def exemplar_new(request):
    units = _managed_units(request.user)
    today, works = timezone.localdate(), Q(pk__in=[])
    for unit in units:
        works |= employed_q(unit, today)
    people = Person.objects.filter(pk__in=Employment.objects.filter(works).values("person_id")).order_by("sort_name")
    followers = User.objects.filter(memberships__unit__in=units, is_active=True).distinct().order_by("username")
    form = ExemplarForm(request.POST or None, units=units, people=people, followers=followers)
    ex = save_form(request, form, lambda: services.exemplar_create(actor=request.user, **form.cleaned_data))
    if ex is not None:
        messages.success(request, _("Đã ghi điển hình «%(title)s».") % {"title": ex.title})
        return redirect("exemplars:exemplar_detail", pk=ex.pk)
    return render(request, "exemplars/form.html", {"form": form, "title": _("Ghi điển hình tiên tiến")})


def _exemplar_or_403(user, pk: int) -> Exemplar:
    ex = get_object_or_404(Exemplar.objects.select_related("unit", "person", "collective", "proposal_item__proposal"),
                           pk=pk)
    if not can(user, Perm.VIEW_CAMPAIGNS, ex.unit):
        raise PermissionDenied(REFUSED)
    return ex


def _propose_form(request, ex: Exemplar, data=None):
    rounds = rounds_open_to(request.user).filter(kind__in=[RoundKind.AD_HOC, RoundKind.GOOD_DEEDS])
    subject = SubjectKind.INDIVIDUAL if ex.person_id else SubjectKind.COLLECTIVE
    types = AwardType.objects.filter(active=True, kind=AwardKind.FORM, subject=subject)
    return ProposeForm(data, rounds=rounds, award_types=types)


def _detail(request, ex: Exemplar, **bound):
    manages = can(request.user, Perm.MANAGE_CAMPAIGNS, ex.unit)
    reached = STAGE_ORDER.index(Stage(ex.stage))
    return render(request, "exemplars/exemplar_detail.html", {
        "ex": ex, "manages": manages, "steps": ex.steps.select_related("actor"), "followers": ex.followers.all(),
        "stages": [(s, s.label, i <= reached) for i, s in enumerate(STAGE_ORDER)],
        "advance": bound.get("advance") or AdvanceForm(),
        "propose": bound.get("propose") or _propose_form(request, ex),
    }, status=400 if bound else 200)


def exemplar_detail(request, pk: int):
    return _detail(request, _exemplar_or_403(request.user, pk))


def exemplar_advance(request, pk: int):
    ex = _exemplar_or_403(request.user, pk)
    form = AdvanceForm(request.POST)
    if save_form(request, form, lambda: services.exemplar_advance(actor=request.user, exemplar=ex,
                                                                  **form.cleaned_data)) is not None:
        messages.success(request, _("Đã ghi giai đoạn mới."))
        return redirect("exemplars:exemplar_detail", pk=ex.pk)
    return _detail(request, ex, advance=form)


def exemplar_public(request, pk: int):
    ex = _exemplar_or_403(request.user, pk)
    run_action(request, lambda: services.exemplar_set_public(actor=request.user, exemplar=ex,
                                                             public=request.POST.get("public") == "1"),
               _("Đã cập nhật trang tôn vinh."))
    return redirect("exemplars:exemplar_detail", pk=ex.pk)


def exemplar_propose(request, pk: int):
    ex = _exemplar_or_403(request.user, pk)
    form = _propose_form(request, ex, request.POST)
    item = save_form(request, form, lambda: services.exemplar_propose(actor=request.user, exemplar=ex,
                                                                     **form.cleaned_data))
    if item is not None:
        messages.success(request, _("Đã thêm vào đề nghị khen thưởng đột xuất."))
        return redirect("awards:proposal_detail", pk=item.proposal_id)
    return _detail(request, ex, propose=form)


def pledge_list(request):
    units = _managed_units(request.user)
    form = PledgeForm(request.POST or None, units=units)
    if request.method == "POST":
        pledge = save_form(request, form, lambda: services.pledge_create(actor=request.user, **form.cleaned_data))
        if pledge is not None:
            messages.success(request, _("Đã đăng ký mô hình, giải pháp «%(title)s».") % {"title": pledge.title})
            return redirect("exemplars:pledge_list")
    pledges = list(selectors.pledges_visible_to(request.user)[:300])
    manageable = set(units.values_list("pk", flat=True))
    return render(request, "exemplars/pledge_list.html", {
        "form": form if manageable else None, "check_form": PledgeCheckForm(),
        "rows": [(p, p.unit_id in manageable) for p in pledges]}, status=400 if form.errors else 200)


def pledge_check(request, pk: int):
    pledge = get_object_or_404(ModelPledge.objects.select_related("unit"), pk=pk)
    if not can(request.user, Perm.VIEW_CAMPAIGNS, pledge.unit):
        raise PermissionDenied(REFUSED)
    form = PledgeCheckForm(request.POST)
    if save_form(request, form, lambda: services.pledge_check(actor=request.user, pledge=pledge,
                                                              **form.cleaned_data)) is None:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, f"{pledge.title}: {e}")
    else:
        messages.success(request, _("Đã ghi kết quả thực hiện «%(title)s».") % {"title": pledge.title})
    return redirect("exemplars:pledge_list")


def public_page(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    return render(request, "exemplars/public.html", {"unit": unit, "rows": selectors.public_exemplars(unit)})
