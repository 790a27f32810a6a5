"""Issue 12, item 6, in Chromium on the demo as `tdkt demo` builds it, with its own logins and
nothing stubbed: a council member finds the open secret ballot on the home page, follows the link,
votes, and the line leaves the list."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD), as the README prints it


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", verbosity=0)
    call_command("demo", verbosity=0)


def test_a_council_member_votes_from_the_home_page(page, demo):
    from tdkt.meetings.models import BallotReceipt

    login(page, "hoidong1.dth", PASSWORD)
    page.goto(page.base_url + "/")
    todo = page.locator("[data-testid=attention] li[data-kind=ballot]")
    assert todo.count() == 1
    assert "Bỏ phiếu kín" in todo.inner_text() and "Hạn:" in todo.inner_text()
    todo.locator("a").click()
    page.wait_for_load_state()
    assert "/bo-phieu/" in page.url
    question = int(page.url.rstrip("/").split("/")[-2])
    assert page.locator("[data-testid=ballot-form]").is_visible()
    page.check("input[name=choice][value=dong_y]")
    page.click("[data-testid=ballot-form] button[type=submit]")
    page.wait_for_load_state()
    assert "Đã ghi nhận phiếu của bạn" in page.inner_text("main")
    assert BallotReceipt.objects.filter(question_id=question, member__person__user__username="hoidong1.dth").count() == 1

    page.goto(page.base_url + "/")
    assert page.locator("[data-testid=attention] li[data-kind=ballot]").count() == 0
    # The next member still has it waiting.
    page.context.clear_cookies()
    login(page, "hoidong2.dth", PASSWORD)
    page.goto(page.base_url + "/")
    assert page.locator("[data-testid=attention] li[data-kind=ballot]").count() == 1
