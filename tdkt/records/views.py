"""Pages of the records (hồ sơ thành tích): thin — check the subject's unit, call a
service or selector, render. A service's refusal comes back on the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tdkt.accounts.access import can, has_perm_anywhere, person_scope_q, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors, save_form
from tdkt.core.i18n import translated_columns
from tdkt.core.pagination import paginate
from tdkt.core.xlsx import XLSX_CONTENT_TYPE, XlsxColumn, xlsx_stream_response
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.selectors import current_school_year
from tdkt.people.models import Person

from . import imports, imports_jobs, selectors, services
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
from .imports_kinds import KINDS
from .models import AwardRecord, ImportJob, PersonRating, UnitRating

UNIT_PAGE_SIZE = 200
REFUSED_UNIT = gettext_lazy("Bạn không có quyền với hồ sơ thành tích của đơn vị này.")


def _person_or_403(user, pk: int, perm: Perm) -> Person:
    person = get_object_or_404(Person, pk=pk)
    require_person(user, perm, person)
    return person


def _unit_or_403(user, pk: int, perm: Perm) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=pk)
    if not can(user, perm, unit):
        raise PermissionDenied(str(REFUSED_UNIT))
    return unit


def _current_year() -> SchoolYear | None:
    return current_school_year()


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
            raise PermissionDenied(_("Tài khoản của bạn chưa gắn với hồ sơ cá nhân nào."))
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
        raise PermissionDenied(_("Chưa có năm học nào trong hệ thống."))
    if request.GET.get("xuat") == "xlsx":
        return unit_year_export(request, unit, year)
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
    initial: dict[str, Any] = {}
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
            return _saved(request, person, _("Đã lưu xếp loại năm học %(year)s: %(rating)s.") % {
                "year": rating.school_year, "rating": rating.get_rating_display()})
    return _form_page(request, person=person, form=form, title=_("Xếp loại mức độ hoàn thành nhiệm vụ"),
                      back=reverse("records:person_record", args=[person.pk]))


def discipline_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = DisciplineAddForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.discipline_add(actor=request.user, person=person, **form.cleaned_data),
                        done=_("Đã ghi kỷ luật."), title=_("Ghi kỷ luật"))


def absence_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = AbsenceForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.absence_add(actor=request.user, person=person, **form.cleaned_data),
                        done=_("Đã ghi thời gian nghỉ."), title=_("Ghi thời gian nghỉ"))


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
            return _saved(request, person, _("Đã ghi sáng kiến, đề tài, giải pháp."))
    return _form_page(request, person=person, form=form, title=_("Ghi sáng kiến, đề tài, giải pháp"),
                      back=reverse("records:person_record", args=[person.pk]))


def award_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = AwardForm(request.POST or None)
    return _record_form(request, person, form, save=lambda: services.award_record_add(actor=request.user, person=person, **form.cleaned_data),
                        done=_("Đã ghi danh hiệu / hình thức khen thưởng."),
                        title=_("Ghi danh hiệu, hình thức khen thưởng đã nhận"))


def registration_add(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    year = _current_year()
    form = RegistrationForm(request.POST or None, initial={
        "school_year": getattr(year, "pk", None), "registered_on": timezone.localdate()})
    return _record_form(request, person, form, save=lambda: services.registration_add(actor=request.user, person=person, **form.cleaned_data),
                        done=_("Đã ghi đăng ký thi đua."), title=_("Đăng ký thi đua"))


def award_revoke(request, pk: int):
    record = get_object_or_404(AwardRecord.objects.select_related("award_type", "person", "unit"), pk=pk)
    if record.person_id:
        person = _person_or_403(request.user, record.person_id, Perm.CHANGE_RECORDS)
        back = reverse("records:person_record", args=[person.pk])
    else:
        person = None
        assert record.unit_id is not None  # an award names a person or a unit
        _unit_or_403(request.user, record.unit_id, Perm.CHANGE_RECORDS)
        back = reverse("records:unit_year", args=[record.unit_id])
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.award_record_revoke(actor=request.user, record=record, **form.cleaned_data)
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Đã hủy bỏ «%(award)s» (quyết định %(number)s).") % {
                "award": record.award_type, "number": record.decision_number})
            return redirect(back)
    title = _("Hủy bỏ «%(award)s» – Quyết định số %(number)s") % {
        "award": record.award_type, "number": record.decision_number}
    return _form_page(request, person=person, unit=record.unit if person is None else None, form=form, title=title,
                      back=back)


def unit_rating_set(request, pk: int):
    unit = _unit_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    initial: dict[str, Any] = {}
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
            messages.success(request, _("Đã lưu xếp loại tập thể năm học %(year)s.") % {"year": rating.school_year})
            return redirect(f"{back}?nam={rating.school_year.start_year}")
    return _form_page(request, person=None, unit=unit, form=form, title=_("Xếp loại tập thể"), back=back)


# --------------------------------------------------------------------------- Excel import


def _spec_or_404(user, kind: str) -> imports.ImportSpec:
    spec = imports.get_spec(kind)
    if spec is None:
        raise Http404(_("Không có loại danh sách này."))
    if not has_perm_anywhere(user, spec.perm):
        raise PermissionDenied(_("Bạn không có quyền nhập %(what)s.") % {"what": spec.title.lower()})
    return spec


def _upload_page(request, spec, form, status: int = 200):
    return render(request, "records/import.html", {
        "form": form, "spec": spec, "max_mb": imports.MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_rows": imports.MAX_DATA_ROWS,
    }, status=status)


def import_home(request):
    """The kinds of list that can be imported, their templates, and the user's recent imports."""
    kinds = [spec for spec in KINDS.values() if has_perm_anywhere(request.user, spec.perm)]
    jobs = list(ImportJob.objects.filter(user=request.user).defer("data", "result").order_by("-id")[:10])
    titles = {code: spec.title for code, spec in KINDS.items()}
    for job in jobs:
        job.kind_title = titles.get(job.kind, job.kind)
    return render(request, "records/import_home.html", {"kinds": kinds, "jobs": jobs})


def import_upload(request, kind: str):
    """Upload → a job that validates every row (inline for a small file, in the
    worker for a large one) → its page with the preview. Nothing is written until
    the user confirms."""
    spec = _spec_or_404(request.user, kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, spec, form)
    upload = form.cleaned_data["file"]
    if upload.size > imports.MAX_UPLOAD_BYTES:
        size = f"{upload.size / (1024 * 1024):.1f}"
        if translation.get_language() != "en":
            size = size.replace(".", ",", 1)  # Vietnamese decimal comma
        form.add_error("file", _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB: hãy chia danh sách "
                                 "thành nhiều tệp nhỏ hơn.") % {"size": size,
                                                                "max": imports.MAX_UPLOAD_BYTES // (1024 * 1024)})
        return _upload_page(request, spec, form)
    job = imports_jobs.job_create(user=request.user, spec=spec, data=upload.read(), filename=upload.name)
    if job.status == ImportJob.Status.CHECKING:  # small enough to check now
        job = imports_jobs.run(job)
        if job.status == ImportJob.Status.FAILED:
            for message in (job.result or {}).get("file_errors") or [job.message]:
                form.add_error("file", message)
            return _upload_page(request, spec, form)
    return redirect("records:import_job", pk=job.pk)


STALLED_SECONDS = 120  # a job still waiting after this: the worker is probably not running


def _job_or_404(request, pk: int) -> ImportJob:
    """A job is its uploader's: another user (even of the same unit) gets 404."""
    return get_object_or_404(ImportJob.objects.defer("data"), pk=pk, user=request.user)


def _job_context(job: ImportJob) -> dict:
    spec = imports.get_spec(job.kind)
    phase, done, total = imports_jobs.live_progress(job)
    percent = min(100, round(100 * done / total)) if total else 0
    waiting_since: dict[str, dt.datetime | None] = {ImportJob.Status.QUEUED: job.created_at, ImportJob.Status.COMMIT_QUEUED: job.finished_at}
    since = waiting_since.get(job.status)
    stalled = since is not None and (timezone.now() - since).total_seconds() > STALLED_SECONDS
    return {"job": job, "spec": spec, "result": job.result, "phase": phase, "done": done, "total": total,
            "percent": percent, "columns": spec.columns if spec else (), "stalled": stalled}


def import_job(request, pk: int):
    job = _job_or_404(request, pk)
    return render(request, "records/import_job.html", _job_context(job))


def import_job_progress(request, pk: int):
    """The progress bar, polled by htmx while the job runs; once it has finished,
    the page reloads itself to show the preview or the result."""
    job = _job_or_404(request, pk)
    if not job.running:
        response = HttpResponse(status=204 if request.htmx else 200)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "records/_import_progress.html", _job_context(job))


def import_job_commit(request, pk: int):
    """Confirm: validate the stored file again, then write all rows or none."""
    job = _job_or_404(request, pk)
    if imports_jobs.request_commit(job):
        job.refresh_from_db()
        if job.status == ImportJob.Status.COMMITTING:  # small: write it now
            imports_jobs.run(job)
    elif job.status == ImportJob.Status.DONE:
        messages.info(request, _("Tệp này đã được nhập; nhập lại không thay đổi gì."))
    elif not job.running:
        messages.error(request, _("Không có dòng nào để nhập từ tệp này. Hãy sửa tệp rồi tải lên lại."))
    return redirect("records:import_job", pk=job.pk)


def import_template(request, kind: str):
    spec = _spec_or_404(request.user, kind)
    response = HttpResponse(imports.template_workbook(spec), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}"'
    return response


# --------------------------------------------------------------------------- export


EXPORT_BATCH = 500


def _unit_year_rows(user, unit: Unit, year: SchoolYear):
    """The unit-year table, one person per row, read 500 people at a time."""
    people = selectors.unit_people(unit, year).filter(person_scope_q(user, Perm.VIEW_RECORDS))
    ids = list(people.values_list("pk", flat=True))
    number = 0
    revoked = " – " + _("đã hủy bỏ")
    for i in range(0, len(ids), EXPORT_BATCH):
        batch = list(Person.objects.filter(pk__in=ids[i:i + EXPORT_BATCH]).order_by("sort_name", "id"))
        data = selectors.unit_records(unit, year, people=batch)
        for row in data.people:
            number += 1
            yield [
                number, row.person.full_name, row.person.birth_date, "; ".join(u.name for u in row.units),
                row.rating.get_rating_display() if row.rating else "",
                "; ".join(f"{a.award_type.name} ({a.decision_number})" + (revoked if a.revoked_on else "")
                          for a in row.awards),
                "; ".join(g.award_type.name for g in row.registrations),
                "; ".join(f"{link.initiative.title} ({selectors.percent(link.share)})" for link in row.initiatives),
                "; ".join(f"{d.get_form_display()} ({d.decision_number})" for d in row.disciplines),
                "; ".join(f"{a.get_kind_display()} {a.start_date:%d/%m/%Y}–{a.end_date:%d/%m/%Y}" for a in row.absences),
            ]


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
UNIT_YEAR_COLUMNS = [XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Họ và tên"), "text", 28),
                     XlsxColumn(gettext_noop("Ngày sinh"), "date"), XlsxColumn(gettext_noop("Đơn vị"), "text", 32),
                     XlsxColumn(gettext_noop("Xếp loại"), "text", 28),
                     XlsxColumn(gettext_noop("Danh hiệu, khen thưởng"), "text", 40),
                     XlsxColumn(gettext_noop("Đăng ký thi đua"), "text", 30),
                     XlsxColumn(gettext_noop("Sáng kiến"), "text", 40),
                     XlsxColumn(gettext_noop("Kỷ luật"), "text", 24), XlsxColumn(gettext_noop("Thời gian nghỉ"), "text", 30)]


def unit_year_export(request, unit: Unit, year: SchoolYear):
    return xlsx_stream_response(f"ho-so-thanh-tich-{unit.code}-{year.start_year}", translated_columns(UNIT_YEAR_COLUMNS),
                                _unit_year_rows(request.user, unit, year),
                                title=_("Hồ sơ thành tích %(years)s") % {
                                    "years": f"{year.start_year}-{year.start_year + 1}"})
