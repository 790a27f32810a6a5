"""Every refused vote says why in Vietnamese and changes nothing: no ballot, no
receipt, no audit row, no status."""

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.meetings import services
from tdkt.meetings.choices import Choice, QuestionStatus
from tdkt.meetings.models import Attendance, Ballot, BallotReceipt, Question


def _state():
    return (Ballot.objects.count(), BallotReceipt.objects.count(), AuditEvent.objects.count(),
            list(Question.objects.order_by("pk").values_list("status", "passed")))


def _refused(actor, question, message, choice=Choice.FOR, error=DomainValidationError):
    before = _state()
    with pytest.raises(error) as exc:
        services.ballot_cast(actor=actor, question=question, choice=choice)
    assert message in str(exc.value)
    assert _state() == before


@pytest.fixture
def voting(world, meeting_of, awards):
    c = meeting_of(6, present=5)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    return c, q


def test_vote_without_quorum(voting):
    c, q = voting
    # A seat ended on the day (or an attendance row was corrected by an administrator):
    # the live quorum no longer holds, and the vote is refused.
    Attendance.objects.filter(meeting=c.meeting, member__in=c.members[1:5]).update(present=False)
    _refused(c.users[0], q, "Cần thêm 3 thành viên có mặt")


def test_vote_by_a_non_member(world, voting):
    c, q = voting
    # Not a seat on this council: a refusal of the right itself (403 on pages and API), whatever the roles.
    _refused(world.users.council_a, q, "không phải là thành viên của Hội đồng này", error=PermissionRefused)
    _refused(world.users.officer_a, q, "không phải là thành viên của Hội đồng này", error=PermissionRefused)


def test_vote_by_an_absent_member(voting):
    c, q = voting
    _refused(c.users[5], q, "không được ghi nhận có mặt")


def test_vote_on_a_question_not_yet_open(world, voting, awards):
    c, q = voting
    pending = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ngut"],
                                       person=world.an)
    _refused(c.users[0], pending, "chưa mở biểu quyết")


def test_vote_on_a_closed_question(world, voting):
    c, q = voting
    services.question_close(actor=world.users.officer_a, question=q)
    _refused(c.users[0], q, "đã kết thúc biểu quyết")


def test_vote_after_the_meeting_closed(world, voting):
    c, q = voting
    services.question_close(actor=world.users.officer_a, question=q)
    services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    _refused(c.users[0], q, "Cuộc họp đã kết thúc")


def test_vote_twice(voting):
    c, q = voting
    services.ballot_cast(actor=c.users[0], question=q, choice=Choice.FOR)
    _refused(c.users[0], q, "đã bỏ phiếu", choice=Choice.AGAINST)


def test_invalid_choice(voting):
    c, q = voting
    _refused(c.users[0], q, "Hãy chọn", choice=Choice.INVALID)


def test_open_vote_question_takes_no_ballots(world, meeting_of, awards):
    c = meeting_of(3)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    _refused(c.users[0], q, "biểu quyết công khai")


def test_closing_the_meeting_with_a_question_open(world, voting):
    c, q = voting
    events = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.meeting_close(actor=world.users.officer_a, meeting=c.meeting)
    assert "Còn nội dung đang biểu quyết" in str(exc.value)
    assert AuditEvent.objects.count() == events
    q.refresh_from_db()
    assert q.status == QuestionStatus.VOTING


def test_page_refusal_shows_the_reason(world, voting, client):
    c, q = voting
    client.force_login(c.users[5])
    before = _state()
    html = client.post(f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/", {"choice": "dong_y"}, follow=True).content.decode()
    assert "không được ghi nhận có mặt" in html
    assert _state() == before
