"""Issue 12, item 11, in Chromium on the demo's own data and logins: on a 390 px phone the menu
collapses behind a button (our own small script, no framework), which opens the links with a tap or
the keyboard and says so to screen readers (aria-expanded); on a 1366 px office screen the links
show as before. The page has our icon and /favicon.ico answers."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", verbosity=0)
    call_command("demo", verbosity=0)


def test_the_menu_button_opens_the_links_on_a_phone(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "giaovien.dth", PASSWORD)
    page.goto(page.base_url + "/")
    button = page.locator("nav [data-nav-toggle]")
    link = page.locator("#main-nav a", has_text="Hồ sơ của tôi")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()
    nav_height = page.locator("nav.navbar").bounding_box()["height"]
    assert nav_height < 80, f"the closed menu is {nav_height} px tall"
    # The home page's to-do shows right under the bar: her open registration.
    assert page.locator("[data-testid=attention] li[data-kind=register]").count() == 1

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert link.is_visible()
    assert page.locator("#main-nav button", has_text="Đăng xuất").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()

    # Keyboard: Enter opens, Escape closes and puts the focus back on the button.
    button.focus()
    page.keyboard.press("Enter")
    assert link.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not link.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-nav-toggle')")

    button.click()
    link.click()
    page.wait_for_load_state()
    assert "Nguyễn Văn An" in page.inner_text("h1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px screen"


def test_the_links_show_on_an_office_screen_and_the_icon_is_ours(page, demo):
    login(page, "tdkt.dth", PASSWORD)
    assert not page.locator("nav [data-nav-toggle]").is_visible()
    assert page.locator("#main-nav a", has_text="Khen thưởng").is_visible()
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.endswith("/tdkt/favicon.svg")
    assert page.request.get(page.base_url + icon).status == 200
    response = page.request.get(page.base_url + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] == "image/svg+xml"
