"""Rows and files of each kind of import, for the tests (headers as the templates write them)."""

from __future__ import annotations

import io

from openpyxl import Workbook

STAFF = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Đơn vị", "Chức vụ", "Nhiệm vụ/Môn dạy",
         "Ngày bắt đầu công tác", "Thư điện tử", "Điện thoại"]
RATINGS = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Xếp loại", "Ghi chú"]
INITIATIVES = ["Tên sáng kiến", "Loại", "Năm học", "Tác giả", "Ngày sinh", "Đơn vị", "Tỷ lệ đóng góp (%)",
               "Phạm vi ảnh hưởng", "Cơ quan công nhận", "Số quyết định công nhận", "Ngày quyết định công nhận"]
AWARDS = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Danh hiệu/Hình thức", "Số quyết định",
          "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"]


def staff_row(**over):
    row = {"name": "Phạm Văn Dũng", "born": "12/04/1990", "gender": "Nam", "id": "079090000123", "unit": "TH-A",
           "position": "Giáo viên", "subject": "Toán", "start": "01/09/2021", "email": "dung@example.edu.vn",
           "phone": "0901234567"}
    row.update(over)
    return [row[k] for k in ("name", "born", "gender", "id", "unit", "position", "subject", "start", "email",
                             "phone")]


def rating_row(**over):
    row = {"n": 1, "name": "Nguyễn Văn An", "born": "07/03/1985", "unit": "", "year": "2023-2024",
           "rating": "Hoàn thành xuất sắc nhiệm vụ", "note": ""}
    row.update(over)
    return [row[k] for k in ("n", "name", "born", "unit", "year", "rating", "note")]


def initiative_row(**over):
    row = {"title": "Dạy học theo chủ đề STEM ở lớp 5", "kind": "Sáng kiến", "year": "2023-2024",
           "name": "Nguyễn Văn An", "born": "07/03/1985", "unit": "", "share": "", "scope": "Cấp cơ sở",
           "body": "Phòng Giáo dục và Đào tạo Quận Thử", "number": "45/QĐ-GDĐT", "date": "20/05/2024"}
    row.update(over)
    return [row[k] for k in ("title", "kind", "year", "name", "born", "unit", "share", "scope", "body", "number",
                             "date")]


def award_row(**over):
    row = {"n": 1, "name": "Nguyễn Văn An", "born": "07/03/1985", "unit": "", "year": "2023-2024",
           "award": "Lao động tiên tiến", "number": "125/QĐ-GDĐT", "date": "15/06/2024",
           "issuer": "Phòng Giáo dục và Đào tạo Quận Thử", "note": ""}
    row.update(over)
    return [row[k] for k in ("n", "name", "born", "unit", "year", "award", "number", "date", "issuer", "note")]


HEADERS = {"can-bo": STAFF, "xep-loai": RATINGS, "sang-kien": INITIATIVES, "khen-thuong": AWARDS}
ROW = {"can-bo": staff_row, "xep-loai": rating_row, "sang-kien": initiative_row, "khen-thuong": award_row}


def book(headers, rows, *, merge: str | None = None, cells: dict | None = None) -> bytes:
    """An .xlsx in memory: the header row, ``rows``; optionally a merged range and cells set by coordinate."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for coordinate, value in (cells or {}).items():
        ws[coordinate] = value
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
