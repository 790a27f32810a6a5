"""Issue 12, item 9, in Chromium on the demo's own data and logins: a unit picker names each unit with
its path, in tree order, and a search box above it (tdkt/static/tdkt/unit_picker.js, our own script)
keeps the options that match what one types without accents. The ward officer's "Đơn vị đề nghị"
offers the ward and what is under it, never the Sở or the Bộ, also after a refused submit. Without
JavaScript the same list is there, labels and all."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD)
URL = "/khen-thuong/de-nghi/them/"


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", verbosity=0)
    call_command("demo", verbosity=0)


def _labels(page) -> list[str]:
    return page.eval_on_selector_all("#id_unit option", "os => os.filter(o => o.value).map(o => o.text)")


def test_the_ward_officer_finds_a_school_by_typing_without_accents(page, demo):
    login(page, "tdkt.saigon", PASSWORD)
    page.goto(page.base_url + URL)
    every = _labels(page)
    assert every[0] == "Ủy ban nhân dân phường Sài Gòn"
    assert "Tổ Văn phòng – Trường Tiểu học Đinh Tiên Hoàng" in every
    assert not [u for u in every if "Sở Giáo dục" in u or "Bộ Giáo dục" in u], every
    # Tree order: a school, then its groups.
    school = every.index("Trường Tiểu học Đinh Tiên Hoàng")
    assert every[school + 1].endswith("– Trường Tiểu học Đinh Tiên Hoàng")

    box = page.locator("[data-unit-search]")
    assert box.is_visible()
    box.fill("dinh tien")
    shown = _labels(page)
    assert shown == [u for u in every if "Đinh Tiên Hoàng" in u], shown
    assert shown[0] == "Trường Tiểu học Đinh Tiên Hoàng" and len(shown) >= 3
    assert page.locator("[data-unit-found]").inner_text() == f"Tìm thấy {len(shown)} đơn vị"
    box.fill("van phong dinh tien")
    assert _labels(page) == ["Tổ Văn phòng – Trường Tiểu học Đinh Tiên Hoàng"]
    page.keyboard.press("Enter")  # picks the match; the form is not sent
    assert page.url.endswith(URL)
    assert page.locator("#id_unit option:checked").inner_text() == "Tổ Văn phòng – Trường Tiểu học Đinh Tiên Hoàng"
    box.fill("")
    assert _labels(page) == every

    # Sent without a round (past the browser's own check): the page comes back with its error and the
    # same units, none above the ward.
    page.select_option("#id_unit", label="Trường Tiểu học Đinh Tiên Hoàng")
    page.select_option("#id_round", index=0)
    page.eval_on_selector("main form", "f => { f.noValidate = true; }")
    page.click("main button[type=submit]")
    page.wait_for_selector("main .text-danger")
    assert _labels(page) == every
    assert page.locator("#id_unit option:checked").inner_text() == "Trường Tiểu học Đinh Tiên Hoàng"


def test_without_javascript_the_list_still_names_each_unit_with_its_path(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url
    page.goto(page.base_url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "tdkt.saigon")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(page.base_url + URL)
    assert page.locator("[data-unit-search]").count() == 0
    assert "Tổ Văn phòng – Trường Tiểu học Đinh Tiên Hoàng" in page.locator("#id_unit option").all_text_contents()
    context.close()
