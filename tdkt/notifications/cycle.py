"""One cycle of the notifications' background work: the scheduler's reminders, then the e-mails due
and the daily digests. ``tdkt notifications`` runs it once (cron, a systemd timer); ``tdkt worker``
runs it on its loop (``jobs.py`` registers it with ``tdkt.core.jobs``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .emails import SendResult, send_digests, send_due
from .scheduler import RunResult, run_scheduler


@dataclass
class CycleResult:
    reminders: RunResult
    emails: SendResult
    digests: SendResult

    def __str__(self) -> str:
        return f"Nhắc hạn: {self.reminders}. Thư: {self.emails}. Thư tổng hợp: {self.digests}."


def run_cycle(*, now: dt.datetime | None = None, schedule: bool = True) -> CycleResult:
    now = now or timezone.now()
    reminders = run_scheduler(now=now) if schedule else RunResult()
    return CycleResult(reminders=reminders, emails=send_due(now=now), digests=send_digests(now=now))
