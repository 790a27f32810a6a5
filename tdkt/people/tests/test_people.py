import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.people.calculations import months_in_interval, months_worked
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import person_list_visible_to, staff_in_school_year
from tdkt.people.services import employment_add, person_create, person_update


def test_names_stored_apart_and_sorted_by_given_name(world):
    names = [p.full_name for p in person_list_visible_to(user=world.users.admin)]
    # An < Bình < Cường < Hoa: given name decides, not the family name.
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Phạm Thị Hoa"]


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYEN VAN AN", "Nguyễn Văn An", "van an", "an nguyen"])
def test_accent_insensitive_search(world, query):
    found = [p.full_name for p in person_list_visible_to(user=world.users.admin, query=query)]
    assert found == ["Nguyễn Văn An"]


def test_search_d_with_stroke(world):
    person_create(actor=None, family_name="Đặng", given_name="Dũng")
    found = [p.full_name for p in person_list_visible_to(user=world.users.admin, query="dang dung")]
    assert found == ["Đặng Dũng"]


def test_duplicate_national_id_refused_nothing_saved(world):
    count, events = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        person_create(actor=None, family_name="Võ", given_name="Tâm", national_id="079085000001")
    assert "Nguyễn Văn An" in exc.value.message_dict["national_id"][0]
    assert Person.objects.count() == count
    assert AuditEvent.objects.count() == events


def test_empty_national_id_is_not_a_duplicate(world):
    person_create(actor=None, family_name="Võ", given_name="Tâm", national_id="")
    person_create(actor=None, family_name="Võ", given_name="Tú", national_id="")
    assert Person.objects.filter(national_id__isnull=True).count() >= 2


def test_bad_national_id_format(world):
    with pytest.raises(DomainValidationError) as exc:
        person_create(actor=None, family_name="Võ", given_name="Tâm", national_id="12AB")
    assert "12 chữ số" in exc.value.message_dict["national_id"][0]


def test_overlapping_same_post_refused(world):
    before = Employment.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        employment_add(actor=None, person=world.an, unit=world.group_a, position="giao_vien",
                       start_date=dt.date(2022, 1, 1), end_date=dt.date(2023, 1, 1))
    assert "chồng nhau" in exc.value.message_dict["start_date"][0]
    assert Employment.objects.count() == before


def test_same_unit_other_position_allowed(world):
    employment_add(actor=None, person=world.an, unit=world.group_a, position="to_truong",
                   start_date=dt.date(2022, 1, 1))
    assert world.an.employments.count() == 2


def test_employment_dates_out_of_order(world):
    with pytest.raises(DomainValidationError) as exc:
        employment_add(actor=None, person=world.cuong, unit=world.school_a, position="giao_vien",
                       start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 1, 1))
    assert "end_date" in exc.value.message_dict


def test_update_is_audited_with_before_after(world):
    person_update(actor=world.users.admin, person=world.binh, given_name="Bính", reason="sửa chính tả")
    event = AuditEvent.objects.get(event_type="person.updated")
    assert event.before["given_name"] == "Bình" and event.after["given_name"] == "Bính"
    assert event.actor == world.users.admin and event.reason == "sửa chính tả"


def test_months_in_school_year(world):
    # Joined on 01/02/2026: 7 months of 2025-2026 (Feb..Aug), below the 10-month bar of LĐTT.
    late = person_create(actor=None, family_name="Hồ", given_name="Mới")
    employment_add(actor=None, person=late, unit=world.school_a, position="giao_vien", start_date=dt.date(2026, 2, 1))
    rows = {r.person.full_name: r for r in staff_in_school_year(unit=world.school_a, school_year=world.year)}
    assert rows["Hồ Mới"].months == Decimal("7.00")
    assert rows["Nguyễn Văn An"].months == Decimal("12.00")
    assert "Lê Quốc Cường" not in rows  # works at another school


def test_months_worked_counts_concurrent_posts_once():
    year = (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    periods = [(dt.date(2025, 9, 1), dt.date(2026, 8, 31)), (dt.date(2025, 10, 1), None)]
    assert months_worked(periods, year) == Decimal("12.00")
    assert months_worked([(dt.date(2025, 9, 16), dt.date(2025, 9, 30))], year) == Decimal("0.50")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
       st.integers(min_value=0, max_value=800))
def test_months_additive(start, days):
    end = start + dt.timedelta(days=days)
    mid = start + dt.timedelta(days=days // 2)
    if mid < end:
        total = months_in_interval(start, mid) + months_in_interval(mid + dt.timedelta(days=1), end)
        assert abs(total - months_in_interval(start, end)) <= Decimal("0.02")
    # a month has at least 28 days; 0.005 allows for rounding to hundredths
    assert months_in_interval(start, end) <= Decimal(days + 1) / Decimal(28) + Decimal("0.005")
