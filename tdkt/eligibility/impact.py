"""The impact report ("Báo cáo tác động khi quy định thay đổi"): one school year of a
unit's subtree judged twice — by the criterion rows in force on day A and on day B —
and what differs: who gains or loses a title, whose verdict changes otherwise, the
criterion that made the difference, and totals per title.

Two engine runs on the subtree (:func:`tdkt.eligibility.engine.subtree_engine` with
``rules_on``); no engine logic is copied here, and the number of queries does not grow
with the number of people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.org.models import SchoolYear, Unit

from . import engine
from .checks import ELIGIBLE
from .models import Criterion, criterion_text

GAIN, LOSS, CHANGE = "gain", "loss", "change"


def change_label(kind: str) -> str:
    return {GAIN: _("Được thêm"), LOSS: _("Bị mất"), CHANGE: _("Đổi kết quả")}.get(kind, kind)


def default_dates(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(A, B): the day before the most recent rule change and the change itself — the latest
    ``effective_from`` of any criterion row not after ``today`` (a future row if none)."""
    today = today or timezone.localdate()
    latest = (Criterion.objects.filter(effective_from__lte=today).aggregate(d=Max("effective_from"))["d"]
              or Criterion.objects.aggregate(d=Max("effective_from"))["d"] or today)
    return latest - dt.timedelta(days=1), latest


@dataclass
class Difference:
    """One criterion whose line differs between the two rule sets for one subject."""

    code: str
    description: str
    citation: str
    side: str  # "a", "b" or "both": which rule set has the row
    passed_a: bool | None
    passed_b: bool | None
    detail_a: str
    detail_b: str
    description_en: str = ""

    @property
    def text(self) -> str:
        """The criterion in the reader's language (English kept as data for a reader of English)."""
        return criterion_text(self.description, self.description_en)


@dataclass
class Change:
    subject_kind: str
    subject_id: int
    subject_name: str
    award_code: str
    award_name: str
    outcome_a: str
    outcome_b: str
    kind: str
    differences: list[Difference]

    @property
    def outcome_a_label(self) -> str:
        return engine.outcome_label(self.outcome_a)

    @property
    def outcome_b_label(self) -> str:
        return engine.outcome_label(self.outcome_b)

    @property
    def kind_label(self) -> str:
        return change_label(self.kind)

    def reason(self) -> str:
        """The criteria that made the difference, as one line of text."""
        return "; ".join(f"{d.code} – {d.text}" + (f" ({d.citation})" if d.citation else "")
                         for d in self.differences)

    def as_dict(self) -> dict:
        return {
            "subject": {"kind": self.subject_kind, "id": self.subject_id, "name": self.subject_name},
            "award_type": self.award_code, "award_name": self.award_name,
            "outcome_a": self.outcome_a, "outcome_a_label": self.outcome_a_label,
            "outcome_b": self.outcome_b, "outcome_b_label": self.outcome_b_label,
            "change": self.kind, "change_label": self.kind_label,
            "criteria": [d.__dict__.copy() for d in self.differences],
        }


@dataclass
class TitleTotal:
    award_code: str
    award_name: str
    judged: int = 0
    eligible_a: int = 0
    eligible_b: int = 0
    gains: int = 0
    losses: int = 0
    changes: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ImpactReport:
    unit: Unit
    year: SchoolYear
    date_a: dt.date
    date_b: dt.date
    changes: list[Change] = field(default_factory=list)
    totals: list[TitleTotal] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"unit": {"id": self.unit.pk, "name": self.unit.name}, "year": self.year.label,
                "date_a": self.date_a, "date_b": self.date_b,
                "totals": [t.as_dict() for t in self.totals], "changes": [c.as_dict() for c in self.changes]}


def _kind(a: str, b: str) -> str:
    if b == ELIGIBLE and a != ELIGIBLE:
        return GAIN
    if a == ELIGIBLE and b != ELIGIBLE:
        return LOSS
    return CHANGE


def _differences(lines_a, lines_b) -> list[Difference]:
    """Criteria whose result differs, matched by criterion code; a blocking row present under
    one rule set only counts when it did not pass there."""
    by_a = {line.crit.code: line for line in lines_a or ()}
    by_b = {line.crit.code: line for line in lines_b or ()}
    out = []
    for code in [*by_a, *(c for c in by_b if c not in by_a)]:
        la, lb = by_a.get(code), by_b.get(code)
        line = lb if lb is not None else by_a[code]  # the code is one side's at least
        if la is not None and lb is not None:
            if la.passed == lb.passed:
                continue
        elif line.passed is True or not line.crit.blocking:
            continue
        crit = line.crit
        out.append(Difference(code=code, description=crit.description, description_en=crit.description_en,
                              citation=crit.citation,
                              side="both" if la is not None and lb is not None else ("a" if la is not None else "b"),
                              passed_a=la.passed if la is not None else None,
                              passed_b=lb.passed if lb is not None else None,
                              detail_a=str(la.detail) if la is not None else "",
                              detail_b=str(lb.detail) if lb is not None else ""))
    return out


def impact_report(*, unit: Unit, school_year: SchoolYear, date_a: dt.date, date_b: dt.date,
                  visible=None) -> ImpactReport:
    """The year judged by the rows in force on ``date_a`` and on ``date_b``, side by side.

    ``visible(results, eng)`` filters the verdicts to those the user may see (the views pass
    the eligibility pages' scope filter)."""
    eng_a = engine.subtree_engine(unit, school_year, rules_on=date_a)
    eng_b = engine.subtree_engine(unit, school_year, rules_on=date_b)
    results_a = engine.evaluate_subtree(unit, school_year, engine=eng_a)
    results_b = engine.evaluate_subtree(unit, school_year, engine=eng_b)
    if visible is not None:
        results_a, results_b = visible(results_a, eng_a), visible(results_b, eng_b)
    by_key_b = {(r.award_code, r.subject_kind, r.subject_id): r for r in results_b}
    report = ImpactReport(unit=unit, year=school_year, date_a=date_a, date_b=date_b)
    totals: dict[str, TitleTotal] = {}
    for code in eng_b.catalogue.ordered_codes():
        totals[code] = TitleTotal(code, eng_b.award_name(code))
    for ra in results_a:
        rb = by_key_b.get((ra.award_code, ra.subject_kind, ra.subject_id))
        if rb is None:
            continue
        t = totals.setdefault(ra.award_code, TitleTotal(ra.award_code, ra.award_name))
        t.judged += 1
        t.eligible_a += ra.outcome == ELIGIBLE
        t.eligible_b += rb.outcome == ELIGIBLE
        if ra.outcome == rb.outcome:
            continue
        kind = _kind(ra.outcome, rb.outcome)
        t.gains += kind == GAIN
        t.losses += kind == LOSS
        t.changes += kind == CHANGE
        report.changes.append(Change(
            subject_kind=ra.subject_kind, subject_id=ra.subject_id, subject_name=ra.subject_name,
            award_code=ra.award_code, award_name=rb.award_name, outcome_a=ra.outcome, outcome_b=rb.outcome,
            kind=kind, differences=_differences(ra.line_objs, rb.line_objs)))
    report.totals = [t for t in totals.values() if t.judged]
    return report
