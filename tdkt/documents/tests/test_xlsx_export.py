"""xlsx_stream_response: bold Vietnamese headers, real dates, money format, frozen header, streamed."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.core.xlsx import XlsxColumn, sheet_title, xlsx_stream_response
from tdkt.documents.services import number_reserve

HEADERS = [XlsxColumn("STT", "int", 6), "Họ và tên", XlsxColumn("Ngày sinh", "date"),
           XlsxColumn("Số tiền", "money"), XlsxColumn("Cập nhật", "datetime"), ("Ghi chú", "text", 40)]


def _workbook(response) -> tuple:
    content = b"".join(response.streaming_content)
    wb = load_workbook(io.BytesIO(content))
    return wb, wb.active


def test_export_cells_and_formats():
    rows = [
        [1, "Nguyễn Thị Ánh Tuyết", dt.date(1982, 2, 5), Decimal("1120000"),
         dt.datetime(2024, 6, 5, 1, 30, tzinfo=dt.UTC), "=HYPERLINK(\"http://x\")"],
        [2, "Đặng Quốc Việt", None, 560000, None, "Ghi chú\x07 có ký tự lạ"],
    ]
    response = xlsx_stream_response("danh-sach-khen-thuong", HEADERS, iter(rows), title="Danh sách: khen thưởng?")
    assert isinstance(response, FileResponse) and response.streaming
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="danh-sach-khen-thuong.xlsx"' in response["Content-Disposition"]
    wb, ws = _workbook(response)
    assert ws.title == "Danh sách  khen thưởng"
    assert [c.value for c in ws[1]] == ["STT", "Họ và tên", "Ngày sinh", "Số tiền", "Cập nhật", "Ghi chú"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 6 and ws.column_dimensions["F"].width == 40
    name, born, money, updated, note = (ws.cell(2, i) for i in range(2, 7))
    assert name.value == "Nguyễn Thị Ánh Tuyết"
    assert born.is_date and born.value.date() == dt.date(1982, 2, 5) and born.number_format == "dd/mm/yyyy"
    assert money.value == 1120000 and money.number_format == "#,##0"
    # Aware datetimes are written in local time (Asia/Ho_Chi_Minh), Excel having no time zones.
    assert updated.value == dt.datetime(2024, 6, 5, 8, 30) and updated.number_format == "dd/mm/yyyy hh:mm"
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK")  # text, never a formula
    assert ws.cell(3, 3).value is None
    assert ws.cell(3, 4).value == 560000 and ws.cell(3, 4).number_format == "#,##0"
    assert ws.cell(3, 6).value == "Ghi chú có ký tự lạ"


def test_sheet_title_rules():
    assert sheet_title(None) == "Danh sách"
    assert len(sheet_title("Sổ đăng ký văn bản của Phòng Giáo dục và Đào tạo Quận 1")) == 31


def test_rows_are_consumed_lazily_once():
    consumed = []

    def rows():
        for i in range(5000):
            consumed.append(i)
            yield [i, f"Người {i}", dt.date(2024, 1, 1), i * 1000, None, ""]

    response = xlsx_stream_response("lon.xlsx", HEADERS, rows())
    assert len(consumed) == 5000
    _, ws = _workbook(response)
    assert ws.max_row == 5001


def test_number_register_page_and_export(world):
    world.phong.short_name = "GDĐT"
    world.phong.save()
    for title in ("Khen thưởng Lao động tiên tiến", "Khen thưởng Giấy khen"):
        number_reserve(actor=world.users.office_officer, issuer=world.phong, doc_type="QĐ", year=2024,
                       issued_on=dt.date(2024, 6, 5), title=title)
    number_reserve(actor=world.users.officer_b, issuer=world.school_b, doc_type="TTr", year=2024)
    client = Client()
    client.force_login(world.users.office_officer)
    page = client.get(reverse("documents:number_list")).content.decode()
    assert "01/QĐ-GDĐT" in page and "02/QĐ-GDĐT" in page
    client_a = Client()
    client_a.force_login(world.users.officer_a)
    # The school A officer does not see the Phòng's register nor school B's.
    assert "QĐ-GDĐT" not in client_a.get(reverse("documents:number_list")).content.decode()
    response = client.get(reverse("documents:number_export") + "?nam=2024&loai=QĐ")
    assert response.status_code == 200
    _, ws = _workbook(response)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in rows] == ["02/QĐ-GDĐT", "01/QĐ-GDĐT"]
    assert rows[0][4] == dt.datetime(2024, 6, 5)
    assert rows[0][1] == "Phòng Giáo dục và Đào tạo Quận Thử"


@pytest.mark.parametrize("tz", ["Asia/Ho_Chi_Minh"])
def test_settings_time_zone_is_vietnam(settings, tz):
    assert ZoneInfo(settings.TIME_ZONE) == ZoneInfo(tz)
