"""Measures the system can compute from its own records, for a campaign target's actual value.

Each measure computes, for a list of units of one campaign, the value of each unit's subtree in
the campaign's school year, in a fixed number of queries whatever the number of units (one
query for the year's staff of the whole launching unit's subtree, one for the records, then
the counting is done here by path prefix)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Measure:
    code: str
    # ``label`` and ``how`` are plain Vietnamese (marked with gettext_noop): the change history
    # stores them as written; pages translate them when shown (``gettext(m.label)``).
    label: str  # shown in the target form
    unit: str  # "%" or "" for a count
    how: str  # shown next to the computed value: what was counted
    compute: Callable  # (campaign, units) -> {unit_pk: Decimal | None}


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _staff_paths(campaign) -> dict[int, str]:
    """Person → path of the unit (under the launching unit) of their last post during the year:
    someone who moved during the year counts once, where they worked last (as the dashboards
    count staff)."""
    from tdkt.people.models import Employment

    year = campaign.school_year
    rows = (Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date),
                                      start_date__lte=year.end_date, unit__path__startswith=campaign.unit.path)
            .order_by("start_date", "id").values_list("person_id", "unit__path"))
    return dict(rows)  # later posts overwrite earlier ones


def _people_share(campaign, units, chosen: set[int]) -> dict:
    staff = _staff_paths(campaign)
    out = {}
    for unit in units:
        people = [p for p, path in staff.items() if path.startswith(unit.path)]
        out[unit.pk] = _share(sum(1 for p in people if p in chosen), len(people))
    return out


def _registered(award_code: str):
    def compute(campaign, units):
        from tdkt.records.models import Registration

        if campaign.school_year is None:
            return {u.pk: None for u in units}
        chosen = set(Registration.objects.filter(school_year=campaign.school_year, award_type__code=award_code,
                                                 person__isnull=False).values_list("person_id", flat=True))
        return _people_share(campaign, units, chosen)
    return compute


def _awarded(award_code: str):
    def compute(campaign, units):
        from tdkt.records.models import AwardRecord

        if campaign.school_year is None:
            return {u.pk: None for u in units}
        chosen = set(AwardRecord.objects.filter(school_year=campaign.school_year, award_type__code=award_code,
                                                person__isnull=False, revoked_on__isnull=True)
                     .values_list("person_id", flat=True))
        return _people_share(campaign, units, chosen)
    return compute


def _initiatives(campaign, units):
    from tdkt.records.models import Initiative

    if campaign.school_year is None:
        return {u.pk: None for u in units}
    paths = list(Initiative.objects.filter(school_year=campaign.school_year, recognized=True,
                                           unit__path__startswith=campaign.unit.path)
                 .values_list("unit__path", flat=True))
    return {u.pk: Decimal(sum(1 for p in paths if p.startswith(u.path))) for u in units}


def _on_time(campaign, units):
    from .choices import SubmissionStatus

    paths = list(campaign.submissions.exclude(status=SubmissionStatus.DRAFT).filter(late=False)
                 .values_list("unit__path", flat=True))
    return {u.pk: Decimal(sum(1 for p in paths if p.startswith(u.path))) for u in units}


def _measures() -> dict[str, Measure]:
    from tdkt.eligibility.catalogue import CSTDCS, LDTT

    rows = [
        Measure("registered_ldtt", gettext_noop("Tỷ lệ cán bộ, giáo viên đăng ký Lao động tiên tiến"), "%",
                gettext_noop("số người đăng ký LĐTT / số người công tác trong năm học"), _registered(LDTT)),
        Measure("registered_cstdcs", gettext_noop("Tỷ lệ cán bộ, giáo viên đăng ký Chiến sĩ thi đua cơ sở"), "%",
                gettext_noop("số người đăng ký CSTĐCS / số người công tác trong năm học"), _registered(CSTDCS)),
        Measure("awarded_ldtt", gettext_noop("Tỷ lệ cán bộ, giáo viên đạt Lao động tiên tiến"), "%",
                gettext_noop("số người được công nhận LĐTT năm học / số người công tác trong năm học"),
                _awarded(LDTT)),
        Measure("awarded_cstdcs", gettext_noop("Tỷ lệ cán bộ, giáo viên đạt Chiến sĩ thi đua cơ sở"), "%",
                gettext_noop("số người được công nhận CSTĐCS năm học / số người công tác trong năm học"),
                _awarded(CSTDCS)),
        Measure("initiatives_recognised", gettext_noop("Số sáng kiến được công nhận"), "",
                gettext_noop("số sáng kiến được công nhận trong năm học của đơn vị"), _initiatives),
        Measure("submitted_on_time", gettext_noop("Số đơn vị nộp hồ sơ đăng ký đúng hạn"), "",
                gettext_noop("số đơn vị đã nộp hồ sơ đăng ký thi đua không muộn"), _on_time),
    ]
    return {m.code: m for m in rows}


MEASURES = _measures()


def choices() -> list[tuple[str, str]]:
    """The target form's choices, in the reader's language (called when the form is made)."""
    return [("", gettext("Đơn vị tự báo cáo kết quả"))] + [(m.code, gettext(m.label)) for m in MEASURES.values()]
