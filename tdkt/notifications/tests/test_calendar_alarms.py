"""The deadline feed (ICS) carries an alarm per reminder day: the user's own, else 7 and 2."""

from __future__ import annotations

from django.urls import reverse

from tdkt.campaigns import services
from tdkt.campaigns.tests.test_calendar import _parse, _setup
from tdkt.notifications.models import Preference


def test_feed_alarms_follow_the_reminder_days(world, client):
    _setup(world)
    token = services.calendar_token_get_or_create(user=world.users.officer_a)
    text = client.get(reverse("campaigns:calendar_ics", args=[token])).content.decode()
    _lines, events = _parse(text)
    assert events and text.count("BEGIN:VALARM") == 2 * len(events)
    assert "TRIGGER:-P7D" in text and "TRIGGER:-P2D" in text
    Preference.objects.create(user=world.users.officer_a, reminder_days="10, 0")
    text = client.get(reverse("campaigns:calendar_ics", args=[token])).content.decode()
    assert "TRIGGER:-P10D" in text and "TRIGGER:PT8H" in text and "TRIGGER:-P7D" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
