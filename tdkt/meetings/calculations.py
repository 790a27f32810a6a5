"""Pure quorum and tally arithmetic. No ORM, no floats: shares are Fractions and
every comparison is an integer cross-multiplication, so 7/10 is exactly 70 %.

The rule parameters come from the VotingRule / QuorumRule rows in force on the
meeting day; this module only does the sums and writes them out in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

from django.utils.translation import gettext as _

from .choices import BallotPolicy, Base, Choice, TiePolicy, VotingMethod

# --------------------------------------------------------------------------- quorum


def quorum_required(total: int, share: Fraction) -> int:
    """Members who must be present: ``share`` of the total, rounded up.

    ceil(2/3 × 12) = 8, ceil(2/3 × 9) = 6, ceil(2/3 × 10) = 7."""
    if total <= 0:
        return 0
    return -((-share.numerator * total) // share.denominator)


@dataclass(frozen=True)
class Quorum:
    total: int
    present: int
    required: int
    share: Fraction

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.present >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.present, 0) if self.total else 0

    @property
    def share_text(self) -> str:
        return fraction_text(self.share)

    # Quorum sentences are shown, not stored: in the reader's language (the minutes render in Vietnamese).
    @property
    def text(self) -> str:
        if self.total == 0:
            return _("Hội đồng chưa có thành viên.")
        values = {"present": self.present, "total": self.total, "required": self.required, "share": self.share_text,
                  "missing": self.missing}
        if self.reached:
            return _("%(present)s/%(total)s thành viên có mặt; cần ít nhất %(required)s (= %(share)s tổng số thành "
                     "viên, làm tròn lên): đủ điều kiện tiến hành.") % values
        return _("%(present)s/%(total)s thành viên có mặt; cần ít nhất %(required)s (= %(share)s tổng số thành "
                 "viên, làm tròn lên): chưa đủ. Cần thêm %(missing)s thành viên có mặt.") % values

    @property
    def missing_text(self) -> str:
        return _("Cần thêm %(missing)s thành viên có mặt") % {"missing": self.missing} if not self.reached else ""


def quorum(total: int, present: int, share: Fraction) -> Quorum:
    return Quorum(total=total, present=present, required=quorum_required(total, share), share=share)


# --------------------------------------------------------------------------- formatting


def fraction_text(share: Fraction) -> str:
    """2/3 → "2/3"; 7/10 → "70%"; 1/2 → "50%"."""
    pct = share * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    if (pct * 10).denominator == 1:
        return f"{pct.numerator / pct.denominator:.1f}%".replace(".", ",")
    return f"{share.numerator}/{share.denominator}"


def percent_tenths(part: int, whole: int, *, truncate: bool = False) -> int:
    """The share in tenths of a percent, rounded half up (or truncated)."""
    if whole <= 0:
        return 0
    if truncate:
        return (part * 1000) // whole
    return (part * 2000 + whole) // (2 * whole)


def percent_text(part: int, whole: int, *, truncate: bool = False) -> str:
    """Share with one decimal and a Vietnamese comma: 9/12 → "75,0%", 8/12 → "66,7%"."""
    tenths = percent_tenths(part, whole, truncate=truncate)
    return f"{tenths // 10},{tenths % 10}%"


# --------------------------------------------------------------------------- tally


@dataclass(frozen=True)
class RuleParams:
    threshold: Fraction
    strict: bool
    base: str
    absentee_count: bool
    blank_policy: str = BallotPolicy.NOT_FOR
    invalid_policy: str = BallotPolicy.NOT_FOR
    tie_policy: str = TiePolicy.FAILS
    recused_excluded: bool = True


@dataclass(frozen=True)
class Counts:
    for_: int = 0
    against: int = 0
    blank: int = 0
    invalid: int = 0

    @property
    def cast(self) -> int:
        return self.for_ + self.against + self.blank + self.invalid

    def add(self, other: Counts) -> Counts:
        return Counts(self.for_ + other.for_, self.against + other.against, self.blank + other.blank,
                      self.invalid + other.invalid)

    @classmethod
    def of(cls, choices: dict[str, int]) -> Counts:
        return cls(choices.get(Choice.FOR, 0), choices.get(Choice.AGAINST, 0), choices.get(Choice.BLANK, 0),
                   choices.get(Choice.INVALID, 0))


@dataclass(frozen=True)
class TallyInput:
    method: str
    total_members: int
    present: int
    meeting: Counts
    written: Counts = field(default_factory=Counts)
    recused_total: int = 0
    recused_present: int = 0
    chair_choice: str = ""


@dataclass(frozen=True)
class Tally:
    passed: bool
    in_favour: int
    base: int
    counts: Counts
    written_counted: bool
    tie: bool
    arithmetic: str
    notes: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "passed": self.passed, "in_favour": self.in_favour, "base": self.base,
            "for": self.counts.for_, "against": self.counts.against, "blank": self.counts.blank,
            "invalid": self.counts.invalid, "written_counted": self.written_counted, "tie": self.tie,
            "arithmetic": self.arithmetic, "notes": list(self.notes),
        }


# keyed by str: a rule's base is read back from the database as a plain str
_BASE_WORDS: dict[str, str] = {
    Base.TOTAL: "tổng số thành viên",
    Base.PRESENT: "số thành viên có mặt",
    Base.VALID: "số phiếu hợp lệ",
}
_BASE_UNIT: dict[str, str] = {Base.TOTAL: "thành viên", Base.PRESENT: "thành viên", Base.VALID: "phiếu"}


def _base_count(rule: RuleParams, t: TallyInput, counted: Counts, written_used: bool) -> int:
    if rule.base == Base.TOTAL:
        return t.total_members - (t.recused_total if rule.recused_excluded else 0)
    if rule.base == Base.PRESENT:
        present = t.present - (t.recused_present if rule.recused_excluded else 0)
        return present + (t.written.cast if written_used else 0)
    # VALID: the ballots cast, less blank / invalid where the rule leaves them out.
    base = counted.for_ + counted.against
    if rule.blank_policy == BallotPolicy.NOT_FOR:
        base += counted.blank
    if rule.invalid_policy == BallotPolicy.NOT_FOR:
        base += counted.invalid
    return base


def tally(rule: RuleParams, t: TallyInput) -> Tally:
    """Passed or not, with the sum written out: "9/12 thành viên đồng ý = 75,0% ≥ 70% tổng số thành viên: ĐẠT".

    * Written opinions of absent members count only where the rule says so.
    * Recused members (the candidate sitting on the council) leave the base when
      ``recused_excluded`` (see VotingRule.recused_excluded_from_base).
    * A tie (exactly half in favour under a "more than half" rule) fails, unless the
      rule lets the chair's side decide — only for open votes, where the chair's vote is known.
    """
    written_used = rule.absentee_count and t.written.cast > 0
    counted = t.meeting.add(t.written) if rule.absentee_count else t.meeting
    in_favour = counted.for_
    base = _base_count(rule, t, counted, written_used)
    num, den = rule.threshold.numerator, rule.threshold.denominator
    if base <= 0:
        reached = False
    elif rule.strict:
        reached = in_favour * den > num * base
    else:
        reached = in_favour * den >= num * base
    tie = (
        base > 0 and rule.strict and rule.threshold == Fraction(1, 2) and in_favour * 2 == base
        and counted.for_ == counted.against
    )
    notes: list[str] = []
    passed = reached
    chair_decided = False
    if tie:
        if (rule.tie_policy == TiePolicy.CHAIR_DECIDES and t.method == VotingMethod.OPEN
                and t.chair_choice in (Choice.FOR, Choice.AGAINST)):
            passed = t.chair_choice == Choice.FOR
            chair_decided = True
            side = "đồng ý" if passed else "không đồng ý"
            notes.append(f"Số đồng ý và không đồng ý bằng nhau; theo quy định, quyết định theo ý kiến "
                         f"Chủ tịch Hội đồng ({side}).")
        else:
            passed = False
            notes.append("Số đồng ý và không đồng ý bằng nhau: không thông qua.")
    if rule.recused_excluded and t.recused_total and rule.base != Base.VALID:
        notes.append(f"Không tính {t.recused_total} thành viên không biểu quyết vì là người được xét.")
    if t.written.cast:
        if rule.absentee_count:
            notes.append(f"Gồm {t.written.cast} ý kiến bằng văn bản của thành viên vắng mặt.")
        else:
            notes.append(f"{t.written.cast} ý kiến bằng văn bản của thành viên vắng mặt không được tính theo quy định.")

    unit = _BASE_UNIT.get(rule.base, "thành viên")
    if rule.strict:
        op = ">" if reached else "≤"
    else:
        op = "≥" if reached else "<"
    verdict = "ĐẠT" if passed else "KHÔNG ĐẠT"
    if chair_decided:
        verdict += " (theo ý kiến Chủ tịch Hội đồng)"
    if base <= 0:
        arithmetic = f"Không có {unit} nào để tính tỷ lệ: {verdict}"
    else:
        # A share just under the threshold must never be shown rounded up to it (69,96% is not "70,0%").
        shown = percent_text(in_favour, base)
        threshold_tenths = rule.threshold * 1000
        if not reached and percent_tenths(in_favour, base) >= threshold_tenths:
            shown = percent_text(in_favour, base, truncate=True)
        arithmetic = (f"{in_favour}/{base} {unit} đồng ý = {shown} {op} "
                      f"{fraction_text(rule.threshold)} {_BASE_WORDS.get(rule.base, '')}: {verdict}")
    return Tally(passed=passed, in_favour=in_favour, base=base, counts=counted, written_counted=written_used,
                 tie=tie, arithmetic=arithmetic, notes=tuple(notes))


# --------------------------------------------------------------------------- list questions, line by line


def _one_off(c: Counts) -> Counts:
    """One vote taken off, from «đồng ý» first (then against, blank, invalid)."""
    if c.for_:
        return Counts(c.for_ - 1, c.against, c.blank, c.invalid)
    if c.against:
        return Counts(c.for_, c.against - 1, c.blank, c.invalid)
    if c.blank:
        return Counts(c.for_, c.against, c.blank - 1, c.invalid)
    if c.invalid:
        return Counts(c.for_, c.against, c.blank, c.invalid - 1)
    return c


def line_input(t: TallyInput, *, present: bool, wrote: bool = False, counts: Counts | None = None) -> TallyInput:
    """The tally input of one line of a list question whose person sits on the council.

    That member votes on the list but not on their own line (recusal is per line, not
    per list): the line's base loses them as a candidate question's does, and their vote
    leaves the line's count. The secretary may give the line's own count (``counts``);
    otherwise their vote is taken off the «đồng ý» side — a member's hand on the list is
    not recorded per line, and taking it off that side can only make a line fail,
    never pass wrongly. An absent member's written opinion leaves the line the same way."""
    meeting = counts if counts is not None else (_one_off(t.meeting) if present else t.meeting)
    written = _one_off(t.written) if wrote and not present else t.written
    return replace(t, meeting=meeting, written=written, recused_total=t.recused_total + 1,
                   recused_present=t.recused_present + (1 if present else 0))
