"""Issue 12, item 9: the "Đơn vị đề nghị" and "Đơn vị mở đợt" lists offer only the units the user may
propose for (their own unit and those under it), also when the page comes back with errors; a
unit posted from outside them is still refused by the service (403)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _unit_options(html: str) -> dict[int, str]:
    found = re.search(r'<select name="unit".*?</select>', html, re.S)
    assert found, "no unit picker on the page"
    select = found.group(0)
    return {int(v): label for v, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)}


@pytest.mark.parametrize("route", ["awards:proposal_create", "awards:round_create"])
def test_an_office_is_offered_its_own_units_also_after_a_refused_submit(world, route):
    office = _client(world.users.office_officer)
    shown = _unit_options(office.get(reverse(route)).content.decode())
    # The submit lacks the round (or the name): the page comes back with its errors.
    again = office.post(reverse(route), {"unit": world.school_a.pk, "title": ""})
    assert again.status_code == 200
    after = _unit_options(again.content.decode())
    # The Sở above the office is not the office's to propose for, before or after the refused submit.
    assert world.so.pk not in shown and world.so.pk not in after, after
    for options in (shown, after):
        assert options[world.phong.pk] == "Phòng Giáo dục và Đào tạo Quận Thử"
        assert options[world.group_a.pk] == "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng"
    assert list(after) == list(shown)


def test_a_unit_from_outside_is_still_refused_by_the_service(world):
    from tdkt.awards.services import round_create

    rnd = round_create(actor=world.users.office_officer, unit=world.phong, kind="chuyen_de", name="Chuyên đề",
                       school_year=world.year, deadline=world.year.end_date)
    r = _client(world.users.officer_a).post(reverse("awards:proposal_create"),
                                            {"round": rnd.pk, "unit": world.school_b.pk, "title": ""})
    assert r.status_code == 403


def test_the_round_list_stays_the_users_own_after_a_refused_submit(world):
    """After a refused submit the "Đợt khen thưởng" list offered every round in the system."""
    from tdkt.awards.services import round_create

    mine = round_create(actor=world.users.office_officer, unit=world.phong, kind="chuyen_de", name="Đợt của Phòng",
                        school_year=world.year, deadline=world.year.end_date)
    other = round_create(actor=world.users.officer_b, unit=world.school_b, kind="chuyen_de",
                         name="Đợt của trường Kết Đoàn", school_year=world.year, deadline=world.year.end_date)

    def rounds(html):
        select = re.search(r'<select name="round".*?</select>', html, re.S).group(0)
        return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}

    school = _client(world.users.officer_a)
    shown = rounds(school.get(reverse("awards:proposal_create")).content.decode())
    again = school.post(reverse("awards:proposal_create"), {"round": mine.pk, "unit": ""})
    assert again.status_code == 200
    after = rounds(again.content.decode())
    assert mine.pk in shown and after == shown
    assert other.pk not in after
