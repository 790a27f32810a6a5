"""Issue 18: "works at this unit" respects employment dates (people.selectors.employed_q): someone who
left years ago is not the unit's to propose, and the page does not offer them."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import services
from tdkt.core.exceptions import DomainValidationError
from tdkt.people.choices import Position
from tdkt.people.services import employment_add, person_create


def _person(world, given, start, end=None):
    p = person_create(actor=None, family_name="Đỗ", middle_name="Văn", given_name=given, gender="nam")
    employment_add(actor=None, person=p, unit=world.school_a, position=Position.GIAO_VIEN, start_date=start,
                   end_date=end)
    return p


def test_someone_who_left_in_2021_is_refused_for_a_2025_proposal(aw):
    left = _person(aw.w, "Đã Nghỉ", dt.date(2015, 9, 1), dt.date(2021, 8, 31))
    count = aw.proposal.items.count()
    with pytest.raises(DomainValidationError) as exc:
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=left, summary="Hoàn thành xuất sắc nhiệm vụ")
    assert "không công tác tại" in str(exc.value.message_dict) and "2025-2026" in str(exc.value.message_dict)
    assert aw.proposal.items.count() == count


def test_joined_after_the_year_refused_during_it_accepted(aw):
    later = _person(aw.w, "Mới Đến", dt.date(2026, 9, 1))
    with pytest.raises(DomainValidationError):
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=later, summary="x")
    moved = _person(aw.w, "Chuyển Đi", dt.date(2018, 9, 1), dt.date(2026, 1, 31))  # left mid-year
    item = services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                             person=moved, summary="Hoàn thành xuất sắc nhiệm vụ học kỳ I")
    assert item.person == moved


def test_item_page_offers_only_those_employed_in_the_year(aw):
    left = _person(aw.w, "Đã Nghỉ", dt.date(2015, 9, 1), dt.date(2021, 8, 31))
    c = Client()
    c.force_login(aw.w.users.officer_a)
    html = c.get(reverse("awards:item_add", args=[aw.proposal.pk])).content.decode()
    assert "Nguyễn Văn An" in html
    assert str(left) not in html
