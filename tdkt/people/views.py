from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, can_person, require_person, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors
from tdkt.core.pagination import paginate
from tdkt.org.models import Unit
from tdkt.org.selectors import unit_get_visible

from . import selectors, services
from .forms import EmploymentForm, NewPersonForm, PersonForm
from .models import Person


def _person_or_403(user, pk: int, perm: Perm) -> Person:
    person = get_object_or_404(Person, pk=pk)
    require_person(user, perm, person)
    return person


def _writable_units(user):
    return Unit.objects.filter(unit_scope_q(user, Perm.CHANGE_PERSON)).filter(
        Q(active_to__isnull=True)).order_by("path")


def person_list(request):
    query = request.GET.get("q", "").strip()
    unit = None
    if request.GET.get("unit"):
        try:
            unit = unit_get_visible(user=request.user, pk=int(request.GET["unit"]))
        except ValueError:
            unit = None
        if unit is None:
            raise PermissionDenied(_("Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."))
    current_only = request.GET.get("all") != "1"
    qs = selectors.person_list_visible_to(user=request.user, unit=unit, query=query, current_only=current_only and unit is not None)
    if request.GET.get("xuat") == "xlsx":
        return _people_xlsx(qs, unit)
    page = paginate(selectors.with_current_posts(qs), request.GET.get("page"))
    selectors.label_current_posts(page.object_list)
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, {
        "page": page, "q": query, "unit": unit, "current_only": current_only,
        "can_add": _writable_units(request.user).exists(),
    })


def person_detail(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.VIEW_PERSON)
    return render(request, "people/person_detail.html", {
        "person": person,
        "employments": list(selectors.employment_history(person=person)),
        "can_change": can_person(request.user, Perm.CHANGE_PERSON, person),
    })


def person_create(request):
    units = _writable_units(request.user)
    initial = {}
    if request.GET.get("unit"):
        initial["unit"] = request.GET["unit"]
    form = NewPersonForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, position, start_date = data.pop("unit"), data.pop("position"), data.pop("start_date")
        if not can(request.user, Perm.CHANGE_PERSON, unit):
            raise PermissionDenied(_("Bạn không có quyền thêm cá nhân vào đơn vị này."))
        try:
            with transaction.atomic():
                person = services.person_create(actor=request.user, unit=unit, **data)
                services.employment_add(actor=request.user, person=person, unit=unit, position=position,
                                        start_date=start_date)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm hồ sơ «%(name)s».") % {"name": person.full_name})
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


def person_edit(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_PERSON)
    initial = {f: getattr(person, f) for f in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ cá nhân."))
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


def employment_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_PERSON)
    form = EmploymentForm(request.POST or None, units=_writable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_add(actor=request.user, person=person, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm quá trình công tác."))
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/employment_form.html", {"form": form, "person": person})


def _people_xlsx(qs, unit):
    """The list as it is filtered on screen, as XLSX streamed from a temporary file
    (rows are read with .iterator(), so memory stays flat for a province), with each
    person's current posts as the unit page shows them."""
    from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response

    headers = [XlsxColumn(_("STT"), "int", 6), XlsxColumn(_("Họ và tên"), "text", 30), XlsxColumn(_("Họ"), "text", 12),
               XlsxColumn(_("Tên đệm"), "text", 14), XlsxColumn(_("Tên"), "text", 10),
               XlsxColumn(_("Ngày sinh"), "date", 12), XlsxColumn(_("Giới tính"), "text", 9),
               XlsxColumn(_("Chức vụ"), "text", 24), XlsxColumn(_("Đơn vị công tác"), "text", 40)]

    def posts(p, attr):
        return "; ".join(str(attr(e)) for e in getattr(p, "current_posts", []))

    rows = (
        (i, p.full_name, p.family_name, p.middle_name, p.given_name, p.birth_date, p.get_gender_display(),
         posts(p, lambda e: e.get_position_display()), posts(p, lambda e: e.unit.name))
        for i, p in enumerate(selectors.with_current_posts(qs).iterator(chunk_size=2000), start=1)
    )
    title = (_("Danh sách cán bộ, giáo viên, nhân viên – %(unit)s") % {"unit": unit.name} if unit
             else _("Danh sách cán bộ, giáo viên, nhân viên"))
    return xlsx_stream_response("danh-sach-ca-nhan.xlsx", headers, rows, title=title)
