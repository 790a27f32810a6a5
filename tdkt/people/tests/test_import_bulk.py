"""people_import_bulk: the staff-list import's set-wise person_create + employment_add."""

import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.people.choices import Position
from tdkt.people.models import Employment, Person
from tdkt.people.services import people_import_bulk

pytestmark = pytest.mark.django_db
D = dt.date


def _row(n, unit, given, **extra):
    row = {"n": n, "person": None, "family_name": "Trần", "middle_name": "Thị", "given_name": given,
           "birth_date": D(1990, 1, n), "gender": "nu", "national_id": "", "email": "", "phone": "",
           "unit": unit, "position": Position.GIAO_VIEN, "start_date": D(2024, 9, 1), "title_note": "Toán"}
    row.update(extra)
    return row


def _counts():
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()


def test_creates_people_with_search_columns_posts_and_one_audit_row_each(world):
    w = world
    before = _counts()
    made = people_import_bulk(actor=w.users.officer_a, rows=[
        _row(1, w.school_a, "Hằng", national_id="079190000001"),
        _row(2, w.group_a, "Đào"),
        {"n": 3, "person": w.an, "unit": w.school_b, "position": Position.GIAO_VIEN, "start_date": D(2025, 9, 1)},
    ])
    assert len(made) == 3
    assert _counts() == (before[0] + 2, before[1] + 3, before[2] + 5)
    hang = Person.objects.get(given_name="Hằng")
    assert hang.search_name == "tran thi hang" and hang.sort_name  # derived as Person.save() would
    assert Person.objects.filter(search_name__contains="dao").count() == 1
    events = AuditEvent.objects.order_by("-id")[:5]
    assert sorted(e.event_type for e in events) == ["employment.added"] * 3 + ["person.created"] * 2
    post = Employment.objects.get(person=w.an, unit=w.school_b)
    assert AuditEvent.objects.filter(event_type="employment.added", target_id=str(post.pk), unit=w.school_b,
                                     actor=w.users.officer_a).exists()


def test_national_id_used_on_file_or_twice_refuses_everything_naming_rows(world):
    w = world
    Person.objects.filter(pk=w.an.pk).update(national_id="079185000009")
    before = _counts()
    with pytest.raises(DomainValidationError) as exc:
        people_import_bulk(actor=w.users.officer_a, rows=[
            _row(4, w.school_a, "Hằng", national_id="079190000001"),
            _row(5, w.school_a, "Hoa", national_id="079190000001"),
            _row(6, w.school_a, "Lan", national_id="079185000009"),
        ])
    messages = exc.value.message_dict["national_id"]
    assert any(m.startswith("Dòng 5:") and "trùng với dòng 4" in m for m in messages)
    assert _counts() == before  # the row 6 clash is found once row 5 is fixed; nothing was written


def test_national_id_on_file_is_named_with_the_person(world):
    w = world
    Person.objects.filter(pk=w.an.pk).update(national_id="079185000009")
    before = _counts()
    with pytest.raises(DomainValidationError) as exc:
        people_import_bulk(actor=w.users.officer_a, rows=[_row(7, w.school_a, "Lan", national_id="079185000009")])
    assert exc.value.message_dict["national_id"] == [
        "Dòng 7: Số định danh 079185000009 đã có trong hồ sơ của «Nguyễn Văn An»."]
    assert _counts() == before


def test_post_overlapping_one_on_file_rolls_back_the_people_created_in_the_same_batch(world):
    w = world
    an_post = Employment.objects.filter(person=w.an).first()
    before = _counts()
    with pytest.raises(DomainValidationError) as exc:
        people_import_bulk(actor=w.users.officer_a, rows=[
            _row(8, w.school_a, "Mai"),
            {"n": 9, "person": w.an, "unit": an_post.unit, "position": an_post.position,
             "start_date": an_post.start_date + dt.timedelta(days=30)},
        ])
    (message,) = exc.value.message_dict["start_date"]
    assert message.startswith("Dòng 9: Nguyễn Văn An đã giữ chức vụ") and "không được chồng nhau" in message
    assert _counts() == before
    assert not Person.objects.filter(given_name="Mai").exists()


def test_bad_rows_are_all_named_at_once(world):
    w = world
    before = _counts()
    with pytest.raises(DomainValidationError) as exc:
        people_import_bulk(actor=w.users.officer_a, rows=[
            _row(10, w.school_a, "", gender="khac"),
            _row(11, w.school_a, "Ngọc", position="bep_truong", start_date=None),
        ])
    found = exc.value.message_dict
    assert found["given_name"] == ["Dòng 10: Tên không được để trống."]
    assert found["gender"] == ["Dòng 10: Giới tính phải là «nam» hoặc «nu»."]
    assert found["position"] == ["Dòng 11: Chức vụ «bep_truong» không có trong danh mục."]
    assert found["start_date"] == ["Dòng 11: Hãy nhập ngày bắt đầu công tác."]
    assert _counts() == before
