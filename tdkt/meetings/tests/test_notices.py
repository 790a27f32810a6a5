"""A secret ballot opened notifies each member present from their own account (tdkt.notifications);
once the ballot is closed, the e-mail not yet sent does not leave."""

import datetime as dt

import pytest
from django.core import mail

from tdkt.meetings import services
from tdkt.notifications.choices import EmailStatus, Kind
from tdkt.notifications.emails import send_due
from tdkt.notifications.models import Notification


def test_ballot_opened_notifies_the_members_present(world, meeting_of, awards, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    c = meeting_of(5, present=4, day=dt.date.today())
    for u in c.users:
        u.email = f"{u.username}@truong.example"
        u.save(update_fields=["email"])
    q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                 person=world.an)
    services.question_open(actor=world.users.officer_a, question=q)
    got = Notification.objects.filter(kind=Kind.BALLOT_OPENED).order_by("recipient__username")
    assert [n.recipient.username for n in got] == [u.username for u in c.users[:4]]  # not the absent member
    assert got[0].url == f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/"
    services.question_close(actor=world.users.officer_a, question=q)
    send_due()
    assert mail.outbox == []
    assert set(Notification.objects.filter(kind=Kind.BALLOT_OPENED).values_list("email_status", flat=True)) == {
        EmailStatus.CANCELLED}


def test_meeting_scheduled_tells_each_member(world, meeting_of):
    c = meeting_of(3, present=3, day=dt.date.today())
    got = Notification.objects.filter(kind=Kind.MEETING_SCHEDULED, target_id=c.meeting.pk)
    assert sorted(n.recipient.username for n in got) == sorted(u.username for u in c.users)
    assert got[0].title.startswith("Hội đồng Thi đua – Khen thưởng họp lúc")
    assert got[0].url == f"/hoi-dong/cuoc-hop/{c.meeting.pk}/"


def test_a_meeting_moved_tells_each_member_again_with_the_reason(world, council_of):
    from django.utils import timezone

    from tdkt.audit.models import AuditEvent
    from tdkt.core.exceptions import DomainValidationError
    from tdkt.org.services import school_year_get_or_create

    c = council_of(3, prefix="dl", start=dt.date(2020, 9, 1))
    year = school_year_get_or_create(actor=None, start_year=dt.date.today().year - 1)
    day = dt.date.today() + dt.timedelta(days=5)
    meeting = services.meeting_create(actor=world.users.officer_a, council=c.council, school_year=year,
                                      starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(8))),
                                      place="Phòng họp Hội đồng")
    first = Notification.objects.filter(kind=Kind.MEETING_SCHEDULED, target_id=meeting.pk).count()
    assert first == 3
    n = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.meeting_move(actor=world.users.officer_a, meeting=meeting, starts_at=meeting.starts_at,
                              place="Phòng họp tầng 2", reason="")
    assert "reason" in exc.value.message_dict
    assert AuditEvent.objects.count() == n and Notification.objects.filter(target_id=meeting.pk).count() == 3
    later = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(14)))
    services.meeting_move(actor=world.users.officer_a, meeting=meeting, starts_at=later, place="Phòng họp tầng 2",
                          reason="Trùng lịch kiểm tra học kỳ")
    moved = Notification.objects.filter(kind=Kind.MEETING_SCHEDULED, target_id=meeting.pk, title__startswith="Dời lịch")
    assert moved.count() == 3 and all("Trùng lịch kiểm tra học kỳ" in x.body and "14:00" in x.title for x in moved)
