"""Writes of campaigns, registrations, submissions and clusters: keyword-only, one transaction,
one audit row; every check happens before the first write."""

from __future__ import annotations

import datetime as dt
import io
import secrets
import zipfile
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused, validate_period
from tdkt.core.vi.dates import format_date_vn
from tdkt.eligibility.choices import SubjectKind
from tdkt.org.models import Cluster, ClusterMember, SchoolYear, Unit
from tdkt.records import services as record_services
from tdkt.records.models import Registration

from . import workflow
from .choices import CampaignKind
from .models import (
    CalendarToken,
    Campaign,
    CampaignDocument,
    CampaignTarget,
    ClusterMeeting,
    ClusterRanking,
    Covenant,
    CovenantSignature,
    InnovationRegistration,
    LeaderChange,
    Milestone,
    RegistrationEntry,
    RegistrationSubmission,
    SubmissionEvent,
    TeacherGroup,
)
from .selectors import reaches

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


# --- launch documents ---------------------------------------------------------------------------


def check_document(upload) -> str:
    """Return "pdf" or "docx" judged by the content, or refuse with a Vietnamese message."""
    name = getattr(upload, "name", "tệp")
    size = upload.size
    if size > MAX_DOCUMENT_BYTES:
        raise DomainValidationError(
            {"document": f"Tệp «{name}» quá lớn ({size / 1024 / 1024:.1f} MB); dung lượng tối đa là 10 MB."})
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    raise DomainValidationError(
        {"document": f"Tệp «{name}» không phải văn bản PDF hoặc Word (.docx) hợp lệ. "
                     "Chỉ nhận tệp PDF hoặc DOCX, tối đa 10 MB."})


# --- campaigns ------------------------------------------------------------------------------


def parse_targets(text: str) -> list[dict]:
    """Lines "tên chỉ tiêu; giá trị; đơn vị tính"."""
    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 2 or not parts[0]:
            raise DomainValidationError({"targets": f"Dòng {n}: hãy ghi «tên chỉ tiêu; giá trị; đơn vị tính»."})
        try:
            value = Decimal(parts[1].replace(",", ".").replace("%", "").strip())
        except InvalidOperation:
            raise DomainValidationError({"targets": f"Dòng {n}: giá trị «{parts[1]}» không phải là số."}) from None
        rows.append({"name": parts[0], "target_value": value, "measure": parts[2] if len(parts) > 2 else ""})
    return rows


def parse_milestones(text: str) -> list[dict]:
    """Lines "tên mốc; dd/mm/yyyy; nhóm đơn vị áp dụng (school, education_authority...)"."""
    from tdkt.core.vi.dates import parse_date_vn
    from tdkt.org.choices import UnitCategory

    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 2 or not parts[0]:
            raise DomainValidationError({"milestones": f"Dòng {n}: hãy ghi «tên mốc; dd/mm/yyyy; áp dụng cho»."})
        try:
            due = parse_date_vn(parts[1])
        except ValueError as exc:
            raise DomainValidationError({"milestones": f"Dòng {n}: {exc}"}) from None
        cats = [c.strip() for c in parts[2].split(",") if c.strip()] if len(parts) > 2 else []
        bad = [c for c in cats if c not in UnitCategory.values]
        if bad:
            raise DomainValidationError({"milestones": f"Dòng {n}: nhóm đơn vị «{', '.join(bad)}» không có; "
                                                       f"dùng {', '.join(UnitCategory.values)}."})
        rows.append({"name": parts[0], "due_date": due, "categories": cats})
    return rows


@transaction.atomic
def campaign_create(*, actor, unit: Unit, name: str, kind: str = CampaignKind.THUONG_XUYEN,
                    school_year: SchoolYear | None = None, parent: Campaign | None = None,
                    period_start: dt.date | None = None, period_end: dt.date | None = None,
                    content: str = "", slogans: str = "", registration_deadline: dt.date | None = None,
                    refuse_late_registrations: bool = True, submission_deadline: dt.date | None = None,
                    targets: list[dict] | None = None, milestones: list[dict] | None = None,
                    documents: list | None = None) -> Campaign:
    if actor is not None:
        require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    name = (name or "").strip()
    if not name:
        raise DomainValidationError({"name": "Hãy nhập tên phong trào."})
    if kind not in CampaignKind.values:
        raise DomainValidationError({"kind": f"Loại phong trào «{kind}» không có."})
    if parent is not None and not reaches(parent, unit):
        raise DomainValidationError(
            {"parent": f"Phong trào «{parent}» của {parent.unit} không áp dụng cho đơn vị «{unit}»."})
    if school_year is None and parent is not None:
        school_year = parent.school_year
    if school_year is None and kind != CampaignKind.NAM_NAM and not (period_start and period_end):
        raise DomainValidationError({"school_year": "Hãy chọn năm học hoặc nhập thời gian thực hiện."})
    validate_period(period_start, period_end, start_field="period_start", end_field="period_end")
    kinds = [check_document(f) for f in (documents or [])]
    campaign = Campaign.objects.create(
        unit=unit, parent=parent, name=name, kind=kind, school_year=school_year, period_start=period_start,
        period_end=period_end, content=content, slogans=slogans, registration_deadline=registration_deadline,
        refuse_late_registrations=refuse_late_registrations, submission_deadline=submission_deadline,
        created_by=actor if getattr(actor, "pk", None) else None)
    for t in targets or []:
        CampaignTarget.objects.create(campaign=campaign, **t)
    for m in milestones or []:
        Milestone.objects.create(campaign=campaign, **m)
    for f, file_kind in zip(documents or [], kinds, strict=True):
        CampaignDocument.objects.create(campaign=campaign, file=f, original_name=f.name[:255], file_kind=file_kind,
                                        size=f.size, uploaded_by=campaign.created_by)
    audit_record(actor=actor, event_type="campaign.create", target=campaign, unit=unit,
                 after=snapshot(campaign), data={"targets": targets or [], "milestones": milestones or [],
                                                 "documents": [f.name for f in documents or []]})
    return campaign


# --- calendar token -------------------------------------------------------------------------


def calendar_token_get_or_create(*, user) -> str:
    tok = CalendarToken.objects.filter(user=user).first()
    if tok is None:
        tok = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    return tok.token


@transaction.atomic
def calendar_token_reset(*, actor) -> str:
    CalendarToken.objects.filter(user=actor).delete()
    tok = CalendarToken.objects.create(user=actor, token=secrets.token_urlsafe(32))
    audit_record(actor=actor, event_type="campaign.calendar_token_reset", target=tok)
    return tok.token


# --- registrations ----------------------------------------------------------------------------


def _person_unit(person, campaign: Campaign, on: dt.date) -> Unit | None:
    """The unit (reached by the campaign) where the person works on that day."""
    from django.db.models import Q

    from tdkt.people.models import Employment

    emp = (Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), person=person,
                                     start_date__lte=on, unit__path__startswith=campaign.unit.path)
           .select_related("unit").order_by("-start_date").first())
    return emp.unit if emp else None


def _check_deadline(campaign: Campaign, on: dt.date, field: str = "award_type") -> None:
    if campaign.registration_deadline and campaign.refuse_late_registrations and on > campaign.registration_deadline:
        raise DomainValidationError({field: (
            f"Đã quá hạn đăng ký thi đua của phong trào «{campaign.name}»: hạn chót là "
            f"{format_date_vn(campaign.registration_deadline)}.")})


def _require_register(actor, campaign: Campaign, *, person=None, unit: Unit | None = None, on: dt.date) -> Unit:
    """Who may register whom: a person for herself (REGISTER), the unit officer for anyone in the
    unit and for the unit (MANAGE_CAMPAIGNS)."""
    if person is not None:
        subject_unit = _person_unit(person, campaign, on)
        if subject_unit is None:
            raise DomainValidationError({"person": f"«{person}» không công tác tại đơn vị mà phong trào áp dụng."})
        own = getattr(person, "user_id", None) is not None and person.user_id == getattr(actor, "pk", None)
        if actor is not None and not (
            (own and can(actor, Perm.REGISTER, subject_unit)) or can(actor, Perm.MANAGE_CAMPAIGNS, subject_unit)):
            raise PermissionRefused("Bạn chỉ đăng ký được cho chính mình hoặc cho cá nhân thuộc đơn vị mình phụ trách.")
        return subject_unit
    if unit is None:
        raise DomainValidationError({"person": "Hãy chọn cá nhân hoặc tập thể đăng ký."})
    if actor is not None:
        require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    if not reaches(campaign, unit):
        raise DomainValidationError({"unit": f"Phong trào «{campaign.name}» không áp dụng cho đơn vị «{unit}»."})
    return unit


@transaction.atomic
def registration_register(*, actor, campaign: Campaign, award_type, person=None, unit: Unit | None = None,
                          targets: str = "", on: dt.date | None = None) -> Registration:
    on = on or timezone.localdate()
    subject_unit = _require_register(actor, campaign, person=person, unit=unit, on=on)
    if campaign.school_year is None:
        raise DomainValidationError({"award_type": "Phong trào này không gắn với năm học nên không nhận đăng ký danh hiệu."})
    wanted = SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE
    if award_type.subject != wanted:
        raise DomainValidationError({"award_type": f"«{award_type}» là danh hiệu dành cho "
                                                   f"{award_type.get_subject_display().lower()}."})
    _check_deadline(campaign, on)
    dup = Registration.objects.filter(award_type=award_type, school_year=campaign.school_year)
    dup = dup.filter(person=person) if person is not None else dup.filter(person__isnull=True, unit=unit)
    if dup.exists():
        raise DomainValidationError({"award_type": f"«{person or unit}» đã đăng ký «{award_type}» "
                                                   f"năm học {campaign.school_year}."})
    # The records service writes the registration and its one audit row; the campaign
    # link below is part of the same action, inside the same transaction.
    reg = record_services.registration_add(
        actor=actor, award_type=award_type, school_year=campaign.school_year, person=person,
        unit=subject_unit if person is None else None, registered_on=on, targets=targets)
    RegistrationEntry.objects.create(campaign=campaign, registration=reg, unit=subject_unit,
                                     registered_by=actor if getattr(actor, "pk", None) else None)
    return reg


INNOVATION_FIELDS = ["assigned_task", "field", "current_problem", "goal", "expected_results", "timeline", "steps",
                     "dissemination_scope"]
GROUP_FIELDS = ["shared_task", "issue", "situation", "strengths", "weaknesses", "approach", "expected_results",
                "timeline"]


def _require_texts(values: dict, names: list[str], model) -> None:
    missing = {n: f"Hãy nhập «{model._meta.get_field(n).verbose_name}»." for n in names
               if not str(values.get(n) or "").strip()}
    if missing:
        raise DomainValidationError(missing)


@transaction.atomic
def innovation_register(*, actor, campaign: Campaign, person, on: dt.date | None = None,
                        **fields) -> InnovationRegistration:
    """Mẫu 1."""
    on = on or timezone.localdate()
    unit = _require_register(actor, campaign, person=person, on=on)
    _require_texts(fields, INNOVATION_FIELDS, InnovationRegistration)
    _check_deadline(campaign, on, field="assigned_task")
    obj = InnovationRegistration.objects.create(
        campaign=campaign, unit=unit, person=person, created_by=actor if getattr(actor, "pk", None) else None,
        **{k: fields[k] for k in INNOVATION_FIELDS})
    audit_record(actor=actor, event_type="campaign.innovation_register", target=obj, unit=unit, after=snapshot(obj))
    return obj


@transaction.atomic
def teacher_group_register(*, actor, campaign: Campaign, unit: Unit, members: list, on: dt.date | None = None,
                           **fields) -> TeacherGroup:
    """Mẫu 2: the unit officer registers a group of its teachers."""
    on = on or timezone.localdate()
    _require_register(actor, campaign, unit=unit, on=on)
    _require_texts(fields, GROUP_FIELDS, TeacherGroup)
    if len(members) < 2:
        raise DomainValidationError({"members": "Nhóm nhà giáo cần ít nhất 2 thành viên."})
    homes = {p.pk: _person_unit(p, campaign, on) for p in members}
    outside = [str(p) for p in members if homes[p.pk] is None or not homes[p.pk].path.startswith(unit.path)]
    if outside:
        raise DomainValidationError({"members": f"Không thuộc đơn vị «{unit}»: {', '.join(outside)}."})
    _check_deadline(campaign, on, field="shared_task")
    obj = TeacherGroup.objects.create(campaign=campaign, unit=unit,
                                      created_by=actor if getattr(actor, "pk", None) else None,
                                      **{k: fields[k] for k in GROUP_FIELDS})
    obj.members.set(members)
    audit_record(actor=actor, event_type="campaign.teacher_group_register", target=obj, unit=unit,
                 after=snapshot(obj), data={"members": [p.pk for p in members]})
    return obj


# --- submissions ------------------------------------------------------------------------------


def _check_submitter(campaign: Campaign, unit: Unit) -> None:
    if not (unit.path.startswith(campaign.unit.path) and unit.depth == campaign.unit.depth + 1):
        raise DomainValidationError({"unit": f"«{unit}» không phải đơn vị trực thuộc «{campaign.unit}», "
                                             "nơi phát động phong trào."})


@transaction.atomic
def submission_get_or_create(*, actor, campaign: Campaign, unit: Unit) -> RegistrationSubmission:
    if actor is not None:
        require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    _check_submitter(campaign, unit)
    sub = RegistrationSubmission.objects.filter(campaign=campaign, unit=unit).first()
    if sub is None:
        sub = RegistrationSubmission.objects.create(campaign=campaign, unit=unit)
        SubmissionEvent.objects.create(submission=sub, action="create", from_status=sub.status, to_status=sub.status,
                                       actor=actor if getattr(actor, "pk", None) else None)
        audit_record(actor=actor, event_type="campaign.submission_create", target=sub, unit=unit, after=snapshot(sub))
    return sub


@transaction.atomic
def submission_transition(*, actor, submission: RegistrationSubmission, action: str, reason: str = "",
                          now: dt.datetime | None = None) -> RegistrationSubmission:
    sub = RegistrationSubmission.objects.select_for_update().select_related("campaign__unit", "unit").get(
        pk=submission.pk)
    perm, where = workflow.ACTION_PERMS.get(action, (None, None))
    if perm is None:
        raise DomainValidationError({"action": f"Thao tác «{action}» không có."})
    if actor is not None:
        require(actor, perm, sub.unit if where == "own" else sub.campaign.unit)
    target = workflow.next_status(action, sub.status)
    if target is None:
        raise DomainValidationError({"action": (
            f"Không thể «{workflow.ACTION_LABELS[action].lower()}» hồ sơ đang ở trạng thái "
            f"«{sub.get_status_display()}».")})
    reason = (reason or "").strip()
    if action == "return" and not reason:
        raise DomainValidationError({"reason": "Hãy ghi lý do trả lại hồ sơ."})
    now = now or timezone.now()
    before = snapshot(sub)
    late = False
    if action == "submit":
        from .selectors import unit_registrations

        if not unit_registrations(campaign=sub.campaign, unit=sub.unit):
            raise DomainValidationError({"action": "Hồ sơ chưa có đăng ký thi đua nào của đơn vị."})
        deadline = sub.campaign.submission_deadline
        late = bool(deadline and timezone.localtime(now).date() > deadline)
        sub.late = sub.late or late
        sub.submitted_at = now
        sub.return_reason = ""
    if action == "return":
        sub.return_reason = reason
    from_status = sub.status
    sub.status = target
    sub.save()
    SubmissionEvent.objects.create(submission=sub, action=action, from_status=from_status, to_status=target,
                                   actor=actor if getattr(actor, "pk", None) else None, reason=reason, late=late)
    audit_record(actor=actor, event_type=f"campaign.submission_{action}", target=sub, unit=sub.unit,
                 before=before, after=snapshot(sub), reason=reason)
    return sub


# --- clusters ---------------------------------------------------------------------------------


def can_run_cluster(user, cluster: Cluster) -> bool:
    """The organizing office, or the leading unit (its khối trưởng or its officers)."""
    from tdkt.accounts.access import active_memberships
    from tdkt.accounts.choices import Role

    if getattr(user, "is_superuser", False):
        return True
    if can(user, Perm.MANAGE_CAMPAIGNS, cluster.organizer):
        return True
    if cluster.leader_id is None:
        return False
    if any(m.role == Role.CLUSTER_LEADER and m.unit_id == cluster.leader_id for m in active_memberships(user)):
        return True
    return can(user, Perm.MANAGE_CAMPAIGNS, cluster.leader)


def _require_run(actor, cluster: Cluster) -> None:
    if actor is not None and not can_run_cluster(actor, cluster):
        raise PermissionRefused(f"Chỉ đơn vị tổ chức hoặc khối trưởng mới điều hành «{cluster.name}».")


def _member_ids(cluster: Cluster) -> set[int]:
    return set(cluster.memberships.values_list("unit_id", flat=True))


@transaction.atomic
def covenant_set(*, actor, cluster: Cluster, text: str) -> Covenant:
    _require_run(actor, cluster)
    text = (text or "").strip()
    if not text:
        raise DomainValidationError({"text": "Hãy nhập nội dung giao ước thi đua."})
    cov = Covenant.objects.filter(cluster=cluster).first()
    before = snapshot(cov) if cov else None
    if cov and cov.signatures.exists() and cov.text != text:
        raise DomainValidationError({"text": "Giao ước đã có đơn vị ký; không sửa được nội dung."})
    if cov is None:
        cov = Covenant.objects.create(cluster=cluster, text=text,
                                      created_by=actor if getattr(actor, "pk", None) else None)
    else:
        cov.text = text
        cov.save()
    audit_record(actor=actor, event_type="campaign.covenant_set", target=cov, unit=cluster.organizer,
                 before=before, after=snapshot(cov))
    return cov


@transaction.atomic
def covenant_sign(*, actor, cluster: Cluster, unit: Unit, works: str = "", topics: str = "") -> CovenantSignature:
    if actor is not None:
        require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    cov = Covenant.objects.filter(cluster=cluster).first()
    if cov is None:
        raise DomainValidationError({"unit": f"«{cluster.name}» chưa có nội dung giao ước thi đua."})
    if unit.pk not in _member_ids(cluster):
        raise DomainValidationError({"unit": f"«{unit}» không phải thành viên của «{cluster.name}»."})
    if cov.signatures.filter(unit=unit).exists():
        raise DomainValidationError({"unit": f"«{unit}» đã ký giao ước thi đua."})
    sig = CovenantSignature.objects.create(covenant=cov, unit=unit, works=works.strip(), topics=topics.strip(),
                                           signed_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, event_type="campaign.covenant_sign", target=cov, unit=unit,
                 data={"works": sig.works, "topics": sig.topics})
    return sig


def _refuse_non_members(cluster: Cluster, units, field: str, label: str) -> None:
    members = _member_ids(cluster)
    outside = [str(u) for u in units if u is not None and u.pk not in members]
    if outside:
        raise DomainValidationError({field: f"{label} phải là thành viên của «{cluster.name}»: "
                                            f"{', '.join(outside)} không phải."})


@transaction.atomic
def cluster_meeting_record(*, actor, cluster: Cluster, number: int, held_on: dt.date, place: str, agenda: str,
                           attendees: list[Unit] = (), required_documents: str = "",
                           send_deadline: dt.date | None = None, documents_sent_on: dt.date | None = None,
                           votes: dict | None = None, leading_unit: Unit | None = None,
                           commendations: list[str] | None = None,
                           next_leader: Unit | None = None) -> ClusterMeeting:
    """Record (or correct) meeting 1, 2 or 3. Meeting 3 carries the ranking by recorded votes
    ({unit: votes}), the leading unit, the list to commend and next year's leader."""
    _require_run(actor, cluster)
    year = cluster.school_year
    if number not in (1, 2, 3):
        raise DomainValidationError({"number": "Cụm/khối họp 3 lần: lần 1, 2 hoặc 3."})
    if not held_on:
        raise DomainValidationError({"held_on": "Hãy nhập ngày họp."})
    if held_on < year.start_date or held_on > year.end_date:
        raise DomainValidationError({"held_on": (
            f"Ngày họp {held_on:%d/%m/%Y} nằm ngoài năm học {year} "
            f"({year.start_date:%d/%m/%Y}–{year.end_date:%d/%m/%Y}) của «{cluster.name}».")})
    if not (place or "").strip() or not (agenda or "").strip():
        raise DomainValidationError({"place" if not (place or "").strip() else "agenda":
                                     "Hãy nhập địa điểm và nội dung hội nghị."})
    earlier = {m.number: m for m in cluster.meetings.all()}
    if number > 1 and (number - 1) not in earlier:
        raise DomainValidationError({"number": f"Chưa ghi nhận hội nghị lần {number - 1}."})
    if number > 1 and held_on < earlier[number - 1].held_on:
        raise DomainValidationError({"held_on": f"Hội nghị lần {number} phải sau lần {number - 1} "
                                                f"({earlier[number - 1].held_on:%d/%m/%Y})."})
    _refuse_non_members(cluster, attendees, "attendees", "Đơn vị dự họp")
    votes = votes or {}
    if number != 3 and (votes or leading_unit or next_leader or commendations):
        raise DomainValidationError({"number": "Xếp hạng, đơn vị dẫn đầu và khối trưởng năm sau chỉ ghi ở lần 3."})
    if number == 3:
        _refuse_non_members(cluster, list(votes), "votes", "Đơn vị được bình chọn")
        _refuse_non_members(cluster, [leading_unit], "leading_unit", "Đơn vị dẫn đầu")
        _refuse_non_members(cluster, [next_leader], "next_leader", "Khối trưởng năm sau")
        if leading_unit is None or next_leader is None:
            raise DomainValidationError({"leading_unit" if leading_unit is None else "next_leader":
                                         "Hội nghị lần 3 phải ghi đơn vị dẫn đầu và khối trưởng năm sau."})
        if any(int(v) < 0 for v in votes.values()):
            raise DomainValidationError({"votes": "Số phiếu không được âm."})
        if votes and max(votes.values()) != votes.get(leading_unit, -1):
            raise DomainValidationError({"leading_unit": f"«{leading_unit}» không có số phiếu cao nhất."})
    if send_deadline and documents_sent_on is not None and documents_sent_on < held_on:
        raise DomainValidationError({"documents_sent_on": "Ngày gửi hồ sơ không thể trước ngày họp."})
    next_year = next_cluster = None
    if number == 3:
        next_year = SchoolYear.objects.filter(start_year=year.start_year + 1).first()
        if next_year is None:
            from tdkt.org.services import school_year_get_or_create
            next_year = school_year_get_or_create(actor=actor, start_year=year.start_year + 1)
        next_cluster = Cluster.objects.filter(school_year=next_year, organizer=cluster.organizer,
                                              name=cluster.name).first()
        clash = ClusterMember.objects.filter(unit=next_leader, school_year=next_year, kind=cluster.kind)
        if next_cluster is not None:
            clash = clash.exclude(cluster=next_cluster)
        if clash.exists():
            raise DomainValidationError({"next_leader": f"«{next_leader}» đã thuộc một {cluster.get_kind_display().lower()} "
                                                        f"khác năm học {next_year}."})
    meeting = earlier.get(number)
    before = snapshot(meeting) if meeting else None
    if meeting is None:
        meeting = ClusterMeeting(cluster=cluster, number=number)
    meeting.held_on, meeting.place, meeting.agenda = held_on, place.strip(), agenda.strip()
    meeting.required_documents, meeting.send_deadline = required_documents, send_deadline
    meeting.documents_sent_on = documents_sent_on
    meeting.leading_unit, meeting.next_leader = leading_unit, next_leader
    meeting.commendations = [c.strip() for c in commendations or [] if c.strip()]
    meeting.recorded_by = actor if getattr(actor, "pk", None) else None
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.rankings.all().delete()
    ordered = sorted(votes.items(), key=lambda kv: (-int(kv[1]), kv[0].name))
    rank = 0
    last = None
    for i, (unit, v) in enumerate(ordered, start=1):
        if v != last:
            rank, last = i, v
        ClusterRanking.objects.create(meeting=meeting, unit=unit, votes=int(v), rank=rank)
    data = {"attendees": [u.pk for u in attendees], "votes": {u.pk: int(v) for u, v in votes.items()}}
    if number == 3:
        if next_cluster is None:
            next_cluster = Cluster.objects.create(school_year=next_year, organizer=cluster.organizer, kind=cluster.kind,
                                                  name=cluster.name, school_level=cluster.school_level)
        if not next_cluster.memberships.filter(unit=next_leader).exists():
            ClusterMember.objects.create(cluster=next_cluster, unit=next_leader, school_year=next_year,
                                         kind=next_cluster.kind)
        previous = next_cluster.leader
        if previous != next_leader:
            next_cluster.leader = next_leader
            next_cluster.save(update_fields=["leader"])
            LeaderChange.objects.create(cluster=next_cluster, previous_leader=previous, new_leader=next_leader,
                                        decided_at=meeting, actor=meeting.recorded_by)
        data["next_cluster"] = next_cluster.pk
    audit_record(actor=actor, event_type="campaign.cluster_meeting_record", target=meeting,
                 unit=cluster.organizer, before=before, after=snapshot(meeting), data=data)
    return meeting
