"""Issue 12, the screenshot walk's check, in Chromium on the demo's own data and logins: on a 390 px
phone no main page of the year scrolls sideways — each opened by the demo login whose page it is
(the pages and logins of ``bench/screens.py``, which takes the screenshots). A wide table scrolls
inside its own box (``.table-wrap``), never the page; before that the council, cluster, statistics,
document-number, unit-record and audit pages were 398 to 793 px wide."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bench.screens import OVERFLOW_JS, main_pages, more_pages

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD)
PHONE = {"width": 390, "height": 844}
# The ten main pages of the issue, by the walk's names.
MAIN = {"home-giaovien-dth", "campaign-list", "campaign", "register", "meeting", "meeting-agenda", "ballot",
        "proposal-list", "proposal", "review", "record", "verdict", "decision", "verify"}


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", verbosity=0)
    call_command("demo", verbosity=0)


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    pages = main_pages() + more_pages()
    assert MAIN <= {p.slug for p in pages}, "the demo no longer has every main page of the walk"
    wide, refused = [], []
    for username in dict.fromkeys(p.username for p in pages):
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        tab = context.new_page()
        tab.set_default_timeout(15000)
        tab.base_url = live_server.url
        if username:
            login(tab, username, PASSWORD)
        for p in (p for p in pages if p.username == username):
            response = tab.goto(live_server.url + p.path)
            if response.status != 200:
                refused.append(f"{p.slug} ({username}): HTTP {response.status}")
                continue
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > tab.evaluate("window.innerWidth"):
                culprits = ", ".join(c["el"] for c in tab.evaluate(OVERFLOW_JS))
                wide.append(f"{p.slug} {p.path} ({username}): {width} px wide, because of {culprits}")
        context.close()
    assert not refused, "pages refused to their own login:\n" + "\n".join(refused)
    assert not wide, "pages wider than a 390 px phone:\n" + "\n".join(wide)


def test_a_wide_table_keeps_readable_columns_and_scrolls_in_its_box(page, demo):
    """The 45-question agenda of the demo's May meeting: squeezed into 342 px it was one word a line
    and 18,000 px tall; now it keeps its width and is swiped inside its own box."""
    from tdkt.meetings.choices import MeetingStatus
    from tdkt.meetings.models import Meeting

    meeting = Meeting.objects.filter(status=MeetingStatus.FINALIZED).order_by("-starts_at").first()
    page.set_viewport_size(PHONE)
    login(page, "tdkt.dth", PASSWORD)
    page.goto(page.base_url + f"/hoi-dong/cuoc-hop/{meeting.pk}/")
    table = page.locator("table[data-testid=questions]")
    box = table.evaluate("t => ({table: t.getBoundingClientRect().width, shown: t.parentElement.clientWidth,"
                         " overflow: getComputedStyle(t.parentElement).overflowX})")
    assert box["table"] >= 600, f"the agenda is squeezed to {box['table']} px"
    assert box["shown"] <= 390 and box["overflow"] == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
