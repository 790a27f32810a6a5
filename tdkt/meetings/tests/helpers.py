"""Plain helpers for the meetings tests (fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tdkt.eligibility.models import AwardType
from tdkt.meetings import services

AWARDS = [
    # code, name, abbreviation, kind, subject, level
    ("ldtt", "Lao động tiên tiến", "LĐTT", "danh_hieu", "ca_nhan", "co_so"),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "danh_hieu", "ca_nhan", "co_so"),
    ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ tỉnh", "danh_hieu", "ca_nhan", "tinh_bo"),
    ("ngut", "Nhà giáo Ưu tú", "NGƯT", "danh_hieu", "ca_nhan", "nha_nuoc"),
    ("giay-khen", "Giấy khen của Hiệu trưởng", "GK", "hinh_thuc", "ca_nhan", "co_so"),
    ("tt-ldtt", "Tập thể lao động tiên tiến", "TTLĐTT", "danh_hieu", "tap_the", "co_so"),
]


def make_award_types() -> dict[str, AwardType]:
    out = {}
    for order, (code, name, abbr, kind, subject, level) in enumerate(AWARDS, 1):
        out[code], _ = AwardType.objects.get_or_create(code=code, defaults=dict(
            name=name, abbreviation=abbr, kind=kind, subject=subject, level=level, order=order))
    return out


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def vote_all(question, users, choices):
    """Cast ``choices`` (one per user, in order) as secret ballots."""
    for user, choice in zip(users, choices, strict=False):
        services.ballot_cast(actor=user, question=question, choice=choice)
