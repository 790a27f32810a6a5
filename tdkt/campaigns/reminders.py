"""Deadlines this app owns, for the notifications' scheduler (found by ``tdkt.notifications.scheduler``):
a campaign's registration and submission deadlines, to the officers of each unit under the launching
unit that has not yet sent its registration dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse

from tdkt.accounts.permissions import Perm
from tdkt.notifications.audience import Access, units_users
from tdkt.notifications.scheduler import Due, register_source
from tdkt.org.models import Unit

from .choices import SubmissionStatus
from .models import Campaign, ClusterMeeting, RegistrationSubmission

DONE = [SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED, SubmissionStatus.ACCEPTED]
WHAT = {"registration_deadline": "hạn đăng ký thi đua", "submission_deadline": "hạn nộp hồ sơ đăng ký thi đua"}


def _due(start: dt.date, end: dt.date, field: str) -> Iterator[Due]:
    campaigns = Campaign.objects.filter(**{f"{field}__gte": start, f"{field}__lte": end}).select_related("unit")
    for campaign in campaigns:
        deadline = getattr(campaign, field)
        children = [u for u in Unit.objects.filter(path__startswith=campaign.unit.path, depth=campaign.unit.depth + 1)
                    .filter(Q(active_to__isnull=True) | Q(active_to__gte=deadline)).order_by("path")]
        done = set(RegistrationSubmission.objects.filter(campaign=campaign, status__in=DONE)
                   .values_list("unit_id", flat=True))
        waiting = [u for u in children if u.pk not in done]
        officers = units_users(waiting, Perm.MANAGE_CAMPAIGNS)
        for unit in waiting:
            if not officers[unit.pk]:
                continue
            yield Due(source=f"campaigns.{field}", target=campaign, what=WHAT[field], name=campaign.name,
                      deadline=deadline, unit=unit, recipients=officers[unit.pk],
                      url=reverse("campaigns:submission_detail", args=[campaign.pk, unit.pk]),
                      access=Access(perm=Perm.VIEW_CAMPAIGNS, unit=unit), sender_unit=campaign.unit)


def registration_due(start: dt.date, end: dt.date) -> Iterator[Due]:
    return _due(start, end, "registration_deadline")


def submission_due(start: dt.date, end: dt.date) -> Iterator[Due]:
    return _due(start, end, "submission_deadline")


register_source("campaigns.registration_deadline", registration_due)
register_source("campaigns.submission_deadline", submission_due)


def cluster_documents_due(start: dt.date, end: dt.date) -> Iterator[Due]:
    """Seed 000: after a cluster meeting the leading school sends the report and the papers to the office by the
    meeting's deadline — a reminder to the leader's officers until the documents are recorded as sent."""
    meetings = list(ClusterMeeting.objects.filter(send_deadline__gte=start, send_deadline__lte=end,
                                                  documents_sent_on__isnull=True, cluster__leader__isnull=False)
                    .select_related("cluster", "cluster__leader", "cluster__organizer").order_by("pk"))
    officers = units_users({m.cluster.leader for m in meetings if m.cluster.leader is not None}, Perm.LEAD_CLUSTER,
                           Perm.MANAGE_CAMPAIGNS)
    for m in meetings:
        leader = m.cluster.leader
        if leader is None or not officers.get(leader.pk):
            continue
        assert m.send_deadline is not None  # filtered above
        yield Due(source="campaigns.cluster_documents", target=m, what="hạn gửi hồ sơ hội nghị cụm, khối",
                  name=f"{m.cluster.name} – hội nghị lần {m.number}", deadline=m.send_deadline, unit=leader,
                  recipients=officers[leader.pk], url=reverse("campaigns:cluster_detail", args=[m.cluster_id]),
                  access=Access(perm=Perm.VIEW_CAMPAIGNS, unit=leader), sender_unit=m.cluster.organizer)


register_source("campaigns.cluster_documents", cluster_documents_due)
