"""Seed 004's training on today's map, walked with the demo's own accounts (nothing stubbed): the ward's officer
completes the ward's 15 (leader, officer) and is refused a 16th; the upper secondary school sends its 2; the Sở's
officer sees every unit's board, ticks attendance and downloads the plan built from the event."""

from __future__ import annotations

import io

import docx
import pytest

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)


def _open_event(page) -> None:
    page.goto(page.base_url + "/hoi-nghi/")
    page.click("[data-testid=events] >> text=Tập huấn công tác thi đua, khen thưởng năm 2026")


def _board(page, name: str):
    return page.locator("section[data-testid^=board-]", has_text=name).first


def _send(page, board, part_label: str) -> str:
    """Choose the part and the first person not sent yet; submit; return the person's name."""
    form = board.locator("form[data-testid^=attendee-form]")
    form.locator("select[name=part]").select_option(label=part_label)
    sent = board.locator("ol").inner_text() if board.locator("ol").count() else ""
    names = form.locator("select[name=person] option").all_inner_texts()
    name = next(n for n in names if n.strip() and not n.startswith("---") and n not in sent)
    form.locator("select[name=person]").select_option(label=name)
    form.locator("button[type=submit]").click()
    return name


def test_units_fill_their_quotas_and_the_sixteenth_is_refused(page, demo):
    as_user(page, "tdkt.saigon")
    _open_event(page)
    ward = _board(page, "Ủy ban nhân dân phường Sài Gòn")
    assert "13/15" in ward.inner_text()
    _send(page, ward, "01 lãnh đạo phụ trách công tác thi đua, khen thưởng")
    ward = _board(page, "Ủy ban nhân dân phường Sài Gòn")
    _send(page, ward, "01 cán bộ phụ trách công tác thi đua, khen thưởng")
    ward = _board(page, "Ủy ban nhân dân phường Sài Gòn")
    assert "15/15" in ward.inner_text() and "Đủ" in ward.inner_text()
    _send(page, ward, "01 cán bộ phụ trách công tác thi đua, khen thưởng")
    refused = page.inner_text("main")
    assert "đã đủ 1/1 người (đơn vị đã cử 15/15)" in refused
    assert "15/15" in _board(page, "Ủy ban nhân dân phường Sài Gòn").inner_text()

    as_user(page, "tdkt.ltv")
    _open_event(page)
    school = _board(page, "Lương Thế Vinh")
    _send(page, school, "01 cán bộ quản lý")
    _send(page, _board(page, "Lương Thế Vinh"), "01 giáo viên phụ trách thi đua, khen thưởng")
    assert "2/2" in _board(page, "Lương Thế Vinh").inner_text()
    assert page.locator("section[data-testid^=board-]", has_text="phường Sài Gòn").count() == 0  # not his unit

    as_user(page, "tdkt.sgddt")
    _open_event(page)
    assert "15/15" in _board(page, "phường Sài Gòn").inner_text() and "2/2" in _board(page, "Lương Thế Vinh").inner_text()
    with page.expect_download() as info:
        page.click("[data-testid=plan-docx]")
    plan = docx.Document(io.BytesIO(open(info.value.path(), "rb").read()))
    cells = " ".join(c.text for t in plan.tables for row in t.rows for c in row.cells)
    assert "UBND xã, phường" in cells and "Các trường THPT thuộc Sở" in cells
    page.click("text=Điểm danh")
    page.locator("[data-testid=attendance] button", has_text="Đánh dấu có mặt").first.click()
    assert page.locator("[data-testid=attendance] .badge", has_text="Có mặt").count() == 1
