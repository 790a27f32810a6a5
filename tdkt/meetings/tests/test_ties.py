"""Ties: a tie does not pass, unless the rule lets the chair's side decide — for open
votes of simple-majority questions only (a secret ballot hides the chair's vote)."""

from fractions import Fraction

from tdkt.meetings import services
from tdkt.meetings.calculations import Counts, RuleParams, TallyInput, tally
from tdkt.meetings.choices import Base, Choice, TiePolicy, VotingMethod

MAJORITY = RuleParams(threshold=Fraction(1, 2), strict=True, base=Base.PRESENT, absentee_count=False,
                      tie_policy=TiePolicy.CHAIR_DECIDES)


def _t(method, chair=""):
    return TallyInput(method=method, total_members=10, present=10, meeting=Counts(for_=5, against=5),
                      chair_choice=chair)


def test_tie_follows_the_chair_in_an_open_vote():
    yes = tally(MAJORITY, _t(VotingMethod.OPEN, Choice.FOR))
    assert yes.tie and yes.passed
    assert yes.arithmetic == "5/10 thành viên đồng ý = 50,0% ≤ 50% số thành viên có mặt: ĐẠT (theo ý kiến Chủ tịch Hội đồng)"
    no = tally(MAJORITY, _t(VotingMethod.OPEN, Choice.AGAINST))
    assert no.tie and not no.passed


def test_tie_fails_when_the_chair_side_is_unknown_or_the_ballot_secret():
    assert not tally(MAJORITY, _t(VotingMethod.OPEN)).passed
    assert not tally(MAJORITY, _t(VotingMethod.SECRET, Choice.FOR)).passed


def test_tie_fails_when_the_rule_says_so():
    rule = RuleParams(threshold=Fraction(1, 2), strict=True, base=Base.PRESENT, absentee_count=False,
                      tie_policy=TiePolicy.FAILS)
    result = tally(rule, _t(VotingMethod.OPEN, Choice.FOR))
    assert result.tie and not result.passed
    assert "Số đồng ý và không đồng ý bằng nhau: không thông qua." in result.notes


def test_chair_side_is_no_help_to_a_percentage_rule():
    seventy = RuleParams(threshold=Fraction(7, 10), strict=False, base=Base.TOTAL, absentee_count=True,
                         tie_policy=TiePolicy.CHAIR_DECIDES)
    result = tally(seventy, _t(VotingMethod.OPEN, Choice.FOR))
    assert not result.tie and not result.passed


def test_tie_through_the_services(world, meeting_of, awards):
    c = meeting_of(10)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=5, votes_against=5,
                               votes_abstain=0, chair_choice=Choice.FOR)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.passed and result.tie
