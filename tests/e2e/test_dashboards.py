"""Issue 4 in a browser: an office officer opens the dashboard, searches the look-up
without accents and opens a person's cross-year history."""

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(world):
    import datetime as dt

    from tdkt.awards.reference import ensure_award_types
    from tdkt.eligibility.models import AwardType
    from tdkt.records.models import AwardRecord, PersonRating, Registration

    ensure_award_types()
    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    Registration.objects.create(award_type=ldtt, school_year=world.year, person=world.an,
                                registered_on=dt.date(2025, 9, 20))
    PersonRating.objects.create(person=world.an, school_year=world.year, rating="htxs")
    AwardRecord.objects.create(award_type=ldtt, person=world.an, unit=world.group_a, school_year=world.year,
                               decision_number="12/QĐ-TH", decision_date=dt.date(2026, 5, 25))
    return world


def test_dashboard_lookup_and_person_history(page, data):
    login(page, "office_officer")
    page.goto(page.base_url + "/thong-ke/")
    assert "Thống kê thi đua, khen thưởng – Phòng Giáo dục và Đào tạo Quận Thử" in page.inner_text("main h1")
    assert page.inner_text("[data-testid=fig-staff]") == "4"
    assert "25%" in page.inner_text("[data-testid=fig-reg-ldtt]")
    assert page.locator("[data-testid=chart] svg").count() == 2
    assert "Trường Tiểu học Đinh Tiên Hoàng" in page.inner_text("[data-testid=unit-table]")

    # Drill down to school A from the table, then back to the year selector.
    page.click("[data-testid=unit-table] a:has-text('Trường Tiểu học Đinh Tiên Hoàng')")
    page.wait_for_load_state()
    assert "Trường Tiểu học Đinh Tiên Hoàng" in page.inner_text("main h1")
    assert page.inner_text("[data-testid=fig-staff]") == "2"

    page.goto(page.base_url + "/tra-cuu/")
    page.fill("main input[name=q]", "nguyen van an")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=person-results]")
    page.click("[data-testid=person-results] a:has-text('Nguyễn Văn An')")
    page.wait_for_selector("[data-testid=timeline]")
    assert page.inner_text("[data-testid=person-name]") == "Nguyễn Văn An"
    row = page.inner_text("[data-testid=timeline] tr[data-year='2025']")
    assert "Lao động tiên tiến" in row and "Hoàn thành xuất sắc nhiệm vụ" in row and "Tổ 1" in row
    assert "Lao động tiên tiến: 1" in page.inner_text("[data-testid=totals]")
