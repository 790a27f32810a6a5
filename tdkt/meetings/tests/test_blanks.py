"""Blank and invalid ballots: never "in favour"; they stay in the base unless the
rule leaves them out (only meaningful when the base is the valid ballots)."""

from fractions import Fraction

from tdkt.meetings import services
from tdkt.meetings.calculations import Counts, RuleParams, TallyInput, tally
from tdkt.meetings.choices import BallotPolicy, Base, Choice, VotingMethod

from .helpers import vote_all


def test_blank_ballots_are_not_in_favour(world, meeting_of, awards):
    c = meeting_of(10)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    vote_all(q, c.users, [Choice.FOR] * 6 + [Choice.BLANK] * 4)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert not result.passed
    assert result.counts == Counts(for_=6, against=0, blank=4, invalid=0)
    assert result.arithmetic == "6/10 thành viên đồng ý = 60,0% < 80% tổng số thành viên: KHÔNG ĐẠT"


def _valid_base(blank_policy, invalid_policy):
    return RuleParams(threshold=Fraction(1, 2), strict=True, base=Base.VALID, absentee_count=False,
                      blank_policy=blank_policy, invalid_policy=invalid_policy)


def test_blanks_excluded_from_a_valid_ballot_base():
    t = TallyInput(method=VotingMethod.SECRET, total_members=12, present=12,
                   meeting=Counts(for_=5, against=4, blank=2, invalid=1))
    kept = tally(_valid_base(BallotPolicy.NOT_FOR, BallotPolicy.NOT_FOR), t)
    assert kept.base == 12 and not kept.passed  # 5/12
    dropped = tally(_valid_base(BallotPolicy.EXCLUDED, BallotPolicy.EXCLUDED), t)
    assert dropped.base == 9 and dropped.passed  # 5/9
    assert dropped.arithmetic == "5/9 phiếu đồng ý = 55,6% > 50% số phiếu hợp lệ: ĐẠT"


def test_blank_policy_does_not_shrink_a_total_membership_base():
    rule = RuleParams(threshold=Fraction(7, 10), strict=False, base=Base.TOTAL, absentee_count=True,
                      blank_policy=BallotPolicy.EXCLUDED)
    t = TallyInput(method=VotingMethod.SECRET, total_members=10, present=10, meeting=Counts(for_=7, blank=3))
    assert tally(rule, t).base == 10
