"""«Works at this unit» in the council pages respects employment dates: someone who left
the school years ago is not offered as a member or a candidate, and their registration
does not come onto the agenda (people.selectors.employed_q)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.meetings import services
from tdkt.people.models import Employment, Person
from tdkt.records.models import Registration


@pytest.fixture
def left(world):
    p = Person(family_name="Hồ", middle_name="Văn", given_name="Đã Nghỉ")
    p.refresh_derived()
    p.save()
    Employment.objects.create(person=p, unit=world.school_a, start_date=dt.date(2010, 9, 1),
                              end_date=dt.date(2015, 6, 30))
    return p


def test_pickers_leave_out_who_left(world, meeting_of, left, client):
    c = meeting_of(3, day=dt.date(2026, 5, 20))
    client.force_login(world.users.officer_a)
    for url in (f"/hoi-dong/{c.council.pk}/thanh-vien/them/", f"/hoi-dong/cuoc-hop/{c.meeting.pk}/noi-dung/them/"):
        html = client.get(url).content.decode()
        assert "Nguyễn Văn An" in html, url
        assert "Hồ Văn Đã Nghỉ" not in html, url


def test_agenda_leaves_out_who_left(world, meeting_of, awards, left):
    c = meeting_of(3, day=dt.date(2026, 5, 20))
    for person in (left, world.an):
        Registration.objects.create(award_type=awards["giay-khen"], school_year=c.year, person=person,
                                    registered_on=dt.date(2025, 10, 1))
    created = services.meeting_agenda_from_registrations(actor=world.users.officer_a, meeting=c.meeting)
    assert [q.person for q in created] == [world.an]
