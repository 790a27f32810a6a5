"""Seed 003's self-assessment score sheet, walked with the demo's own accounts (nothing stubbed): the school's
TĐKT officer fills the ward's sheet field by field (each saved as typed), is refused a bonus over its cap and a
submit without the required evidence, then submits; the ward's primary specialist scores it beside the school's
own scores and the gap over the sheet's threshold is flagged."""

from __future__ import annotations

import pytest

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)

SHEET = "Bảng điểm tự đánh giá thi đua trường tiểu học"


def _open_assessment(page) -> None:
    page.goto(page.base_url + "/bang-diem/")
    page.click(f"[data-testid=sheets] >> text={SHEET}")
    page.click("[data-testid=assessments] >> text=Đinh Tiên Hoàng")


def _type(page, code: str, points: str, evidence: str | None = None) -> None:
    if evidence is not None:
        page.fill(f"[data-testid='evidence-{code}']", evidence)
    page.fill(f"[data-testid='points-{code}']", points)
    page.press(f"[data-testid='points-{code}']", "Tab")


def test_the_school_scores_itself_and_the_specialist_reviews(page, demo):
    as_user(page, "tdkt.dth")
    _open_assessment(page)
    assert page.inner_text("[data-testid=self-total]") == "19"  # the demo's 1.1 = 9 and 1.2 = 10
    _type(page, "2.1", "18")
    page.wait_for_selector("[data-testid='state-2.1']:has-text(\"Đã lưu\")")
    _type(page, "2.2", "8")
    page.wait_for_selector("[data-testid='state-2.2']:has-text(\"Đã lưu\")")
    _type(page, "3.1", "10")
    page.wait_for_selector("[data-testid='state-3.1']:has-text(\"Đã lưu\")")
    _type(page, "3.2", "6")
    page.wait_for_selector("[data-testid='state-3.2']:has-text(\"điểm cộng tối đa 5\")")
    _type(page, "3.2", "3")
    page.wait_for_selector("[data-testid='state-3.2']:has-text(\"Đã lưu\")")
    assert page.inner_text("[data-testid=self-total]") == "58"

    page.click("[data-testid=submit]")
    assert "Tiêu chí 2.1: bắt buộc có minh chứng" in page.inner_text("main")
    assert "Đang tự chấm" in page.inner_text("[data-testid=assessment-status]")
    page.fill("[data-testid='evidence-2.1']", "Biên bản kiểm tra chuyên môn ngày 15/11")
    page.press("[data-testid='evidence-2.1']", "Tab")
    page.wait_for_selector("[data-testid='state-2.1']:has-text(\"Đã lưu\")")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=assessment-status]:has-text(\"Đã nộp\")")

    as_user(page, "chuyenvien.th.saigon")
    _open_assessment(page)
    page.click("text=Đối chiếu điểm chấm")
    for code, points in (("1.1", "9"), ("1.2", "10"), ("2.1", "10"), ("2.2", "8"), ("3.1", "10"), ("3.2", "3")):
        page.fill(f"[data-testid='review-{code}']", points)
    page.click("[data-testid='review-save']")
    page.wait_for_selector("text=Đã lưu điểm chấm của bạn.")
    assert page.inner_text("[data-testid='review-total']") == "50"
    assert page.inner_text("[data-testid='review-self-total']") == "58"
    assert "Chênh lệch 8 điểm, vượt ngưỡng 5 điểm" in page.inner_text("[data-testid=gap-flag]")
