"""Records API (mounted at /api/records): a person's whole record, and the writes
of the pages. Thin: the same services and selectors; refusals come back as 403
or 422 ``[{field, message}]`` with Vietnamese messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from tdkt.accounts.access import has_perm_anywhere, require, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import selectors, services
from .award_types import AwardTypeRow, award_types
from .choices import InitiativeKind, Scope
from .models import (
    Absence,
    AwardRecord,
    Discipline,
    DisciplineCase,
    Initiative,
    PersonRating,
    Registration,
    UnitRating,
)

router = Router()


# --------------------------------------------------------------------------- schemas


class RatingIn(Schema):
    school_year: int  # năm bắt đầu: 2024 cho năm học 2024-2025
    rating: str
    note: str = ""


class RatingOut(Schema):
    id: int
    school_year: str
    rating: str
    rating_label: str
    note: str


class DisciplineIn(Schema):
    form: str
    decision_number: str
    decision_date: dt.date
    issuer: str = ""
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    reason: str = ""


class DisciplineOut(Schema):
    id: int
    form: str
    form_label: str
    decision_number: str
    decision_date: dt.date
    issuer: str
    effective_from: dt.date
    effective_to: dt.date | None
    reason: str


class DisciplineCaseIn(Schema):
    opened_on: dt.date
    reference: str = ""  # số, ngày văn bản bắt đầu xem xét
    issuer: str = ""
    reason: str = ""


class DisciplineCaseCloseIn(Schema):
    closed_on: dt.date
    outcome: str  # ky_luat | khong_ky_luat
    discipline_id: int | None = None  # the Discipline decided, when outcome is ky_luat
    closing_note: str = ""


class DisciplineCaseOut(Schema):
    id: int
    person_id: int | None  # an individual's case, or
    unit_id: int | None  # a collective's (tập thể)
    opened_on: dt.date
    reference: str
    issuer: str
    reason: str
    closed_on: dt.date | None
    outcome: str
    outcome_label: str
    discipline_id: int | None
    closing_note: str
    pending: bool


class AbsenceIn(Schema):
    kind: str
    start_date: dt.date
    end_date: dt.date
    training_result_good: bool | None = None
    note: str = ""


class AbsenceOut(Schema):
    id: int
    kind: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date
    training_result_good: bool | None
    note: str


class AuthorIn(Schema):
    person_id: int
    share: Decimal = Decimal("100")


class AuthorOut(Schema):
    person_id: int
    full_name: str
    share: Decimal


class InitiativeIn(Schema):
    title: str
    school_year: int
    authors: list[AuthorIn]
    kind: str = InitiativeKind.SANG_KIEN
    scope: str = Scope.CO_SO
    unit_id: int | None = None
    recognized: bool = True
    recognizing_body: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None


class InitiativeOut(Schema):
    id: int
    title: str
    kind: str
    school_year: str
    scope: str
    scope_label: str
    recognized: bool
    recognizing_body: str
    decision_number: str
    decision_date: dt.date | None
    authors: list[AuthorOut]


class AwardIn(Schema):
    award_type: str  # mã danh hiệu, ví dụ "lao-dong-tien-tien"
    school_year: int | None = None
    decision_number: str
    decision_date: dt.date
    issuer: str = ""
    thematic: bool = False
    achievement: str = ""
    unit_id: int | None = None


class AwardOut(Schema):
    id: int
    award_type: str
    award_type_name: str
    school_year: str | None
    person_id: int | None
    unit_id: int | None
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    thematic: bool
    achievement: str
    revoked_on: dt.date | None
    revocation_decision: str
    revocation_reason: str


class RevokeIn(Schema):
    revoked_on: dt.date
    revocation_decision: str
    reason: str


class RegistrationIn(Schema):
    award_type: str
    school_year: int
    registered_on: dt.date | None = None
    targets: str = ""


class RegistrationOut(Schema):
    id: int
    award_type: str
    award_type_name: str
    school_year: str
    registered_on: dt.date
    targets: str


class YearOut(Schema):
    school_year: str
    start_year: int
    rating: RatingOut | None
    awards: list[AwardOut]
    initiatives: list[InitiativeOut]
    registrations: list[RegistrationOut]
    disciplines: list[DisciplineOut]
    absences: list[AbsenceOut]


class PersonRecordOut(Schema):
    person_id: int
    full_name: str
    birth_date: dt.date | None
    years: list[YearOut]
    other_awards: list[AwardOut]
    # Cases of "đang xem xét xử lý kỷ luật", newest first; ``pending`` while not closed (no award meanwhile).
    discipline_cases: list[DisciplineCaseOut]


class UnitRatingOut(Schema):
    id: int
    unit_id: int
    school_year: str
    rating: str
    rating_label: str
    note: str


# --------------------------------------------------------------------------- serialisers


def _rating(r: PersonRating) -> dict:
    return {"id": r.pk, "school_year": r.school_year.label, "rating": r.rating, "rating_label": r.get_rating_display(),
            "note": r.note}


def _discipline(d: Discipline) -> dict:
    return {"id": d.pk, "form": d.form, "form_label": d.get_form_display(), "decision_number": d.decision_number,
            "decision_date": d.decision_date, "issuer": d.issuer, "effective_from": d.effective_from,
            "effective_to": d.effective_to, "reason": d.reason}


def _discipline_case(c: DisciplineCase) -> dict:
    return {"id": c.pk, "person_id": c.person_id, "unit_id": c.unit_id, "opened_on": c.opened_on, "reference": c.reference,
            "issuer": c.issuer, "reason": c.reason, "closed_on": c.closed_on, "outcome": c.outcome,
            "outcome_label": c.get_outcome_display() if c.outcome else "", "discipline_id": c.discipline_id,
            "closing_note": c.closing_note, "pending": c.is_open}


def _absence(a: Absence) -> dict:
    return {"id": a.pk, "kind": a.kind, "kind_label": a.get_kind_display(), "start_date": a.start_date,
            "end_date": a.end_date, "training_result_good": a.training_result_good, "note": a.note}


def _initiative(i: Initiative, links=None) -> dict:
    links = links if links is not None else i.author_links.select_related("person").order_by("-share", "id")
    return {"id": i.pk, "title": i.title, "kind": i.kind, "school_year": i.school_year.label, "scope": i.scope,
            "scope_label": i.get_scope_display(), "recognized": i.recognized, "recognizing_body": i.recognizing_body,
            "decision_number": i.decision_number, "decision_date": i.decision_date,
            "authors": [{"person_id": a.person_id, "full_name": a.person.full_name, "share": a.share} for a in links]}


def _award(a: AwardRecord) -> dict:
    return {"id": a.pk, "award_type": a.award_type.code, "award_type_name": a.award_type.name,
            "school_year": a.school_year.label if a.school_year is not None else None, "person_id": a.person_id,
            "unit_id": a.unit_id, "decision_number": a.decision_number, "decision_date": a.decision_date,
            "issuer": a.issuer, "thematic": a.thematic, "achievement": a.achievement, "revoked_on": a.revoked_on,
            "revocation_decision": a.revocation_decision, "revocation_reason": a.revocation_reason}


def _registration(r: Registration) -> dict:
    return {"id": r.pk, "award_type": r.award_type.code, "award_type_name": r.award_type.name,
            "school_year": r.school_year.label, "registered_on": r.registered_on, "targets": r.targets}


def _unit_rating(r: UnitRating) -> dict:
    return {"id": r.pk, "unit_id": r.unit_id, "school_year": r.school_year.label, "rating": r.rating,
            "rating_label": r.get_rating_display(), "note": r.note}


# --------------------------------------------------------------------------- lookups


def _year(start_year: int | None, field: str = "school_year") -> SchoolYear | None:
    if start_year is None:
        return None
    year = SchoolYear.objects.filter(start_year=start_year).first()
    if year is None:
        raise DomainValidationError({field: _("Chưa có năm học %(year)s trong hệ thống.") % {
            "year": f"{start_year}-{start_year + 1}"}})
    return year


def _award_type(code: str, field: str = "award_type") -> AwardTypeRow:
    award_type = award_types().filter(code=code).first()
    if award_type is None:
        raise DomainValidationError({field: _("Không có danh hiệu, hình thức mã «%(code)s» trong danh mục.") % {
            "code": code}})
    return award_type


def _person_for(request, person_id: int, perm: Perm) -> Person:
    person = get_object_or_404(Person, pk=person_id)
    require_person(request.user, perm, person)
    return person


def _unit_for(request, unit_id: int, perm: Perm, field: str = "unit_id") -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise DomainValidationError({field: _("Không có đơn vị mã %(id)s.") % {"id": unit_id}})
    require(request.user, perm, unit)
    return unit


# --------------------------------------------------------------------------- endpoints


@router.get("/people/{person_id}", response=PersonRecordOut, url_name="records_person_record",
            summary="Hồ sơ thành tích của một cá nhân qua các năm học")
def person_record(request, person_id: int):
    person = _person_for(request, person_id, Perm.VIEW_RECORDS)
    record = selectors.person_record(person)
    return {
        "person_id": person.pk, "full_name": person.full_name, "birth_date": person.birth_date,
        "years": [{
            "school_year": y.school_year.label, "start_year": y.school_year.start_year,
            "rating": _rating(y.rating) if y.rating else None,
            "awards": [_award(a) for a in y.awards],
            "initiatives": [_initiative(line.initiative, list(line.initiative.author_links.all()))
                            for line in y.initiatives],
            "registrations": [_registration(r) for r in y.registrations],
            "disciplines": [_discipline(d) for d in y.disciplines],
            "absences": [_absence(a) for a in y.absences],
        } for y in record.years],
        "other_awards": [_award(a) for a in record.other_awards],
        "discipline_cases": [_discipline_case(c) for c in record.discipline_cases],
    }


@router.post("/people/{person_id}/ratings", response={201: RatingOut}, url_name="records_rating_list",
             summary="Xếp loại cá nhân một năm học (ghi mới hoặc sửa)")
def rating_set(request, person_id: int, payload: RatingIn):
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    rating = services.person_rating_set(actor=request.user, person=person, school_year=_year(payload.school_year),
                                        rating=payload.rating, note=payload.note)
    return Status(201, _rating(rating))


@router.post("/people/{person_id}/disciplines", response={201: DisciplineOut}, url_name="records_discipline_list",
             summary="Ghi kỷ luật")
def discipline_add(request, person_id: int, payload: DisciplineIn):
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    obj = services.discipline_add(actor=request.user, person=person, **payload.dict())
    return Status(201, _discipline(obj))


@router.post("/people/{person_id}/discipline-cases", response={201: DisciplineCaseOut},
             url_name="records_discipline_case_list", summary="Ghi vụ việc đang xem xét xử lý kỷ luật")
def discipline_case_open(request, person_id: int, payload: DisciplineCaseIn):
    """Trong thời gian cơ quan có thẩm quyền đang xem xét thi hành kỷ luật thì chưa khen thưởng
    (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4): the eligibility engine reads the open case."""
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    obj = services.discipline_case_open(actor=request.user, person=person, **payload.dict())
    return Status(201, _discipline_case(obj))


@router.post("/units/{unit_id}/discipline-cases", response={201: DisciplineCaseOut},
             url_name="records_unit_discipline_case_list", summary="Ghi vụ việc tập thể đang xem xét xử lý kỷ luật")
def unit_discipline_case_open(request, unit_id: int, payload: DisciplineCaseIn):
    """Chưa khen thưởng tập thể trong thời gian cơ quan có thẩm quyền đang xem xét thi hành kỷ luật (Nghị định
    152/2025/NĐ-CP, Điều 4 khoản 4): every collective title and form reads the open case."""
    unit = _unit_for(request, unit_id, Perm.CHANGE_RECORDS)
    obj = services.discipline_case_open(actor=request.user, unit=unit, **payload.dict())
    return Status(201, _discipline_case(obj))


@router.post("/discipline-cases/{case_id}/close", response=DisciplineCaseOut,
             url_name="records_discipline_case_close", summary="Ghi kết thúc xem xét xử lý kỷ luật và kết quả")
def discipline_case_close(request, case_id: int, payload: DisciplineCaseCloseIn):
    case = get_object_or_404(DisciplineCase.objects.select_related("person", "unit"), pk=case_id)
    if case.person is not None:
        require_person(request.user, Perm.CHANGE_RECORDS, case.person)
    else:
        _unit_for(request, case.unit_id or 0, Perm.CHANGE_RECORDS)
    discipline = None
    if payload.discipline_id is not None:
        discipline = Discipline.objects.filter(pk=payload.discipline_id).first()
        if discipline is None:
            raise DomainValidationError({"discipline_id": _("Không có quyết định kỷ luật mã %(id)s.") % {
                "id": payload.discipline_id}})
    obj = services.discipline_case_close(actor=request.user, case=case, closed_on=payload.closed_on,
                                         outcome=payload.outcome, discipline=discipline,
                                         closing_note=payload.closing_note)
    return _discipline_case(obj)


@router.post("/people/{person_id}/absences", response={201: AbsenceOut}, url_name="records_absence_list",
             summary="Ghi thời gian nghỉ")
def absence_add(request, person_id: int, payload: AbsenceIn):
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    obj = services.absence_add(actor=request.user, person=person, **payload.dict())
    return Status(201, _absence(obj))


@router.post("/initiatives", response={201: InitiativeOut}, url_name="records_initiative_list",
             summary="Ghi sáng kiến, đề tài, giải pháp với các tác giả và tỷ lệ đóng góp")
def initiative_create(request, payload: InitiativeIn):
    if not payload.authors:
        raise DomainValidationError({"authors": _("Sáng kiến phải có ít nhất một tác giả.")})
    people = {p.pk: p for p in Person.objects.filter(pk__in=[a.person_id for a in payload.authors])}
    missing = [a.person_id for a in payload.authors if a.person_id not in people]
    if missing:
        raise DomainValidationError({"authors": _("Không có cá nhân mã %(ids)s.") % {
            "ids": ", ".join(map(str, missing))}})
    for person in people.values():
        require_person(request.user, Perm.CHANGE_RECORDS, person)
    unit = _unit_for(request, payload.unit_id, Perm.CHANGE_RECORDS) if payload.unit_id else None
    data = payload.dict(exclude={"authors", "school_year", "unit_id"})
    obj = services.initiative_create(actor=request.user, school_year=_year(payload.school_year), unit=unit,
                                     authors=[(people[a.person_id], a.share) for a in payload.authors], **data)
    return Status(201, _initiative(obj))


@router.post("/people/{person_id}/awards", response={201: AwardOut}, url_name="records_award_list",
             summary="Ghi danh hiệu, hình thức khen thưởng cá nhân đã nhận")
def award_add(request, person_id: int, payload: AwardIn):
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    unit = _unit_for(request, payload.unit_id, Perm.CHANGE_RECORDS) if payload.unit_id else None
    data = payload.dict(exclude={"award_type", "school_year", "unit_id"})
    obj = services.award_record_add(actor=request.user, person=person, unit=unit,
                                    award_type=_award_type(payload.award_type),
                                    school_year=_year(payload.school_year), **data)
    return Status(201, _award(obj))


@router.post("/units/{unit_id}/awards", response={201: AwardOut}, url_name="records_unit_award_list",
             summary="Ghi danh hiệu, hình thức khen thưởng tập thể đã nhận")
def unit_award_add(request, unit_id: int, payload: AwardIn):
    unit = _unit_for(request, unit_id, Perm.CHANGE_RECORDS)
    data = payload.dict(exclude={"award_type", "school_year", "unit_id"})
    obj = services.award_record_add(actor=request.user, unit=unit, award_type=_award_type(payload.award_type),
                                    school_year=_year(payload.school_year), **data)
    return Status(201, _award(obj))


@router.post("/awards/{record_id}/revoke", response=AwardOut, url_name="records_award_revoke",
             summary="Hủy bỏ khen thưởng đã ghi (giữ lại bản ghi, đánh dấu ngày và quyết định hủy bỏ)")
def award_revoke(request, record_id: int, payload: RevokeIn):
    record = get_object_or_404(AwardRecord.objects.select_related("award_type", "school_year"), pk=record_id)
    if record.person_id:
        require_person(request.user, Perm.CHANGE_RECORDS, record.person)
    else:
        require(request.user, Perm.CHANGE_RECORDS, record.unit)
    obj = services.award_record_revoke(actor=request.user, record=record, **payload.dict())
    return _award(obj)


@router.post("/people/{person_id}/registrations", response={201: RegistrationOut},
             url_name="records_registration_list", summary="Đăng ký thi đua của cá nhân")
def registration_add(request, person_id: int, payload: RegistrationIn):
    person = _person_for(request, person_id, Perm.CHANGE_RECORDS)
    obj = services.registration_add(actor=request.user, person=person, award_type=_award_type(payload.award_type),
                                    school_year=_year(payload.school_year), registered_on=payload.registered_on,
                                    targets=payload.targets)
    return Status(201, _registration(obj))


@router.post("/units/{unit_id}/ratings", response={201: UnitRatingOut}, url_name="records_unit_rating_list",
             summary="Xếp loại tập thể một năm học (ghi mới hoặc sửa)")
def unit_rating_set(request, unit_id: int, payload: RatingIn):
    unit = _unit_for(request, unit_id, Perm.CHANGE_RECORDS)
    obj = services.unit_rating_set(actor=request.user, unit=unit, school_year=_year(payload.school_year),
                                   rating=payload.rating, note=payload.note)
    return Status(201, _unit_rating(obj))


# --------------------------------------------------------------------------- Excel import


class ImportJobOut(Schema):
    id: int
    kind: str
    filename: str
    status: str
    status_label: str
    phase: str
    rows_done: int
    total_rows: int
    counts: dict | None
    can_commit: bool
    errors: list[dict]
    file_errors: list[str]
    summary: dict | None
    message: str


def _job_out(job) -> dict:
    from . import imports_jobs

    phase, done, total = imports_jobs.live_progress(job)
    result = job.result or {}
    return {"id": job.pk, "kind": job.kind, "filename": job.filename, "status": job.status,
            "status_label": job.get_status_display(), "phase": phase, "rows_done": done, "total_rows": total,
            "counts": result.get("counts"), "can_commit": bool(result.get("can_commit")),
            "errors": [{"row": r, "column": c, "message": m} for r, c, m in result.get("errors", [])],
            "file_errors": result.get("file_errors", []), "summary": job.summary, "message": job.message}


class ImportRefusedOut(ImportJobOut):
    """A refused file: ``detail`` names each row and column to fix (as every 422 does),
    and the job's own fields stay for a script that reads them."""

    detail: list[dict]


def _refusal(job) -> list[dict] | None:
    """The fields to fix when the file can never be committed as it is, else None."""
    out = _job_out(job)
    if job.status == job.Status.FAILED:
        messages = out["file_errors"] or [job.message or _("Không nhập được tệp này.")]
        return [{"field": "file", "message": m} for m in messages]
    if job.status == job.Status.CHECKED and out["errors"] and not out["can_commit"]:
        return [{"field": _("dòng %(row)s, cột «%(column)s»") % e if e["column"] else
                 _("dòng %(row)s") % e, "message": e["message"]} for e in out["errors"]]
    return None


def _job_answer(job):
    """202 while the job can go on (checking, checked, committing, done), 422 when the
    file is refused: the same answer from the upload and from the commit."""
    detail = _refusal(job)
    if detail:
        return Status(422, {**_job_out(job), "detail": detail})
    return Status(202, _job_out(job))


def _job_for(request, job_id: int):
    from .models import ImportJob

    return get_object_or_404(ImportJob.objects.defer("data"), pk=job_id, user=request.user)


@router.post("/imports/{kind}", response={202: ImportJobOut, 422: ImportRefusedOut}, url_name="records_import_list",
             summary="Tải lên tệp Excel để kiểm tra (khen-thuong, can-bo, xep-loai, sang-kien)")
def import_upload(request, kind: str, file: File[UploadedFile]):
    """Tạo một lần nhập: tệp nhỏ được kiểm tra ngay, tệp lớn được kiểm tra trong nền — hỏi lại
    ``GET /imports/jobs/{id}`` cho đến khi ``status`` là ``checked``; chưa ghi gì cho đến khi xác nhận."""
    from . import imports, imports_jobs

    spec = imports.get_spec(kind)
    if spec is None:
        raise DomainValidationError({"kind": _("Không có loại danh sách «%(kind)s». Các loại: khen-thuong, can-bo, "
                                               "xep-loai, sang-kien.") % {"kind": kind}})
    if not has_perm_anywhere(request.user, spec.perm):
        raise PermissionRefused(_("Bạn không có quyền nhập %(what)s.") % {"what": spec.title.lower()})
    size_bytes = file.size or 0  # an upload always has a size; None is only in the stubs
    if size_bytes > imports.MAX_UPLOAD_BYTES:
        size = f"{size_bytes / (1024 * 1024):.1f}"
        if translation.get_language() != "en":
            size = size.replace(".", ",", 1)  # Vietnamese decimal comma
        raise DomainValidationError({"file": _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB.") % {
            "size": size, "max": imports.MAX_UPLOAD_BYTES // (1024 * 1024)}})
    job = imports_jobs.job_create(user=request.user, spec=spec, data=file.read(), filename=file.name or "tep.xlsx")
    if job.status == job.Status.CHECKING:
        job = imports_jobs.run(job)
    return _job_answer(job)


@router.get("/imports/jobs/{job_id}", response=ImportJobOut, url_name="records_import_job",
            summary="Tình trạng, tiến độ và kết quả kiểm tra của một lần nhập")
def import_job(request, job_id: int):
    return _job_out(_job_for(request, job_id))


@router.post("/imports/jobs/{job_id}/commit", response={202: ImportJobOut, 422: ImportRefusedOut},
             url_name="records_import_job_commit",
             summary="Xác nhận nhập: kiểm tra lại và ghi tất cả các dòng, hoặc không ghi dòng nào")
def import_commit(request, job_id: int):
    from . import imports_jobs

    job = _job_for(request, job_id)
    if not imports_jobs.request_commit(job):
        if job.status != job.Status.DONE and not job.running:
            raise DomainValidationError({"job": _("Không có dòng nào để nhập từ tệp này (tệp còn lỗi hoặc mọi dòng "
                                                  "đã có). Hãy sửa tệp rồi tải lên lại.")})
        return Status(202, _job_out(job))
    job.refresh_from_db()
    if job.status == job.Status.COMMITTING:
        job = imports_jobs.run(job)
    return _job_answer(job)
