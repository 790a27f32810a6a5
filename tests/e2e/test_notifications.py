"""Issue 14 in Chromium on the demo as `tdkt demo` builds it, with its own logins and nothing stubbed:
Nguyễn Bỉnh Khiêm's officer logs in to a bell with a count (the ward returned the school's proposal,
accepted its registration dossier, and the round's deadline is near), opens the notifications,
follows the returned proposal, marks the rest read, and the count goes; the home page lists the
deadline the school has not met."""

from __future__ import annotations

import pytest

from .conftest import as_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_bell_the_page_and_marking_read(page, demo):
    as_user(page, "tdkt.nbk")
    page.goto(page.base_url + "/")
    # the home page lists the round's deadline the school has not met (its proposal is back with it)
    todo = page.locator("[data-testid=attention] li[data-kind=deadline]")
    assert todo.count() == 1 and "Nhắc hạn: Khen thưởng đột xuất" in todo.inner_text()
    assert "Hạn:" in todo.inner_text()
    bell = page.locator("[data-testid=bell]")
    assert page.locator("[data-testid=bell-count]").inner_text() == "3"
    bell.click()
    page.wait_for_load_state()
    assert page.url.endswith("/thong-bao/")
    items = page.locator("[data-testid=notifications] li")
    assert items.count() == 3 and page.locator("[data-testid=notifications] li[data-read='0']").count() == 3
    kinds = {items.nth(i).get_attribute("data-kind") for i in range(3)}
    assert kinds == {"proposal_returned", "submission_accepted", "deadline_soon"}
    returned = page.locator("[data-testid=notifications] li[data-kind=proposal_returned]")
    assert "Thiếu Biên bản họp Hội đồng Thi đua – Khen thưởng" in returned.inner_text()
    reminder = page.locator("[data-testid=notifications] li[data-kind=deadline_soon]")
    assert "ngày đến hạn gửi đề nghị khen thưởng" in reminder.inner_text()
    # the title opens the proposal and marks it read
    returned.locator("form button.btn-link").click()
    page.wait_for_load_state()
    assert "/khen-thuong/de-nghi/" in page.url
    assert page.locator("[data-testid=bell-count]").inner_text() == "2"
    page.goto(page.base_url + "/thong-bao/")
    page.locator("[data-testid=notifications] li[data-kind=deadline_soon] [data-testid=mark-read]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=bell-count]").inner_text() == "1"
    page.click("[data-testid=read-all]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=bell-count]").count() == 0
    assert page.locator("[data-testid=notifications] li[data-read='0']").count() == 0
    assert "Đã đánh dấu 1 thông báo là đã đọc" in page.inner_text("main")
