"""Pure calculations on periods of work (no ORM)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

Period = tuple[dt.date, dt.date | None]


def overlap(a: Period, b: Period) -> tuple[dt.date, dt.date] | None:
    """The closed interval common to two periods (``None`` end = still open)."""
    start = max(a[0], b[0])
    end_a = a[1] or dt.date.max
    end_b = b[1] or dt.date.max
    end = min(end_a, end_b)
    return (start, end) if start <= end else None


def periods_overlap(a: Period, b: Period) -> bool:
    return overlap(a, b) is not None


def merge_periods(periods: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Union of closed date intervals, so that two concurrent posts count once."""
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def months_in_interval(start: dt.date, end: dt.date) -> Decimal:
    """Calendar months covered by [start, end]: whole months count 1, a part of a
    month counts its days over that month's length."""
    total = Decimal(0)
    cursor = start
    while cursor <= end:
        days_in_month = calendar.monthrange(cursor.year, cursor.month)[1]
        month_end = dt.date(cursor.year, cursor.month, days_in_month)
        last = min(end, month_end)
        total += Decimal((last - cursor).days + 1) / Decimal(days_in_month)
        cursor = last + dt.timedelta(days=1)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def months_worked(periods: Iterable[Period], window: tuple[dt.date, dt.date]) -> Decimal:
    """Months of ``window`` (e.g. a school year) covered by any of ``periods``."""
    clipped = [o for p in periods if (o := overlap(p, window)) is not None]
    return sum((months_in_interval(s, e) for s, e in merge_periods(clipped)), Decimal(0))
