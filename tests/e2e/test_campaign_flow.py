"""Issue 5 in a browser: the Phòng launches a campaign, a school registers and submits, the Phòng
returns the submission with a reason, the school resubmits and the Phòng accepts it."""

import datetime as dt

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "Dạy tốt – Học tốt 2025-2026"
REASON = "Thiếu biên bản họp xét của Hội đồng thi đua"


@pytest.fixture
def w(world):
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()  # award types (Lao động tiên tiến, …) are reference data, not the point here
    return world


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def status(page):
    return page.inner_text("[data-testid=status]").strip()


def school_a_row(page, w):
    return page.locator("[data-testid=submission-table] tbody tr", has_text=w.school_a.name)


def test_launch_register_submit_return_resubmit_accept(page, w):
    from django.utils import timezone

    deadline = timezone.localdate() + dt.timedelta(days=30)

    # The Phòng's officer launches the campaign.
    login(page, "office_officer")
    page.goto(page.base_url + "/phong-trao/phat-dong/")
    page.select_option("#id_unit", str(w.phong.pk))
    page.fill("#id_name", CAMPAIGN)
    page.select_option("#id_school_year", str(w.year.pk))
    page.fill("#id_registration_deadline", deadline.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=submission-table]")
    assert page.inner_text("h1") == CAMPAIGN
    main = page.inner_text("main")
    assert f"Đã phát động phong trào «{CAMPAIGN}»" in main
    assert deadline.strftime("%d/%m/%Y") in main
    assert "Chưa nộp" in school_a_row(page, w).inner_text()
    campaign_url = page.url

    # School A's officer registers a teacher for Lao động tiên tiến and submits the school's registration.
    switch_user(page, "officer_a")
    page.goto(campaign_url)
    page.click("main a:has-text('Đăng ký thi đua')")
    page.select_option("#id_award_type", label="Lao động tiên tiến")
    page.select_option("#id_person", label="Nguyễn Văn An")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đăng ký")
    assert page.url == campaign_url
    page.click(f"main a:has-text('{w.school_a.name}')")
    assert status(page) == "Chưa lập"
    individual = page.inner_text("main table >> nth=0")
    assert "Nguyễn Văn An" in individual and "Lao động tiên tiến" in individual
    submission_url = page.url
    page.click("main button:has-text('Nộp hồ sơ lên')")
    page.wait_for_selector("text=Đã nộp hồ sơ đăng ký")
    assert status(page) == "Đã nộp"

    # The Phòng sees the submission and returns it with a reason.
    switch_user(page, "office_officer")
    page.goto(campaign_url)
    assert "Đã nộp" in school_a_row(page, w).inner_text()
    school_a_row(page, w).locator("a:has-text('Xem')").click()
    assert status(page) == "Đã nộp"
    assert "Nguyễn Văn An" in page.inner_text("main")
    page.select_option("#id_action", "return")
    page.fill("#id_reason", REASON)
    page.click("main button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã cập nhật hồ sơ")
    assert status(page) == "Trả lại"
    assert f"Lý do trả lại: {REASON}" in page.inner_text("main")

    # The school sees the reason and resubmits.
    switch_user(page, "officer_a")
    page.goto(submission_url)
    assert status(page) == "Trả lại"
    assert REASON in page.inner_text("main")
    page.click("main button:has-text('Nộp lại')")
    page.wait_for_selector("text=Đã nộp hồ sơ đăng ký")
    assert status(page) == "Đã nộp lại"

    # The Phòng accepts it.
    switch_user(page, "office_officer")
    page.goto(campaign_url)
    assert "Đã nộp lại" in school_a_row(page, w).inner_text()
    page.goto(submission_url)
    page.select_option("#id_action", "accept")
    page.click("main button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã cập nhật hồ sơ")
    assert status(page) == "Đã tiếp nhận"
    assert page.locator("main button:has-text('Xác nhận')").count() == 0
    page.goto(campaign_url)
    assert "Đã tiếp nhận" in school_a_row(page, w).inner_text()
