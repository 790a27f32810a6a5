"""Deadline reminders: thresholds crossed at the unit's local time (Asia/Ho_Chi_Minh), only to units
that have not submitted, once however often the scheduler runs, nothing for a moved deadline's old
date; the worker's cycle and the command run the same thing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from tdkt.notifications.choices import EmailStatus, Kind
from tdkt.notifications.models import Notification, Preference, ReminderSchedule
from tdkt.notifications.scheduler import run_scheduler

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = dt.date(2026, 3, 20)


def at(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A moment in Vietnam's time, as the server (in UTC) sees it."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN).astimezone(dt.UTC)


@pytest.fixture
def campaign(world, with_emails):
    from tdkt.campaigns.models import Campaign

    return Campaign.objects.create(unit=world.phong, name="Thi đua Dạy tốt – Học tốt", school_year=world.year,
                                   submission_deadline=DEADLINE)


def reminders(user=None):
    qs = Notification.objects.filter(kind__in=[Kind.DEADLINE_SOON, Kind.DEADLINE_PASSED])
    return qs.filter(recipient=user) if user else qs


def test_seven_days_before_at_local_midnight(world, campaign):
    seven = DEADLINE - dt.timedelta(days=7)
    # 23:59 the day before, in Vietnam (16:59 UTC): still eight days, nothing
    assert run_scheduler(now=at(seven - dt.timedelta(days=1), 23, 59)).created == 0
    # 00:00 in Vietnam is still the previous day in UTC: seven days left, the reminder goes
    result = run_scheduler(now=at(seven, 0, 0))
    got = reminders(world.users.officer_a).get()
    assert got.kind == Kind.DEADLINE_SOON and got.due_on == DEADLINE
    assert got.title == "Còn 7 ngày đến hạn nộp hồ sơ đăng ký thi đua: Thi đua Dạy tốt – Học tốt"
    assert "20/03/2026" in got.body and got.email_status == EmailStatus.PENDING
    # each school's officers and head (school A: officer, head; B: officer); not the office, not staff
    assert set(reminders().values_list("recipient__username", flat=True)) == {"officer_a", "head_a", "officer_b"}
    assert result.created == 3


def test_only_units_that_have_not_submitted(world, campaign):
    from tdkt.campaigns.choices import SubmissionStatus
    from tdkt.campaigns.models import RegistrationSubmission

    RegistrationSubmission.objects.create(campaign=campaign, unit=world.school_a, status=SubmissionStatus.SUBMITTED)
    RegistrationSubmission.objects.create(campaign=campaign, unit=world.school_b, status=SubmissionStatus.RETURNED)
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=3), 8))
    assert list(reminders().values_list("recipient__username", flat=True)) == ["officer_b"]


def test_run_twice_sends_one_email(world, campaign, settings):
    from tdkt.notifications.cycle import run_cycle

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = at(DEADLINE - dt.timedelta(days=3), 8)
    run_cycle(now=now)
    run_cycle(now=now + dt.timedelta(hours=1))
    sent_to = [m.to[0] for m in mail.outbox]
    assert sent_to.count("officer_a@truong.example.vn") == 1
    assert reminders(world.users.officer_a).count() == 1
    # two days left: the tighter threshold, once more
    run_cycle(now=at(DEADLINE - dt.timedelta(days=2), 8))
    run_cycle(now=at(DEADLINE - dt.timedelta(days=1), 8))
    titles = list(reminders(world.users.officer_a).order_by("pk").values_list("title", flat=True))
    assert titles == ["Còn 3 ngày đến hạn nộp hồ sơ đăng ký thi đua: Thi đua Dạy tốt – Học tốt",
                      "Còn 2 ngày đến hạn nộp hồ sơ đăng ký thi đua: Thi đua Dạy tốt – Học tốt"]
    assert [m.to[0] for m in mail.outbox].count("officer_a@truong.example.vn") == 2


def test_moved_deadline_sends_nothing_for_the_old_date(world, campaign, settings):
    from tdkt.notifications.cycle import run_cycle

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=6), 8))  # reminders queued, not yet e-mailed
    old = reminders(world.users.officer_a).get()
    campaign.submission_deadline = DEADLINE + dt.timedelta(days=30)
    campaign.save()
    run_cycle(now=at(DEADLINE - dt.timedelta(days=6), 9))
    old.refresh_from_db()
    assert old.email_status == EmailStatus.CANCELLED
    assert mail.outbox == []
    assert reminders(world.users.officer_a).count() == 1  # nothing new: 36 days left
    # the new date gets its own reminders in time
    run_cycle(now=at(DEADLINE + dt.timedelta(days=23), 9))
    new = reminders(world.users.officer_a).exclude(pk=old.pk).get()
    assert new.due_on == DEADLINE + dt.timedelta(days=30)
    assert [m.to[0] for m in mail.outbox].count("officer_a@truong.example.vn") == 1


def test_passed_deadline_once(world, campaign):
    run_scheduler(now=at(DEADLINE + dt.timedelta(days=1), 8))
    run_scheduler(now=at(DEADLINE + dt.timedelta(days=2), 8))
    got = reminders(world.users.officer_a).get()
    assert got.kind == Kind.DEADLINE_PASSED and got.title.startswith("Đã quá hạn nộp hồ sơ đăng ký thi đua 1 ngày")


def test_days_per_campaign_and_per_user(world, campaign):
    ReminderSchedule.objects.create(source="campaigns.submission_deadline", object_id=campaign.pk, days="14, 7")
    Preference.objects.create(user=world.users.officer_b, reminder_days="20")
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=14), 8))
    assert set(reminders().values_list("recipient__username", flat=True)) == {"officer_a", "head_a", "officer_b"}
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=10), 8))
    assert reminders().count() == 3  # 10 days left crosses no new threshold for anyone


def test_worker_once_and_command_run_the_cycle(world, campaign, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from tdkt.accounts.permissions import Perm
    from tdkt.notifications.audience import Access
    from tdkt.notifications.services import notify

    notify(kind=Kind.JOB_FINISHED, target=world.school_a, recipients=[world.users.officer_a], title="Xong",
           url="/", access=Access(perm=Perm.VIEW_UNIT, unit=world.school_a))
    call_command("worker", once=True)
    assert [m.to for m in mail.outbox] == [["officer_a@truong.example.vn"]]
    call_command("notifications")
    assert len(mail.outbox) == 1


def test_home_page_lists_open_reminders_until_the_unit_submits(world, campaign, client):
    from django.urls import reverse

    from tdkt.campaigns.choices import SubmissionStatus
    from tdkt.campaigns.models import RegistrationSubmission
    from tdkt.site.attention import attention_items

    run_scheduler(now=at(DEADLINE + dt.timedelta(days=1), 8))  # passed for both schools
    run_scheduler(now=at(DEADLINE + dt.timedelta(days=1), 9))
    items = [i for i in attention_items(user=world.users.officer_a) if i.kind == "deadline"]
    assert len(items) == 1
    assert items[0].title == "Nhắc hạn: Thi đua Dạy tốt – Học tốt" and items[0].level == "danger"
    assert items[0].due == DEADLINE
    client.force_login(world.users.officer_a)
    assert "Nhắc hạn: Thi đua Dạy tốt – Học tốt" in client.get(reverse("core:home")).content.decode()
    RegistrationSubmission.objects.create(campaign=campaign, unit=world.school_a, status=SubmissionStatus.SUBMITTED)
    run_scheduler(now=at(DEADLINE + dt.timedelta(days=1), 10))
    assert [i for i in attention_items(user=world.users.officer_a) if i.kind == "deadline"] == []
    assert [i.kind for i in attention_items(user=world.users.officer_b) if i.kind == "deadline"] == ["deadline"]
    assert reminders(world.users.officer_a).count() == 1  # kept as history in the bell's list


def test_a_cluster_meetings_documents_are_reminded_until_sent(world):
    """Seed 000: the leading school sends the cluster's report and papers to the office by the meeting's deadline;
    its officer is reminded until the documents are recorded as sent."""
    from tdkt.campaigns.models import ClusterMeeting
    from tdkt.campaigns.tests.helpers import cluster

    c = cluster(world)
    m = ClusterMeeting.objects.create(cluster=c, number=1, held_on=DEADLINE - dt.timedelta(days=10),
                                      place="Trường A", agenda="Sơ kết học kỳ I", send_deadline=DEADLINE,
                                      required_documents="Báo cáo sơ kết; biên bản")
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=2), 8))
    notes = Notification.objects.filter(kind=Kind.DEADLINE_SOON, key__contains="campaigns.cluster_documents")
    assert {n.recipient for n in notes} == {world.users.officer_a, world.users.head_a}  # the leading school's
    assert all("hạn gửi hồ sơ hội nghị cụm, khối" in n.title and n.resolved_at is None for n in notes)
    ClusterMeeting.objects.filter(pk=m.pk).update(documents_sent_on=DEADLINE - dt.timedelta(days=1))
    run_scheduler(now=at(DEADLINE - dt.timedelta(days=1), 8))
    assert all(n.resolved_at is not None for n in notes.all())  # off the to-do list once sent
