"""A member does not vote on their own candidacy; the rule decides whether they leave
the base (our reading: they do — VotingRule.recused_excluded_from_base)."""

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.models import Ballot, BallotReceipt, Recusal

from .helpers import vote_all


@pytest.fixture
def member_candidate(world, meeting_of, awards):
    c = meeting_of(12)
    candidate = c.people[5]
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=candidate)
    services.question_open(actor=world.users.officer_a, question=q)
    return c, q


def test_recusal_recorded_when_voting_opens(member_candidate):
    c, q = member_candidate
    recusal = Recusal.objects.get(question=q)
    assert recusal.member == c.members[5]
    assert "người được xét" in recusal.reason


def test_candidate_member_cannot_vote_and_nothing_changes(member_candidate):
    c, q = member_candidate
    events = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.ballot_cast(actor=c.users[5], question=q, choice=Choice.FOR)
    assert "người được xét" in str(exc.value)
    assert Ballot.objects.count() == 0 and BallotReceipt.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_recused_member_leaves_the_base(world, member_candidate):
    c, q = member_candidate
    # 9 of the 11 who may vote: 81,8% ≥ 80% (9/12 would be 75,0%).
    others = [u for i, u in enumerate(c.users) if i != 5]
    vote_all(q, others, [Choice.FOR] * 9 + [Choice.AGAINST] * 2)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert result.passed
    assert result.arithmetic == "9/11 thành viên đồng ý = 81,8% ≥ 80% tổng số thành viên: ĐẠT"
    assert "Không tính 1 thành viên không biểu quyết vì là người được xét." in result.notes


def test_rule_may_keep_recused_members_in_the_base(world, member_candidate):
    c, q = member_candidate
    q.rule.recused_excluded_from_base = False
    q.rule.save()
    others = [u for i, u in enumerate(c.users) if i != 5]
    vote_all(q, others, [Choice.FOR] * 9 + [Choice.AGAINST] * 2)
    result = services.question_close(actor=world.users.officer_a, question=q)
    assert not result.passed and result.arithmetic.startswith("9/12 ")


def test_manual_recusal_for_another_reason(world, meeting_of, awards):
    c = meeting_of(5)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    services.recusal_record(actor=world.users.officer_a, question=q, member=c.members[2],
                            reason="Là vợ của người được xét")
    with pytest.raises(DomainValidationError):
        services.ballot_cast(actor=c.users[2], question=q, choice=Choice.FOR)
