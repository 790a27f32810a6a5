"""Two of today's-law pages walked with the demo's own accounts: the ward's chairman sets the ward's own cap on
CSTĐCS and a school's officer finds it from the eligibility page; the school's officer records that the school
(a collective) is under consideration for discipline and its records page says no collective award meanwhile."""

from __future__ import annotations

import pytest

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)


def _unit_pk(name_part: str) -> int:
    from tdkt.org.models import Unit

    return Unit.objects.filter(name__contains=name_part, active_to__isnull=True).order_by("depth").first().pk


def test_the_ward_sets_its_cap_and_a_school_sees_it(page, demo):
    ward, school = _unit_pk("Ủy ban nhân dân phường Sài Gòn"), _unit_pk("Tiểu học Đinh Tiên Hoàng")
    as_user(page, "chutich.saigon")
    page.goto(f"{page.base_url}/xet/don-vi/{ward}/ty-le-dia-phuong/")
    form = page.locator("[data-testid=local-quota-form]")
    form.locator("#id_award_type").select_option(label="Chiến sĩ thi đua cơ sở")
    form.locator("#id_of_award_type").select_option(label="Lao động tiên tiến")
    form.locator("#id_max_share").fill("150%")
    form.locator("#id_effective_from").fill("2026-09-01")
    form.locator("button[type=submit]").click()
    assert "Tỷ lệ tối đa phải lớn hơn 0" in page.inner_text("main") and "Hãy ghi căn cứ" in page.inner_text("main")
    form.locator("#id_max_share").fill("15%")
    form.locator("#id_citation").fill("Quyết định 12/QĐ-UBND ngày 20/8/2026 của UBND phường Sài Gòn, Điều 4")
    form.locator("button[type=submit]").click()
    table = page.inner_text("[data-testid=local-quotas]")
    assert "Quyết định 12/QĐ-UBND" in table and "không quá 15%" in table and "Đang áp dụng" in table

    as_user(page, "tdkt.dth")
    page.goto(f"{page.base_url}/xet/don-vi/{school}/?nam=2026")
    page.click("[data-testid=local-quotas-link]")
    assert "Quyết định 12/QĐ-UBND" in page.inner_text("[data-testid=local-quotas]")
    assert page.locator("[data-testid=local-quota-form]").count() == 0  # the officer reads; the ward decides


def test_a_school_under_consideration_for_discipline(page, demo):
    school = _unit_pk("Tiểu học Đinh Tiên Hoàng")
    as_user(page, "tdkt.dth")
    page.goto(f"{page.base_url}/ho-so/don-vi/{school}/")
    page.click("text=Xem xét kỷ luật tập thể")
    page.fill("#id_opened_on", "2026-11-02")
    page.fill("#id_reference", "Thông báo 15/TB-UBND ngày 02/11/2026")
    page.locator("main button[type=submit]").click()
    assert "Chưa khen thưởng tập thể" in page.inner_text("[data-testid=unit-discipline-cases]")
    page.click("[data-testid=unit-discipline-cases] >> text=Ghi kết thúc")
    page.fill("#id_closed_on", "2026-11-20")
    page.select_option("#id_outcome", label="Không xử lý kỷ luật")
    page.locator("main button[type=submit]").click()
    cases = page.inner_text("[data-testid=unit-discipline-cases]")
    assert "Không xử lý kỷ luật" in cases and "Chưa khen thưởng tập thể" not in cases
