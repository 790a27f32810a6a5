"""In a browser: a large certificate batch goes to the background, its page shows a progress bar that
refreshes itself, and once the worker is done the same page offers the PDF."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def own_browser():
    """This module's own Chromium, closed when the module ends. (Importing tests/e2e's session fixture here
    would open a second Playwright beside theirs in the same process, which Playwright refuses.)"""
    import asyncio
    import os

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        pytest.skip("tests/e2e's Playwright session is already open in this process: run this file on its own")
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not found: install Debian's 'chromium' package to run browser tests")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(own_browser, live_server):
    context = own_browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def test_large_batch_in_the_background(page, three, monkeypatch):
    from tdkt.awards import documents, jobs

    monkeypatch.setattr(jobs, "INLINE_MAX_CERTIFICATES", 1)
    monkeypatch.setattr(documents, "CERTIFICATES_PER_PART", 1)
    aw, _ = three
    w = aw.w
    login(page, "officer_a")
    page.goto(page.base_url + f"/khen-thuong/giay-khen/?don-vi={w.school_a.pk}")
    assert page.locator("[data-testid=batch-background]").count() == 1  # the page says it will take a while
    page.click("text=Tải PDF để in")
    page.wait_for_selector("[data-testid=progress]")
    assert "Đang chờ" in page.inner_text("[data-testid=progress]")
    assert page.locator(".progress-bar").count() == 1
    call_command("worker", "--once", stdout=io.StringIO())
    # the poll sees the job finished and the page reloads itself with the download
    page.wait_for_selector("[data-testid=job-done]")
    assert f"giay-khen-{w.school_a.pk}.pdf" in page.inner_text("[data-testid=job-done]")
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
