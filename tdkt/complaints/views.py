"""Pages of complaints and denunciations: the register, intake, one letter with its time limits and the steps
of handling. Thin: the services decide, the selectors hide a protected sender."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.access import can, has_perm_anywhere
from tdkt.accounts.models import User
from tdkt.accounts.permissions import Perm, roles_with
from tdkt.core.forms import save_form
from tdkt.core.i18n import translated_columns
from tdkt.core.pagination import paginate
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response

from . import selectors, services
from .choices import LetterKind, Status
from .forms import (
    AcceptForm,
    AssignForm,
    ExtendForm,
    LetterForm,
    NotAcceptForm,
    ResolveForm,
    ResumeForm,
    SuspendForm,
)
from .models import Letter

REFUSED = _("Bạn không có quyền xem đơn này.")


def _rows(request, letters):
    today = timezone.localdate()
    law = selectors.Law.load()
    out = []
    for letter in letters:
        dues = selectors.deadlines(letter, law=law)
        current = next((d for d in dues if not d.done), None)
        out.append({"letter": letter, "sender": selectors.sender_shown(request.user, letter), "due": current,
                    "overdue": bool(current and current.overdue(today)), "soon": bool(current and current.soon(today))})
    return out


LIST_COLUMNS = [XlsxColumn(gettext_noop("Số vào sổ"), "text", 14), XlsxColumn(gettext_noop("Loại đơn"), "text", 14),
                XlsxColumn(gettext_noop("Ngày nhận"), "date", 12), XlsxColumn(gettext_noop("Người gửi"), "text", 28),
                XlsxColumn(gettext_noop("Tóm tắt nội dung"), "text", 50), XlsxColumn(gettext_noop("Trạng thái"), "text", 24),
                XlsxColumn(gettext_noop("Hạn"), "date", 12)]


def letter_list(request):
    qs = selectors.search(selectors.letters_visible_to(request.user), request.GET.get("q", ""))
    kind = request.GET.get("loai", "")
    if kind in LetterKind.values:
        qs = qs.filter(kind=kind)
    if request.GET.get("xuat") == "xlsx":
        rows = ((r["letter"].number, r["letter"].get_kind_display(), r["letter"].received_on, r["sender"],
                 r["letter"].subject, r["letter"].get_status_display(), r["due"].day if r["due"] else None)
                for r in _rows(request, qs.prefetch_related("handlers")))
        return xlsx_stream_response("so-don-khieu-nai-to-cao", translated_columns(LIST_COLUMNS), rows,
                                    title=_("Sổ tiếp nhận đơn khiếu nại, tố cáo về thi đua, khen thưởng"))
    page = paginate(qs.prefetch_related("handlers"), request.GET.get("page"))
    return render(request, "complaints/letter_list.html", {
        "page": page, "rows": _rows(request, page.object_list), "q": request.GET.get("q", ""), "kind": kind,
        "kinds": LetterKind.choices, "may_receive": has_perm_anywhere(request.user, Perm.HANDLE_COMPLAINTS),
    })


def letter_new(request):
    form = LetterForm(request.POST or None, user=request.user)
    letter = save_form(request, form, lambda: services.letter_receive(actor=request.user, **form.cleaned_data))
    if letter is not None:
        messages.success(request, _("Đã tiếp nhận đơn số %(number)s.") % {"number": letter.number})
        return redirect("complaints:letter_detail", pk=letter.pk)
    return render(request, "complaints/letter_form.html", {"form": form})


def _letter_or_403(user, pk: int) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("unit", "resolver", "about_item__decision",
                                                             "about_item__award_type", "revoked_item"), pk=pk)
    if not can(user, Perm.VIEW_COMPLAINTS, letter.unit):
        raise PermissionDenied(REFUSED)
    return letter


def _candidates(letter: Letter):
    return (User.objects.filter(memberships__unit__path__in=[letter.unit.path[:i] for i in
                                                             range(letter.unit.steplen, len(letter.unit.path) + 1,
                                                                   letter.unit.steplen)],
                                memberships__role__in=roles_with(Perm.HANDLE_COMPLAINTS), is_active=True)
            .distinct().order_by("last_name", "first_name", "username"))


def _detail(request, letter: Letter, **bound):
    today = timezone.localdate()
    handles = can(request.user, Perm.HANDLE_COMPLAINTS, letter.unit)
    forms_ = {
        "assign": AssignForm(candidates=_candidates(letter),
                             initial={"handlers": list(letter.handlers.all()), "resolver": letter.resolver}),
        "accept": AcceptForm(initial={"accepted_on": today}),
        "not_accept": NotAcceptForm(initial={"day": today}),
        "extend": ExtendForm(initial={"day": today}),
        "resolve": ResolveForm(initial={"resolved_on": today, "version": letter.version}),
        "suspend": SuspendForm(initial={"day": today}),
        "resume": ResumeForm(initial={"day": today}),
    }
    forms_.update(bound)
    statute = selectors.statute_end(letter)
    return render(request, "complaints/letter_detail.html", {
        "letter": letter, "sender_visible": selectors.can_see_identity(request.user, letter),
        "sender": selectors.sender_shown(request.user, letter), "dues": selectors.deadlines(letter), "today": today,
        "statute": statute, "late_filing": bool(statute and letter.received_on > statute[0]),
        "steps": letter.steps.select_related("actor"), "handlers": letter.handlers.all(), "handles": handles,
        "forms": forms_, "open": letter.status in services.OPEN, "Status": Status,
    }, status=400 if bound else 200)


def letter_detail(request, pk: int):
    return _detail(request, _letter_or_403(request.user, pk))


def _action(request, pk: int, name: str, form_class, call, done: str, **form_kwargs):
    letter = _letter_or_403(request.user, pk)
    if not can(request.user, Perm.HANDLE_COMPLAINTS, letter.unit):
        raise PermissionDenied(REFUSED)
    form = form_class(request.POST, **form_kwargs)
    if save_form(request, form, lambda: call(letter, form.cleaned_data)) is not None:
        messages.success(request, done)
        return redirect("complaints:letter_detail", pk=letter.pk)
    return _detail(request, letter, **{name: form})


def letter_assign(request, pk: int):
    letter = _letter_or_403(request.user, pk)
    return _action(request, pk, "assign", AssignForm, lambda x, d: services.letter_assign(
        actor=request.user, letter=x, handlers=d["handlers"], resolver=d["resolver"]), _("Đã giao xử lý đơn."),
        candidates=_candidates(letter))


def letter_accept(request, pk: int):
    return _action(request, pk, "accept", AcceptForm, lambda x, d: services.letter_accept(
        actor=request.user, letter=x, **d), _("Đã thụ lý đơn."))


def letter_not_accept(request, pk: int):
    return _action(request, pk, "not_accept", NotAcceptForm, lambda x, d: services.letter_not_accept(
        actor=request.user, letter=x, **d), _("Đã ghi không thụ lý."))


def letter_extend(request, pk: int):
    return _action(request, pk, "extend", ExtendForm, lambda x, d: services.letter_extend(
        actor=request.user, letter=x, **d), _("Đã ghi gia hạn giải quyết."))


def letter_suspend(request, pk: int):
    return _action(request, pk, "suspend", SuspendForm, lambda x, d: services.letter_suspend(
        actor=request.user, letter=x, **d), _("Đã ghi tạm đình chỉ giải quyết."))


def letter_resume(request, pk: int):
    return _action(request, pk, "resume", ResumeForm, lambda x, d: services.letter_resume(
        actor=request.user, letter=x, **d), _("Đã ghi tiếp tục giải quyết."))


def letter_resolve(request, pk: int):
    return _action(request, pk, "resolve", ResolveForm, lambda x, d: services.letter_resolve(
        actor=request.user, letter=x, **d), _("Đã ghi kết quả giải quyết."))


def letter_decision(request, pk: int):
    """Quyết định giải quyết khiếu nại as DOCX (or PDF with ?dinh-dang=pdf), for those who see the complainant."""
    from django.http import Http404, HttpResponse

    from tdkt.core.exceptions import DomainValidationError

    from .documents import render_resolution

    letter = _letter_or_403(request.user, pk)
    if not selectors.can_see_identity(request.user, letter):
        raise PermissionDenied(REFUSED)
    try:
        rendered = render_resolution(letter, "pdf" if request.GET.get("dinh-dang") == "pdf" else "docx")
    except DomainValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
