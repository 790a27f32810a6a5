"""The unit-year records list exported to XLSX: streamed, Vietnamese headers, the rows
of the page's unit and year and of the user's reach only."""

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.people.services import employment_add, person_create
from tdkt.records import services


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _sheet(response):
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _url(rec, unit, year=2025):
    return reverse("records:unit_year", args=[unit.pk]) + f"?nam={year}&xuat=xlsx"


def test_unit_year_export(rec):
    w = rec.w
    services.person_rating_set(actor=rec.officer, person=w.an, school_year=w.year, rating="htxs")
    services.award_record_add(actor=rec.officer, award_type=rec.awards["giay-khen"], person=w.binh,
                              school_year=w.year, decision_number="12/QĐ-THĐTH", decision_date=dt.date(2026, 5, 1))
    services.person_rating_set(actor=w.users.officer_b, person=w.cuong, school_year=w.year, rating="ht")
    services.person_rating_set(actor=rec.officer, person=w.an, school_year=rec.years[2024], rating="kht")
    response = _client(rec.officer).get(_url(rec, w.school_a))
    assert 'filename="ho-so-thanh-tich-TH-A-2025.xlsx"' in response["Content-Disposition"]
    rows = _sheet(response)
    assert rows[0][:6] == ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Xếp loại", "Danh hiệu, khen thưởng"]
    body = rows[1:]
    assert [r[1] for r in body] == ["Nguyễn Văn An", "Trần Thị Bình"]  # school A only, by given name
    assert body[0][2] == dt.datetime(1985, 3, 7) and body[0][3] == "Tổ 1"
    assert body[0][4] == "Hoàn thành xuất sắc nhiệm vụ"  # this year's rating, not last year's
    assert body[1][5] == "Giấy khen (12/QĐ-THĐTH)"
    # the office sees both schools; school B's officer may not export school A
    names = [r[1] for r in _sheet(_client(w.users.office_officer).get(_url(rec, w.phong)))[1:]]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Phạm Thị Hoa"]
    assert _client(w.users.officer_b).get(_url(rec, w.school_a)).status_code == 403
    assert _client(w.users.staff_a).get(_url(rec, w.school_a)).status_code == 403


def test_export_queries_do_not_grow_with_rows(rec, django_assert_max_num_queries):
    client = _client(rec.officer)

    def add(n):
        for i in range(n):
            p = person_create(actor=None, family_name="Đỗ", given_name=f"Người{i}")
            employment_add(actor=None, person=p, unit=rec.w.school_a, position="giao_vien",
                           start_date=dt.date(2020, 9, 1))
            services.person_rating_set(actor=None, person=p, school_year=rec.w.year, rating="htt")

    add(2)
    with django_assert_max_num_queries(25):
        assert len(_sheet(client.get(_url(rec, rec.w.school_a)))) == 5
    add(60)
    with django_assert_max_num_queries(25):
        assert len(_sheet(client.get(_url(rec, rec.w.school_a)))) == 65
