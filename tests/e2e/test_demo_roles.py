"""Issue 2, done means: on the demo ward, log in as each demo role and see only
what that role may see."""

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db, settings):
    from tdkt.site.demo import build_demo, demo_logins

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo()
    return {row["username"]: row for row in demo_logins()}


def _tree(page):
    page.goto(page.base_url + "/don-vi/")
    return page.inner_text("[data-testid=unit-tree]")


def test_each_demo_role_sees_its_scope(page, demo):
    from tdkt.site.demo import DEMO_PASSWORD

    # Primary specialist of the ward: its primary schools, no preschool, lower or upper secondary.
    login(page, "chuyenvien.th.saigon", DEMO_PASSWORD)
    tree = _tree(page)
    assert "Trường Tiểu học Đinh Tiên Hoàng" in tree and "Trường Tiểu học Nguyễn Bỉnh Khiêm" in tree
    assert "Bé Ngoan" not in tree and "Văn Lang" not in tree and "Lương Thế Vinh" not in tree
    page.context.clear_cookies()

    # School officer: own school only.
    login(page, "tdkt.dth", DEMO_PASSWORD)
    tree = _tree(page)
    assert "Trường Tiểu học Đinh Tiên Hoàng" in tree and "Nguyễn Bỉnh Khiêm" not in tree
    page.goto(page.base_url + "/ca-nhan/?q=nguyen van an")
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=people]")
    page.context.clear_cookies()

    # Teacher: her own record from the menu, nobody else's list.
    login(page, "giaovien.dth", DEMO_PASSWORD)
    assert page.locator("nav >> text=Cá nhân").count() == 0
    page.click("nav >> text=Hồ sơ của tôi")
    assert "Nguyễn Văn An" in page.inner_text("h1")
    page.goto(page.base_url + "/ca-nhan/")
    assert "không được phép" in page.inner_text("main")
    page.context.clear_cookies()

    # The ward's chairman: the whole ward, not the Sở's upper secondary school.
    login(page, "chutich.saigon", DEMO_PASSWORD)
    tree = _tree(page)
    for school in ("Bé Ngoan", "Đinh Tiên Hoàng", "Văn Lang"):
        assert school in tree
    assert "Lương Thế Vinh" not in tree
    page.context.clear_cookies()

    # The Sở's specialist: its upper secondary school.
    login(page, "chuyenvien.thpt.sgddt", DEMO_PASSWORD)
    tree = _tree(page)
    assert "Trường THPT Lương Thế Vinh" in tree and "Đinh Tiên Hoàng" not in tree
    page.context.clear_cookies()

    # Administrator: the admin site and the audit log.
    login(page, "quantri", DEMO_PASSWORD)
    page.goto(page.base_url + "/nhat-ky/")
    assert "demo.loaded" in page.inner_text("[data-testid=audit]")


def test_every_demo_login_reaches_its_home(page, demo):
    from tdkt.site.demo import DEMO_PASSWORD

    for username, row in demo.items():
        login(page, username, DEMO_PASSWORD)
        text = page.inner_text("[data-testid=my-units]")
        assert row["unit"] in text or row["superuser"], f"{username}: {text}"
        page.context.clear_cookies()


def test_teacher_sees_why_and_what_next(page, demo):
    """Issue 3, done means: a demo user opens a teacher and sees the verdicts and the roadmap."""
    from tdkt.site.demo import DEMO_PASSWORD
    from tdkt.site.demo_records import build_demo_records

    build_demo_records()
    login(page, "giaovien.dth", DEMO_PASSWORD)
    page.click("nav >> text=Hồ sơ của tôi")
    page.click("[data-testid=eligibility-link]")
    text = page.inner_text("main")
    assert "Chiến sĩ thi đua cơ sở" in text
    assert "Lộ trình khen cao" in text
    assert "Luật Thi đua, khen thưởng" in text
