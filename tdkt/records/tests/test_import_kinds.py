"""Each kind of list: a good file imports every row with its audit rows; the same
file again changes nothing; the kind's own mistakes are named by row and column."""

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.people.models import Employment, Person
from tdkt.records import imports, services
from tdkt.records.imports_kinds import INITIATIVES, RATINGS, STAFF
from tdkt.records.models import Initiative, InitiativeAuthor, PersonRating

from .helpers import counts
from .kinds import INITIATIVES as INITIATIVE_HEADERS
from .kinds import RATINGS as RATING_HEADERS
from .kinds import STAFF as STAFF_HEADERS
from .kinds import book, initiative_row, rating_row, staff_row

D = dt.date


def _errors(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def _events(kind):
    return AuditEvent.objects.filter(event_type=kind).count()


def _import_twice(rec, spec, data):
    summary = imports.commit(user=rec.officer, data=data, filename="ds.xlsx", spec=spec)
    before = counts()
    again = imports.commit(user=rec.officer, data=data, filename="ds.xlsx", spec=spec)
    assert again.created == 0 and counts() == before  # importing the same file again changes nothing
    result = imports.validate(user=rec.officer, data=data, spec=spec)
    assert {r.status for r in result.rows} <= {"exists", "duplicate"} and not result.can_commit
    return summary


# --------------------------------------------------------------------------- staff list


def _staff_file():
    return book(STAFF_HEADERS, [
        staff_row(),
        # another date form, an Excel serial number, an abbreviation, the unit by its name
        staff_row(name="Hoàng Thị Em", born="5-2-1992", gender="Nữ", id="", unit="Tổ 1", position="GV",
                  subject="", start=45327, email="", phone=""),
        # a person already on file (same national ID): only the new post is added
        staff_row(name="Nguyễn Văn An", born=D(1985, 3, 7), id="079085000001", unit="Trường TH Đinh Tiên Hoàng",
                  position="Tổ trưởng", start="01/09/2024", email="", phone=""),
    ])


def test_staff_list_imports_people_and_posts(rec):
    people, posts = Person.objects.count(), Employment.objects.count()
    summary = _import_twice(rec, STAFF, _staff_file())
    assert summary.created == 3
    assert Person.objects.count() == people + 2 and Employment.objects.count() == posts + 3
    dung = Person.objects.get(national_id="079090000123")
    assert (dung.family_name, dung.middle_name, dung.given_name, dung.birth_date, dung.gender) == \
        ("Phạm", "Văn", "Dũng", D(1990, 4, 12), "nam")
    em = Person.objects.get(given_name="Em")
    post = em.employments.get()
    assert (post.unit, post.position, post.start_date) == (rec.w.group_a, "giao_vien", D(2024, 2, 5))
    assert rec.an.employments.filter(position="to_truong", unit=rec.w.school_a, start_date=D(2024, 9, 1)).exists()
    # every person and every post created has its audit row, plus one for the import
    assert _events("person.created") == people + 2 - 0 and _events("employment.added") == posts + 3
    assert _events("records.import_committed") == 1


def test_staff_list_mistakes_by_row_and_column(rec):
    data = book(STAFF_HEADERS, [
        staff_row(),
        staff_row(id=""),  # the same person twice
        staff_row(name="Lý Văn Bé", born="01/01/1991", id="", unit="Trường Không Có"),
        staff_row(name="Lý Văn Cả", born="01/01/1991", id="", unit="TH-B"),  # officer A does not reach school B
        staff_row(name="Lý Văn Đức", born="01/01/1991", id="", position="Thủ thư"),
        staff_row(name="Trần Văn Khác", born="01/01/1991", id="079085000001"),  # An's national ID
        staff_row(name="Lý Văn Giang", born="01/01/1991", id="12345", start="01/01/1990"),
        staff_row(name="Bảo", born="01/01/1991", id=""),
    ])
    result = imports.validate(user=rec.officer, data=data, spec=STAFF)
    errors = _errors(result)
    expect = [
        (3, "Họ và tên", "«Phạm Văn Dũng» sinh ngày 12/04/1990 đã có ở dòng 2"),
        (4, "Đơn vị", "Không tìm thấy đơn vị «Trường Không Có»"),
        (5, "Đơn vị", "Không tìm thấy đơn vị «TH-B»"),
        (6, "Chức vụ", "Chức vụ «Thủ thư» không có trong danh mục"),
        (7, "Số định danh cá nhân", "Số định danh 079085000001 là của «Nguyễn Văn An»"),
        (8, "Số định danh cá nhân", "«12345» không hợp lệ"),
        (8, "Ngày bắt đầu công tác", "phải sau ngày sinh"),
        (9, "Họ và tên", "hãy ghi đủ họ và tên"),
    ]
    for row, column, words in expect:
        assert any(e[0] == row and e[1] == column and words in e[2] for e in errors), (row, column, errors)
    assert len(result.error_rows) == 7 and result.rows[0].status == "new"
    before = counts()
    with pytest.raises(DomainValidationError) as exc:
        imports.commit(user=rec.officer, data=data, spec=STAFF)
    assert "Tệp còn 7 dòng lỗi" in exc.value.message_dict["file"][0]
    assert counts() == before


def test_staff_post_overlapping_one_on_file(rec):
    data = book(STAFF_HEADERS, [staff_row(name="Nguyễn Văn An", born="07/03/1985", id="", unit="Tổ 1",
                                          position="Giáo viên", start="01/09/2022")])
    result = imports.validate(user=rec.officer, data=data, spec=STAFF)
    assert _errors(result)[0][:2] == (2, "Ngày bắt đầu công tác")
    assert "hai giai đoạn không được chồng nhau" in _errors(result)[0][2]


# --------------------------------------------------------------------------- yearly ratings


def test_ratings_import(rec, people):
    data = book(RATING_HEADERS, [
        rating_row(),
        rating_row(year="2024–2025", rating="HTTNV", born=D(1985, 3, 7)),
        rating_row(name="Trần Thị Mai", born="1-1-1990", unit="Tổ 1", rating="hoàn thành tốt nhiệm vụ"),
        rating_row(name="nguyen van an", rating="HTXSNV"),  # the first row again: skipped
    ])
    audits = _events("records.rating_set")
    summary = _import_twice(rec, RATINGS, data)
    assert summary.created == 3 and summary.skipped == 1
    got = {(r.person_id, r.school_year.start_year, r.rating) for r in PersonRating.objects.select_related("school_year")}
    assert got == {(rec.an.pk, 2023, "htxs"), (rec.an.pk, 2024, "htt"), (people.mai_group.pk, 2023, "htt")}
    assert _events("records.rating_set") == audits + 3
    assert PersonRating.objects.get(person=people.mai_group).unit == rec.w.group_a


def test_ratings_mistakes_by_row_and_column(rec, people):
    services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2022], rating="ht")
    data = book(RATING_HEADERS, [
        rating_row(),
        rating_row(rating="HTTNV"),  # same person and year, another rating
        rating_row(year="2022-2023", rating="HTTNV"),  # the year is already rated otherwise
        rating_row(rating="Giỏi", year="2021-2022"),
        rating_row(name="Trần Thị Mai", born="01/01/1990", year="2021-2022"),  # two namesakes, no unit
        rating_row(born="07/03/1985", unit="Trường Mầm non Không Có", year="2021-2022"),
    ])
    errors = _errors(imports.validate(user=rec.officer, data=data, spec=RATINGS))
    expect = [
        (3, "Xếp loại", "Dòng 2 đã xếp loại Nguyễn Văn An năm học 2023-2024 là «Hoàn thành xuất sắc nhiệm vụ»"),
        (4, "Xếp loại", "đã được xếp loại «Hoàn thành nhiệm vụ» năm học 2022-2023"),
        (5, "Xếp loại", "Mức xếp loại «Giỏi» không có trong danh mục"),
        (6, "Họ và tên", "Có 2 người trùng họ tên và ngày sinh"),
        (7, "Đơn vị", "Không tìm thấy đơn vị «Trường Mầm non Không Có»"),
    ]
    assert [(e[0], e[1]) for e in errors] == [(r, c) for r, c, _ in expect]
    for (_, _, message), (_, _, words) in zip(errors, expect, strict=True):
        assert words in message


# --------------------------------------------------------------------------- initiatives


def test_initiatives_import(rec, people):
    data = book(INITIATIVE_HEADERS, [
        initiative_row(share="60"),
        initiative_row(name="Trần Thị Mai", born="01/01/1990", unit="Tổ 1", share=0.4),  # a cell formatted as %
        initiative_row(title="Thư viện xanh", kind="Giải pháp", scope="Cấp tỉnh / cấp bộ", number="", date="",
                       year="2024-2025"),
    ])
    audits = _events("records.initiative_created")
    summary = _import_twice(rec, INITIATIVES, data)
    assert summary.created == 3
    stem = Initiative.objects.get(title="Dạy học theo chủ đề STEM ở lớp 5")
    assert (stem.school_year.start_year, stem.scope, stem.decision_number, stem.decision_date) == \
        (2023, "co_so", "45/QĐ-GDĐT", D(2024, 5, 20))
    assert {(a.person_id, a.share) for a in stem.author_links.all()} == \
        {(rec.an.pk, Decimal("60.00")), (people.mai_group.pk, Decimal("40.00"))}
    green = Initiative.objects.get(title="Thư viện xanh")
    assert (green.kind, green.scope) == ("giai_phap", "tinh_bo")
    assert InitiativeAuthor.objects.get(initiative=green).share == 100
    assert _events("records.initiative_created") == audits + 2


def test_initiatives_mistakes_by_row_and_column(rec, people):
    data = book(INITIATIVE_HEADERS, [
        initiative_row(share="70"),
        initiative_row(name="Trần Thị Mai", born="01/01/1990", unit="Tổ 1", share="50%"),
        initiative_row(title="Hai tác giả", share=""),
        initiative_row(title="Hai tác giả", name="Trần Thị Mai", born="01/01/1990", unit="Tổ 1", share="50"),
        initiative_row(title="Phạm vi lạ", scope="Cấp xã"),
        initiative_row(title="Cùng một người", share="50"),
        initiative_row(title="Cùng một người", share="20"),
        initiative_row(title="Thiếu số", number="", date="20/05/2024"),
    ])
    errors = _errors(imports.validate(user=rec.officer, data=data, spec=INITIATIVES))
    expect = [
        (3, "Tỷ lệ đóng góp (%)", "Tổng tỷ lệ đóng góp của các tác giả (dòng 2, 3) là 120.00%"),
        (4, "Tỷ lệ đóng góp (%)", "hãy ghi tỷ lệ đóng góp của từng người"),
        (6, "Phạm vi ảnh hưởng", "Phạm vi «Cấp xã» không có trong danh mục"),
        (8, "Tác giả", "Nguyễn Văn An đã được ghi là tác giả ở dòng 7"),
        (9, "Số quyết định công nhận", "hãy ghi cả số quyết định"),
    ]
    assert [(e[0], e[1]) for e in errors] == [(r, c) for r, c, _ in expect]
    for (_, _, message), (_, _, words) in zip(errors, expect, strict=True):
        assert words in message


def test_bulk_ratings_service_refuses_a_year_on_file_and_writes_nothing(rec, people):
    services.person_rating_set(actor=rec.officer, person=rec.an, school_year=rec.years[2023], rating="ht")
    before = counts()
    rows = [{"n": 7, "person": people.mai_group, "school_year": rec.years[2023], "rating": "htt"},
            {"n": 8, "person": rec.an, "school_year": rec.years[2023], "rating": "htxs"},
            {"n": 9, "person": people.mai_group, "school_year": rec.years[2023], "rating": "htt"},
            {"n": 10, "person": people.mai_school, "school_year": rec.years[2023], "rating": "gioi"}]
    with pytest.raises(DomainValidationError) as exc:
        services.person_ratings_add_bulk(actor=rec.officer, rows=rows)
    assert exc.value.message_dict["rating"][0].startswith("Dòng 10: Mức xếp loại «gioi» không có trong danh mục")
    assert counts() == before
    with pytest.raises(DomainValidationError) as exc:
        services.person_ratings_add_bulk(actor=rec.officer, rows=rows[:3])
    assert exc.value.message_dict["school_year"] == [
        "Dòng 8: Năm học 2023-2024 đã có xếp loại cho Nguyễn Văn An («Hoàn thành nhiệm vụ»). Hãy sửa xếp loại đó "
        "thay vì thêm mới.",
        "Dòng 9: Trần Thị Mai đã được xếp loại năm học 2023-2024 ở dòng 7."]
    assert counts() == before
    made = services.person_ratings_add_bulk(actor=rec.officer, rows=rows[:1])
    event = AuditEvent.objects.get(event_type="records.rating_set", target_id=str(made[0].pk))
    assert event.actor == rec.officer and event.unit == rec.w.group_a and event.after["rating"] == "htt"
