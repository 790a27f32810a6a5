"""«Xuất Excel» on the unit tree and the staff-by-year page: the rows the page shows
for this user, with the page's filters, and nothing outside their scope."""

import datetime as dt

from django.test import Client

from tdkt.documents.tests.helpers import xlsx_rows


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_unit_tree_export_is_the_users_scope(world):
    client = _client(world.users.officer_a)
    page = client.get("/don-vi/").content.decode()
    assert 'data-testid="export-xlsx"' in page and "xuat=xlsx" in page
    rows = xlsx_rows(client.get("/don-vi/", {"xuat": "xlsx"}))
    assert rows[0][:4] == ("STT", "Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên")
    # The officer of school A sees school A and its group; the Phòng and the Sở are only greyed context.
    assert [(r[1], r[3]) for r in rows[1:]] == [("TH-A", "Phòng Giáo dục và Đào tạo Quận Thử"),
                                                 ("TH-A-TO1", "Trường Tiểu học Đinh Tiên Hoàng")]
    assert rows[1][5] == world.types["truong-th"].name and rows[1][4] == 3


def test_unit_tree_export_keeps_the_search(world):
    client = _client(world.users.admin)
    rows = xlsx_rows(client.get("/don-vi/", {"q": "tieu hoc", "xuat": "xlsx"}))
    assert [r[2] for r in rows[1:]] == ["Trường Tiểu học Đinh Tiên Hoàng", "Trường Tiểu học Kết Đoàn"]
    everything = xlsx_rows(client.get("/don-vi/", {"xuat": "xlsx"}))
    assert len(everything) - 1 == 6 and everything[-1][10] == "Hoạt động"


def test_unit_tree_export_refused_without_permission(world):
    response = _client(world.users.nobody).get("/don-vi/", {"xuat": "xlsx"})
    assert response.status_code == 403


def test_staff_year_export_lists_the_year_and_not_other_units(world):
    from tdkt.people.choices import Position
    from tdkt.people.services import employment_add, person_create

    newcomer = person_create(actor=None, family_name="Võ", middle_name="Thị", given_name="Mới", gender="nu")
    employment_add(actor=None, person=newcomer, unit=world.school_a, position=Position.GIAO_VIEN,
                   start_date=dt.date(2026, 1, 1))
    client = _client(world.users.officer_a)
    url = f"/don-vi/{world.school_a.pk}/nhan-su-nam-hoc/"
    page = client.get(url, {"nam": 2025}).content.decode()
    assert "xuat=xlsx" in page and "nam=2025" in page
    rows = xlsx_rows(client.get(url, {"nam": 2025, "xuat": "xlsx"}))
    assert rows[0] == ("STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Số tháng công tác", "Đủ 12 tháng")
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"Nguyễn Văn An", "Trần Thị Bình", "Võ Thị Mới"}  # not Lê Quốc Cường of school B
    assert by_name["Nguyễn Văn An"][2] == dt.datetime(1985, 3, 7)  # a real date cell
    assert by_name["Nguyễn Văn An"][3] == "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng"
    assert by_name["Nguyễn Văn An"][5] == "Có" and by_name["Võ Thị Mới"][5] == "Không"
    assert by_name["Võ Thị Mới"][4] < 12


def test_staff_year_export_refused_for_another_school(world):
    response = _client(world.users.officer_b).get(f"/don-vi/{world.school_a.pk}/nhan-su-nam-hoc/", {"xuat": "xlsx"})
    assert response.status_code == 403


def test_exports_take_a_constant_number_of_queries(world, django_assert_max_num_queries):
    from tdkt.org.services import unit_create
    from tdkt.people.choices import Position
    from tdkt.people.services import employment_add, person_create

    client = _client(world.users.office_officer)
    staff_url = f"/don-vi/{world.phong.pk}/nhan-su-nam-hoc/"

    def grow(n, start):
        for i in range(start, start + n):
            school = unit_create(actor=None, parent=world.phong, code=f"TH-X{i}", name=f"Trường Tiểu học Số {i}",
                                 unit_type=world.types["truong-th"])
            group = unit_create(actor=None, parent=school, code=f"TH-X{i}-T", name="Tổ 1",
                                unit_type=world.types["to-chuyen-mon"])
            p = person_create(actor=None, family_name="Vũ", middle_name="Văn", given_name=f"Số{i}", gender="nam")
            employment_add(actor=None, person=p, unit=group, position=Position.GIAO_VIEN,
                           start_date=dt.date(2020, 9, 1))

    grow(2, 0)
    with django_assert_max_num_queries(30) as small:
        few = xlsx_rows(client.get("/don-vi/", {"xuat": "xlsx"}))
        few_staff = xlsx_rows(client.get(staff_url, {"nam": 2025, "xuat": "xlsx"}))
    grow(10, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        many = xlsx_rows(client.get("/don-vi/", {"xuat": "xlsx"}))
        many_staff = xlsx_rows(client.get(staff_url, {"nam": 2025, "xuat": "xlsx"}))
    assert len(many) - len(few) == 20 and len(many_staff) - len(few_staff) == 10
