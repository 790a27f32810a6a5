"""The demo's notifications: the ward reminds its schools of the campaign's registration deadline and
of the ad hoc round from the day it launches them (a reminder schedule on each), the demo logins get an
address at the reserved ``.example`` domain, replacing any other (the console backend prints their
e-mails; nothing could reach anyone even with SMTP configured), and one scheduler run puts the reminders in the bells. The returned
proposal, the accepted dossier and the open ballot notified their people already, through the services
that made them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.org.models import SchoolYear, Unit

DEMO_MAIL_DOMAIN = "demo.example"


def build_demo_notifications(*, year: SchoolYear, ward_code: str, campaign_name: str, round_name: str,
                             today: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Returns how many reminders the scheduler made (0 on a second run)."""
    from tdkt.awards.models import Round
    from tdkt.campaigns.models import Campaign
    from tdkt.notifications.models import ReminderSchedule
    from tdkt.notifications.scheduler import run_scheduler
    from tdkt.site.demo import demo_logins

    today = today or timezone.localdate()
    # Every demo login, also those whose person has an address of a real-looking domain (the person's
    # file keeps it): a demo run with SMTP configured must not write to anyone.
    for username in (login["username"] for login in demo_logins()):
        User.objects.filter(username=username).exclude(email=f"{username}@{DEMO_MAIL_DOMAIN}").update(
            email=f"{username}@{DEMO_MAIL_DOMAIN}")
    ward = Unit.objects.get(code=ward_code)
    campaign = Campaign.objects.filter(unit=ward, name=campaign_name).first()
    if campaign is not None and campaign.registration_deadline:
        days = max((campaign.registration_deadline - today).days, 15)
        ReminderSchedule.objects.get_or_create(source="campaigns.registration_deadline", object_id=campaign.pk,
                                               defaults={"days": f"{days}, 7, 2"})
    rnd = Round.objects.filter(unit=ward, name=round_name).first()
    if rnd is not None:
        days = max((rnd.deadline - today).days, 10)
        ReminderSchedule.objects.get_or_create(source="awards.round", object_id=rnd.pk,
                                               defaults={"days": f"{days}, 7, 2"})
    _past_read(year)
    # The scheduler counts days in Vietnam's time: noon of the demo's day.
    return run_scheduler(now=now or dt.datetime.combine(today, dt.time(12), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))).created


def _past_read(year: SchoolYear) -> None:
    """The demo makes last year's council votes and decisions today; their notices are history, so they
    are read (and not e-mailed): the bells show what is waiting now."""
    from tdkt.awards.models import Decision, Proposal
    from tdkt.meetings.choices import QuestionStatus
    from tdkt.meetings.models import Meeting, Question
    from tdkt.notifications.choices import EmailStatus
    from tdkt.notifications.models import Notification

    now = timezone.now()
    past = [
        ("meetings.meeting", Meeting.objects.filter(starts_at__lt=now - dt.timedelta(days=1)).values_list(
            "pk", flat=True)),
        ("meetings.question", Question.objects.exclude(status=QuestionStatus.VOTING).values_list("pk", flat=True)),
        ("awards.proposal", Proposal.objects.exclude(round__school_year=year).values_list("pk", flat=True)),
        ("awards.decision", Decision.objects.exclude(round__school_year=year).values_list("pk", flat=True)),
    ]
    for target_type, ids in past:
        Notification.objects.filter(target_type=target_type, target_id__in=list(ids), read_at__isnull=True).update(
            read_at=now, email_status=EmailStatus.NONE, email_next_try=None)
