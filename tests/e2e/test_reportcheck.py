"""Issue 4 in a browser: an officer uploads a teacher's draft report and reads what a reviewer would return."""

import datetime as dt

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def records(world):
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType
    from tdkt.org.services import school_year_get_or_create
    from tdkt.records.models import AwardRecord
    from tdkt.reportcheck.reference import load_report_forms

    load_catalogue()
    load_report_forms()
    year = school_year_get_or_create(actor=None, start_year=2023)
    AwardRecord.objects.create(award_type=AwardType.objects.get(code="lao-dong-tien-tien"), person=world.an,
                               school_year=year, decision_number="120/QĐ-THĐTH", decision_date=dt.date(2024, 5, 20),
                               issuer="Trường Tiểu học Đinh Tiên Hoàng")
    return world


def test_upload_a_draft_and_see_the_findings(page, records):
    from tdkt.reportcheck.tests.docs import HEADER, build

    draft = build([
        "Quận Thử, ngày 5 tháng 2 năm 2025", "BÁO CÁO THÀNH TÍCH", "I. SƠ LƯỢC LÝ LỊCH", "- Họ tên: Nguyễn Văn An",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận", "2. Thành tích đạt được",
        "Đạt danh hiệu Chiến sỹ thi đua cấp cơ sở.",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "1. Danh hiệu thi đua",
        [HEADER, ["2023-2024", "Lao động tiên tiến", "Quyết định số 121/QĐ-THĐTH ngày 20/5/2024"]],
        "2. Hình thức khen thưởng",
    ])
    login(page, "officer_a")
    page.goto(page.base_url + "/kiem-tra-bao-cao/")
    page.select_option("main [data-testid=upload-form] select[name=person]", str(records.an.pk))
    page.set_input_files("main [data-testid=upload-form] input[name=file]",
                         files=[{"name": "ban-thao.docx", "mimeType": DOCX, "buffer": draft}])
    page.click("main [data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=summary]")
    assert "Tìm thấy 3 lỗi" in page.inner_text("[data-testid=summary]")
    row = page.locator("tr[data-code=quyet-dinh-sai-so]")
    assert "Bảng 1, dòng 2 (Mục III)" in row.inner_text()
    assert "Sửa thành «Quyết định số 120/QĐ-THĐTH»" in row.inner_text()
    assert "Ghi đúng tên: «Chiến sĩ thi đua cơ sở»" in page.locator("tr[data-code=ten-danh-hieu-sai]").inner_text()
    assert "Quận Thử, ngày 05 tháng 02 năm 2025" in page.locator("tr[data-code=ngay-sai-dinh-dang]").inner_text()

    # A PDF named .docx is refused on the form, with the reason.
    page.goto(page.base_url + "/kiem-tra-bao-cao/")
    page.select_option("main [data-testid=upload-form] select[name=person]", str(records.an.pk))
    page.set_input_files("main [data-testid=upload-form] input[name=file]",
                         files=[{"name": "ban-thao.docx", "mimeType": DOCX, "buffer": b"%PDF-1.4\n%x\n"}])
    page.click("main [data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("main .errorlist")
    assert "là tệp PDF" in page.inner_text("main [data-testid=upload-form]")
