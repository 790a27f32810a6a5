"""Reads of campaigns, registrations, submissions and clusters, always scoped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import active_memberships, unit_scope_q
from tdkt.accounts.permissions import Perm, roles_with
from tdkt.org.models import Cluster, ClusterMember, Unit
from tdkt.records.models import Registration

from .choices import SubmissionStatus
from .models import Campaign, CampaignTarget, Milestone, RegistrationSubmission

STEP = Unit.steplen


def ancestor_paths(unit: Unit) -> list[str]:
    """Paths of the unit and all its ancestors."""
    return [unit.path[:i] for i in range(STEP, len(unit.path) + 1, STEP)]


def reaches(campaign: Campaign, unit: Unit) -> bool:
    """Does the campaign reach the unit (launched by the unit or one of its ancestors)?"""
    return unit.path.startswith(campaign.unit.path)


def _member_units(user, perm: Perm) -> list[Unit]:
    allowed = roles_with(perm)
    return [m.unit for m in active_memberships(user) if m.role in allowed]


def campaign_list_visible_to(*, user, perm: Perm = Perm.VIEW_CAMPAIGNS) -> QuerySet[Campaign]:
    """Campaigns launched in the user's reach, plus those reaching the user's own units
    (launched by an ancestor)."""
    qs = Campaign.objects.select_related("unit", "school_year", "parent")
    if getattr(user, "is_superuser", False):
        return qs
    paths = {p for u in _member_units(user, perm) for p in ancestor_paths(u)}
    return qs.filter(unit_scope_q(user, perm, prefix="unit__") | Q(unit__path__in=paths))


def campaign_get_visible(*, user, pk: int) -> Campaign | None:
    return campaign_list_visible_to(user=user).filter(pk=pk).first()


def campaigns_reaching(unit: Unit) -> QuerySet[Campaign]:
    return Campaign.objects.filter(unit__path__in=ancestor_paths(unit)).select_related("unit", "school_year")


@dataclass(frozen=True)
class UnitRegistration:
    registration: Registration
    unit: Unit  # the person's unit in the subtree, or the registered collective


def unit_registrations(*, campaign: Campaign, unit: Unit) -> list[UnitRegistration]:
    """Every registration of the unit's subtree for the campaign's school year: people who
    worked there during the year, and collectives of the subtree (whether registered
    through this campaign or on the records pages)."""
    from tdkt.people.models import Employment

    year = campaign.school_year
    if year is None:
        return []
    emps = (Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date),
                                      unit__path__startswith=unit.path, start_date__lte=year.end_date)
            .select_related("unit").order_by("start_date", "id"))
    home = {e.person_id: e.unit for e in emps}
    regs = (Registration.objects.filter(school_year=year)
            .filter(Q(person_id__in=list(home)) | Q(person__isnull=True, unit__path__startswith=unit.path))
            .select_related("award_type", "person", "unit"))
    # a person's registration sits in their unit of the year (person_id__in=home), a unit's in that unit
    rows = [UnitRegistration(r, cast(Unit, home[r.person_id] if r.person_id is not None else r.unit)) for r in regs]
    return sorted(rows, key=lambda r: (r.registration.person_id is None,
                                       r.registration.person.sort_name if r.registration.person is not None
                                       else r.unit.path,
                                       r.registration.award_type.order, r.registration.pk))


def own_registrations(*, user, campaign: Campaign) -> dict:
    """What the signed-in person registered for herself in the campaign's school year (titles,
    through this campaign or not) and her Mẫu 1 of this campaign: "Đăng ký của tôi"."""
    from .models import InnovationRegistration

    if not getattr(user, "is_authenticated", False) or campaign.school_year_id is None:
        return {"titles": [], "innovations": []}
    titles = (Registration.objects.filter(school_year_id=campaign.school_year_id, person__user=user)
              .select_related("award_type").order_by("award_type__order"))
    innovations = InnovationRegistration.objects.filter(campaign=campaign, person__user=user).order_by("pk")
    return {"titles": list(titles), "innovations": list(innovations)}


def child_units(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path")


def submission_table(*, campaign: Campaign) -> list[dict]:
    """Each child unit of the launching unit with its submission (or none yet)."""
    subs = {s.unit_id: s for s in campaign.submissions.all()}
    rows = []
    for unit in child_units(campaign.unit).filter(active_to__isnull=True):
        sub = subs.get(unit.pk)
        rows.append({"unit": unit, "submission": sub,
                     "submitted": sub is not None and sub.status != SubmissionStatus.DRAFT})
    return rows


# --- calendar ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    uid: str
    title: str
    due: dt.date
    campaign: object  # the Campaign, or the Cluster for a cluster meeting's documents
    unit: Unit
    overdue: bool


def _level_category(unit: Unit) -> str:
    """A tổ chuyên môn (subunit) follows the deadlines of the school it belongs to."""
    from tdkt.org.choices import UnitCategory

    if unit.unit_type.category != UnitCategory.SUBUNIT:
        return unit.unit_type.category
    for anc in Unit.objects.filter(path__in=ancestor_paths(unit)[:-1]).select_related("unit_type").order_by("-depth"):
        if anc.unit_type.category != UnitCategory.SUBUNIT:
            return anc.unit_type.category
    return unit.unit_type.category


OVERDUE_WINDOW = dt.timedelta(days=120)


def calendar_items(*, user, today: dt.date | None = None) -> list[DueItem]:
    """What is due for the user's units: overdue first, then upcoming, by date. Deadlines
    more than OVERDUE_WINDOW in the past are history, not work, and are left out."""
    today = today or timezone.localdate()
    oldest = today - OVERDUE_WINDOW
    units = {u.pk: u for u in _member_units(user, Perm.VIEW_CAMPAIGNS)}
    items: dict[str, DueItem] = {}
    for unit in sorted(units.values(), key=lambda u: u.path):
        category = _level_category(unit)
        for campaign in campaigns_reaching(unit):
            def add(uid, title, due, campaign=campaign, unit=unit):
                if uid not in items and due >= oldest:
                    items[uid] = DueItem(uid, title, due, campaign, unit, due < today)
            for ms in Milestone.objects.filter(campaign=campaign):
                if not ms.categories or category in ms.categories:
                    add(f"milestone-{ms.pk}", f"{ms.name} – {campaign.name}", ms.due_date)
            if campaign.registration_deadline:
                add(f"campaign-{campaign.pk}-registration",
                    _("Hạn đăng ký thi đua – %(campaign)s") % {"campaign": campaign.name},
                    campaign.registration_deadline)
            if campaign.submission_deadline and unit.depth == campaign.unit.depth + 1:
                done = RegistrationSubmission.objects.filter(campaign=campaign, unit=unit).exclude(
                    status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]).exists()
                if not done:
                    add(f"campaign-{campaign.pk}-submission-{unit.pk}",
                        _("Hạn nộp hồ sơ đăng ký thi đua (%(unit)s) – %(campaign)s") % {
                            "unit": unit.name, "campaign": campaign.name}, campaign.submission_deadline)
    from .models import ClusterMeeting

    leaders = ClusterMeeting.objects.filter(cluster__leader_id__in=list(units), send_deadline__isnull=False,
                                            documents_sent_on__isnull=True).select_related("cluster__leader")
    for m in leaders:
        # send_deadline__isnull=False and a leader among the units, by the filter above
        assert m.send_deadline is not None and m.cluster.leader is not None
        uid = f"cluster-meeting-{m.pk}-documents"
        if m.send_deadline >= oldest:
            title = _("Gửi hồ sơ %(meeting)s – %(cluster)s") % {"meeting": m.get_number_display().lower(),
                                                                 "cluster": m.cluster.name}
            items[uid] = DueItem(uid, title, m.send_deadline, m.cluster, m.cluster.leader, m.send_deadline < today)
    return sorted(items.values(), key=lambda i: (not i.overdue, i.due, i.uid))


# --- clusters ---------------------------------------------------------------------------------


def cluster_list_visible_to(*, user) -> QuerySet[Cluster]:
    qs = Cluster.objects.select_related("school_year", "organizer", "leader")
    if getattr(user, "is_superuser", False):
        return qs
    scope = unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="unit__")
    member = ClusterMember.objects.filter(scope, cluster=OuterRef("pk"))
    own_units = [u.pk for u in _member_units(user, Perm.VIEW_CAMPAIGNS)]
    return qs.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="organizer__") | Q(Exists(member))
                     | Q(memberships__unit_id__in=own_units)).distinct()


def cluster_get_visible(*, user, pk: int) -> Cluster | None:
    return cluster_list_visible_to(user=user).filter(pk=pk).first()


def meeting_documents_state(meeting, today: dt.date) -> dict | None:
    """Where a meeting's documents to the office stand: sent, sent late, overdue or still due."""
    if meeting is None or not meeting.send_deadline:
        return None
    deadline = meeting.send_deadline
    if meeting.documents_sent_on:
        days = (meeting.documents_sent_on - deadline).days
        return {"state": "sent_late" if days > 0 else "sent", "days": max(days, 0), "deadline": deadline,
                "sent_on": meeting.documents_sent_on}
    if deadline < today:
        return {"state": "overdue", "days": (today - deadline).days, "deadline": deadline, "sent_on": None}
    return {"state": "due", "days": (deadline - today).days, "deadline": deadline, "sent_on": None}


def cluster_progress(cluster: Cluster, today: dt.date | None = None) -> dict:
    """Meetings held, documents sent, what is late. Reads ``meetings``, ``memberships`` and
    ``covenant__signatures`` through .all() so a list can prefetch them."""
    today = today or timezone.localdate()
    meetings = {m.number: m for m in cluster.meetings.all()}
    late, cells = [], []
    for number in (1, 2, 3):
        m = meetings.get(number)
        doc = meeting_documents_state(m, today)
        cells.append({"number": number, "meeting": m, "documents": doc})
        if doc and doc["state"] == "overdue":
            late.append(_("Lần %(number)s: chưa gửi hồ sơ (hạn %(deadline)s, quá hạn %(days)s ngày)") % {
                "number": number, "deadline": f"{doc['deadline']:%d/%m/%Y}", "days": doc["days"]})
        if doc and doc["state"] == "sent_late":
            late.append(_("Lần %(number)s: gửi hồ sơ muộn %(days)s ngày (hạn %(deadline)s, gửi %(sent_on)s)") % {
                "number": number, "days": doc["days"], "deadline": f"{doc['deadline']:%d/%m/%Y}",
                "sent_on": f"{doc['sent_on']:%d/%m/%Y}"})
    covenant = getattr(cluster, "covenant", None)
    members = {cm.unit_id for cm in cluster.memberships.all()}
    signed = {sig.unit_id for sig in covenant.signatures.all()} if covenant else set()
    return {"cluster": cluster, "meetings": [meetings.get(n) for n in (1, 2, 3)], "cells": cells, "late": late,
            "members": len(members), "signed": len(signed & members), "has_covenant": covenant is not None}


def rotation_history(cluster: Cluster) -> list:
    from .models import LeaderChange

    return list(LeaderChange.objects.filter(cluster__organizer_id=cluster.organizer_id, cluster__name=cluster.name)
                .select_related("cluster__school_year", "new_leader", "previous_leader")
                .order_by("cluster__school_year__start_year", "at"))


# --- progress against targets -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetProgress:
    target: CampaignTarget
    name: str
    target_value: object  # Decimal
    measure: str  # the unit of the figure: "%", "sáng kiến"...
    actual: object  # Decimal, or None when nothing is known yet
    met: bool | None  # None when there is no actual value
    how: str  # how the actual value was obtained
    reported_on: dt.date | None = None
    note: str = ""


def progress_table(*, campaign: Campaign, units: list[Unit]) -> list[tuple[Unit, list[TargetProgress]]]:
    """Each unit with the progress of every target of the campaign. Queries are constant in the
    number of units: one per computed measure used, one for the units' reports."""
    from .measures import MEASURES
    from .models import TargetReport

    targets = list(campaign.targets.all())
    units = list(units)
    computed = {code: MEASURES[code].compute(campaign, units)
                for code in {t.metric for t in targets if t.metric in MEASURES}}
    latest: dict[tuple[int, int], TargetReport] = {}
    if any(not t.metric for t in targets) and units:
        for r in TargetReport.objects.filter(target__campaign=campaign, unit__in=units).order_by("reported_on", "id"):
            latest[(r.target_id, r.unit_id)] = r
    rows = []
    for unit in units:
        cells = []
        for t in targets:
            if t.metric in MEASURES:
                m = MEASURES[t.metric]
                actual = computed[t.metric][unit.pk]
                cells.append(TargetProgress(t, t.name, t.target_value, t.measure, actual,
                                            None if actual is None else actual >= t.target_value,
                                            _("Hệ thống tính: %(how)s") % {"how": _(m.how)}))
            else:
                report = latest.get((t.pk, unit.pk))
                cells.append(TargetProgress(
                    t, t.name, t.target_value, t.measure, report.value if report else None,
                    None if report is None else report.value >= t.target_value,
                    _("Đơn vị báo cáo") if report else _("Đơn vị chưa báo cáo"),
                    report.reported_on if report else None, report.note if report else ""))
        rows.append((unit, cells))
    return rows


def target_progress(*, campaign: Campaign, unit: Unit) -> list[TargetProgress]:
    """Per target of the campaign: name, target value and unit, the unit's actual value (its
    whole subtree for computed measures), met or not, and how the value was obtained."""
    return progress_table(campaign=campaign, units=[unit])[0][1]


def progress_units(*, user, campaign: Campaign) -> list[Unit]:
    """The units of the progress table on the campaign page: the launching unit and its direct
    children, those the user may see."""
    depth = campaign.unit.depth
    qs = Unit.objects.filter(path__startswith=campaign.unit.path, depth__lte=depth + 1, active_to__isnull=True)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS))
    return list(qs.order_by("path"))


def registrations_open_for(*, user, today: dt.date | None = None) -> list[Campaign]:
    """Campaigns of the current school year open for registration (the deadline not passed) that
    reach one of the signed-in person's units, in which she has not registered herself for any title
    yet: the home page's to-do list. One query (plus the memberships, cached per request)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_superuser", False):
        return []
    today = today or timezone.localdate()
    paths = {p for u in _member_units(user, Perm.REGISTER) for p in ancestor_paths(u)}
    if not paths:
        return []
    from tdkt.people.models import Person

    own = Registration.objects.filter(school_year_id=OuterRef("school_year_id"), person__user=user)
    return list(Campaign.objects.filter(
        unit__path__in=paths, school_year__start_date__lte=today, school_year__end_date__gte=today,
        registration_deadline__gte=today,
    ).filter(~Exists(own), Exists(Person.objects.filter(user=user)))
        .select_related("unit", "school_year").order_by("registration_deadline", "pk"))
