"""The dashboard page, its XLSX exports, the API, and constant queries per page."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _xlsx_rows(response):
    from openpyxl import load_workbook

    body = b"".join(response.streaming_content)
    ws = load_workbook(io.BytesIO(body), read_only=True).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_dashboard_page_shows_figures_definitions_charts_and_late_units(client, stats):
    w = stats.w
    client.force_login(w.users.office_officer)
    r = client.get(reverse("dashboards:overview"))  # default: the user's top unit, the current year
    html = r.content.decode()
    assert r.status_code == 200
    assert w.phong.name in html and "Năm học 2025-2026" in html
    assert 'data-testid="fig-staff">5<' in html
    assert "3 <span class=\"fs-6\">(60%)</span>" in html  # LĐTT registrations
    assert "1/3" in html and "33,3%" in html and "710.000 đồng" in html
    assert "số cán bộ, giáo viên, nhân viên" in html  # definitions are shown
    assert html.count("<svg") == 2 and "Trường Tiểu học Kết Đoàn" in html
    assert "Chưa nộp (đã quá hạn)" in html and "Nộp muộn" in html
    assert 'data-testid="target-progress"' in html
    assert "@page { size: A4 landscape" in html


def test_dashboard_unit_and_year_selectors_are_scoped(client, stats):
    w = stats.w
    client.force_login(w.users.officer_a)
    assert client.get(reverse("dashboards:overview"), {"unit": w.school_b.pk}).status_code == 403
    assert client.get(reverse("dashboards:overview"), {"unit": w.phong.pk}).status_code == 403
    r = client.get(reverse("dashboards:overview"), {"unit": w.group_a.pk, "nam": 2025})
    assert r.status_code == 200 and "Tổ 1" in r.content.decode()
    r = client.get(reverse("dashboards:overview"), {"nam": 1990})
    html = r.content.decode()
    assert r.status_code == 200 and "Năm học «1990» không có trong hệ thống" in html
    assert "Năm học 2025-2026" in html  # the current year is shown instead


def test_xlsx_export_of_the_unit_table(client, stats):
    w = stats.w
    client.force_login(w.users.office_officer)
    r = client.get(reverse("dashboards:overview"), {"unit": w.phong.pk, "nam": 2025, "xuat": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(r)
    assert rows[0][:4] == ["STT", "Đơn vị", "Số CB-GV-NV", "Đăng ký LĐTT"]
    body = {row[1]: row for row in rows[1:]}
    a = body["Trường Tiểu học Đinh Tiên Hoàng"]
    assert a[2:5] == [2, 2, 1]  # staff, LĐTT registrations, 100 %
    total = body["Tổng cộng"]
    assert total[2] == 5 and total[4] == pytest.approx(0.6) and total[12] == 710000
    assert "Chưa nộp" in body["Trường Mầm non Bé Ngoan"][16]


def test_xlsx_export_of_titles_and_late_units(client, stats):
    w = stats.w
    client.force_login(w.users.office_officer)
    rows = _xlsx_rows(client.get(reverse("dashboards:overview"),
                                 {"unit": w.phong.pk, "nam": 2025, "xuat": "xlsx", "bang": "danh-hieu"}))
    assert rows[0][1] == "Danh hiệu / hình thức"
    gk = next(r for r in rows if r[1] == "Giấy khen")
    assert gk[4:11] == [2, 1, 1, 0, 1, 1, 710000]
    rows = _xlsx_rows(client.get(reverse("dashboards:overview"),
                                 {"unit": w.phong.pk, "nam": 2025, "xuat": "xlsx", "bang": "muon"}))
    assert rows[0][:4] == ["STT", "Đơn vị", "Hồ sơ", "Tình trạng"]
    assert len(rows) == 1 + 6


def test_person_history_xlsx(client, stats):
    w = stats.w
    client.force_login(w.users.officer_b)
    rows = _xlsx_rows(client.get(reverse("dashboards:person_history", args=[w.cuong.pk]), {"xuat": "xlsx"}))
    assert rows[0] == ["Năm học", "Loại", "Nội dung", "Đơn vị", "Số quyết định", "Ngày", "Cơ quan ban hành",
                       "Ghi chú"]
    award = next(r for r in rows if r[1] == "Danh hiệu, khen thưởng")
    assert award[0] == "2025-2026" and award[2] == "Lao động tiên tiến" and award[4] == "13/QĐ-TH"
    assert award[5] == dt.datetime(2026, 5, 25)
    assert "Đã hủy bỏ ngày 10/06/2026" in award[7] and "20/QĐ-TH" in award[7]
    assert any(r[1] == "Xếp loại" and r[2] == "Hoàn thành nhiệm vụ" for r in rows)


def test_lookup_xlsx_lists_every_person_found_in_scope(client, stats):
    w = stats.w
    client.force_login(w.users.office_officer)
    rows = _xlsx_rows(client.get(reverse("dashboards:lookup"), {"q": "thi", "xuat": "xlsx"}))
    assert rows[0] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị công tác hiện nay"]
    assert [r[1] for r in rows[1:]] == ["Trần Thị Bình", "Đỗ Thị Dung", "Phạm Thị Hoa"]
    assert rows[1][4] == "Trường Tiểu học Đinh Tiên Hoàng"
    client.force_login(w.users.officer_a)
    rows = _xlsx_rows(client.get(reverse("dashboards:lookup"), {"q": "thi", "xuat": "xlsx"}))
    assert [r[1] for r in rows[1:]] == ["Trần Thị Bình"]


def test_unit_history_xlsx(client, stats):
    w = stats.w
    client.force_login(w.users.officer_a)
    rows = _xlsx_rows(client.get(reverse("dashboards:unit_history", args=[w.school_a.pk]), {"xuat": "xlsx"}))
    assert ["2025-2026", "Cá nhân đạt", "Lao động tiên tiến", 2] in [r[:4] for r in rows]


def test_api_overview_lookup_and_histories(client, stats):
    w = stats.w
    client.force_login(w.users.office_officer)
    data = client.get("/api/stats/overview", {"unit": w.phong.pk, "nam": 2025}).json()
    assert data["total"]["staff"] == 5
    assert data["total"]["rate_reg_ldtt"] == {"value": 60.0, "label": "60%"}
    assert data["labels"]["rate_decided"] == "Tỷ lệ được khen trên đề nghị"
    assert [r["label"] for r in data["rows"]] == [w.school_a.name, w.school_b.name, w.school_c.name]
    assert len(data["late"]) == 6
    found = client.get("/api/stats/lookup", {"q": "nguyen van an"}).json()
    assert [p["full_name"] for p in found["people"]] == ["Nguyễn Văn An"]
    hist = client.get(f"/api/stats/people/{w.cuong.pk}/history").json()
    assert hist["years"][0]["awards"][0]["counted"] is False and hist["revoked"] == 1
    unit = client.get(f"/api/stats/units/{w.school_a.pk}/history").json()
    assert unit["years"][0]["staff_titles"] == [{"award_type": "lao-dong-tien-tien", "name": "Lao động tiên tiến",
                                                 "count": 2}]
    client.force_login(w.users.officer_a)
    assert client.get("/api/stats/overview", {"unit": w.school_b.pk}).status_code == 403
    assert client.get(f"/api/stats/people/{w.cuong.pk}/history").status_code == 403
    assert client.get("/api/stats/lookup", {"q": "cuong"}).json()["people"] == []


# --------------------------------------------------------------------------- query counts


def _grow(stats, schools: int, people: int, tag: str):
    """Add ``schools`` schools under the office, each with ``people`` staff who registered,
    were rated, received LĐTT, and were proposed."""
    from tdkt.awards.choices import ProposalStatus
    from tdkt.awards.models import Proposal, ProposalItem
    from tdkt.org.services import unit_create
    from tdkt.people.models import Employment, Person
    from tdkt.records.models import AwardRecord, PersonRating, Registration

    w, t = stats.w, stats.t
    for s in range(schools):
        school = unit_create(actor=None, parent=w.phong, code=f"{tag}-{s}", name=f"Trường Tiểu học {tag} {s}",
                             unit_type=w.types["truong-th"])
        prop = Proposal.objects.create(round=stats.round, unit=school, to_unit=w.phong, title="Đề nghị",
                                       status=ProposalStatus.SUBMITTED)
        for i in range(people):
            p = Person.objects.create(family_name="Phan", middle_name="Văn", given_name=f"{tag}{s}x{i}")
            Employment.objects.create(person=p, unit=school, start_date=dt.date(2020, 9, 1))
            Registration.objects.create(award_type=t["lao-dong-tien-tien"], school_year=w.year, person=p,
                                        registered_on=dt.date(2025, 9, 20))
            PersonRating.objects.create(person=p, school_year=w.year, rating="htt")
            AwardRecord.objects.create(award_type=t["lao-dong-tien-tien"], person=p, school_year=w.year)
            ProposalItem.objects.create(proposal=prop, person=p, award_type=t["giay-khen"], summary="x")


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, params or {})
        if hasattr(r, "streaming_content"):
            b"".join(r.streaming_content)
    assert r.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("route", ["overview", "overview_xlsx", "lookup", "lookup_xlsx", "person_history",
                                   "unit_history"])
def test_queries_do_not_grow_with_units_and_people(client, stats, route, django_assert_max_num_queries):
    w = stats.w
    client.force_login(w.users.office_officer)
    urls = {
        "overview": (reverse("dashboards:overview"), {"unit": w.phong.pk, "nam": 2025}),
        "overview_xlsx": (reverse("dashboards:overview"), {"unit": w.phong.pk, "nam": 2025, "xuat": "xlsx"}),
        "lookup": (reverse("dashboards:lookup"), {"q": "phan van"}),
        "lookup_xlsx": (reverse("dashboards:lookup"), {"q": "phan van", "xuat": "xlsx"}),
        "person_history": (reverse("dashboards:person_history", args=[w.an.pk]), {}),
        "unit_history": (reverse("dashboards:unit_history", args=[w.phong.pk]), {}),
    }
    url, params = urls[route]
    _grow(stats, 2, 2, "S")
    small = _count(client, url, params)
    _grow(stats, 6, 5, "L")
    with django_assert_max_num_queries(small):
        client.get(url, params)
    assert _count(client, url, params) == small


def test_person_history_queries_do_not_grow_with_the_years(client, stats):
    from tdkt.org.services import school_year_get_or_create
    from tdkt.people.models import Employment
    from tdkt.records.models import AwardRecord, PersonRating

    w = stats.w
    client.force_login(w.users.office_officer)
    url = reverse("dashboards:person_history", args=[w.an.pk])

    def add_years(first, last):
        for start in range(first, last):
            y = school_year_get_or_create(actor=None, start_year=start)
            PersonRating.objects.create(person=w.an, school_year=y, rating="htt")
            AwardRecord.objects.create(award_type=stats.t["lao-dong-tien-tien"], person=w.an, unit=w.school_b,
                                       school_year=y, decision_number=f"{start}/QĐ")
            Employment.objects.create(person=w.an, unit=w.school_b, start_date=dt.date(start, 9, 1),
                                      end_date=dt.date(start + 1, 8, 31))

    add_years(2023, 2025)
    small = _count(client, url)
    add_years(2010, 2023)
    assert _count(client, url) == small
