"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    candidates = [os.environ.get("TDKT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("TDKT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (TDKT_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not found: install Debian's 'chromium' package to run browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow ORM calls from tests meanwhile.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def login(page, username: str, password: str = "pw-test-123") -> None:
    page.goto(page.base_url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")


DEMO_PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD), as the README prints it


@pytest.fixture
def demo(db, settings):
    """The database as ``tdkt demo`` builds it: reference data, the ward, its history, the year."""
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", verbosity=0)
    call_command("demo", verbosity=0)


def as_user(page, username: str) -> None:
    """Log out whoever is in and log in as a demo account."""
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)
