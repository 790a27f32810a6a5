"""A secret ballot opened notifies each member present from their own account (tdkt.notifications);
once the ballot is closed, the e-mail not yet sent does not leave."""

import datetime as dt

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
