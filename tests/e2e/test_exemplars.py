"""An exemplar followed from «phát hiện» to an ad-hoc award, walked with the demo's own accounts (nothing stubbed):
the school's officer nurtures and reviews the good deed, proposes it into the ward's ad-hoc round, honours it on
the school's public page (seen without logging in, with no personal identifiers), and checks a registered model."""

from __future__ import annotations

import pytest

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)
DEED = "Cô giáo trả lại ví tiền nhặt được cho phụ huynh"


def test_a_good_deed_from_found_to_an_ad_hoc_proposal(page, demo):
    as_user(page, "tdkt.dth")
    page.goto(page.base_url + "/dien-hinh/")
    page.click(f"[data-testid=exemplars] >> text={DEED}")
    for stage, note in (("Bồi dưỡng", "Giao thành viên Hội đồng giúp đỡ, giới thiệu với Công đoàn"),
                        ("Tổng kết", "Nêu gương tại buổi chào cờ và hội nghị cán bộ, viên chức")):
        form = page.locator("[data-testid=advance-form]")
        form.locator("#id_stage").select_option(label=stage)
        form.locator("#id_note").fill(note)
        form.locator("button[type=submit]").click()
        assert note in page.inner_text("[data-testid=steps]")
    form = page.locator("[data-testid=propose-form]")
    form.locator("#id_round").select_option(index=1)
    form.locator("#id_award_type").select_option(label="Giấy khen")
    form.locator("button[type=submit]").click()
    assert "/khen-thuong/" in page.url and "12.500.000 đồng" in page.inner_text("[data-testid=items]")
    page.go_back()
    page.reload()
    assert page.locator("[data-testid=proposal-link]").count() == 1
    page.locator("[data-testid=public-form] button[type=submit]").click()
    page.click("text=Xem trang")
    public_url = page.url

    page.context.clear_cookies()
    page.goto(public_url)
    honoured = page.inner_text("main")
    assert DEED in honoured and "12.500.000 đồng" in honoured
    assert "CCCD" not in honoured and "Ngày sinh" not in honoured

    as_user(page, "tdkt.dth")
    page.goto(page.base_url + "/dien-hinh/mo-hinh-giai-phap/")
    row = page.locator("[data-testid^=pledge-]", has_text="Thư viện thân thiện")
    row.locator("select[name=result]").select_option(label="Đã thực hiện")
    row.locator("input[name=evidence]").fill("Thư viện mở cửa giờ ra chơi; sổ theo dõi mượn sách")
    row.locator("button[type=submit]").click()
    assert "sổ theo dõi mượn sách" in page.locator("[data-testid^=pledge-]", has_text="Thư viện thân thiện").inner_text()
