"""Absent members' written opinions, recorded after the meeting with the document date,
counted where the rule allows (CSTĐ: yes; simple-majority questions: no)."""

import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import services
from tdkt.meetings.choices import Channel, Choice
from tdkt.meetings.models import Ballot, BallotReceipt

from .helpers import vote_all

LATER = dt.date(2024, 5, 22)


def _opinions(c, idx, choices, when=LATER):
    return [services.WrittenOpinion(member=c.members[i], choice=ch, document_date=when, document_ref=f"YK-{i}")
            for i, ch in zip(idx, choices, strict=True)]


@pytest.fixture
def cstd_closed(world, meeting_of, awards):
    """8 of 12 present, all in favour: 8/12 fails until written opinions arrive."""
    c = meeting_of(12, present=8)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    vote_all(q, c.users[:8], [Choice.FOR] * 8)
    assert not services.question_close(actor=world.users.officer_a, question=q).passed
    return c, q


def test_written_opinions_not_before_the_meeting_ends(world, cstd_closed):
    c, q = cstd_closed
    with pytest.raises(DomainValidationError) as exc:
        services.absentee_opinions_record(actor=world.users.officer_a, question=q,
                                          opinions=_opinions(c, [8], [Choice.FOR]))
    assert "sau khi cuộc họp kết thúc" in str(exc.value)


def test_counted_where_the_rule_allows(world, cstd_closed):
    c, q = cstd_closed
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    result = services.absentee_opinions_record(actor=world.users.officer_a, question=q,
                                               opinions=_opinions(c, [8, 9, 10], [Choice.FOR, Choice.FOR,
                                                                                  Choice.INVALID]))
    assert result.passed
    assert result.arithmetic == "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT"
    assert "Gồm 3 ý kiến bằng văn bản của thành viên vắng mặt." in result.notes
    q.refresh_from_db()
    assert q.passed is True and q.tally["invalid"] == 1
    receipts = BallotReceipt.objects.filter(question=q, channel=Channel.WRITTEN)
    assert receipts.count() == 3 and set(receipts.values_list("document_date", flat=True)) == {LATER}
    # the audit row names who wrote in, never what they chose
    event = AuditEvent.objects.filter(event_type="meetings.absentee_opinions_recorded").get()
    assert "dong_y" not in str(event.data) and "khong_dong_y" not in str(event.data)


def test_not_counted_for_simple_majority_questions(world, meeting_of, awards):
    c = meeting_of(12, present=9)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    services.open_count_record(actor=world.users.officer_a, question=q, votes_for=4, votes_against=4,
                               votes_abstain=1)
    services.question_close(actor=world.users.officer_a, question=q)
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    result = services.absentee_opinions_record(actor=world.users.officer_a, question=q,
                                               opinions=_opinions(c, [9, 10, 11], [Choice.FOR] * 3))
    assert not result.passed
    assert result.arithmetic.startswith("4/9 ")
    assert "3 ý kiến bằng văn bản của thành viên vắng mặt không được tính theo quy định." in result.notes
    assert Ballot.objects.filter(question=q, channel=Channel.WRITTEN).count() == 3


@pytest.mark.parametrize(("who", "message"), [
    (0, "có mặt tại cuộc họp"),
])
def test_only_absent_members_write_in(world, cstd_closed, who, message):
    c, q = cstd_closed
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    with pytest.raises(DomainValidationError) as exc:
        services.absentee_opinions_record(actor=world.users.officer_a, question=q,
                                          opinions=_opinions(c, [who], [Choice.FOR]))
    assert message in str(exc.value)


def test_refusals_leave_nothing(world, cstd_closed):
    c, q = cstd_closed
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    services.absentee_opinions_record(actor=world.users.officer_a, question=q, opinions=_opinions(c, [8], [Choice.FOR]))
    state = (Ballot.objects.count(), BallotReceipt.objects.count(), AuditEvent.objects.count())
    for opinions, message in [
        (_opinions(c, [8], [Choice.AGAINST]), "Đã ghi nhận ý kiến"),
        (_opinions(c, [9], [Choice.FOR], when=dt.date(2024, 5, 19)), "từ ngày họp trở về sau"),
        (_opinions(c, [9, 9], [Choice.FOR, Choice.FOR]), "Đã ghi nhận ý kiến"),
    ]:
        with pytest.raises(DomainValidationError) as exc:
            services.absentee_opinions_record(actor=world.users.officer_a, question=q, opinions=opinions)
        assert message in str(exc.value)
        assert (Ballot.objects.count(), BallotReceipt.objects.count(), AuditEvent.objects.count()) == state
    services.meeting_finalize(actor=world.users.officer_a, meeting=c.meeting)
    with pytest.raises(DomainValidationError) as exc:
        services.absentee_opinions_record(actor=world.users.officer_a, question=q,
                                          opinions=_opinions(c, [9], [Choice.FOR]))
    assert "đã chốt kết quả" in str(exc.value)
