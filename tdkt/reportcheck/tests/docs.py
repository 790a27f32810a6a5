"""Report DOCX files for the tests, written with python-docx like a teacher's draft."""

from __future__ import annotations

import io

import docx


def build(items) -> bytes:
    """``items``: strings (paragraphs) and lists of rows (tables)."""
    d = docx.Document()
    for item in items:
        if isinstance(item, str):
            d.add_paragraph(item)
        else:
            table = d.add_table(rows=0, cols=len(item[0]))
            for row in item:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


HEADER = ["Năm", "Danh hiệu thi đua", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định"]

# One mistake per check (see test_checker.py for where each is expected).
DRAFT_INDIVIDUAL = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quận Thử, ngày 5 tháng 2 năm 2025",
    "BÁO CÁO THÀNH TÍCH",
    "I. SƠ LƯỢC LÝ LỊCH",
    "- Họ tên: Nguyễn Văn Ân",
    "- Sinh ngày, tháng, năm: 07/03/1986",
    "- Ngày vào ngành: 31/02/2004",
    "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    "1. Danh hiệu thi đua",
    [HEADER,
     ["2022-2023", "Chiến sĩ thi đua cơ sở", "Quyết định số 245/QĐ-UBND ngày 15/8/2023 của UBND Quận Thử"],
     ["2023-2024", "Lao động tiên tiến", "Quyết định số 121/QĐ-THĐTH ngày 20/5/2024 của Trường Tiểu học"],
     ["2020-2021", "Chiến sĩ thi đua cơ sở", "Quyết định số 77/QĐ-UBND ngày 10/8/2021 của UBND Quận Thử"],
     ["2021-2022", "Lao động tiên tiến", "Quyết định số 99/QĐ-THĐTH ngày 25/5/2022 của Trường Tiểu học"]],
    "Năm học 2023-2024: Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố, Quyết định số 500/QĐ-UBND ngày "
    "01/9/2024 của Ủy ban nhân dân Thành phố",
    "Năm học 2021-2022: Giấy khen của Chủ tịch Ủy ban nhân dân Quận Thử, Quyết định số 312/QĐ-UBND ngày "
    "21/8/2022",
    "II. THÀNH TÍCH ĐẠT ĐƯỢC",
    "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
    "Giảng dạy lớp 4/2; chủ nhiệm lớp 4/2.",
    "2. Thành tích đạt được",
    "Sáng kiến «Ứng dụng học liệu số trong dạy học Tiếng Việt» được công nhận cấp tỉnh năm học 2023-2024.",
    "Sáng kiến «Thư viện xanh trong lớp học» được công nhận cấp cơ sở năm 2024.",
    "Đề tài «Dạy học STEM qua dự án» được công nhận cấp cơ sở năm học 2022-2023.",
    "Đạt danh hiệu Chiến sỹ thi đua cấp cơ sở năm học 2022-2023; được tặng danh hiệu Lao động giỏi.",
]


def draft_individual() -> bytes:
    return build(DRAFT_INDIVIDUAL)


def minimal_individual(name: str = "Nguyễn Văn An") -> bytes:
    """A short report (used where only the upload path matters)."""
    return build(["Quận Thử, ngày 05 tháng 02 năm 2025", "BÁO CÁO THÀNH TÍCH", "I. SƠ LƯỢC LÝ LỊCH",
                  f"- Họ tên: {name}", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"])
