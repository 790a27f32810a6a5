"""«Xuất Excel» on the campaign pages: the campaign list, the cluster list, the campaign page's
progress and submission tables, a unit's registrations and the deadline calendar. Each file has
the page's rows for this reader (every row, not one page), Vietnamese headers, real dates and
numbers; a reader the page refuses gets no file."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.documents.tests.helpers import xlsx_rows

from .. import services
from ..models import RegistrationSubmission
from . import helpers as h

D = dt.date


def _is_xlsx(response) -> bool:
    return "spreadsheetml" in response.get("Content-Type", "")


@pytest.fixture
def camps(w):
    office = h.campaign(w, name="Dạy tốt – Học tốt",
                        registration_deadline=D(2025, 10, 15), submission_deadline=D(2025, 10, 31),
                        period_start=D(2025, 9, 5))
    school_a = h.campaign(w, unit=w.school_a, name="Phong trào của trường A", parent=office)
    school_b = h.campaign(w, unit=w.school_b, name="Phong trào của trường B")
    return office, school_a, school_b


def test_campaign_list_export_is_the_readers_list(w, camps, client):
    office, school_a, _ = camps
    client.force_login(w.users.officer_a)
    url = reverse("campaigns:campaign_list")
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert rows[0] == ("STT", "Tên phong trào", "Theo phong trào cấp trên", "Loại", "Năm học", "Đơn vị phát động",
                       "Từ ngày", "Đến ngày", "Hạn đăng ký", "Hạn nộp hồ sơ đăng ký")
    # School A sees the office's campaign (it reaches the school) and its own, not school B's.
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"Dạy tốt – Học tốt", "Phong trào của trường A"}
    assert [r[0] for r in rows[1:]] == [1, 2]
    assert by_name["Phong trào của trường A"][2] == "Dạy tốt – Học tốt"
    office_row = by_name["Dạy tốt – Học tốt"]
    assert office_row[4:6] == ("2025-2026", "Phòng Giáo dục và Đào tạo Quận Thử")
    assert office_row[6] == dt.datetime(2025, 9, 5) and office_row[8] == dt.datetime(2025, 10, 15)  # real dates
    client.force_login(w.users.office_officer)
    assert len(xlsx_rows(client.get(url, {"xuat": "xlsx"}))) == 4


def test_campaign_list_export_refused_without_access(w, camps, client):
    client.force_login(w.users.nobody)
    response = client.get(reverse("campaigns:campaign_list"), {"xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)
    client.logout()
    response = client.get(reverse("campaigns:campaign_list"), {"xuat": "xlsx"})
    assert response.status_code in (302, 403) and not _is_xlsx(response)


def test_campaign_list_export_queries_constant_in_the_number_of_rows(w, client):
    client.force_login(w.users.office_officer)
    made = []

    def count(n):
        for _ in range(n):
            parent = made[-1] if made else None
            made.append(h.campaign(w, name=f"Phong trào {len(made):03d}", parent=parent))
        with CaptureQueriesContext(connection) as ctx:
            rows = xlsx_rows(client.get(reverse("campaigns:campaign_list"), {"xuat": "xlsx"}))
        assert len(rows) == len(made) + 1
        return len(ctx)

    assert count(3) == count(40)


def test_cluster_list_export(w, client):
    khoi = h.cluster(w, members=("school_a", "school_b", "school_c"))
    services.covenant_set(actor=None, cluster=khoi, text="Giao ước")
    services.covenant_sign(actor=None, cluster=khoi, unit=w.school_a)
    services.cluster_meeting_record(actor=w.users.office_officer, cluster=khoi, number=1, held_on=D(2025, 10, 30),
                                    place="Trường A", agenda="Hội nghị lần 1", required_documents="Biên bản",
                                    send_deadline=D(2025, 11, 10), documents_sent_on=D(2025, 11, 13))
    client.force_login(w.users.office_officer)
    url = reverse("campaigns:cluster_list")
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert rows[0][:9] == ("STT", "Cụm/khối", "Loại", "Năm học", "Đơn vị tổ chức", "Khối trưởng",
                           "Số đơn vị thành viên", "Số đơn vị đã ký giao ước", "Giao ước")
    assert rows[0][9:11] == ("Lần 1: ngày họp", "Lần 1: hồ sơ") and rows[0][-1] == "Chậm gửi hồ sơ"
    row = rows[1]
    assert row[1] == "Khối Tiểu học 1" and row[5] == "Trường Tiểu học Đinh Tiên Hoàng"
    assert row[6:9] == (3, 1, "Có")
    assert row[9] == dt.datetime(2025, 10, 30)
    assert row[10] == "Gửi hồ sơ muộn 3 ngày (hạn 10/11/2025, gửi 13/11/2025)"
    assert row[11] is None and row[-1] == "Lần 1: gửi hồ sơ muộn 3 ngày (hạn 10/11/2025, gửi 13/11/2025)"
    # a unit outside the cluster and the office sees no row; without the permission, no file
    client.force_login(w.users.nobody)
    response = client.get(url, {"xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)


def test_cluster_list_export_queries_constant(w, client):
    from tdkt.org.services import school_year_get_or_create

    client.force_login(w.users.office_officer)
    made = []

    def count(n):
        for _ in range(n):
            year = school_year_get_or_create(actor=None, start_year=2010 + len(made))
            c = h.cluster(w, members=("school_a", "school_b"), year=year)
            services.covenant_set(actor=None, cluster=c, text="Giao ước")
            services.covenant_sign(actor=None, cluster=c, unit=w.school_a)
            made.append(c)
        with CaptureQueriesContext(connection) as ctx:
            rows = xlsx_rows(client.get(reverse("campaigns:cluster_list"), {"xuat": "xlsx"}))
        assert [r[7] for r in rows[1:]] == [1] * len(made)
        return len(ctx)

    assert count(2) == count(7)


@pytest.fixture
def camp(w):
    return services.campaign_create(
        actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt", school_year=w.year,
        targets=[{"name": "Tỷ lệ đăng ký LĐTT", "target_value": Decimal(80), "measure": "%",
                  "metric": "registered_ldtt"},
                 {"name": "Số tiết thao giảng", "target_value": Decimal(10), "measure": "tiết"}])


def test_progress_export_has_a_row_per_unit_and_target(w, camp, client):
    manual = camp.targets.get(metric="")
    services.target_report(actor=w.users.officer_a, target=manual, unit=w.school_a, value=Decimal("12.5"),
                           reported_on=D(2025, 12, 1), note="Học kỳ I")
    url = reverse("campaigns:campaign_detail", args=[camp.pk])
    client.force_login(w.users.office_officer)
    assert "bang=tien-do&amp;xuat=xlsx" in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"bang": "tien-do", "xuat": "xlsx"}))
    assert rows[0] == ("STT", "Đơn vị", "Chỉ tiêu", "Mức chỉ tiêu", "Đơn vị tính", "Kết quả", "Đánh giá",
                       "Cách tính", "Tính đến ngày", "Ghi chú")
    assert len(rows) == 1 + 4 * 2  # the Phòng and its three schools × two targets, as on the page
    school_a = [r for r in rows[1:] if r[1] == "Trường Tiểu học Đinh Tiên Hoàng" and r[2] == "Số tiết thao giảng"][0]
    assert school_a[3:] == (10, "tiết", 12.5, "Đạt", "Đơn vị báo cáo", dt.datetime(2025, 12, 1), "Học kỳ I")
    school_b = [r for r in rows[1:] if r[1] == "Trường Tiểu học Kết Đoàn" and r[2] == "Số tiết thao giảng"][0]
    assert school_b[5:8] == (None, "Chưa có số liệu", "Đơn vị chưa báo cáo")
    # a school reads its own rows only, as on its page
    client.force_login(w.users.officer_a)
    rows = xlsx_rows(client.get(url, {"bang": "tien-do", "xuat": "xlsx"}))
    assert {r[1] for r in rows[1:]} == {"Trường Tiểu học Đinh Tiên Hoàng"}


def test_submission_table_export_only_for_the_launching_office(w, camp, client):
    RegistrationSubmission.objects.create(campaign=camp, unit=w.school_a, status="submitted", late=True,
                                          submitted_at=dt.datetime(2025, 11, 2, 9, 30, tzinfo=dt.UTC))
    url = reverse("campaigns:campaign_detail", args=[camp.pk])
    client.force_login(w.users.office_officer)
    assert "bang=ho-so&amp;xuat=xlsx" in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"bang": "ho-so", "xuat": "xlsx"}))
    assert rows[0] == ("STT", "Đơn vị", "Trạng thái", "Nộp muộn", "Nộp lúc", "Lý do trả lại")
    by_unit = {r[1]: r for r in rows[1:]}
    assert set(by_unit) == {"Trường Tiểu học Đinh Tiên Hoàng", "Trường Tiểu học Kết Đoàn", "Trường Mầm non Bé Ngoan"}
    assert by_unit["Trường Tiểu học Đinh Tiên Hoàng"][3] == "Có"
    assert isinstance(by_unit["Trường Tiểu học Đinh Tiên Hoàng"][4], dt.datetime)
    assert by_unit["Trường Tiểu học Kết Đoàn"][2] == "Chưa nộp"
    # a school does not see the other schools' submissions: refused, no file
    client.force_login(w.users.officer_a)
    response = client.get(url, {"bang": "ho-so", "xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)
    response = client.get(url, {"bang": "khong-co", "xuat": "xlsx"})
    assert response.status_code == 404 and not _is_xlsx(response)
    # another unit's campaign: refused before any table
    other = h.campaign(w, unit=w.school_b, name="Phong trào của trường B")
    response = client.get(reverse("campaigns:campaign_detail", args=[other.pk]), {"bang": "tien-do", "xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)


def test_registrations_export_of_a_unit(w, client):
    camp = h.campaign(w)
    h.entry(w, camp=camp)
    url = reverse("campaigns:submission_detail", args=[camp.pk, w.school_a.pk])
    client.force_login(w.users.officer_a)
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert rows[0] == ("STT", "Cá nhân / tập thể", "Năm sinh", "Đơn vị", "Danh hiệu đăng ký", "Ngày đăng ký",
                       "Chỉ tiêu, mục tiêu")
    assert rows[1][:6] == (1, "Nguyễn Văn An", 1985, "Tổ 1", "Lao động tiên tiến", dt.datetime(2025, 10, 1))
    client.force_login(w.users.officer_b)
    response = client.get(url, {"xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)


def test_calendar_export(w, client):
    h.campaign(w, registration_deadline=D(2099, 10, 15))
    client.force_login(w.users.officer_a)
    url = reverse("campaigns:calendar")
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert rows[0] == ("STT", "Hạn", "Việc", "Đơn vị", "Tình trạng")
    assert rows[1] == (1, dt.datetime(2099, 10, 15), "Hạn đăng ký thi đua – Dạy tốt – Học tốt",
                       "Trường Tiểu học Đinh Tiên Hoàng", "Sắp đến hạn")


def test_cluster_members_export(w, client):
    khoi = h.cluster(w, members=("school_a", "school_b"))
    services.covenant_set(actor=None, cluster=khoi, text="Giao ước")
    services.covenant_sign(actor=w.users.officer_a, cluster=khoi, unit=w.school_a, works="Thư viện xanh",
                           topics="Đọc sách")
    url = reverse("campaigns:cluster_detail", args=[khoi.pk])
    client.force_login(w.users.officer_b)  # a member reads its cluster
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert rows[0] == ("STT", "Đơn vị thành viên", "Vai trò", "Ký giao ước lúc", "Người ký", "Giao ước",
                       "Công trình thi đua đăng ký", "Chuyên đề thi đua đăng ký")
    by_unit = {r[1]: r for r in rows[1:]}
    assert len(by_unit) == 2
    signed = by_unit["Trường Tiểu học Đinh Tiên Hoàng"]
    assert signed[2] == "Khối trưởng" and isinstance(signed[3], dt.datetime)
    assert signed[4:] == ("officer_a", "Đã ký", "Thư viện xanh", "Đọc sách")
    assert by_unit["Trường Tiểu học Kết Đoàn"][3:6] == (None, None, "Chưa ký")
    other = h.cluster(w, name="Khối Mầm non 1", members=("school_c",), leader="school_c")
    response = client.get(reverse("campaigns:cluster_detail", args=[other.pk]), {"xuat": "xlsx"})
    assert response.status_code == 403 and not _is_xlsx(response)


def test_progress_export_queries_constant_in_the_number_of_units(w, camp, client):
    from tdkt.org.services import unit_create

    client.force_login(w.users.office_officer)
    url = reverse("campaigns:campaign_detail", args=[camp.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            rows = xlsx_rows(client.get(url, {"bang": "tien-do", "xuat": "xlsx"}))
        return len(rows), len(ctx)

    small = count()
    for i in range(8):
        unit_create(actor=None, parent=w.phong, code=f"X{i}", name=f"Trường Thử {i}", unit_type=w.types["truong-th"])
    big = count()
    assert big[0] == small[0] + 8 * 2 and big[1] == small[1], (small, big)
