"""API at /api/awards for what the pages do before a decision: open a round (đợt khen
thưởng), make a proposal, add its lines, upload its dossier, review a line.

Each endpoint calls the same service the page calls; refusals come back as 422 with the
field named (tdkt.core.api_errors) or 403. Registered on the app's one router (a path
such as /proposals takes GET there and POST here), imported at the end of apis.py."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import SchoolYear, Unit

from . import selectors, services
from .apis import router
from .choices import LatePolicy, RoundKind
from .downloads import dossier_file_response
from .models import Achievement, ProposalItem, Round


class RoundIn(Schema):
    unit: int
    kind: str = RoundKind.ANNUAL
    name: str
    school_year: int  # năm bắt đầu: 2026 cho năm học 2026-2027
    deadline: dt.date
    late_policy: str = LatePolicy.MARK


class RoundOut(Schema):
    id: int
    unit: int
    unit_name: str
    kind: str
    kind_label: str
    name: str
    school_year: str
    deadline: dt.date


class ProposalIn(Schema):
    round: int
    unit: int
    to_unit: int | None = None
    title: str = ""


class ItemIn(Schema):
    award_type: str
    summary: str
    person: int | None = None
    unit: int | None = None
    achievement: int | None = None  # an achievement of the subject already recorded; none: the summary's
    achievement_key: str = ""  # deprecated: the same code on two lines of a subject is the same achievement
    justification: str = ""
    version: int | None = None


class ItemOut(Schema):
    id: int
    proposal: int
    subject: str
    award_type: str
    status: str
    summary: str
    achievement: int | None = None


class ReviewIn(Schema):
    accept: bool
    note: str = ""
    version: int | None = None


class DossierOut(Schema):
    id: int
    proposal: int
    doc_kind: str
    filename: str
    file_format: str
    size: int


def _round(r: Round) -> dict:
    return {"id": r.pk, "unit": r.unit_id, "unit_name": r.unit.name, "kind": r.kind, "kind_label": r.get_kind_display(),
            "name": r.name, "school_year": str(r.school_year), "deadline": r.deadline}


def _item(i: ProposalItem) -> dict:
    return {"id": i.pk, "proposal": i.proposal_id, "subject": i.subject_name, "award_type": i.award_type.code,
            "status": i.status, "summary": i.summary, "achievement": i.achievement_id}


def _get(model, pk: int, field: str, label: str, qs=None):
    obj = (qs if qs is not None else model.objects).filter(pk=pk).first()
    if obj is None:
        raise DomainValidationError(_("Không có %(what)s mã %(pk)s.") % {"what": label, "pk": pk}, field=field)
    return obj


def _school_year(start: int) -> SchoolYear:
    year = SchoolYear.objects.filter(start_year=start).first()
    if year is None:
        raise DomainValidationError(_("Chưa có năm học %(y)s-%(y2)s trong hệ thống.") % {"y": start, "y2": start + 1},
                                    field="school_year")
    return year


def _award_type(code: str):
    from tdkt.eligibility.selectors import NotFound, award_type_get

    try:
        return award_type_get(code)
    except NotFound as exc:
        raise DomainValidationError(str(exc), field="award_type") from exc


def _proposal(request, pk: int):
    from .models import Proposal

    p = get_object_or_404(Proposal.objects.select_related("unit", "to_unit", "round"), pk=pk)
    if not selectors.can_view_proposal(request.user, p):
        raise PermissionRefused(_("Bạn không có quyền với hồ sơ khen thưởng này."))
    return p


@router.get("/rounds", response=list[RoundOut], url_name="awards_round_list",
            summary="Đợt khen thưởng mình đề nghị vào được hoặc quản lý")
def round_list(request):
    return [_round(r) for r in selectors.rounds_open_to(request.user)[:500]]


@router.post("/rounds", response={201: RoundOut}, url_name="awards_round_list", summary="Mở đợt khen thưởng")
def round_create(request, payload: RoundIn):
    if payload.kind not in RoundKind.values:
        raise DomainValidationError(_("Loại đợt không hợp lệ. Các loại: %(kinds)s.") % {
            "kinds": ", ".join(RoundKind.values)}, field="kind")
    if payload.late_policy not in LatePolicy.values:
        raise DomainValidationError(_("Cách xử lý hồ sơ nộp muộn không hợp lệ. Các giá trị: %(v)s.") % {
            "v": ", ".join(LatePolicy.values)}, field="late_policy")
    r = services.round_create(actor=request.user, unit=_get(Unit, payload.unit, "unit", _("đơn vị")),
                              kind=payload.kind, name=payload.name, school_year=_school_year(payload.school_year),
                              deadline=payload.deadline, late_policy=payload.late_policy)
    return Status(201, _round(r))


@router.post("/proposals", response={201: dict}, url_name="awards_proposal_list",
             summary="Lập đề nghị khen thưởng trong một đợt")
def proposal_create(request, payload: ProposalIn):
    round_ = _get(Round, payload.round, "round", _("đợt khen thưởng"))
    to_unit = _get(Unit, payload.to_unit, "to_unit", _("đơn vị")) if payload.to_unit else None
    p = services.proposal_create(actor=request.user, round=round_, unit=_get(Unit, payload.unit, "unit", _("đơn vị")),
                                 to_unit=to_unit, title=payload.title)
    return Status(201, {"id": p.pk, "title": p.title, "unit": p.unit.name, "to_unit": p.to_unit.name,
                        "status": p.status, "version": p.version})


@router.post("/proposals/{pk}/items", response={201: ItemOut}, url_name="awards_item_add",
             summary="Thêm một dòng (cá nhân hoặc tập thể, danh hiệu, tóm tắt thành tích)")
def item_add(request, pk: int, payload: ItemIn):
    from tdkt.people.models import Person

    p = _proposal(request, pk)
    person = _get(Person, payload.person, "person", _("cá nhân")) if payload.person else None
    unit = _get(Unit, payload.unit, "unit", _("đơn vị")) if payload.unit else None
    achievement = (_get(Achievement, payload.achievement, "achievement", _("thành tích"))
                   if payload.achievement else None)
    item = services.item_add(actor=request.user, proposal=p, award_type=_award_type(payload.award_type),
                             summary=payload.summary, person=person, unit=unit, achievement=achievement,
                             achievement_key=payload.achievement_key, justification=payload.justification,
                             expected_version=payload.version)
    return Status(201, _item(item))


@router.post("/proposals/{pk}/dossier", response={201: DossierOut}, url_name="awards_dossier_upload",
             summary="Tải lên một tài liệu của hồ sơ (PDF, DOCX, XLSX)")
def dossier_upload(request, pk: int, file: File[UploadedFile], doc_kind: Form[str], item: Form[int | None] = None,
                   version: Form[int | None] = None):
    p = _proposal(request, pk)
    line = _get(ProposalItem, item, "item", _("dòng đề nghị"), qs=p.items) if item else None
    f = services.dossier_upload(actor=request.user, proposal=p, doc_kind=doc_kind, filename=file.name or "tep",
                                content=file.read(), item=line, expected_version=version)
    return Status(201, {"id": f.pk, "proposal": p.pk, "doc_kind": f.doc_kind, "filename": f.filename,
                        "file_format": f.file_format, "size": f.size})


@router.get("/proposals/{pk}/dossier/{file_pk}", url_name="awards_dossier_file",
            summary="Tải về một tài liệu của hồ sơ (đơn vị gửi, các cấp trên và đơn vị nhận)")
def dossier_file(request, pk: int, file_pk: int):
    p = _proposal(request, pk)
    return dossier_file_response(get_object_or_404(p.files.all(), pk=file_pk))


@router.post("/items/{pk}/review", response=ItemOut, url_name="awards_item_review",
             summary="Ý kiến thẩm định một dòng: chấp nhận, hoặc không chấp nhận kèm lý do")
def item_review(request, pk: int, payload: ReviewIn):
    item = get_object_or_404(ProposalItem.objects.select_related("proposal", "award_type"), pk=pk)
    _proposal(request, item.proposal_id)
    item = services.item_review(actor=request.user, item=item, accept=payload.accept, note=payload.note,
                                expected_version=payload.version)
    return _item(item)
