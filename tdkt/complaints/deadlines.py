"""Counting the statutory periods (pure: no database). A period of N days starts the day after its event (Bộ luật
Dân sự 2015 Điều 147 khoản 2: the first day is not counted); N "ngày làm việc" count only working days; a period
of calendar days whose last day is not a working day ends at the end of the next working day (Điều 148 khoản 5).
Working days are Monday to Friday (the civil service's five-day week), except the calendar's days off, plus the
weekend days the calendar marks as worked in exchange."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .choices import CalendarKind, DayUnit

ONE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """The exceptions to the week: day → CalendarKind value (``nghi`` or ``lam_viec``)."""

    exceptions: Mapping[dt.date, str]

    def is_working(self, day: dt.date) -> bool:
        kind = self.exceptions.get(day)
        if kind == CalendarKind.DAY_OFF:
            return False
        if kind == CalendarKind.WORKING:
            return True
        return day.weekday() < 5

    def next_working(self, day: dt.date) -> dt.date:
        while not self.is_working(day):
            day += ONE
        return day


def add_period(start: dt.date, days: int, unit: str, calendar: Calendar) -> dt.date:
    """The last day of a period of ``days`` ``unit`` (DayUnit) that starts with the event of ``start``."""
    if unit == DayUnit.WORKING:
        day, left = start, days
        while left:
            day += ONE
            if calendar.is_working(day):
                left -= 1
        return day
    return calendar.next_working(start + dt.timedelta(days=days))


def working_days_between(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is before)."""
    if end < start:
        return -working_days_between(end, start, calendar)
    n, day = 0, start
    while day < end:
        day += ONE
        n += calendar.is_working(day)
    return n
