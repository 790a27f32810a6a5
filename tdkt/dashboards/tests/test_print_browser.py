"""The dashboard printed (Chromium emulating print media on an A4-landscape-wide page): no
navigation or controls, the title names the unit and the school year, the figures, both charts
and the unit table are there and nothing is wider than the paper."""

import os
import threading

import pytest

from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A4 landscape is 297 mm wide; minus the 15 + 20 mm margins of the print stylesheet, 262 mm
# at 96 CSS px per inch is ≈ 990 px. Chromium lays the printed page out at that width.
A4_LANDSCAPE_CONTENT_PX = 990
A4_LANDSCAPE_CONTENT_HEIGHT_PX = 680  # 180 mm


def _in_browser(base_url: str, check) -> None:
    """Run ``check(page)`` in a Chromium page of its own thread. The end-to-end suite's browser
    fixtures live in tests/e2e and are not visible here; Playwright's sync API refuses to start
    where another sync Playwright already runs an event loop (that suite's session browser),
    and a fresh thread has no loop, so this test runs in any order beside that suite."""
    path = chromium_path()
    if path is None:
        if os.environ.get("TDKT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (TDKT_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not found: install Debian's 'chromium' package to run browser tests")
    failure: list[BaseException] = []

    def run():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
                try:
                    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
                    page.set_default_timeout(15000)
                    page.base_url = base_url
                    check(page)
                finally:
                    browser.close()
        except BaseException as exc:  # re-raised in the test's thread, so pytest reports it
            failure.append(exc)

    thread = threading.Thread(target=run, name="print-browser")
    thread.start()
    thread.join(180)
    assert not thread.is_alive(), "the browser did not finish within 180 s"
    if failure:
        raise failure[0]


def test_dashboard_prints_on_a4_without_navigation(live_server, stats):
    _in_browser(live_server.url, lambda page: _check_print(page, stats.w.phong.pk))


def _check_print(page, unit_pk: int) -> None:
    login(page, "office_officer")
    page.goto(page.base_url + f"/thong-ke/?unit={unit_pk}&nam=2025")
    assert page.locator("nav").first.is_visible()
    assert not page.locator("[data-testid=print-year]").is_visible()  # on screen the year is below the title

    page.set_viewport_size({"width": A4_LANDSCAPE_CONTENT_PX, "height": A4_LANDSCAPE_CONTENT_HEIGHT_PX})
    page.emulate_media(media="print")
    assert not page.locator("nav").first.is_visible()
    for control in ("[data-testid=selectors]", "[data-testid=export-xlsx]", "button:has-text('In')"):
        assert not page.locator(control).first.is_visible(), control
    title = page.inner_text("main h1")
    assert "Phòng Giáo dục và Đào tạo Quận Thử" in title and "năm học 2025-2026" in title
    assert "2025-2026" in page.title()
    for fig in ("fig-staff", "fig-reg-ldtt", "fig-attained-ldtt", "fig-decided"):
        assert page.locator(f"[data-testid={fig}]").is_visible(), fig
    assert page.inner_text("[data-testid=fig-staff]") == "5"
    charts = page.locator("[data-testid=chart] svg")
    assert charts.count() == 2
    boxes = [charts.nth(i).bounding_box() for i in range(2)]
    for box in boxes:
        assert box["width"] <= A4_LANDSCAPE_CONTENT_PX and box["height"] <= A4_LANDSCAPE_CONTENT_HEIGHT_PX, box
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2  # side by side: both charts on one sheet
    assert page.locator("[data-testid=unit-table]").is_visible()
    table = page.locator("[data-testid=unit-table]").bounding_box()
    assert table["x"] + table["width"] <= A4_LANDSCAPE_CONTENT_PX, table
    # Nothing on the page is wider than the paper (a wider element would be cut off in print),
    # and no table hides columns in a scrolling box (paper does not scroll).
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_LANDSCAPE_CONTENT_PX
    hidden = page.evaluate("""[...document.querySelectorAll('main table')]
        .filter(t => t.getBoundingClientRect().right > document.querySelector('main').getBoundingClientRect().right + 1
                     || (t.parentElement.scrollWidth > t.parentElement.clientWidth + 1))
        .map(t => t.dataset.testid || t.className)""")
    assert hidden == [], hidden

    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
