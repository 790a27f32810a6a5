"""Deadlines this app owns, for the notifications' scheduler: a round's deadline, to the officers of
each unit whose proposal in the round is still being drafted or was returned and not sent again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from tdkt.accounts.permissions import Perm
from tdkt.notifications.audience import Access, units_users
from tdkt.notifications.scheduler import Due, register_source

from .choices import ProposalStatus
from .models import Proposal

WAITING = [ProposalStatus.DRAFT, ProposalStatus.RETURNED]


def round_due(start: dt.date, end: dt.date) -> Iterator[Due]:
    proposals = list(Proposal.objects.filter(status__in=WAITING, round__deadline__gte=start, round__deadline__lte=end)
                     .select_related("round", "round__unit", "unit").order_by("pk"))
    officers = units_users({p.unit for p in proposals}, Perm.PREPARE_PROPOSALS)
    for p in proposals:
        if not officers.get(p.unit_id):
            continue
        yield Due(source="awards.round", target=p.round, what="hạn gửi đề nghị khen thưởng", name=p.round.name,
                  deadline=p.round.deadline, unit=p.unit, recipients=officers[p.unit_id],
                  url=reverse("awards:proposal_detail", args=[p.pk]),
                  access=Access(perm=Perm.VIEW_PROPOSALS, unit=p.unit), sender_unit=p.round.unit)


register_source("awards.round", round_due)
