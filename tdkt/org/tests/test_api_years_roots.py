"""Issue 12: a script or another system can find the school years and where the unit tree starts,
as the pages do, without Django admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.org import selectors
from tdkt.org.models import SchoolYear
from tdkt.org.services import school_year_get_or_create

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_school_years_newest_first_with_the_current_one_marked(world):
    today = timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    for y in (start - 1, start, start + 1):
        school_year_get_or_create(actor=None, start_year=y)
    data = _client(world.users.staff_a).get(reverse("api:school_year_list")).json()
    labels = [y["label"] for y in data]
    assert labels == sorted(labels, reverse=True) and f"{start}-{start + 1}" in labels
    assert [y["label"] for y in data if y["current"]] == [f"{start}-{start + 1}"]
    this = next(y for y in data if y["current"])
    assert this["start_date"] == f"{start}-09-01" and this["end_date"] == f"{start + 1}-08-31"


def test_current_school_year_in_the_summer_gap_and_before_any_year():
    a = SchoolYear.objects.create(start_year=2024, start_date=dt.date(2024, 9, 5), end_date=dt.date(2025, 5, 31))
    b = SchoolYear.objects.create(start_year=2025, start_date=dt.date(2025, 9, 5), end_date=dt.date(2026, 5, 31))
    assert selectors.current_school_year(dt.date(2025, 1, 10)) == a
    assert selectors.current_school_year(dt.date(2025, 7, 1)) == a  # between two years: the one just ended
    assert selectors.current_school_year(dt.date(2030, 1, 1)) == b
    assert selectors.current_school_year(dt.date(2020, 1, 1)) == a  # none begun yet: the first entered


def test_only_the_top_administrator_adds_a_school_year(world):
    before = (SchoolYear.objects.count(), AuditEvent.objects.count())
    r = _client(world.users.office_officer).post(reverse("api:school_year_list"), {"start_year": 2031},
                                                 content_type="application/json")
    assert r.status_code == 403 and "quản trị" in r.json()["detail"]
    assert (SchoolYear.objects.count(), AuditEvent.objects.count()) == before
    admin = _client(world.users.admin)
    r = admin.post(reverse("api:school_year_list"), {"start_year": 2031}, content_type="application/json")
    assert r.status_code == 201 and r.json()["label"] == "2031-2032" and r.json()["start_date"] == "2031-09-01"
    assert AuditEvent.objects.count() == before[1] + 1
    r = admin.post(reverse("api:school_year_list"), {"start_year": 2031}, content_type="application/json")
    assert r.status_code == 422 and "start_year" in str(r.json())


def test_unit_roots_are_the_tops_of_each_users_scope(world):
    def roots(user):
        return [u["id"] for u in _client(user).get(reverse("api:unit_roots")).json()]

    from tdkt.org.models import Unit

    assert roots(world.users.admin) == [Unit.objects.get(depth=1).pk]
    assert roots(world.users.office_officer) == [world.phong.pk]
    assert roots(world.users.officer_a) == [world.school_a.pk]
    # the school's officer walks down from there
    under = _client(world.users.officer_a).get(reverse("api:unit_list"), {"under": world.school_a.pk}).json()
    assert world.group_a.pk in [u["id"] for u in under["results"]]
