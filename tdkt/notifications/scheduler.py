"""Deadline reminders: each app that owns a deadline registers a source (its ``reminders.py``, found
like ``jobs.py``); every run asks them which units have not yet done what is due, and sends the
reminder of the tightest threshold crossed — at 3 days left with thresholds 7 and 2, the 7-day one.

Exactly once: the key holds the source, the deadline's date, the threshold and the unit, so a second
run writes nothing, and a moved deadline starts afresh while the old date's unsent e-mails are
cancelled. Days are counted in Asia/Ho_Chi_Minh whatever the server's zone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .audience import Access
from .choices import EmailStatus, Kind
from .models import Notification, Preference, ReminderSchedule
from .services import DEFAULT_REMINDER_DAYS, Notice, notify_many, parse_days, target_label

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OVERDUE_WINDOW = 14  # a deadline passed longer ago than this is history, not a reminder
HORIZON = 60  # sources are asked for deadlines up to this many days ahead (or the longest setting)


@dataclass
class Due:
    """One unit that has not yet done what ``target``'s deadline asks, and who should hear of it."""

    source: str  # e.g. "campaigns.registration"
    target: Any  # the model row the deadline belongs to
    what: str  # «hạn đăng ký thi đua»
    name: str  # the campaign's or round's name
    deadline: dt.date
    unit: Any
    recipients: list = field(default_factory=list)
    url: str = ""
    access: Access = field(default_factory=Access)
    sender_unit: Any = None


Source = Callable[[dt.date, dt.date], Iterable[Due]]
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    _SOURCES[name] = source


def sources() -> dict[str, Source]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("reminders")
    return dict(_SOURCES)


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(VN).date()


def threshold(days_left: int, days: Iterable[int]) -> int | None:
    """The tightest reminder threshold crossed (``None``: not yet)."""
    crossed = [d for d in days if days_left <= d]
    return min(crossed) if crossed else None


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _title(due: Due, days_left: int) -> str:
    if days_left < 0:
        return f"Đã quá {due.what} {-days_left} ngày: {due.name}"
    if days_left == 0:
        return f"Hôm nay là {due.what}: {due.name}"
    return f"Còn {days_left} ngày đến {due.what}: {due.name}"


def _body(due: Due, days_left: int) -> str:
    verb = "chưa hoàn thành" if days_left >= 0 else "vẫn chưa hoàn thành"
    return f"{due.unit.name} {verb} việc cần nộp; {due.what} là ngày {_fmt(due.deadline)}."


@dataclass
class RunResult:
    created: int = 0
    cancelled: int = 0

    def __str__(self) -> str:
        return f"{self.created} lời nhắc mới, {self.cancelled} thư nhắc hạn cũ đã hủy"


def _horizon() -> int:
    longest = max(DEFAULT_REMINDER_DAYS)
    for text in [*ReminderSchedule.objects.values_list("days", flat=True),
                 *Preference.objects.exclude(reminder_days="").values_list("reminder_days", flat=True)]:
        try:
            longest = max(longest, *parse_days(text))
        except Exception:  # a row typed wrong in the admin: its own days are ignored, not the run
            continue
    return max(HORIZON, longest)


def run_scheduler(*, now: dt.datetime | None = None) -> RunResult:
    now = now or timezone.now()
    today = local_today(now)
    result = RunResult()
    horizon = _horizon()
    schedules = {(s.source, s.object_id): s.days for s in ReminderSchedule.objects.all()}
    user_days: dict[int, tuple[int, ...]] = {}
    for pref in Preference.objects.exclude(reminder_days=""):
        try:
            user_days[pref.user_id] = parse_days(pref.reminder_days)
        except Exception:  # an unreadable preference: the deadline's own days apply
            continue
    for name, source in sources().items():
        notices: list[Notice] = []
        current: dict[tuple[str, int], dt.date] = {}
        waiting: set[tuple[str, int, dt.date, int]] = set()
        for due in source(today - dt.timedelta(days=OVERDUE_WINDOW), today + dt.timedelta(days=horizon)):
            current[(target_label(due.target), due.target.pk)] = due.deadline
            waiting.add((target_label(due.target), due.target.pk, due.deadline, due.unit.pk))
            days_left = (due.deadline - today).days
            try:
                default = parse_days(schedules.get((due.source, due.target.pk), "")) or DEFAULT_REMINDER_DAYS
            except Exception:
                default = DEFAULT_REMINDER_DAYS
            groups: dict[tuple[str, str], list] = defaultdict(list)
            for user in due.recipients:
                if days_left < 0:
                    if -days_left > OVERDUE_WINDOW:
                        continue
                    groups[(Kind.DEADLINE_PASSED, "qua-han")].append(user)
                    continue
                n = threshold(days_left, user_days.get(user.pk) or default)
                if n is not None:
                    groups[(Kind.DEADLINE_SOON, f"d{n}")].append(user)
            for (kind, step), users in groups.items():
                notices.append(Notice(
                    kind=kind, target=due.target, recipients=[(u, due.access) for u in users],
                    title=_title(due, days_left), body=_body(due, days_left), url=due.url,
                    occasion=f"{name}:{due.deadline.isoformat()}:{step}:u{due.unit.pk}",
                    sender_unit=due.sender_unit, due_on=due.deadline))
        with transaction.atomic():
            result.created += len(notify_many(notices, now=now, read_back=False))
        result.cancelled += _cancel_moved(name, current)
        _resolve(name, waiting, now)
    return result


def _resolve(source: str, waiting: set[tuple[str, int, dt.date, int]], now: dt.datetime) -> int:
    """Reminders of this source whose unit is no longer waiting on that deadline leave the to-do list."""
    stale = []
    for pk, ttype, tid, due_on, key in (Notification.objects.filter(
            kind__in=[Kind.DEADLINE_SOON, Kind.DEADLINE_PASSED], key__contains=f":{source}:",
            resolved_at__isnull=True).values_list("pk", "target_type", "target_id", "due_on", "key")):
        unit = key.rsplit(":u", 1)[-1]
        if not unit.isdigit() or (ttype, tid, due_on, int(unit)) not in waiting:
            stale.append(pk)
    if stale:
        Notification.objects.filter(pk__in=stale).update(resolved_at=now)
    return len(stale)


def _cancel_moved(source: str, current: dict[tuple[str, int], dt.date]) -> int:
    """Unsent reminders of this source whose deadline is no longer the object's deadline."""
    cancelled = 0
    pending = (Notification.objects.filter(kind__in=[Kind.DEADLINE_SOON, Kind.DEADLINE_PASSED],
                                           key__contains=f":{source}:",
                                           email_status__in=[EmailStatus.PENDING, EmailStatus.DIGEST])
               .values_list("pk", "target_type", "target_id", "due_on"))
    stale = [pk for pk, ttype, tid, due_on in pending if current.get((ttype, tid)) != due_on]
    if stale:
        cancelled = Notification.objects.filter(pk__in=stale).update(
            email_status=EmailStatus.CANCELLED, email_last_error="Hạn đã đổi hoặc đơn vị đã nộp: không nhắc hạn cũ.")
    return cancelled
