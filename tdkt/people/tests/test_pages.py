import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tdkt.people.models import Employment, Person


def _add_people(world, n, start=0):
    people = []
    for i in range(start, start + n):
        p = Person(family_name="Lý", middle_name="Thị", given_name=f"Số{i:03d}")
        p.refresh_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    Employment.objects.bulk_create(
        [Employment(person=p, unit=world.group_a, position="giao_vien", start_date=dt.date(2020, 9, 1)) for p in people]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_people_list_queries_constant_in_rows(world):
    client = Client()
    client.force_login(world.users.officer_a)
    _add_people(world, 5)
    few = _queries(client, "/ca-nhan/")
    _add_people(world, 40, start=5)
    many = _queries(client, "/ca-nhan/")
    assert many == few
    few_unit = _queries(client, f"/don-vi/{world.school_a.pk}/")
    _add_people(world, 40, start=45)
    assert _queries(client, f"/don-vi/{world.school_a.pk}/") == few_unit


def test_people_list_labels_group_with_school(world):
    client = Client()
    client.force_login(world.users.officer_a)
    html = client.get("/ca-nhan/").content.decode()
    assert "Giáo viên – Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng" in html


def test_people_list_paginates_in_vietnamese(world, settings):
    settings.PAGE_SIZE = 10
    _add_people(world, 25)
    client = Client()
    client.force_login(world.users.officer_a)
    html = client.get("/ca-nhan/?page=2").content.decode()
    assert "Trang 2/3" in html and "« Trước" in html and "Sau »" in html


def test_staff_year_page_shows_months(world):
    from tdkt.people.services import employment_add, person_create

    late = person_create(actor=None, family_name="Hồ", given_name="Mới")
    employment_add(actor=None, person=late, unit=world.school_a, position="giao_vien", start_date=dt.date(2026, 2, 1))
    client = Client()
    client.force_login(world.users.head_a)
    html = client.get(f"/don-vi/{world.school_a.pk}/nhan-su-nam-hoc/?nam=2025").content.decode()
    assert "Nhân sự năm học 2025-2026" in html
    row = html[html.index("Hồ Mới"):]
    row = row[: row.index("</tr>")]
    assert '<td class="text-end">7,0</td>' in row  # Vietnamese decimal comma
    assert 'class="table-warning"' in html[html.rindex("<tr", 0, html.index("Hồ Mới")):html.index("Hồ Mới")]
    assert "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng" in html


def test_people_list_exports_filtered_xlsx(world):
    import io

    from openpyxl import load_workbook

    client = Client()
    client.force_login(world.users.officer_a)
    response = client.get("/ca-nhan/", {"q": "nguyen van an", "xuat": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True) if any(row)]
    names = [row[1] for row in values]
    assert "Họ và tên" in names and "Nguyễn Văn An" in names
    assert "Trần Thị Bình" not in names  # the search filter applies to the export
    assert "Lê Quốc Cường" not in names  # and so does the scope (another school)


def test_unit_page_exports_its_staff_with_their_posts(world):
    import io
    import re

    from django.urls import reverse
    from openpyxl import load_workbook

    client = Client()
    client.force_login(world.users.officer_a)
    page = client.get(reverse("org:unit_detail", args=[world.school_a.pk])).content.decode()
    link = re.search(r'href="([^"]*xuat=xlsx[^"]*)"', page).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 200
    rows = [r for r in load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        values_only=True) if any(r)]
    header = next(r for r in rows if "Họ và tên" in r)
    staff = {r[1]: dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1:]}
    assert set(staff) == {"Nguyễn Văn An", "Trần Thị Bình"}  # the school and its Tổ, not the other school
    assert staff["Trần Thị Bình"]["Chức vụ"] == "Hiệu trưởng"
    assert staff["Nguyễn Văn An"]["Đơn vị công tác"] == "Tổ 1"


def test_unit_page_offers_the_eligibility_page_only_to_those_who_may_see_it(world):
    from django.urls import reverse

    url = reverse("eligibility:unit", args=[world.group_a.pk])
    officer, teacher = Client(), Client()
    officer.force_login(world.users.officer_a)
    teacher.force_login(world.users.staff_a)  # a teacher of the Tổ sees its page, not its verdicts
    page = reverse("org:unit_detail", args=[world.group_a.pk])
    assert url in officer.get(page).content.decode()
    teacher_page = teacher.get(page)
    assert teacher_page.status_code == 200 and url not in teacher_page.content.decode()
    assert teacher.get(url).status_code == 403
