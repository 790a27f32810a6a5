"""Issue 5 in a browser, the registration year across two schools: the Phòng launches
"Dạy tốt – Học tốt 2025-2026" with a target and a milestone, then adjusts them (the target
gets a computed measure, the milestone moves; a move before the campaign start is refused);
the schools see the new date on their calendar and in the ICS feed; both schools register
staff and a unit and submit; the Phòng returns one, accepts the other, and accepts the
returned one after correction; the progress table shows each school against the target."""

import datetime as dt

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "Dạy tốt – Học tốt 2025-2026"
TARGET = "Tỷ lệ giáo viên đăng ký LĐTT"
REASON = "Thiếu đăng ký danh hiệu tập thể của trường"


@pytest.fixture
def w(world):
    from tdkt.eligibility.catalogue import load_catalogue

    load_catalogue()
    return world


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def status(page):
    return page.inner_text("[data-testid=status]").strip()


def row(page, unit):
    return page.locator("[data-testid=submission-table] tbody tr", has_text=unit.name)


def register(page, campaign_url, award, person=None, unit=None):
    page.goto(campaign_url)
    page.click("main a:has-text('Đăng ký thi đua')")
    page.select_option("#id_award_type", label=award)
    if person:
        page.select_option("#id_person", label=person)
    if unit:
        page.select_option("#id_unit", str(unit.pk))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đăng ký")


def submit(page, campaign_url, unit, button="Nộp hồ sơ lên"):
    page.goto(campaign_url)
    page.click(f"main a:has-text('{unit.name}')")
    page.click(f"main button:has-text('{button}')")
    page.wait_for_selector("text=Đã nộp hồ sơ đăng ký")


def review(page, campaign_url, unit, action, reason=""):
    page.goto(campaign_url)
    row(page, unit).locator("a:has-text('Xem')").click()
    page.select_option("#id_action", action)
    if reason:
        page.fill("#id_reason", reason)
    page.click("main button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã cập nhật hồ sơ")


def test_two_schools_register_submit_one_returned_then_accepted(page, w):
    from django.utils import timezone

    from tdkt.campaigns.models import CampaignTarget, Milestone

    today = timezone.localdate()
    deadline = today + dt.timedelta(days=30)
    first_due, moved_due = today + dt.timedelta(days=40), today + dt.timedelta(days=47)

    # The Phòng launches the campaign with a target and a milestone for schools.
    login(page, "office_officer")
    page.goto(page.base_url + "/phong-trao/phat-dong/")
    page.select_option("#id_unit", str(w.phong.pk))
    page.fill("#id_name", CAMPAIGN)
    page.select_option("#id_school_year", str(w.year.pk))
    page.fill("#id_registration_deadline", deadline.isoformat())
    page.fill("#id_targets", f"{TARGET}; 80; %")
    page.fill("#id_milestones", f"Sơ kết học kỳ I; {first_due:%d/%m/%Y}; school")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=submission-table]")
    campaign_url = page.url

    # It adjusts them: the target is computed from registrations, the milestone moves a week.
    target, ms = CampaignTarget.objects.get(), Milestone.objects.get()
    page.click("main a:has-text('Điều chỉnh chỉ tiêu, mốc thời gian')")
    card = page.locator(f"[data-testid=target-{target.pk}]")
    card.locator(f"#id_t{target.pk}-metric").select_option("registered_ldtt")
    card.locator(f"#id_t{target.pk}-reason").fill("Tính theo số liệu đăng ký trên hệ thống")
    card.locator("button:has-text('Lưu chỉ tiêu')").click()
    page.wait_for_selector("text=Đã điều chỉnh")
    card = page.locator(f"[data-testid=milestone-{ms.pk}]")
    before_start = w.year.start_date - dt.timedelta(days=1)
    card.locator(f"#id_m{ms.pk}-due_date").fill(before_start.isoformat())
    card.locator("button:has-text('Lưu mốc')").click()
    page.wait_for_selector(f"text=trước ngày bắt đầu phong trào ({w.year.start_date:%d/%m/%Y})")
    card = page.locator(f"[data-testid=milestone-{ms.pk}]")
    card.locator(f"#id_m{ms.pk}-due_date").fill(moved_due.isoformat())
    card.locator(f"#id_m{ms.pk}-reason").fill("Lùi lịch sơ kết theo kế hoạch của Sở")
    card.locator("button:has-text('Lưu mốc')").click()
    page.wait_for_selector("text=Đã điều chỉnh")
    history = page.inner_text("[data-testid=changes]")
    assert f"hạn {first_due:%d/%m/%Y}" in history and f"hạn {moved_due:%d/%m/%Y}" in history

    # School B sees the change, the new date on its calendar and in its ICS feed.
    switch_user(page, "officer_b")
    page.goto(campaign_url)
    history = page.inner_text("[data-testid=changes]")
    assert "Lùi lịch sơ kết theo kế hoạch của Sở" in history
    page.goto(page.base_url + "/phong-trao/lich/")
    upcoming = page.inner_text("[data-testid=upcoming]")
    assert f"ngày {moved_due.day:02d} tháng {moved_due.month:02d} năm {moved_due.year}" in upcoming
    assert "Sơ kết học kỳ I" in upcoming
    ics = page.request.get(page.input_value("input[aria-label='Liên kết lịch']")).text()
    assert f"DTSTART;VALUE=DATE:{moved_due:%Y%m%d}" in ics and f"DTSTART;VALUE=DATE:{first_due:%Y%m%d}" not in ics
    assert f"DTSTART;VALUE=DATE:{deadline:%Y%m%d}" in ics  # the registration deadline too

    # Both schools register a teacher; school A also its collective title; both submit.
    register(page, campaign_url, "Lao động tiên tiến", person="Lê Quốc Cường")
    submit(page, campaign_url, w.school_b)
    switch_user(page, "officer_a")
    register(page, campaign_url, "Lao động tiên tiến", person="Nguyễn Văn An")
    register(page, campaign_url, "Tập thể lao động tiên tiến", unit=w.school_a)
    submit(page, campaign_url, w.school_a)

    # The Phòng returns school B's file with a reason and accepts school A's.
    switch_user(page, "office_officer")
    page.goto(campaign_url)
    assert "Đã nộp" in row(page, w.school_a).inner_text() and "Đã nộp" in row(page, w.school_b).inner_text()
    review(page, campaign_url, w.school_b, "return", REASON)
    assert status(page) == "Trả lại"
    review(page, campaign_url, w.school_a, "accept")
    assert status(page) == "Đã tiếp nhận"

    # School B sees the reason, adds its collective registration and resubmits.
    switch_user(page, "officer_b")
    page.goto(campaign_url)
    page.click(f"main a:has-text('{w.school_b.name}')")
    assert status(page) == "Trả lại" and REASON in page.inner_text("main")
    register(page, campaign_url, "Tập thể lao động tiên tiến", unit=w.school_b)
    submit(page, campaign_url, w.school_b, button="Nộp lại")
    assert status(page) == "Đã nộp lại"
    assert "Tập thể lao động tiên tiến" in page.inner_text("main")

    # The Phòng accepts it; both files are accepted, the returned one keeps its history.
    switch_user(page, "office_officer")
    review(page, campaign_url, w.school_b, "accept")
    assert status(page) == "Đã tiếp nhận"
    assert REASON in page.inner_text("main")  # the return stays in the file's history
    page.goto(campaign_url)
    assert "Đã tiếp nhận" in row(page, w.school_a).inner_text()
    assert "Đã tiếp nhận" in row(page, w.school_b).inner_text()

    # Progress against the target: school B's one teacher registered (100 %), school A one of two.
    table = page.locator("[data-testid=progress-table]")
    school_a = table.locator(f"tr[data-unit='{w.school_a.pk}']").inner_text()
    school_b = table.locator(f"tr[data-unit='{w.school_b.pk}']").inner_text()
    assert "50 %" in school_a and "chưa đạt" in school_a
    assert "100 %" in school_b and "đạt" in school_b and "chưa đạt" not in school_b
