"""Bonus money (tiền thưởng): pure Decimal arithmetic, no database.

amount = coefficient × mức lương cơ sở on the decision date, rounded *up* to the
next ``step`` đồng (Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2: "làm tròn số lên
hàng chục ngàn đồng"); the step is data (``BonusRounding``), passed in here.
One achievement with several titles (or several forms): only the highest is
paid; a title and a form for the same achievement: both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from tdkt.core.vi import amount_in_words

DEFAULT_STEP = Decimal("10000")


def round_up(amount: Decimal, step: Decimal = DEFAULT_STEP) -> Decimal:
    """Round ``amount`` up to the next multiple of ``step`` (an exact multiple stays)."""
    if not isinstance(amount, Decimal) or not isinstance(step, Decimal):
        raise TypeError("Chỉ tính tiền bằng Decimal.")
    if step <= 0:
        raise ValueError("Bước làm tròn phải lớn hơn 0.")
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return (units * step).quantize(Decimal("1"))


def bonus_amount(coefficient: Decimal, base_salary: Decimal, step: Decimal = DEFAULT_STEP) -> Decimal:
    """Hệ số × mức lương cơ sở, làm tròn lên ``step`` đồng."""
    if not isinstance(coefficient, Decimal) or not isinstance(base_salary, Decimal):
        raise TypeError("Chỉ tính tiền bằng Decimal.")
    if coefficient < 0 or base_salary < 0:
        raise ValueError("Hệ số và mức lương cơ sở không được âm.")
    return round_up(coefficient * base_salary, step)


@dataclass(frozen=True)
class BonusLine:
    """One awarded line: ``group`` is (subject, achievement key); ``kind`` title/form."""

    key: Hashable
    group: Hashable
    kind: str
    coefficient: Decimal
    fund: str = ""


@dataclass(frozen=True)
class BonusResult:
    key: Hashable
    amount: Decimal
    paid: bool
    note: str = ""


def compute_bonuses(lines: Iterable[BonusLine], base_salary: Decimal, step: Decimal = DEFAULT_STEP
                    ) -> list[BonusResult]:
    """Amounts for each line; within one (achievement, kind) only the highest is paid."""
    lines = list(lines)
    best: dict[tuple, BonusLine] = {}
    for line in lines:
        slot = (line.group, line.kind)
        current = best.get(slot)
        if current is None or line.coefficient > current.coefficient:
            best[slot] = line
    out = []
    for line in lines:
        amount = bonus_amount(line.coefficient, base_salary, step)
        if best[(line.group, line.kind)] is line:
            out.append(BonusResult(line.key, amount, True))
        else:
            out.append(BonusResult(line.key, Decimal("0"), False,
                                   "Cùng một thành tích: chỉ hưởng mức tiền thưởng cao nhất."))
    return out


def totals(results: Iterable[BonusResult], lines: Iterable[BonusLine]) -> tuple[Decimal, dict[str, Decimal]]:
    """Total of a decision and the total per fund (quỹ)."""
    fund_of = {line.key: line.fund for line in lines}
    total = Decimal("0")
    per_fund: dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for r in results:
        total += r.amount
        per_fund[fund_of.get(r.key, "")] += r.amount
    return total, dict(per_fund)


def words(amount: Decimal) -> str:
    """"Hai triệu không trăm năm mươi nghìn đồng"."""
    return amount_in_words(amount)
