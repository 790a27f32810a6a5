"""Quorum: at least 2/3 of the whole council present, rounded up (seed 003 II.5)."""

from fractions import Fraction

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.meetings import selectors, services
from tdkt.meetings.calculations import quorum, quorum_required
from tdkt.meetings.choices import MeetingStatus, QuestionStatus

TWO_THIRDS = Fraction(2, 3)


@pytest.mark.parametrize(("total", "required"), [(12, 8), (9, 6), (10, 7), (3, 2), (1, 1), (0, 0), (15, 10)])
def test_two_thirds_rounded_up(total, required):
    assert quorum_required(total, TWO_THIRDS) == required


def test_boundaries_of_twelve():
    assert quorum(12, 8, TWO_THIRDS).reached
    seven = quorum(12, 7, TWO_THIRDS)
    assert not seven.reached
    assert seven.missing == 1
    assert seven.missing_text == "Cần thêm 1 thành viên có mặt"


def test_boundaries_of_nine():
    assert quorum(9, 6, TWO_THIRDS).reached
    assert not quorum(9, 5, TWO_THIRDS).reached


def test_voting_cannot_open_with_seven_of_twelve(world, meeting_of, awards):
    c = meeting_of(12, present=7)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.question_open(actor=world.users.officer_a, question=q)
    assert "Cần thêm 1 thành viên có mặt" in str(exc.value)
    q.refresh_from_db()
    c.meeting.refresh_from_db()
    assert q.status == QuestionStatus.PENDING and c.meeting.status == MeetingStatus.PLANNED
    assert AuditEvent.objects.count() == events


def test_voting_opens_with_eight_of_twelve(world, meeting_of, awards):
    c = meeting_of(12, present=8)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    q.refresh_from_db()
    c.meeting.refresh_from_db()
    assert q.status == QuestionStatus.VOTING
    assert c.meeting.status == MeetingStatus.IN_PROGRESS
    assert c.meeting.total_members == 12 and c.meeting.quorum_rule.code == "hop-le-2-3"


def test_six_of_nine_is_enough(world, meeting_of, awards):
    c = meeting_of(9, present=6)
    assert selectors.meeting_quorum(c.meeting).reached
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)


def test_attendance_frozen_once_voting_started(world, meeting_of, awards):
    c = meeting_of(12, present=8)
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    events = AuditEvent.objects.count()
    before = list(c.meeting.attendance.order_by("pk").values_list("member_id", "present", "absence_reason"))
    with pytest.raises(DomainValidationError) as exc:
        services.attendance_record(actor=world.users.officer_a, meeting=c.meeting,
                                   entries=[services.AttendanceEntry(member=c.members[11], present=True)])
    assert "Đã bắt đầu biểu quyết" in str(exc.value)
    assert list(c.meeting.attendance.order_by("pk").values_list("member_id", "present", "absence_reason")) == before
    assert AuditEvent.objects.count() == events


def test_meeting_page_says_how_many_more(world, meeting_of, client):
    c = meeting_of(12, present=7)
    client.force_login(world.users.officer_a)
    html = client.get(f"/hoi-dong/cuoc-hop/{c.meeting.pk}/").content.decode()
    assert "Cần thêm 1 thành viên có mặt" in html
    assert "7/12 thành viên có mặt, cần ít nhất 8" in html
