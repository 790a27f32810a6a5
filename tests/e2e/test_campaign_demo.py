"""A campaign of the ward, in the browser, on the demo as `tdkt demo` builds it: its own logins, its
own units and people, nothing stubbed (issue 12: one browser test per flow on the demo's data).

The ward's TĐKT officer launches a campaign for the school year under way; Tiểu học Đinh Tiên
Hoàng's officer registers a teacher for Lao động tiên tiến and submits the school's registration;
the ward returns it with a reason, the school sees the reason and submits again, the ward accepts.
A council member of the school reads the submission but is offered no ward action."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import as_user as _as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "Thi đua «Kỷ cương, tình thương, trách nhiệm» năm học này"
SCHOOL = "Trường Tiểu học Đinh Tiên Hoàng"
REASON = "Thiếu bản đăng ký chỉ tiêu của tổ chuyên môn"






def _status(page) -> str:
    return page.inner_text("[data-testid=status]").strip()


def _school_row(page):
    return page.locator("[data-testid=submission-table] tbody tr", has_text=SCHOOL)


def _option(page, select: str, wanted: str) -> str:
    """The label of the first option of ``select`` that contains ``wanted`` (unit pickers show paths)."""
    return next(t for t in page.locator(f"{select} option").all_inner_texts() if wanted in t)


def _not_yet_registered(values: list[str], start_year: int) -> str:
    """Most of the demo school's staff registered for Lao động tiên tiến in September (the form
    refuses a second registration, as it should): the option of one who has not."""
    from tdkt.records.models import Registration

    taken = set(Registration.objects.filter(award_type__code="lao-dong-tien-tien", person__isnull=False,
                                            school_year__start_year=start_year)
                .values_list("person_id", flat=True))
    return next(v for v in values if v and int(v) not in taken)


def test_the_ward_runs_a_campaign_with_a_school(page, demo):
    from django.utils import timezone

    deadline = timezone.localdate() + dt.timedelta(days=20)

    _as(page, "tdkt.saigon")
    page.goto(page.base_url + "/phong-trao/phat-dong/")
    page.select_option("#id_unit", label=_option(page, "#id_unit", "phường Sài Gòn"))
    page.fill("#id_name", CAMPAIGN)
    years = page.locator("#id_school_year option").all_inner_texts()
    today = timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    page.select_option("#id_school_year", label=next(t for t in years if f"{start}-{start + 1}" in t))
    page.fill("#id_registration_deadline", deadline.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=submission-table]")
    assert page.inner_text("h1") == CAMPAIGN
    assert deadline.strftime("%d/%m/%Y") in page.inner_text("main")
    assert "Chưa nộp" in _school_row(page).inner_text()
    campaign_url = page.url

    _as(page, "tdkt.dth")
    page.goto(campaign_url)
    page.click("main a:has-text('Đăng ký thi đua')")
    page.select_option("#id_award_type", label="Lao động tiên tiến")
    value = _not_yet_registered(page.locator("#id_person option").evaluate_all("os => os.map(o => o.value)"), start)
    page.select_option("#id_person", value)
    name = page.locator(f"#id_person option[value='{value}']").inner_text().strip()
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đăng ký")
    page.click(f"main a:has-text('{SCHOOL}')")
    assert name in page.inner_text("main")
    submission_url = page.url
    page.click("main button:has-text('Nộp hồ sơ lên')")
    page.wait_for_selector("text=Đã nộp hồ sơ đăng ký")
    assert _status(page) == "Đã nộp"

    _as(page, "tdkt.saigon")
    page.goto(campaign_url)
    assert "Đã nộp" in _school_row(page).inner_text()
    _school_row(page).locator("a:has-text('Xem')").click()
    page.select_option("#id_action", "return")
    page.fill("#id_reason", REASON)
    page.click("main button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã cập nhật hồ sơ")
    assert _status(page) == "Trả lại"

    _as(page, "tdkt.dth")
    page.goto(submission_url)
    assert REASON in page.inner_text("main")
    page.click("main button:has-text('Nộp lại')")
    page.wait_for_selector("text=Đã nộp hồ sơ đăng ký")
    assert _status(page) == "Đã nộp lại"

    _as(page, "tdkt.saigon")
    page.goto(submission_url)
    page.select_option("#id_action", "accept")
    page.click("main button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã cập nhật hồ sơ")
    assert _status(page) == "Đã tiếp nhận"
    page.goto(campaign_url)
    assert "Đã tiếp nhận" in _school_row(page).inner_text()

    # A council member who is not the school's officer may read the campaign but not accept for the ward.
    _as(page, "hoidong1.dth")
    page.goto(submission_url)
    assert page.locator("#id_action").count() == 0
