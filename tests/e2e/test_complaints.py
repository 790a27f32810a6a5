"""Complaints and denunciations walked with the demo's own accounts (nothing stubbed): the ward's TĐKT officer
finds the denunciation due on her home page and accepts it; the chairman resolves the complaint about a 2025-2026
award and cancels the award; the administrator, who does not handle the letters, never sees who denounced."""

from __future__ import annotations

import pytest

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)
DENOUNCER = "Hoàng Thị Minh"


def _main(page) -> str:
    return page.inner_text("main")


def test_letters_from_intake_to_a_cancelled_award(page, demo):
    as_user(page, "tdkt.saigon")
    home = _main(page)
    assert "Tố cáo số TC-2026-001" in home and "hạn xử lý ban đầu" in home
    page.click("text=Tố cáo số TC-2026-001")
    assert DENOUNCER in page.inner_text("[data-testid=sender]")
    assert "Luật Tố cáo số 25/2018/QH14" in page.inner_text("[data-testid=deadlines]")
    page.locator("[data-testid=accept-form] button[type=submit]").click()
    assert "Đã thụ lý" in _main(page) and "Hạn giải quyết" in page.inner_text("[data-testid=deadlines]")

    as_user(page, "chutich.saigon")
    page.goto(page.base_url + "/khieu-nai-to-cao/")
    page.click("[data-testid=letters] >> text=KN-2026-001")
    assert "Phạm Văn Khải" in page.inner_text("[data-testid=sender]")
    form = page.locator("[data-testid=resolve-form]")
    form.locator("#id_outcome").select_option(value="dung")
    form.locator("button[type=submit]").click()  # no number, no summary: refused on the form
    assert "Hãy ghi số quyết định" in _main(page) and "Hãy tóm tắt nội dung giải quyết" in _main(page)
    form = page.locator("[data-testid=resolve-form]")
    form.locator("#id_outcome").select_option(value="dung")
    form.locator("#id_resolution_number").fill("15/QĐ-UBND")
    form.locator("#id_summary").fill("Khiếu nại đúng: hồ sơ thiếu biên bản họp Hội đồng; hủy bỏ danh hiệu đã công nhận.")
    form.locator("#id_revoke_award").check()
    form.locator("button[type=submit]").click()
    assert "Đã ghi kết quả giải quyết" in _main(page)
    assert "Đã hủy bỏ" in page.inner_text("[data-testid=revoked]")
    with page.expect_download() as info:
        page.click("[data-testid=decision-docx]")
    import docx

    text = "\n".join(p.text for p in docx.Document(info.value.path()).paragraphs)
    assert "giải quyết khiếu nại lần đầu của Phạm Văn Khải" in text
    assert "CHỦ TỊCH" in text.upper() and "Hủy bỏ «" in text

    as_user(page, "quantri")
    page.goto(page.base_url + "/khieu-nai-to-cao/")
    letters = page.inner_text("[data-testid=letters]")
    assert "TC-2026-001" in letters and "Được giữ bí mật" in letters and DENOUNCER not in letters
    page.click("[data-testid=letters] >> text=TC-2026-001")
    assert DENOUNCER not in _main(page) and "Được giữ bí mật" in page.inner_text("[data-testid=sender]")
    page.goto(page.base_url + "/khieu-nai-to-cao/?q=hoang+thi+minh")
    assert "TC-2026-001" not in page.inner_text("[data-testid=letters]")
