"""Pass thresholds as data: ≥ 90% of the whole council for the higher CSTĐ titles in every
period; ≥ 80% for CSTĐCS and both Cờ thi đua from 2024 (NĐ 98/2023 Điều 30 khoản 7); more than
half of those present otherwise."""

import datetime as dt
from fractions import Fraction

import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import services
from tdkt.meetings.calculations import Counts, RuleParams, TallyInput, tally
from tdkt.meetings.choices import Base, Choice, VotingMethod
from tdkt.meetings.reference import voting_rule_for

from .helpers import vote_all

SEVENTY = RuleParams(threshold=Fraction(7, 10), strict=False, base=Base.TOTAL, absentee_count=True)


def _secret(world, c, award):
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=award, person=world.an)
    assert q.method == VotingMethod.SECRET
    services.question_open(actor=world.users.officer_a, question=q)
    return q


def test_nine_of_twelve_reads_as_the_minutes_say(world, meeting_of, awards):
    c = meeting_of(12)
    q = _secret(world, c, awards["cstdcs"])
    vote_all(q, c.users, [Choice.FOR] * 10 + [Choice.AGAINST] * 2)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.arithmetic == "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT"
    q.refresh_from_db()
    assert q.passed is True and q.tally["for"] == 10 and q.tally["against"] == 2


def test_nine_of_twelve_is_not_enough_for_cstdcs_from_2024(world, meeting_of, awards):
    c = meeting_of(12)
    q = _secret(world, c, awards["cstdcs"])
    vote_all(q, c.users, [Choice.FOR] * 9 + [Choice.AGAINST] * 3)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.arithmetic == "9/12 thành viên đồng ý = 75,0% < 80% tổng số thành viên: KHÔNG ĐẠT"


def test_exactly_eighty_percent_passes(world, meeting_of, awards):
    c = meeting_of(10)
    q = _secret(world, c, awards["cstdcs"])
    vote_all(q, c.users, [Choice.FOR] * 8 + [Choice.AGAINST] * 2)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.passed
    assert result.arithmetic == "8/10 thành viên đồng ý = 80,0% ≥ 80% tổng số thành viên: ĐẠT"


def test_sixty_nine_point_nine_fails():
    t = TallyInput(method=VotingMethod.SECRET, total_members=1000, present=1000, meeting=Counts(for_=699, against=301))
    result = tally(SEVENTY, t)
    assert not result.passed
    assert result.arithmetic == "699/1000 thành viên đồng ý = 69,9% < 70% tổng số thành viên: KHÔNG ĐẠT"


def test_just_under_is_never_shown_rounded_up():
    # 2333/3333 = 69.996...%: rounding would print "70,0%" next to KHÔNG ĐẠT.
    t = TallyInput(method=VotingMethod.SECRET, total_members=3333, present=3333, meeting=Counts(for_=2333))
    result = tally(SEVENTY, t)
    assert not result.passed and "= 69,9% < 70%" in result.arithmetic


def test_absent_members_count_in_the_total(world, meeting_of, awards):
    # 8 of 12 present, all in favour: 8/12 = 66,7% of the whole council is not enough.
    c = meeting_of(12, present=8)
    q = _secret(world, c, awards["cstdcs"])
    vote_all(q, c.users[:8], [Choice.FOR] * 8)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.arithmetic == "8/12 thành viên đồng ý = 66,7% < 80% tổng số thành viên: KHÔNG ĐẠT"


def test_older_year_higher_cstd_needs_ninety_percent(world, meeting_of, awards):
    old = meeting_of(12, day=dt.date(2023, 5, 20), prefix="cu")
    q = _secret(world, old, awards["cstd-tinh"])
    assert q.rule.citation == "Khoản 8, Điều 45, Nghị định 91/2017/NĐ-CP"
    vote_all(q, old.users, [Choice.FOR] * 10 + [Choice.AGAINST] * 2)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.arithmetic == "10/12 thành viên đồng ý = 83,3% < 90% tổng số thành viên: KHÔNG ĐẠT"

    # still 90% under NĐ 98/2023 (Điều 30 khoản 7): 10 of 12 fails, 11 of 12 passes
    new = meeting_of(12, day=dt.date(2024, 5, 20), prefix="moi")
    q2 = _secret(world, new, awards["cstd-tinh"])
    assert q2.rule.citation == "Khoản 7, Điều 30, Nghị định 98/2023/NĐ-CP"
    vote_all(q2, new.users, [Choice.FOR] * 11 + [Choice.AGAINST] * 1)
    assert services.question_close(actor=world.users.officer_a, question=q2).passed


def test_ninety_percent_boundary():
    ninety = RuleParams(threshold=Fraction(9, 10), strict=False, base=Base.TOTAL, absentee_count=True)
    t = TallyInput(method=VotingMethod.SECRET, total_members=10, present=10, meeting=Counts(for_=9, against=1))
    assert tally(ninety, t).passed
    t = TallyInput(method=VotingMethod.SECRET, total_members=11, present=11, meeting=Counts(for_=9, against=2))
    assert not tally(ninety, t).passed  # 81,8%


def test_rule_is_the_one_in_force_on_the_meeting_day(awards):
    assert voting_rule_for(awards["cstd-tinh"], dt.date(2023, 12, 31)).threshold == Fraction(9, 10)
    assert voting_rule_for(awards["cstd-tinh"], dt.date(2024, 1, 1)).threshold == Fraction(9, 10)
    assert voting_rule_for(awards["cstdcs"], dt.date(2023, 12, 31)).threshold == Fraction(7, 10)
    assert voting_rule_for(awards["cstdcs"], dt.date(2024, 1, 1)).threshold == Fraction(8, 10)
    # 30/06/2025 under NĐ 98 (read); 01/07/2025 under NĐ 152, whose pass-mark article nobody has read yet
    june, july = (voting_rule_for(awards["cstdcs"], dt.date(2025, 6, 30)),
                  voting_rule_for(awards["cstdcs"], dt.date(2025, 7, 1)))
    assert june.citation_document == "Nghị định 98/2023/NĐ-CP" and "cần đối chiếu" not in june.note.split(".")[0]
    assert july.citation_document == "Nghị định 152/2025/NĐ-CP" and july.note.startswith("cần đối chiếu")
    assert voting_rule_for(awards["cstdcs"], dt.date(2017, 9, 30)) is None
    assert voting_rule_for(awards["cstdcs"], dt.date(2017, 10, 1)) is not None
    assert voting_rule_for(awards["cstdcs"], dt.date(2024, 5, 1)).secret_ballot_required
    assert voting_rule_for(awards["cstdcs"], dt.date(2016, 5, 1)) is None
    other = voting_rule_for(awards["ldtt"], dt.date(2024, 5, 1))
    assert other.threshold == Fraction(1, 2) and other.threshold_strict and other.base == Base.PRESENT


def test_cstd_must_be_secret(world, meeting_of, awards):
    c = meeting_of(5)
    with pytest.raises(DomainValidationError) as exc:
        services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an, method=VotingMethod.OPEN)
    assert "phải bỏ phiếu kín" in str(exc.value)
    assert not c.meeting.questions.exists()


def test_no_rule_in_force_is_refused(world, meeting_of, awards):
    c = meeting_of(5, day=dt.date(2016, 5, 20))
    with pytest.raises(DomainValidationError) as exc:
        services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    assert "Chưa có quy định biểu quyết" in str(exc.value)


def test_simple_majority_of_those_present(world, meeting_of, awards):
    c = meeting_of(12, present=9)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    assert q.method == VotingMethod.OPEN
    services.question_open(actor=world.users.officer_a, question=q)
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=5, votes_against=3, votes_abstain=1)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.arithmetic == "5/9 thành viên đồng ý = 55,6% > 50% số thành viên có mặt: ĐẠT"

    q2 = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                                  person=world.an)
    services.question_open(actor=world.users.officer_a, question=q2)
    services.open_count_record(actor=world.users.officer_a, question=q2, votes_for=4, votes_against=4,
                               votes_abstain=1)
    assert not services.question_close(actor=world.users.officer_a, question=q2).passed


def test_open_counts_cannot_exceed_those_present(world, meeting_of, awards):
    c = meeting_of(12, present=9)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    with pytest.raises(DomainValidationError) as exc:
        services.open_count_record(actor=world.users.officer_a, question=q, votes_for=8, votes_against=2,
                                   votes_abstain=0)
    assert "vượt số thành viên có mặt" in str(exc.value)
