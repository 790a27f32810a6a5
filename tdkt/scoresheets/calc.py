"""Pure calculations on score sheets: totals, the refusals of a submit, the gap flag, the final score by the
sheet's rule and the ranking with its tie-break. No database: the services and selectors pass plain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ZERO = Decimal(0)

# The tie-break, stated once (shown on the ranking page): equal final scores → fewer penalty points first,
# then the earlier submitted self-assessment, then the unit's name.
TIE_BREAK = gettext_lazy("Bằng điểm: đơn vị có ít điểm trừ hơn xếp trên; vẫn bằng: đơn vị nộp bảng tự chấm sớm hơn xếp trên; "
             "sau cùng theo tên đơn vị.")



@dataclass(frozen=True)
class Item:
    id: int
    code: str
    kind: str  # normal | bonus | penalty
    limit: Decimal  # max points (normal) or cap (bonus, penalty)
    evidence_required: bool = False


@dataclass(frozen=True)
class Totals:
    normal: Decimal
    bonus: Decimal
    penalty: Decimal

    @property
    def total(self) -> Decimal:
        return self.normal + self.bonus - self.penalty


def totals(items: Iterable[Item], points: Mapping[int, Decimal | None]) -> Totals:
    """Sum of normal items + bonus (each capped) − penalty (each capped). Blank scores count 0."""
    normal = bonus = penalty = ZERO
    for it in items:
        p = points.get(it.id) or ZERO
        if it.kind == "normal":
            normal += min(p, it.limit)
        elif it.kind == "bonus":
            bonus += min(p, it.limit)
        elif it.kind == "penalty":
            penalty += min(p, it.limit)
    return Totals(normal, bonus, penalty)


def point_error(item: Item, p: Decimal | None) -> str | None:
    """Why one score is refused (Vietnamese, naming the criterion), or None."""
    if p is None:
        return None
    if p < 0:
        return _("Tiêu chí %(code)s: điểm không được âm (đã nhập %(p)s).") % {"code": item.code, "p": p}
    if p > item.limit:
        if item.kind == "bonus":
            return _("Tiêu chí %(code)s: điểm cộng tối đa %(max)s, đã nhập %(p)s.") % {"code": item.code, "max": item.limit, "p": p}
        if item.kind == "penalty":
            return _("Tiêu chí %(code)s: điểm trừ tối đa %(max)s, đã nhập %(p)s.") % {"code": item.code, "max": item.limit, "p": p}
        return _("Tiêu chí %(code)s: điểm tối đa %(max)s, đã nhập %(p)s.") % {"code": item.code, "max": item.limit, "p": p}
    return None


def submit_errors(items: Sequence[Item], points: Mapping[int, Decimal | None],
                  evidence: Mapping[int, str]) -> list[str]:
    """Every reason a submit is refused, one per criterion."""
    errors = []
    for it in items:
        p = points.get(it.id)
        if it.kind == "normal" and p is None:
            errors.append(_("Tiêu chí %(code)s: chưa chấm điểm.") % {"code": it.code})
            continue
        err = point_error(it, p)
        if err:
            errors.append(err)
        if it.evidence_required and (p or ZERO) > 0 and not (evidence.get(it.id) or "").strip():
            errors.append(_("Tiêu chí %(code)s: bắt buộc có minh chứng (ghi chú hoặc liên kết).") % {"code": it.code})
    return errors


def gap(self_total: Decimal, review_totals: Sequence[Decimal]) -> Decimal:
    """The largest difference between any two of the self score and the reviewers' scores."""
    values = [self_total, *review_totals]
    return max(values) - min(values) if len(values) > 1 else ZERO


def rule_total(rule: str, specialist_totals: Sequence[Decimal], all_totals: Sequence[Decimal]) -> Decimal | None:
    """The final score the sheet's rule gives, or None when it needs a decision (council, or no review yet)."""
    if rule == "reviewer":
        chosen = specialist_totals or all_totals
        return chosen[-1] if chosen else None
    if rule == "average" and all_totals:
        return (sum(all_totals, ZERO) / len(all_totals)).quantize(Decimal("0.01"))
    return None


@dataclass(frozen=True)
class Entry:
    unit_id: int
    name: str
    total: Decimal | None  # final score; None: not final yet (listed last, no rank)
    penalty: Decimal = ZERO
    submitted_at: dt.datetime | None = None


def rank(entries: Iterable[Entry]) -> list[tuple[int | None, Entry]]:
    """Ranks 1..n by final score with TIE_BREAK; entries with no final score come last, unranked."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    done = sorted((e for e in entries if e.total is not None),
                  key=lambda e: (-(e.total or ZERO), e.penalty, e.submitted_at or far, e.name))
    rest = sorted((e for e in entries if e.total is None), key=lambda e: e.name)
    return [(i, e) for i, e in enumerate(done, start=1)] + [(None, e) for e in rest]
