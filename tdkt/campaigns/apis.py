"""Campaigns API: list/launch campaigns, register, submit/accept/return a unit's registration
file, sign a cluster covenant, record a cluster meeting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import overload

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.eligibility.models import AwardType
from tdkt.org.models import Cluster, SchoolYear, Unit

from . import selectors, services
from .models import Campaign

router = Router()


class TargetIn(Schema):
    name: str
    target_value: Decimal
    measure: str = ""
    metric: str = ""  # a code of campaigns.measures.MEASURES, or "" when units report


class TargetCellOut(Schema):
    target_id: int
    name: str
    target_value: Decimal
    measure: str
    metric: str
    actual: Decimal | None
    met: bool | None
    how: str
    reported_on: dt.date | None
    note: str


class UnitProgressOut(Schema):
    unit_id: int
    unit: str
    targets: list[TargetCellOut]


class TargetReportIn(Schema):
    unit_id: int
    value: Decimal
    reported_on: dt.date | None = None
    note: str = ""


class MilestoneIn(Schema):
    name: str
    due_date: dt.date
    categories: list[str] = []


class CampaignIn(Schema):
    unit_id: int
    name: str
    kind: str = "thuong_xuyen"
    school_year: int | None = None  # start year, e.g. 2025 for 2025-2026
    parent_id: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    content: str = ""
    slogans: str = ""
    registration_deadline: dt.date | None = None
    refuse_late_registrations: bool = True
    submission_deadline: dt.date | None = None
    targets: list[TargetIn] = []
    milestones: list[MilestoneIn] = []


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    unit_id: int
    unit: str
    parent_id: int | None
    school_year: str | None
    registration_deadline: dt.date | None
    submission_deadline: dt.date | None


class RegisterIn(Schema):
    award_type: str  # code
    person_id: int | None = None
    unit_id: int | None = None
    targets: str = ""


class CampaignRegistrationOut(Schema):
    id: int
    award_type: str
    school_year: str
    person_id: int | None
    unit_id: int | None
    registered_on: dt.date


class ReasonIn(Schema):
    reason: str = ""


class SubmissionOut(Schema):
    id: int
    campaign_id: int
    unit_id: int
    status: str
    status_label: str
    late: bool
    return_reason: str


class SignIn(Schema):
    unit_id: int
    works: str = ""
    topics: str = ""


class VoteIn(Schema):
    unit_id: int
    votes: int


class ClusterMeetingIn(Schema):
    number: int
    held_on: dt.date
    place: str
    agenda: str
    attendee_ids: list[int] = []
    minutes: str = ""
    required_documents: str = ""
    send_deadline: dt.date | None = None
    documents_sent_on: dt.date | None = None
    votes: list[VoteIn] = []
    leading_unit_id: int | None = None
    commendations: list[str] = []
    next_leader_id: int | None = None


class ClusterMeetingOut(Schema):
    id: int
    cluster_id: int
    number: int
    held_on: dt.date
    leading_unit_id: int | None
    next_leader_id: int | None
    ranking: list[dict]


def _campaign_out(c: Campaign) -> dict:
    return {"id": c.pk, "name": c.name, "kind": c.kind, "unit_id": c.unit_id, "unit": c.unit.name,
            "parent_id": c.parent_id, "school_year": c.school_year.label if c.school_year else None,
            "registration_deadline": c.registration_deadline, "submission_deadline": c.submission_deadline}


def _campaign(request, pk: int) -> Campaign:
    c = selectors.campaign_get_visible(user=request.user, pk=pk)
    if c is None:
        raise PermissionRefused(_("Không tìm thấy phong trào hoặc bạn không có quyền xem phong trào này."))
    return c


@overload
def _unit(unit_id: int, field: str) -> Unit: ...
@overload
def _unit(unit_id: int | None, field: str) -> Unit | None: ...
def _unit(unit_id: int | None, field: str) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise DomainValidationError({field: _("Không có đơn vị mã %(id)s.") % {"id": unit_id}})
    return unit


def _submission_out(s) -> dict:
    return {"id": s.pk, "campaign_id": s.campaign_id, "unit_id": s.unit_id, "status": s.status,
            "status_label": s.get_status_display(), "late": s.late, "return_reason": s.return_reason}


@router.get("", response=list[CampaignOut], url_name="campaigns_campaign_list", summary="Phong trào thi đua")
def campaign_list(request):
    return [_campaign_out(c) for c in selectors.campaign_list_visible_to(user=request.user)[:500]]


@router.post("", response={201: CampaignOut}, url_name="campaigns_campaign_list", summary="Phát động phong trào")
def campaign_create(request, payload: CampaignIn):
    unit = _unit(payload.unit_id, "unit_id")
    year = None
    if payload.school_year is not None:
        year = SchoolYear.objects.filter(start_year=payload.school_year).first()
        if year is None:
            raise DomainValidationError({"school_year": _("Chưa có năm học %(start)s-%(end)s.") % {
                "start": payload.school_year, "end": payload.school_year + 1}})
    parent = _campaign(request, payload.parent_id) if payload.parent_id else None
    data = payload.dict(exclude={"unit_id", "school_year", "parent_id", "targets", "milestones"})
    campaign = services.campaign_create(
        actor=request.user, unit=unit, school_year=year, parent=parent,
        targets=[t.dict() for t in payload.targets], milestones=[m.dict() for m in payload.milestones], **data)
    return Status(201, _campaign_out(campaign))


@router.post("/{campaign_id}/registrations", response={201: CampaignRegistrationOut}, url_name="campaigns_register",
             summary="Đăng ký danh hiệu thi đua")
def register(request, campaign_id: int, payload: RegisterIn):
    from tdkt.people.models import Person

    campaign = _campaign(request, campaign_id)
    award_type = AwardType.objects.filter(code=payload.award_type).first()
    if award_type is None:
        raise DomainValidationError({"award_type": _("Không có danh hiệu mã «%(code)s».") % {
            "code": payload.award_type}})
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise DomainValidationError({"person_id": _("Không có cá nhân mã %(id)s.") % {"id": payload.person_id}})
    reg = services.registration_register(actor=request.user, campaign=campaign, award_type=award_type, person=person,
                                         unit=_unit(payload.unit_id, "unit_id"), targets=payload.targets)
    return Status(201, {"id": reg.pk, "award_type": award_type.code, "school_year": reg.school_year.label,
                        "person_id": reg.person_id, "unit_id": reg.unit_id, "registered_on": reg.registered_on})


@router.get("/{campaign_id}/progress", response=list[UnitProgressOut], url_name="campaigns_progress",
            summary="Tiến độ thực hiện chỉ tiêu theo đơn vị")
def progress(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    units = selectors.progress_units(user=request.user, campaign=campaign)
    return [{"unit_id": unit.pk, "unit": unit.name, "targets": [
        {"target_id": c.target.pk, "name": c.name, "target_value": c.target_value, "measure": c.measure,
         "metric": c.target.metric, "actual": c.actual, "met": c.met, "how": c.how, "reported_on": c.reported_on,
         "note": c.note} for c in cells]}
        for unit, cells in selectors.progress_table(campaign=campaign, units=units)]


@router.post("/{campaign_id}/targets/{target_id}/reports", response={201: dict}, url_name="campaigns_target_report",
             summary="Đơn vị báo cáo kết quả một chỉ tiêu")
def target_report(request, campaign_id: int, target_id: int, payload: TargetReportIn):
    campaign = _campaign(request, campaign_id)
    target = get_object_or_404(campaign.targets, pk=target_id)
    r = services.target_report(actor=request.user, target=target, unit=_unit(payload.unit_id, "unit_id"),
                               value=payload.value, reported_on=payload.reported_on, note=payload.note)
    return Status(201, {"id": r.pk, "target_id": target.pk, "unit_id": r.unit_id, "value": str(r.value),
                        "reported_on": r.reported_on.isoformat()})


class TargetChangeIn(TargetIn):
    reason: str = ""


class MilestoneChangeIn(MilestoneIn):
    start_date: dt.date | None = None
    reason: str = ""


class DeadlinesIn(Schema):
    registration_deadline: dt.date | None = None
    submission_deadline: dt.date | None = None
    reason: str = ""


class ReasonOnlyIn(Schema):
    reason: str = ""


def _target_out(t) -> dict:
    return {"id": t.pk, "name": t.name, "target_value": str(t.target_value), "measure": t.measure,
            "metric": t.metric}


def _milestone_out(m) -> dict:
    return {"id": m.pk, "name": m.name, "start_date": m.start_date, "due_date": m.due_date,
            "categories": m.categories}


def _managed_campaign(request, campaign_id: int) -> Campaign:
    from tdkt.accounts.access import require
    from tdkt.accounts.permissions import Perm

    campaign = _campaign(request, campaign_id)
    require(request.user, Perm.MANAGE_CAMPAIGNS, campaign.unit)
    return campaign


@router.post("/{campaign_id}/targets", response={201: dict}, url_name="campaigns_targets",
             summary="Thêm chỉ tiêu sau khi phát động")
def target_add(request, campaign_id: int, payload: TargetChangeIn):
    campaign = _managed_campaign(request, campaign_id)
    return Status(201, _target_out(services.target_add(actor=request.user, campaign=campaign, **payload.dict())))


@router.patch("/{campaign_id}/targets/{target_id}", response=dict, url_name="campaigns_target",
              summary="Điều chỉnh chỉ tiêu")
def target_change(request, campaign_id: int, target_id: int, payload: TargetChangeIn):
    campaign = _managed_campaign(request, campaign_id)
    target = get_object_or_404(campaign.targets, pk=target_id)
    return _target_out(services.target_change(actor=request.user, target=target, **payload.dict()))


@router.delete("/{campaign_id}/targets/{target_id}", response={204: None}, url_name="campaigns_target",
               summary="Bỏ chỉ tiêu (khi chưa đơn vị nào báo cáo theo chỉ tiêu)")
def target_remove(request, campaign_id: int, target_id: int, reason: str = ""):
    campaign = _managed_campaign(request, campaign_id)
    services.target_remove(actor=request.user, target=get_object_or_404(campaign.targets, pk=target_id),
                           reason=reason)
    return Status(204, None)


@router.post("/{campaign_id}/milestones", response={201: dict}, url_name="campaigns_milestones",
             summary="Thêm mốc thời gian")
def milestone_add(request, campaign_id: int, payload: MilestoneChangeIn):
    campaign = _managed_campaign(request, campaign_id)
    return Status(201, _milestone_out(services.milestone_add(actor=request.user, campaign=campaign,
                                                             **payload.dict())))


@router.patch("/{campaign_id}/milestones/{milestone_id}", response=dict, url_name="campaigns_milestone",
              summary="Điều chỉnh mốc thời gian (hạn mới hiện trên lịch, ICS của đơn vị cấp dưới)")
def milestone_change(request, campaign_id: int, milestone_id: int, payload: MilestoneChangeIn):
    campaign = _managed_campaign(request, campaign_id)
    ms = get_object_or_404(campaign.milestones, pk=milestone_id)
    return _milestone_out(services.milestone_change(actor=request.user, milestone=ms, **payload.dict()))


@router.delete("/{campaign_id}/milestones/{milestone_id}", response={204: None}, url_name="campaigns_milestone",
               summary="Bỏ mốc thời gian")
def milestone_remove(request, campaign_id: int, milestone_id: int, reason: str = ""):
    campaign = _managed_campaign(request, campaign_id)
    services.milestone_remove(actor=request.user, milestone=get_object_or_404(campaign.milestones, pk=milestone_id),
                              reason=reason)
    return Status(204, None)


@router.patch("/{campaign_id}/deadlines", response=CampaignOut, url_name="campaigns_deadlines",
              summary="Điều chỉnh hạn đăng ký, hạn nộp hồ sơ")
def deadlines_change(request, campaign_id: int, payload: DeadlinesIn):
    campaign = _managed_campaign(request, campaign_id)
    # PATCH: a deadline left out of the body stays as it is; null clears it.
    given = payload.dict(exclude_unset=True)
    services.campaign_deadlines_change(
        actor=request.user, campaign=campaign, reason=payload.reason,
        **{f: given.get(f, getattr(campaign, f)) for f in ("registration_deadline", "submission_deadline")})
    campaign.refresh_from_db()
    return _campaign_out(campaign)


@router.get("/{campaign_id}/changes", response=list[dict], url_name="campaigns_changes",
            summary="Lịch sử điều chỉnh chỉ tiêu, mốc, hạn")
def changes(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    return [{"at": c.at.isoformat(), "subject": c.subject, "before": c.before, "after": c.after, "reason": c.reason,
             "actor": str(c.actor) if c.actor else ""} for c in campaign.changes.select_related("actor")]


@router.post("/{campaign_id}/submissions/{unit_id}/submit", response=SubmissionOut,
             url_name="campaigns_submission_submit", summary="Đơn vị nộp hồ sơ đăng ký thi đua")
def submission_submit(request, campaign_id: int, unit_id: int):
    campaign = _campaign(request, campaign_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    with transaction.atomic():
        sub = services.submission_get_or_create(actor=request.user, campaign=campaign, unit=unit)
        sub = services.submission_transition(actor=request.user, submission=sub, action="submit")
    return _submission_out(sub)


def _review(request, campaign_id: int, unit_id: int, action: str, reason: str = ""):
    from .models import RegistrationSubmission

    campaign = _campaign(request, campaign_id)
    sub = get_object_or_404(RegistrationSubmission, campaign=campaign, unit_id=unit_id)
    return _submission_out(services.submission_transition(actor=request.user, submission=sub, action=action,
                                                          reason=reason))


@router.post("/{campaign_id}/submissions/{unit_id}/accept", response=SubmissionOut,
             url_name="campaigns_submission_accept", summary="Tiếp nhận hồ sơ đăng ký")
def submission_accept(request, campaign_id: int, unit_id: int):
    return _review(request, campaign_id, unit_id, "accept")


@router.post("/{campaign_id}/submissions/{unit_id}/return", response=SubmissionOut,
             url_name="campaigns_submission_return", summary="Trả lại hồ sơ đăng ký (có lý do)")
def submission_return(request, campaign_id: int, unit_id: int, payload: ReasonIn):
    return _review(request, campaign_id, unit_id, "return", payload.reason)


def _cluster(request, cluster_id: int) -> Cluster:
    c = selectors.cluster_get_visible(user=request.user, pk=cluster_id)
    if c is None:
        raise PermissionRefused(_("Không tìm thấy cụm/khối hoặc bạn không có quyền xem."))
    return c


class CovenantIn(Schema):
    text: str


@router.post("/clusters/{cluster_id}/covenant", response=dict, url_name="campaigns_covenant_set",
            summary="Nội dung giao ước thi đua của cụm/khối")
def covenant_set(request, cluster_id: int, payload: CovenantIn):
    cluster = _cluster(request, cluster_id)
    cov = services.covenant_set(actor=request.user, cluster=cluster, text=payload.text)
    return {"id": cov.pk, "cluster_id": cluster.pk, "text": cov.text}


@router.get("/clusters/{cluster_id}", response=dict, url_name="campaigns_cluster_detail",
            summary="Cụm/khối: thành viên, giao ước, hội nghị, chậm trễ")
def cluster_detail(request, cluster_id: int):
    from .models import ClusterMeeting

    cluster = _cluster(request, cluster_id)
    progress = selectors.cluster_progress(cluster)
    covenant = getattr(cluster, "covenant", None)
    signatures = {s.unit_id: s for s in covenant.signatures.all()} if covenant else {}
    members = cluster.memberships.select_related("unit").order_by("unit__name")
    meetings = (ClusterMeeting.objects.filter(cluster=cluster).prefetch_related("attendees", "rankings")
                .order_by("number"))
    docs = {c["number"]: c["documents"] for c in progress["cells"]}
    return {
        "id": cluster.pk, "name": cluster.name, "school_year": cluster.school_year.label,
        "leader_id": cluster.leader_id, "covenant": covenant.text if covenant else None,
        "members": [{"unit_id": m.unit_id, "unit": m.unit.name, "signed": m.unit_id in signatures,
                     "works": signatures[m.unit_id].works if m.unit_id in signatures else "",
                     "topics": signatures[m.unit_id].topics if m.unit_id in signatures else ""} for m in members],
        "meetings": [{"number": m.number, "held_on": m.held_on, "place": m.place, "agenda": m.agenda,
                      "minutes": m.minutes, "attendee_ids": sorted(u.pk for u in m.attendees.all()),
                      "required_documents": m.required_documents, "send_deadline": m.send_deadline,
                      "documents_sent_on": m.documents_sent_on,
                      "documents_state": (docs.get(m.number) or {}).get("state"),
                      "leading_unit_id": m.leading_unit_id, "next_leader_id": m.next_leader_id,
                      "commendations": m.commendations,
                      "ranking": [{"unit_id": r.unit_id, "votes": r.votes, "rank": r.rank} for r in m.rankings.all()]}
                     for m in meetings],
        "late": progress["late"],
        "rotation": [{"school_year": c.cluster.school_year.label, "previous_leader_id": c.previous_leader_id,
                      "new_leader_id": c.new_leader_id} for c in selectors.rotation_history(cluster)],
    }


@router.post("/clusters/{cluster_id}/covenant/signatures", response={201: dict}, url_name="campaigns_covenant_sign",
             summary="Đơn vị ký giao ước thi đua")
def covenant_sign(request, cluster_id: int, payload: SignIn):
    cluster = _cluster(request, cluster_id)
    sig = services.covenant_sign(actor=request.user, cluster=cluster, unit=_unit(payload.unit_id, "unit_id"),
                                 works=payload.works, topics=payload.topics)
    return Status(201, {"id": sig.pk, "unit_id": sig.unit_id, "signed_at": sig.signed_at.isoformat()})


@router.post("/clusters/{cluster_id}/meetings", response=ClusterMeetingOut, url_name="campaigns_meeting_record",
             summary="Ghi nhận hội nghị cụm/khối (lần 1, 2, 3)")
def meeting_record(request, cluster_id: int, payload: ClusterMeetingIn):
    cluster = _cluster(request, cluster_id)
    votes = {_unit(v.unit_id, "votes"): v.votes for v in payload.votes}
    m = services.cluster_meeting_record(
        actor=request.user, cluster=cluster, number=payload.number, held_on=payload.held_on, place=payload.place,
        agenda=payload.agenda, attendees=[_unit(i, "attendee_ids") for i in payload.attendee_ids],
        minutes=payload.minutes,
        required_documents=payload.required_documents, send_deadline=payload.send_deadline,
        documents_sent_on=payload.documents_sent_on, votes=votes,
        leading_unit=_unit(payload.leading_unit_id, "leading_unit_id"), commendations=payload.commendations,
        next_leader=_unit(payload.next_leader_id, "next_leader_id"))
    return {"id": m.pk, "cluster_id": cluster.pk, "number": m.number, "held_on": m.held_on,
            "leading_unit_id": m.leading_unit_id, "next_leader_id": m.next_leader_id,
            "ranking": [{"unit_id": r.unit_id, "votes": r.votes, "rank": r.rank} for r in m.rankings.all()]}
