"""A person at a 1366x768 screen: logs in per role and sees only what that role may see."""

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def w(world):
    return world


def test_login_refused_with_vietnamese_message(page, w):
    page.goto(page.base_url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "sai-mat-khau")
    page.click("main button[type=submit]")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.inner_text("main")


def test_school_officer_sees_own_school_only(page, w):
    login(page, "officer_a")
    assert "Cán bộ phụ trách TĐKT" in page.inner_text("[data-testid=my-units]")
    page.click("text=Đơn vị")
    tree = page.inner_text("[data-testid=unit-tree]")
    assert "Trường Tiểu học Đinh Tiên Hoàng" in tree
    assert "Kết Đoàn" not in tree and "Bé Ngoan" not in tree
    page.goto(page.base_url + f"/don-vi/{w.school_b.pk}/")
    assert "không có quyền" in page.inner_text("main")


def test_people_search_ignores_accents_and_sorts_by_given_name(page, w):
    login(page, "office_officer")
    page.goto(page.base_url + "/ca-nhan/")
    rows = page.locator("[data-testid=people] tbody tr td:nth-child(2)").all_inner_texts()
    assert rows == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Phạm Thị Hoa"]
    page.fill("#q", "nguyen van an")
    page.keyboard.press("Enter")
    # A function, not a string: a string would be eval'ed in the page, which the CSP refuses.
    page.wait_for_function("() => document.querySelectorAll('[data-testid=people] tbody tr').length === 1")
    assert page.inner_text("[data-testid=people] tbody") .startswith("1\tNguyễn Văn An")


def test_officer_adds_person_and_form_names_bad_field(page, w):
    from tdkt.people.models import Person

    login(page, "officer_a")
    page.goto(page.base_url + f"/ca-nhan/them/?unit={w.group_a.pk}")
    page.fill("#id_family_name", "Vũ")
    page.fill("#id_middle_name", "Thị")
    page.fill("#id_given_name", "Yến")
    page.fill("#id_national_id", "079085000001")  # already Nguyễn Văn An's
    page.fill("#id_start_date", "2025-09-05")
    page.click("main button[type=submit]")
    error = page.inner_text("ul.errorlist[data-field=national_id]")
    assert "đã có trong hồ sơ của «Nguyễn Văn An»" in error
    assert not Person.objects.filter(given_name="Yến").exists()
    page.fill("#id_national_id", "")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=employments]")
    assert "Vũ Thị Yến" in page.inner_text("h1")
    assert "Tổ 1" in page.inner_text("[data-testid=employments]")


def test_staff_sees_only_herself(page, w):
    login(page, "staff_a")
    page.goto(page.base_url + f"/ca-nhan/{w.an.pk}/")
    assert "Nguyễn Văn An" in page.inner_text("h1")
    page.goto(page.base_url + f"/ca-nhan/{w.binh.pk}/")
    assert "không có quyền" in page.inner_text("main").lower()


def test_printable_at_office_screen_size(page, w):
    login(page, "head_a")
    page.goto(page.base_url + f"/don-vi/{w.school_a.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, "the unit page must fit a 1366px screen without horizontal scrolling"
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"
