"""Pages of the records (hồ sơ thành tích): thin — check the subject's unit, call a
service or selector, render. A service's refusal comes back on the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.access import can, has_perm_anywhere, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.forms import add_domain_errors, save_form
from tdkt.core.pagination import paginate
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import imports, selectors, services
from .forms import (
    AbsenceForm,
    AwardForm,
    DisciplineAddForm,
    ImportForm,
    InitiativeForm,
    RatingForm,
    RegistrationForm,
    RevokeForm,
    UnitRatingForm,
)
from .models import AwardRecord, PersonRating, UnitRating

UNIT_PAGE_SIZE = 200
REFUSED_UNIT = "Bạn không có quyền với hồ sơ thành tích của đơn vị này."


def _person_or_403(user, pk: int, perm: Perm) -> Person:
    person = get_object_or_404(Person, pk=pk)
    try:
        require_person(user, perm, person)
    except PermissionRefused as exc:
        raise PermissionDenied(exc.message) from exc
    return person


def _unit_or_403(user, pk: int, perm: Perm) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=pk)
    if not can(user, perm, unit):
        raise PermissionDenied(REFUSED_UNIT)
    return unit


def _current_year() -> SchoolYear | None:
    today = timezone.localdate()
    return (SchoolYear.objects.filter(start_date__lte=today, end_date__gte=today).first()
            or SchoolYear.objects.order_by("-start_year").first())


def _year_param(request) -> SchoolYear | None:
    value = request.GET.get("nam", "")
    if value.isdigit():
        return SchoolYear.objects.filter(start_year=int(value)).first()
    return None


# --------------------------------------------------------------------------- overview


def records_home(request):
    """Where the user's reach starts: their units (officers, reviewers), or their
    own record (staff)."""
    user = request.user
    if not has_perm_anywhere(user, Perm.VIEW_RECORDS):
        person = Person.objects.filter(user=user).first()
        if person is None:
            raise PermissionDenied("Tài khoản của bạn chưa gắn với hồ sơ cá nhân nào.")
        return redirect("records:person_record", pk=person.pk)
    units = list(selectors.units_visible_to(user).select_related("unit_type").order_by("path")[:400])
    top = min((u.depth for u in units), default=0)
    rows = [u for u in units if u.depth <= top + 1]
    return render(request, "records/home.html", {
        "units": rows, "top": top, "year": _current_year(),
        "can_import": has_perm_anywhere(user, Perm.CHANGE_RECORDS),
    })


def person_record(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.VIEW_RECORDS)
    record = selectors.person_record(person)
    return render(request, "records/person_record.html", {
        "person": person, "record": record,
        "can_change": selectors.can_change_record(request.user, person),
        "current_unit": services.home_unit(person),
    })


def unit_year(request, pk: int):
    unit = _unit_or_403(request.user, pk, Perm.VIEW_RECORDS)
    year = _year_param(request) or _current_year()
    if year is None:
        raise PermissionDenied("Chưa có năm học nào trong hệ thống.")
    page = paginate(selectors.unit_people(unit, year), request.GET.get("page"), per_page=UNIT_PAGE_SIZE)
    data = selectors.unit_records(unit, year, people=page.object_list)
    return render(request, "records/unit_year.html", {
        "unit": unit, "year": year, "data": data, "page": page, "years": SchoolYear.objects.order_by("-start_year"),
        "can_change": can(request.user, Perm.CHANGE_RECORDS, unit),
    })


# --------------------------------------------------------------------------- add forms


def _saved(request, person: Person, message: str):
    messages.success(request, message)
    return redirect("records:person_record", pk=person.pk)


def _form_page(request, *, person: Person | None, form, title: str, back: str, unit: Unit | None = None):
    return render(request, "records/record_form.html", {
        "form": form, "person": person, "unit": unit, "title": title, "back": back,
    })

def _record_form(request, person, form, *, save, done: str, title: str):
    """The shared round trip of every "add a record" page: validate, call the service,
    show its refusal on the form (nothing saved), or go back to the record."""
    if save_form(request, form, save) is not None:
        return _saved(request, person, done)
    return _form_page(request, person=person, form=form, title=title,
                      back=reverse("records:person_record", args=[person.pk]))



def rating_set(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    initial = {}
    year = _year_param(request)
    if year is not None:
        initial["school_year"] = year.pk
        existing = PersonRating.objects.filter(person=person, school_year=year).first()
        if existing is not None:
            initial.update(rating=existing.rating, note=existing.note)
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.person_rating_set(actor=request.user, person=person, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            return _saved(request, person, f"Đã lưu xếp loại năm học {rating.school_year}: "
                                           f"{rating.get_rating_display()}.")
    return _form_page(request, person=person, form=form, title="Xếp loại mức độ hoàn thành nhiệm vụ",
                      back=reverse("records:person_record", args=[person.pk]))


def discipline_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = DisciplineAddForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.discipline_add(actor=request.user, person=person, **form.cleaned_data),
                        done="Đã ghi kỷ luật.", title="Ghi kỷ luật")


def absence_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = AbsenceForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.absence_add(actor=request.user, person=person, **form.cleaned_data),
                        done="Đã ghi thời gian nghỉ.", title="Ghi thời gian nghỉ")


def initiative_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    people = selectors.people_changeable_by(request.user).exclude(pk=person.pk).order_by("sort_name", "id")
    form = InitiativeForm(request.POST or None, people=people, initial={"school_year": getattr(_current_year(), "pk", None)})
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_create(actor=request.user, authors=form.authors(person), **form.initiative_values())
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            return _saved(request, person, "Đã ghi sáng kiến, đề tài, giải pháp.")
    return _form_page(request, person=person, form=form, title="Ghi sáng kiến, đề tài, giải pháp",
                      back=reverse("records:person_record", args=[person.pk]))


def award_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = AwardForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.award_record_add(actor=request.user, person=person, **form.cleaned_data),
                        done="Đã ghi danh hiệu / hình thức khen thưởng.", title="Ghi danh hiệu, hình thức khen thưởng đã nhận")


def registration_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    year = _current_year()
    form = RegistrationForm(request.POST or None, initial={
        "school_year": getattr(year, "pk", None), "registered_on": timezone.localdate()})
    return _record_form(request, person, form, save=lambda: services.registration_add(actor=request.user, person=person, **form.cleaned_data),
                        done="Đã ghi đăng ký thi đua.", title="Đăng ký thi đua")


def award_revoke(request, pk: int):
    record = get_object_or_404(AwardRecord.objects.select_related("award_type", "person", "unit"), pk=pk)
    if record.person_id:
        person = _person_or_403(request.user, record.person_id, Perm.CHANGE_RECORDS)
        back = reverse("records:person_record", args=[person.pk])
    else:
        person = None
        _unit_or_403(request.user, record.unit_id, Perm.CHANGE_RECORDS)
        back = reverse("records:unit_year", args=[record.unit_id])
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.award_record_revoke(actor=request.user, record=record, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, f"Đã hủy bỏ «{record.award_type}» (quyết định {record.decision_number}).")
            return redirect(back)
    title = f"Hủy bỏ «{record.award_type}» – Quyết định số {record.decision_number}"
    return _form_page(request, person=person, unit=record.unit if person is None else None, form=form, title=title,
                      back=back)


def unit_rating_set(request, pk: int):
    unit = _unit_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    initial = {}
    year = _year_param(request)
    if year is not None:
        initial["school_year"] = year.pk
        existing = UnitRating.objects.filter(unit=unit, school_year=year).first()
        if existing is not None:
            initial.update(rating=existing.rating, note=existing.note)
    form = UnitRatingForm(request.POST or None, initial=initial)
    back = reverse("records:unit_year", args=[unit.pk])
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.unit_rating_set(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu xếp loại tập thể năm học {rating.school_year}.")
            return redirect(f"{back}?nam={rating.school_year.start_year}")
    return _form_page(request, person=None, unit=unit, form=form, title="Xếp loại tập thể", back=back)


# --------------------------------------------------------------------------- Excel import


def _preview(request, *, form, result=None, token: str = "", status: int = 200):
    return render(request, "records/import.html", {
        "form": form, "result": result, "token": token, "columns": imports.COLUMNS,
        "max_mb": imports.MAX_UPLOAD_BYTES // (1024 * 1024),
    }, status=status)


def import_upload(request):
    """Upload → validate every row → preview with errors by row and column. Nothing
    is written until the user confirms."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _preview(request, form=form)
    upload = form.cleaned_data["file"]
    if upload.size > imports.MAX_UPLOAD_BYTES:
        form.add_error("file", f"Tệp quá lớn ({upload.size / (1024 * 1024):.1f} MB). Dung lượng tối đa là "
                               f"{imports.MAX_UPLOAD_BYTES // (1024 * 1024)} MB.".replace(".", ",", 1))
        return _preview(request, form=form)
    result, token = imports.preview(user=request.user, data=upload.read(), filename=upload.name)
    if result.file_errors:
        for message in result.file_errors:
            form.add_error("file", message)
        return _preview(request, form=form)
    return _preview(request, form=ImportForm(), result=result, token=token)


def import_commit(request):
    """Confirm: validate the stored file again, then write all rows or none."""
    token = request.POST.get("token", "")
    stored = imports.load_upload(user=request.user, token=token)
    if stored is None:
        messages.error(request, "Không còn tệp đã tải lên (quá hạn hoặc đã nhập). Hãy tải tệp lên lại.")
        return redirect("records:import")
    data, filename = stored
    try:
        summary = imports.commit(user=request.user, data=data, filename=filename)
    except DomainValidationError as exc:
        for field_messages in exc.message_dict.values():
            for message in field_messages:
                messages.error(request, message)
        result = imports.validate(user=request.user, data=data, filename=filename)
        return _preview(request, form=ImportForm(), result=result, token=token if result.can_commit else "")
    imports.discard_upload(token)
    text = f"Đã nhập {summary.created} dòng khen thưởng từ «{filename}»"
    if summary.skipped:
        text += f"; bỏ qua {summary.skipped} dòng đã có hoặc trùng"
    if summary.school_years_created:
        text += f"; thêm {summary.school_years_created} năm học"
    messages.success(request, text + ".")
    return redirect("records:import")


def import_template(request):
    response = HttpResponse(
        imports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-khen-thuong.xlsx"'
    return response

