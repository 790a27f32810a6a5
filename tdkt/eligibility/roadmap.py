"""Lộ trình khen cao (seed 002): for a person or a unit, the titles and awards within
reach and exactly what is still missing, plus — for units with a founding date — the
round anniversaries (năm tròn) coming up, when schools prepare an anniversary dossier.

The roadmap is read off the verdicts: every criterion line that did not pass says what
it needs ("cần thêm 1 năm «Chiến sĩ thi đua cơ sở» liên tục") and roughly how many
more school years that takes.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from tdkt.core.vi import format_date_short, school_year_label
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import engine
from .catalogue import ANNIVERSARY_RULE
from .checks import ELIGIBLE, NO_RULE

# "Within reach": at most this many more school years after the one judged.
WITHIN_REACH_YEARS = 2


def roadmap_for_person(person: Person, school_year: SchoolYear) -> dict:
    results = engine.evaluate_person(person, school_year)
    return {"subject": {"kind": "person", "id": person.pk, "name": person.full_name},
            "year": school_year.label, **_steps(results)}


def roadmap_for_unit(unit: Unit, school_year: SchoolYear) -> dict:
    results = engine.evaluate_unit(unit, school_year)
    return {"subject": {"kind": "unit", "id": unit.pk, "name": unit.name}, "year": school_year.label,
            **_steps(results), "anniversaries": anniversaries(unit, school_year)}


def _steps(results) -> dict:
    eligible, steps, no_rule = [], [], []
    for r in results:
        if r.outcome == ELIGIBLE:
            eligible.append({"award_type": r.award_code, "award_name": r.award_name,
                             "note": _("Đủ điều kiện năm học này: đề nghị xét theo quy trình.")})
            continue
        if r.outcome == NO_RULE:
            no_rule.append({"award_type": r.award_code, "award_name": r.award_name, "detail": r.summary})
            continue
        short = [line for line in r.line_objs if line.crit.blocking and line.passed is not True]
        missing = []
        for line in short:
            text = line.need or line.detail
            if text not in missing:
                missing.append(text)
        years = max((line.years_needed for line in short), default=0)
        steps.append({
            "award_type": r.award_code, "award_name": r.award_name, "outcome": r.outcome,
            "outcome_label": r.outcome_label, "years_needed": years, "within_reach": years <= WITHIN_REACH_YEARS,
            "missing": missing, "criteria_short": [line.crit.code for line in short],
        })
    steps.sort(key=lambda s: (s["years_needed"], len(s["missing"])))
    return {"eligible_now": eligible, "next_steps": steps, "no_rule": no_rule}


def _year_window(start_year: int) -> tuple[dt.date, dt.date]:
    sy = SchoolYear.objects.filter(start_year=start_year).first()
    if sy is not None:
        return sy.start_date, sy.end_date
    return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)


def is_round_anniversary(years: int, rule: dict = ANNIVERSARY_RULE) -> bool:
    return years > 0 and (years % rule["every"] == 0 or years in rule.get("also", ()))


def anniversaries(unit: Unit, school_year: SchoolYear, rule: dict = ANNIVERSARY_RULE) -> list[dict]:
    """Round anniversaries of the unit's founding within the judged school year and the
    ``horizon_years`` after it."""
    if unit.founded_on is None:
        return []
    out = []
    founded = unit.founded_on
    for start_year in range(school_year.start_year, school_year.start_year + rule["horizon_years"] + 1):
        first, last = _year_window(start_year)
        for year in {first.year, last.year}:
            try:
                day = founded.replace(year=year)
            except ValueError:  # founded on 29 February
                day = dt.date(year, 2, 28)
            n = year - founded.year
            if first <= day <= last and is_round_anniversary(n, rule):
                out.append({"years": n, "date": day, "school_year": school_year_label(start_year),
                            "note": _("Kỷ niệm %(n)s năm thành lập (%(date)s): chuẩn bị báo cáo thành tích và hồ "
                                      "sơ đề nghị khen thưởng nhân dịp kỷ niệm.") % {
                                          "n": n, "date": format_date_short(day)}})
    return sorted(out, key=lambda a: a["date"])
