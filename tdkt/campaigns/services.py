"""Writes of campaigns, registrations, submissions and clusters: keyword-only, one transaction,
one audit row; every check happens before the first write."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.actors import is_system
from tdkt.core.exceptions import DomainValidationError, PermissionRefused, validate_period
from tdkt.core.i18n import in_vietnamese
from tdkt.core.uploads import check_upload
from tdkt.core.vi.dates import format_date_short, format_date_vn
from tdkt.eligibility.choices import SubjectKind
from tdkt.org.models import Cluster, ClusterMember, SchoolYear, Unit
from tdkt.records import services as record_services
from tdkt.records.models import Registration

from . import notices, workflow
from .choices import CampaignKind
from .models import (
    CalendarToken,
    Campaign,
    CampaignChange,
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
    TargetReport,
    TeacherGroup,
)
from .selectors import reaches

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


# --- launch documents ---------------------------------------------------------------------------


def check_document(upload) -> str:
    """Return "pdf" or "docx" judged by the content (tdkt.core.uploads), or refuse on «document»."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return check_upload(data, filename=getattr(upload, "name", "") or "", field="document",
                        label=_("Văn bản phát động"), allowed=("pdf", "docx"), max_bytes=MAX_DOCUMENT_BYTES)


# --- campaigns ------------------------------------------------------------------------------


class Refusals:
    """The refusals of several checks gathered, so that a form shows all of them after one submit
    instead of one per submit; ``raise_any()`` raises them as one DomainValidationError."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message) -> None:
        self.by_field.setdefault(field, []).append(str(message))

    def check(self, fn, *args, **kwargs):
        """Run one check; a refusal is kept and None returned."""
        try:
            return fn(*args, **kwargs)
        except DomainValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add(field, message)
            return None

    def raise_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


def parse_targets(text: str) -> list[dict]:
    """Lines "tên chỉ tiêu; giá trị; đơn vị tính"; every wrong line is named at once."""
    rows, refusals = [], Refusals()
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 2 or not parts[0]:
            refusals.add("targets", _("Dòng %(n)s: hãy ghi «tên chỉ tiêu; giá trị; đơn vị tính».") % {"n": n})
            continue
        try:
            value = Decimal(parts[1].replace(",", ".").replace("%", "").strip())
        except InvalidOperation:
            refusals.add("targets", _("Dòng %(n)s: giá trị «%(value)s» không phải là số.") % {
                "n": n, "value": parts[1]})
            continue
        rows.append({"name": parts[0], "target_value": value, "measure": parts[2] if len(parts) > 2 else ""})
    refusals.raise_any()
    return rows


def unit_category_names() -> str:
    """The unit groups a milestone may apply to, as the user writes them: "cơ sở giáo dục, …"."""
    from tdkt.org.choices import UnitCategory

    return ", ".join(str(label).lower() for label in UnitCategory.labels)


def _unit_category(word: str) -> str | None:
    """A unit group written by its name ("Cơ sở giáo dục", accents optional) or its code ("school")."""
    from tdkt.core.vi.text import fold
    from tdkt.org.choices import UnitCategory

    if word in UnitCategory.values:
        return word
    by_name = {fold(str(label)).lower(): value for value, label in UnitCategory.choices}
    return by_name.get(fold(word).lower())


def parse_milestones(text: str) -> list[dict]:
    """Lines "tên mốc; dd/mm/yyyy; áp dụng cho (cơ sở giáo dục, cơ quan quản lý giáo dục…)";
    every wrong line is named at once."""
    from tdkt.core.vi.dates import parse_date_vn

    rows, refusals = [], Refusals()
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 2 or not parts[0]:
            refusals.add("milestones", _("Dòng %(n)s: hãy ghi «tên mốc; dd/mm/yyyy; áp dụng cho».") % {"n": n})
            continue
        try:
            due = parse_date_vn(parts[1])
        except ValueError as exc:
            refusals.add("milestones", _("Dòng %(n)s: %(error)s") % {"n": n, "error": exc})
            continue
        words = [c.strip() for c in parts[2].split(",") if c.strip()] if len(parts) > 2 else []
        cats = [_unit_category(c) for c in words]
        bad = [w for w, c in zip(words, cats, strict=True) if c is None]
        if bad:
            refusals.add("milestones", _("Dòng %(n)s: nhóm đơn vị «%(bad)s» không có; dùng %(known)s.") % {
                "n": n, "bad": ", ".join(bad), "known": unit_category_names()})
            continue
        rows.append({"name": parts[0], "due_date": due, "categories": cats})
    refusals.raise_any()
    return rows


def campaign_check(*, unit: Unit | None, name: str, kind: str | None = CampaignKind.THUONG_XUYEN,
                   school_year: SchoolYear | None = None, parent: Campaign | None = None,
                   period_start: dt.date | None = None, period_end: dt.date | None = None,
                   targets: list[dict] | None = None, milestones: list[dict] | None = None,
                   documents: list | None = None, **_ignored) -> list[str]:
    """Every refusal of :func:`campaign_create` at once, without writing (a page checks a form
    with wrong fields this way too: ``unit`` or ``kind`` may then be unknown, None). Returns the
    kinds of the documents ("pdf", "docx")."""
    refusals = Refusals()
    if not (name or "").strip():
        refusals.add("name", _("Hãy nhập tên phong trào."))
    if kind is not None and kind not in CampaignKind.values:
        refusals.add("kind", _("Loại phong trào «%(kind)s» không có.") % {"kind": kind})
    if parent is not None and unit is not None and not reaches(parent, unit):
        refusals.add("parent", _("%(parent)s của %(parent_unit)s không áp dụng cho đơn vị «%(unit)s».") % {
            "parent": parent.phrase, "parent_unit": parent.unit, "unit": unit})
    if school_year is None and parent is not None:
        school_year = parent.school_year
    if kind is not None and school_year is None and kind != CampaignKind.NAM_NAM and not (period_start and period_end):
        refusals.add("school_year", _("Hãy chọn năm học hoặc nhập thời gian thực hiện."))
    refusals.check(validate_period, period_start, period_end, start_field="period_start", end_field="period_end")
    kinds = [refusals.check(check_document, f) for f in (documents or [])]
    start = period_start or (school_year.start_date if school_year else None)
    for n, t in enumerate(targets or [], start=1):
        refusals.check(_check_target, t.get("name", ""), t.get("target_value"), t.get("metric", ""),
                       field="targets", row=_("Chỉ tiêu %(n)s: ") % {"n": n})
    for n, m in enumerate(milestones or [], start=1):
        refusals.check(_check_milestone_dates, start, m.get("start_date"), m["due_date"], field="milestones",
                       row=_("Mốc %(n)s: ") % {"n": n})
    refusals.raise_any()
    return kinds


@transaction.atomic
def campaign_create(*, actor, unit: Unit, name: str, kind: str = CampaignKind.THUONG_XUYEN,
                    school_year: SchoolYear | None = None, parent: Campaign | None = None,
                    period_start: dt.date | None = None, period_end: dt.date | None = None,
                    content: str = "", slogans: str = "", registration_deadline: dt.date | None = None,
                    refuse_late_registrations: bool = True, submission_deadline: dt.date | None = None,
                    targets: list[dict] | None = None, milestones: list[dict] | None = None,
                    documents: list | None = None) -> Campaign:
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    kinds = campaign_check(unit=unit, name=name, kind=kind, school_year=school_year, parent=parent,
                           period_start=period_start, period_end=period_end, targets=targets,
                           milestones=milestones, documents=documents)
    name = name.strip()
    if school_year is None and parent is not None:
        school_year = parent.school_year
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


# --- adjusting targets, milestones and deadlines after the launch -------------------------------


def _check_target(name: str, value, metric: str, *, field: str = "name", row: str = "") -> None:
    from .measures import MEASURES

    if not (name or "").strip():
        raise DomainValidationError({field: row + _("Hãy nhập tên chỉ tiêu.")})
    if value is None:
        raise DomainValidationError({field if row else "target_value": row + _("Hãy nhập giá trị chỉ tiêu.")})
    if Decimal(value) < 0:
        raise DomainValidationError({field if row else "target_value": row + _("Giá trị chỉ tiêu không được âm.")})
    if metric and metric not in MEASURES:
        raise DomainValidationError({field if row else "metric": row + _("Cách tính «%(metric)s» không có.") % {
            "metric": metric}})


def campaign_start(campaign: Campaign) -> dt.date | None:
    return campaign.period_start or (campaign.school_year.start_date if campaign.school_year is not None else None)


def _check_milestone_dates(start: dt.date | None, ms_start: dt.date | None, due: dt.date | None, *,
                           field: str = "due_date", row: str = "") -> None:
    if due is None:
        raise DomainValidationError({field: row + _("Hãy nhập hạn của mốc.")})
    if start and due < start:
        raise DomainValidationError({field: row + _(
            "Hạn %(due)s trước ngày bắt đầu phong trào (%(start)s); hãy chọn hạn từ ngày bắt đầu trở đi.") % {
            "due": format_date_short(due), "start": format_date_short(start)}})
    if ms_start and ms_start > due:
        raise DomainValidationError({field if row else "start_date": row + _(
            "Ngày bắt đầu mốc (%(start)s) phải trước hoặc bằng hạn (%(due)s).") % {
            "start": format_date_short(ms_start), "due": format_date_short(due)}})


def _require_adjust(actor, campaign: Campaign) -> None:
    require(actor, Perm.MANAGE_CAMPAIGNS, campaign.unit)


@in_vietnamese  # kept in the campaign's change history as written
def target_text(t: CampaignTarget | None) -> str:
    from .measures import MEASURES

    if t is None:
        return ""
    how = f" (hệ thống tính: {MEASURES[t.metric].label.lower()})" if t.metric in MEASURES else ""
    return f"{t}{how}"


def _category_text(categories) -> str:
    from .templatetags.campaigns_vi import nhom_don_vi

    return nhom_don_vi(categories)


@in_vietnamese  # kept in the campaign's change history as written
def milestone_text(m: Milestone | None) -> str:
    if m is None:
        return ""
    start = f"từ {format_date_short(m.start_date)} " if m.start_date else ""
    return f"{m.name}: {start}hạn {format_date_short(m.due_date)} (áp dụng cho {_category_text(m.categories)})"


def _change(*, actor, campaign: Campaign, event: str, subject: str, before: str, after: str, reason: str,
            target, before_snap=None, after_snap=None) -> CampaignChange:
    """The campaign's visible change history row and the one audit row of the change."""
    change = CampaignChange.objects.create(campaign=campaign, subject=subject, before=before[:500],
                                           after=after[:500], reason=(reason or "").strip(),
                                           actor=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, event_type=f"campaign.{event}", target=target, unit=campaign.unit,
                 before=before_snap, after=after_snap, reason=change.reason,
                 data={"campaign": campaign.pk, "before": before, "after": after})
    return change


@transaction.atomic
def target_add(*, actor, campaign: Campaign, name: str, target_value, measure: str = "", metric: str = "",
               reason: str = "") -> CampaignTarget:
    _require_adjust(actor, campaign)
    _check_target(name, target_value, metric)
    t = CampaignTarget.objects.create(campaign=campaign, name=name.strip(), target_value=Decimal(target_value),
                                      measure=(measure or "").strip(), metric=metric or "")
    _change(actor=actor, campaign=campaign, event="target_add", subject=f"Thêm chỉ tiêu «{t.name}»",
            before="", after=target_text(t), reason=reason, target=t, after_snap=snapshot(t))
    return t


@transaction.atomic
def target_change(*, actor, target: CampaignTarget, name: str, target_value, measure: str = "",
                  metric: str = "", reason: str = "") -> CampaignTarget:
    t = CampaignTarget.objects.select_for_update(of=("self",)).select_related("campaign__unit").get(pk=target.pk)
    _require_adjust(actor, t.campaign)
    _check_target(name, target_value, metric)
    if metric and metric != t.metric and t.reports.exists():
        # The units' reported figures would silently stop counting.
        raise DomainValidationError({"metric": _(
            "Các đơn vị đã báo cáo kết quả chỉ tiêu «%(name)s»; không chuyển sang cách tính tự động được. "
            "Hãy thêm chỉ tiêu mới với cách tính tự động.") % {"name": t.name}})
    before_text, before = target_text(t), snapshot(t)
    t.name, t.target_value = name.strip(), Decimal(target_value)
    t.measure, t.metric = (measure or "").strip(), metric or ""
    after_text = target_text(t)
    if after_text == before_text:
        raise DomainValidationError({"name": _("Chỉ tiêu không có gì thay đổi.")})
    t.save()
    _change(actor=actor, campaign=t.campaign, event="target_change", subject=f"Điều chỉnh chỉ tiêu «{t.name}»",
            before=before_text, after=after_text, reason=reason, target=t, before_snap=before,
            after_snap=snapshot(t))
    return t


@transaction.atomic
def target_remove(*, actor, target: CampaignTarget, reason: str = "") -> None:
    t = CampaignTarget.objects.select_for_update(of=("self",)).select_related("campaign__unit").get(pk=target.pk)
    _require_adjust(actor, t.campaign)
    reported = t.reports.values("unit").distinct().count()
    if reported:
        # The units' reports are their record of the year; removing the target would drop them.
        raise DomainValidationError({"target": _(
            "Không bỏ được chỉ tiêu «%(name)s»: %(count)s đơn vị đã báo cáo kết quả theo chỉ tiêu này. "
            "Có thể điều chỉnh giá trị hoặc tên chỉ tiêu thay vì bỏ.") % {"name": t.name, "count": reported}})
    before_text, before, campaign = target_text(t), snapshot(t), t.campaign
    _change(actor=actor, campaign=campaign, event="target_remove", subject=f"Bỏ chỉ tiêu «{t.name}»",
            before=before_text, after="", reason=reason, target=t, before_snap=before)
    t.delete()


@transaction.atomic
def milestone_add(*, actor, campaign: Campaign, name: str, due_date: dt.date, start_date: dt.date | None = None,
                  categories=(), reason: str = "") -> Milestone:
    _require_adjust(actor, campaign)
    if not (name or "").strip():
        raise DomainValidationError({"name": _("Hãy nhập tên mốc.")})
    _check_milestone_dates(campaign_start(campaign), start_date, due_date)
    m = Milestone.objects.create(campaign=campaign, name=name.strip(), due_date=due_date, start_date=start_date,
                                 categories=list(categories or []))
    _change(actor=actor, campaign=campaign, event="milestone_add", subject=f"Thêm mốc «{m.name}»", before="",
            after=milestone_text(m), reason=reason, target=m, after_snap=snapshot(m))
    return m


@transaction.atomic
def milestone_change(*, actor, milestone: Milestone, name: str, due_date: dt.date,
                     start_date: dt.date | None = None, categories=(), reason: str = "") -> Milestone:
    m = Milestone.objects.select_for_update(of=("self",)).select_related("campaign__unit", "campaign__school_year").get(
        pk=milestone.pk)
    _require_adjust(actor, m.campaign)
    if not (name or "").strip():
        raise DomainValidationError({"name": _("Hãy nhập tên mốc.")})
    _check_milestone_dates(campaign_start(m.campaign), start_date, due_date)
    before_text, before = milestone_text(m), snapshot(m)
    m.name, m.due_date, m.start_date, m.categories = name.strip(), due_date, start_date, list(categories or [])
    after_text = milestone_text(m)
    if after_text == before_text:
        raise DomainValidationError({"due_date": _("Mốc không có gì thay đổi.")})
    m.save()
    _change(actor=actor, campaign=m.campaign, event="milestone_change", subject=f"Điều chỉnh mốc «{m.name}»",
            before=before_text, after=after_text, reason=reason, target=m, before_snap=before,
            after_snap=snapshot(m))
    return m


@transaction.atomic
def milestone_remove(*, actor, milestone: Milestone, reason: str = "") -> None:
    m = Milestone.objects.select_for_update(of=("self",)).select_related("campaign__unit").get(pk=milestone.pk)
    _require_adjust(actor, m.campaign)
    _change(actor=actor, campaign=m.campaign, event="milestone_remove", subject=f"Bỏ mốc «{m.name}»",
            before=milestone_text(m), after="", reason=reason, target=m, before_snap=snapshot(m))
    m.delete()


# Plain Vietnamese: the change history keeps them as written; refusals translate them.
DEADLINE_LABELS = {"registration_deadline": gettext_noop("Hạn đăng ký thi đua"),
                   "submission_deadline": gettext_noop("Hạn nộp hồ sơ đăng ký của đơn vị")}


@transaction.atomic
def campaign_deadlines_change(*, actor, campaign: Campaign, registration_deadline: dt.date | None,
                              submission_deadline: dt.date | None, reason: str = "") -> list[CampaignChange]:
    """Move the registration or submission deadline: one history row and one audit row per
    deadline that moved. Submissions already marked late keep their mark (it was late then)."""
    c = Campaign.objects.select_for_update(of=("self",)).select_related("unit", "school_year").get(pk=campaign.pk)
    _require_adjust(actor, c)
    new = {"registration_deadline": registration_deadline, "submission_deadline": submission_deadline}
    start = campaign_start(c)
    for field, day in new.items():
        if day and start and day < start:
            raise DomainValidationError({field: _("%(deadline)s %(day)s trước ngày bắt đầu phong trào (%(start)s).") % {
                "deadline": _(DEADLINE_LABELS[field]), "day": format_date_short(day),
                "start": format_date_short(start)}})
    moved = [f for f, day in new.items() if getattr(c, f) != day]
    if not moved:
        raise DomainValidationError({"registration_deadline": _("Các hạn không có gì thay đổi.")})
    changes = []
    for field in moved:
        old, day = getattr(c, field), new[field]
        before = snapshot(c)
        setattr(c, field, new[field])
        c.save(update_fields=[field])
        changes.append(_change(
            actor=actor, campaign=c, event="deadline_change", subject=f"Điều chỉnh {DEADLINE_LABELS[field].lower()}",
            before=format_date_short(old) if old else "không có hạn",
            after=format_date_short(day) if day else "không có hạn", reason=reason, target=c,
            before_snap=before, after_snap=snapshot(c)))
    return changes


@transaction.atomic
def target_report(*, actor, target: CampaignTarget, unit: Unit, value, reported_on: dt.date | None = None,
                  note: str = "") -> TargetReport:
    """A unit reports its actual value for a target the system does not compute."""
    from .measures import MEASURES

    t = CampaignTarget.objects.select_related("campaign__unit").get(pk=target.pk)
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    if not reaches(t.campaign, unit):
        raise DomainValidationError({"unit": _("%(campaign)s không áp dụng cho đơn vị «%(unit)s».") % {
            "campaign": t.campaign.phrase, "unit": unit}})
    if t.metric in MEASURES:
        raise DomainValidationError({"target": _(
            "Kết quả chỉ tiêu «%(name)s» do hệ thống tính (%(how)s); đơn vị không cần báo cáo.") % {
            "name": t.name, "how": _(MEASURES[t.metric].how)}})
    if value is None:
        raise DomainValidationError({"value": _("Hãy nhập kết quả đạt được.")})
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        raise DomainValidationError({"value": _("Kết quả «%(value)s» không phải là số.") % {"value": value}}) from None
    if value < 0:
        raise DomainValidationError({"value": _("Kết quả không được âm.")})
    today = timezone.localdate()
    reported_on = reported_on or today
    if reported_on > today:
        raise DomainValidationError({"reported_on": _(
            "Ngày %(day)s chưa đến; kết quả tính đến hôm nay hoặc trước đó.") % {"day": format_date_short(reported_on)}})
    r = TargetReport.objects.create(target=t, unit=unit, value=value, reported_on=reported_on,
                                    note=(note or "").strip()[:500],
                                    reported_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, event_type="campaign.target_report", target=r, unit=unit, after=snapshot(r),
                 data={"campaign": t.campaign_id, "target": t.name})
    return r


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
        raise DomainValidationError({field: _(
            "Đã quá hạn đăng ký thi đua của %(campaign)s: hạn chót là %(deadline)s.") % {
            "campaign": campaign.phrase_in_sentence, "deadline": format_date_vn(campaign.registration_deadline)}})


def is_own_person(actor, person) -> bool:
    """Is ``person`` the actor's own record (the person linked to the login)?"""
    actor_pk = getattr(actor, "pk", None)
    return actor_pk is not None and person is not None and getattr(person, "user_id", None) == actor_pk


def _register_reaches(actor, unit: Unit) -> bool:
    """REGISTER over the unit where the person works or over one of the units above it: a teacher's
    membership is on her school (a staff role reaches its own unit only) while she works in one
    of its subject groups, and she registers herself from there."""
    from tdkt.accounts.access import unit_scope_q

    scope = unit_scope_q(actor, Perm.REGISTER)
    ancestors = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return Unit.objects.filter(scope, path__in=ancestors).exists()


def _require_register(actor, campaign: Campaign, *, person=None, unit: Unit | None = None, on: dt.date) -> Unit:
    """Who may register whom: a person for herself (REGISTER), the unit officer for anyone in the
    unit and for the unit (MANAGE_CAMPAIGNS)."""
    if person is not None:
        subject_unit = _person_unit(person, campaign, on)
        if subject_unit is None:
            raise DomainValidationError({"person": _("«%(person)s» không công tác tại đơn vị mà phong trào áp dụng.") % {
                "person": person}})
        if not is_system(actor) and not (
            (is_own_person(actor, person) and _register_reaches(actor, subject_unit))
                or can(actor, Perm.MANAGE_CAMPAIGNS, subject_unit)):
            raise PermissionRefused(
                _("Bạn chỉ đăng ký được cho chính mình hoặc cho cá nhân thuộc đơn vị mình phụ trách."))
        return subject_unit
    if unit is None:
        raise DomainValidationError({"person": _("Hãy chọn cá nhân hoặc tập thể đăng ký.")})
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    if not reaches(campaign, unit):
        raise DomainValidationError({"unit": _("%(campaign)s không áp dụng cho đơn vị «%(unit)s».") % {
            "campaign": campaign.phrase, "unit": unit}})
    return unit


@transaction.atomic
def registration_register(*, actor, campaign: Campaign, award_type, person=None, unit: Unit | None = None,
                          targets: str = "", on: dt.date | None = None) -> Registration:
    on = on or timezone.localdate()
    subject_unit = _require_register(actor, campaign, person=person, unit=unit, on=on)
    if campaign.school_year is None:
        raise DomainValidationError(
            {"award_type": _("Phong trào này không gắn với năm học nên không nhận đăng ký danh hiệu.")})
    wanted = SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE
    if award_type.subject != wanted:
        raise DomainValidationError({"award_type": _("«%(award)s» là danh hiệu dành cho %(subject)s.") % {
            "award": award_type, "subject": award_type.get_subject_display().lower()}})
    _check_deadline(campaign, on)
    # The records service refuses a duplicate (once per subject, award type and year) and
    # writes the registration with its one audit row; the campaign link below is part of the
    # same action, inside the same transaction, so a refusal there leaves no link behind.
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
    missing = {n: _("Hãy nhập «%(field)s».") % {"field": model._meta.get_field(n).verbose_name} for n in names
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
        raise DomainValidationError({"members": _("Nhóm nhà giáo cần ít nhất 2 thành viên.")})
    homes = {p.pk: _person_unit(p, campaign, on) for p in members}
    outside = [str(p) for p in members if (home := homes[p.pk]) is None or not home.path.startswith(unit.path)]
    if outside:
        raise DomainValidationError({"members": _("Không thuộc đơn vị «%(unit)s»: %(people)s.") % {
            "unit": unit, "people": ", ".join(outside)}})
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
        raise DomainValidationError({"unit": _(
            "«%(unit)s» không phải đơn vị trực thuộc «%(parent)s», nơi phát động phong trào.") % {
            "unit": unit, "parent": campaign.unit}})


@transaction.atomic
def submission_get_or_create(*, actor, campaign: Campaign, unit: Unit) -> RegistrationSubmission:
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
        raise DomainValidationError({"action": _("Thao tác «%(action)s» không có.") % {"action": action}})
    require(actor, perm, sub.unit if where == "own" else sub.campaign.unit)
    target = workflow.next_status(action, sub.status)
    if target is None:
        raise DomainValidationError({"action": _(
            "Không thể «%(action)s» hồ sơ đang ở trạng thái «%(status)s».") % {
            "action": str(workflow.ACTION_LABELS[action]).lower(), "status": sub.get_status_display()}})
    reason = (reason or "").strip()
    if action == "return" and not reason:
        raise DomainValidationError({"reason": _("Hãy ghi lý do trả lại hồ sơ.")})
    now = now or timezone.now()
    before = snapshot(sub)
    late = False
    if action == "submit":
        from .selectors import unit_registrations

        if not unit_registrations(campaign=sub.campaign, unit=sub.unit):
            raise DomainValidationError({"action": _("Hồ sơ chưa có đăng ký thi đua nào của đơn vị.")})
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
    event = SubmissionEvent.objects.create(submission=sub, action=action, from_status=from_status, to_status=target,
                                           actor=actor if getattr(actor, "pk", None) else None, reason=reason,
                                           late=late)
    notices.submission_transitioned(sub, action, reason, occasion=f"e{event.pk}")
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
    if not can_run_cluster(actor, cluster):
        raise PermissionRefused(_("Chỉ đơn vị tổ chức hoặc khối trưởng mới điều hành «%(cluster)s».") % {
            "cluster": cluster.name})


def _member_ids(cluster: Cluster) -> set[int]:
    return set(cluster.memberships.values_list("unit_id", flat=True))


@transaction.atomic
def covenant_set(*, actor, cluster: Cluster, text: str) -> Covenant:
    _require_run(actor, cluster)
    text = (text or "").strip()
    if not text:
        raise DomainValidationError({"text": _("Hãy nhập nội dung giao ước thi đua.")})
    cov = Covenant.objects.filter(cluster=cluster).first()
    before = snapshot(cov) if cov else None
    if cov and cov.signatures.exists() and cov.text != text:
        raise DomainValidationError({"text": _("Giao ước đã có đơn vị ký; không sửa được nội dung.")})
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
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    cov = Covenant.objects.filter(cluster=cluster).first()
    if cov is None:
        raise DomainValidationError({"unit": _("«%(cluster)s» chưa có nội dung giao ước thi đua.") % {
            "cluster": cluster.name}})
    if unit.pk not in _member_ids(cluster):
        raise DomainValidationError({"unit": _("«%(unit)s» không phải thành viên của «%(cluster)s».") % {
            "unit": unit, "cluster": cluster.name}})
    if cov.signatures.filter(unit=unit).exists():
        raise DomainValidationError({"unit": _("«%(unit)s» đã ký giao ước thi đua.") % {"unit": unit}})
    sig = CovenantSignature.objects.create(covenant=cov, unit=unit, works=works.strip(), topics=topics.strip(),
                                           signed_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, event_type="campaign.covenant_sign", target=cov, unit=unit,
                 data={"works": sig.works, "topics": sig.topics})
    return sig


def _refuse_non_members(cluster: Cluster, units, field: str, label: str) -> None:
    members = _member_ids(cluster)
    outside = [str(u) for u in units if u is not None and u.pk not in members]
    if outside:
        raise DomainValidationError({field: _("%(label)s phải là thành viên của «%(cluster)s»: %(units)s không phải.") % {
            "label": _(label), "cluster": cluster.name, "units": ", ".join(outside)}})


@transaction.atomic
def cluster_meeting_record(*, actor, cluster: Cluster, number: int, held_on: dt.date, place: str, agenda: str,
                           attendees: Sequence[Unit] = (), minutes: str = "", required_documents: str = "",
                           send_deadline: dt.date | None = None, documents_sent_on: dt.date | None = None,
                           votes: dict | None = None, leading_unit: Unit | None = None,
                           commendations: list[str] | None = None,
                           next_leader: Unit | None = None) -> ClusterMeeting:
    """Record (or correct) meeting 1, 2 or 3. Meeting 3 carries the ranking by recorded votes
    ({unit: votes}), the leading unit, the list to commend and next year's leader."""
    _require_run(actor, cluster)
    year = cluster.school_year
    if number not in (1, 2, 3):
        raise DomainValidationError({"number": _("Cụm/khối họp 3 lần: lần 1, 2 hoặc 3.")})
    if not held_on:
        raise DomainValidationError({"held_on": _("Hãy nhập ngày họp.")})
    if held_on < year.start_date or held_on > year.end_date:
        raise DomainValidationError({"held_on": _(
            "Ngày họp %(day)s nằm ngoài năm học %(year)s (%(start)s–%(end)s) của «%(cluster)s».") % {
            "day": f"{held_on:%d/%m/%Y}", "year": year, "start": f"{year.start_date:%d/%m/%Y}",
            "end": f"{year.end_date:%d/%m/%Y}", "cluster": cluster.name}})
    if not (place or "").strip() or not (agenda or "").strip():
        raise DomainValidationError({"place" if not (place or "").strip() else "agenda":
                                     _("Hãy nhập địa điểm và nội dung hội nghị.")})
    earlier = {m.number: m for m in cluster.meetings.all()}
    if number > 1 and (number - 1) not in earlier:
        raise DomainValidationError({"number": _("Chưa ghi nhận hội nghị lần %(n)s.") % {"n": number - 1}})
    if number > 1 and held_on < earlier[number - 1].held_on:
        raise DomainValidationError({"held_on": _("Hội nghị lần %(n)s phải sau lần %(prev)s (%(day)s).") % {
            "n": number, "prev": number - 1, "day": f"{earlier[number - 1].held_on:%d/%m/%Y}"}})
    _refuse_non_members(cluster, attendees, "attendees", gettext_noop("Đơn vị dự họp"))
    votes = votes or {}
    if number != 3 and (votes or leading_unit or next_leader or commendations):
        raise DomainValidationError(
            {"number": _("Xếp hạng, đơn vị dẫn đầu và khối trưởng năm sau chỉ ghi ở lần 3.")})
    if number == 3:
        _refuse_non_members(cluster, list(votes), "votes", gettext_noop("Đơn vị được bình chọn"))
        _refuse_non_members(cluster, [leading_unit], "leading_unit", gettext_noop("Đơn vị dẫn đầu"))
        _refuse_non_members(cluster, [next_leader], "next_leader", gettext_noop("Khối trưởng năm sau"))
        if leading_unit is None or next_leader is None:
            raise DomainValidationError({"leading_unit" if leading_unit is None else "next_leader":
                                         _("Hội nghị lần 3 phải ghi đơn vị dẫn đầu và khối trưởng năm sau.")})
        if any(int(v) < 0 for v in votes.values()):
            raise DomainValidationError({"votes": _("Số phiếu không được âm.")})
        if votes and max(votes.values()) != votes.get(leading_unit, -1):
            raise DomainValidationError({"leading_unit": _("«%(unit)s» không có số phiếu cao nhất.") % {
                "unit": leading_unit}})
    if send_deadline and documents_sent_on is not None and documents_sent_on < held_on:
        raise DomainValidationError({"documents_sent_on": _("Ngày gửi hồ sơ không thể trước ngày họp.")})
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
            raise DomainValidationError({"next_leader": _("«%(unit)s» đã thuộc một %(kind)s khác năm học %(year)s.") % {
                "unit": next_leader, "kind": cluster.get_kind_display().lower(), "year": next_year}})
    meeting = earlier.get(number)
    before = snapshot(meeting) if meeting else None
    if meeting is None:
        meeting = ClusterMeeting(cluster=cluster, number=number)
    meeting.held_on, meeting.place, meeting.agenda = held_on, place.strip(), agenda.strip()
    meeting.minutes = (minutes or "").strip()
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
    data: dict[str, Any] = {"attendees": [u.pk for u in attendees], "votes": {u.pk: int(v) for u, v in votes.items()}}
    if number == 3:
        assert next_year is not None and next_leader is not None  # found or made, and checked, above
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
