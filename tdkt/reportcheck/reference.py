"""Reference data of the report checker: the forms' required sections, the checks and
their citations, the commonly wrong title names. Loaded by ``load_report_forms()``
(idempotent; wired into ``tdkt load_reference``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tdkt.core.dated import sync_rows

VERIFY = "cần đối chiếu văn bản gốc"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND91 = "Nghị định 91/2017/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
ND30 = "Nghị định 30/2020/NĐ-CP"
LAW = "Luật Thi đua, khen thưởng 2022"

# The outline of the forms is the same in NĐ 91 and NĐ 98; each decree's rows judge the reports dated while it
# was in force. NĐ 152/2025 (from 01/07/2025, repealing NĐ 98) has its own annex of achievement-report forms,
# which nobody here has read: its rows carry NĐ 98's outline forward, cite NĐ 152's annex, and say so.
P152_NOTE = (f"Đề cương giữ như Mẫu số 01, 02 Phụ lục {ND98}; phụ lục mẫu báo cáo thành tích của {ND152} chưa "
             f"đọc — {VERIFY}. Nguồn cần đọc: {ND152}, Phụ lục, toàn văn trên vbpl.vn (ItemID 178327) hoặc Công báo.")
# (from, to, decree, where in it, note)
PERIODS = [
    (dt.date(2017, 10, 1), dt.date(2023, 12, 31), ND91, "Phụ lục, Mẫu số 01 (tập thể), Mẫu số 02 (cá nhân)", VERIFY),
    (dt.date(2024, 1, 1), dt.date(2025, 6, 30), ND98, "Phụ lục, Mẫu số 01 (tập thể), Mẫu số 02 (cá nhân)", VERIFY),
    (dt.date(2025, 7, 1), None, ND152, "Phụ lục (mẫu báo cáo thành tích của tập thể, của cá nhân)", P152_NOTE),
]


@dataclass(frozen=True)
class SectionRow:
    kind: str
    code: str
    level: int
    parent: str
    number: str
    heading: str
    variants: tuple[str, ...] = ()


_CA_NHAN = [
    SectionRow("ca_nhan", "so-luoc-ly-lich", 1, "", "I.", "SƠ LƯỢC LÝ LỊCH", ("Sơ lược lý lịch bản thân",)),
    SectionRow("ca_nhan", "thanh-tich", 1, "", "II.", "THÀNH TÍCH ĐẠT ĐƯỢC",
               ("Thành tích đạt được của cá nhân",)),
    SectionRow("ca_nhan", "nhiem-vu", 2, "thanh-tich", "1.", "Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
               ("Quyền hạn, nhiệm vụ được giao", "Nhiệm vụ được giao")),
    SectionRow("ca_nhan", "thanh-tich-dat-duoc", 2, "thanh-tich", "2.", "Thành tích đạt được",
               ("Thành tích đạt được của cá nhân",)),
    SectionRow("ca_nhan", "khen-thuong", 1, "", "III.", "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
               ("Các hình thức khen thưởng đã đạt", "Các hình thức đã được khen thưởng", "Khen thưởng đã đạt",
                "Các danh hiệu thi đua, hình thức khen thưởng đã đạt")),
    SectionRow("ca_nhan", "danh-hieu", 2, "khen-thuong", "1.", "Danh hiệu thi đua", ("Danh hiệu",)),
    SectionRow("ca_nhan", "hinh-thuc", 2, "khen-thuong", "2.", "Hình thức khen thưởng", ("Hình thức",)),
]
_TAP_THE = [
    SectionRow("tap_the", "dac-diem", 1, "", "I.", "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
               ("Sơ lược đặc điểm tình hình", "Đặc điểm, tình hình")),
    SectionRow("tap_the", "dac-diem-tinh-hinh", 2, "dac-diem", "1.", "Đặc điểm, tình hình",
               ("Đặc điểm tình hình",)),
    SectionRow("tap_the", "chuc-nang", 2, "dac-diem", "2.", "Chức năng, nhiệm vụ", ("Chức năng nhiệm vụ",)),
    SectionRow("tap_the", "thanh-tich", 1, "", "II.", "THÀNH TÍCH ĐẠT ĐƯỢC", ()),
    SectionRow("tap_the", "ket-qua", 2, "thanh-tich", "1.", "Kết quả thực hiện nhiệm vụ",
               ("Kết quả thực hiện nhiệm vụ được giao",)),
    SectionRow("tap_the", "bien-phap", 2, "thanh-tich", "2.", "Những biện pháp hoặc nguyên nhân đạt được thành tích",
               ("Những biện pháp, nguyên nhân đạt được thành tích", "Biện pháp, nguyên nhân đạt được thành tích")),
    SectionRow("tap_the", "chu-truong", 2, "thanh-tich", "3.",
               "Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước",
               ("Việc thực hiện chủ trương, đường lối của Đảng, chính sách và pháp luật của Nhà nước",)),
    SectionRow("tap_the", "khen-thuong", 1, "", "III.", "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
               ("Các hình thức khen thưởng đã đạt", "Các hình thức đã được khen thưởng", "Khen thưởng đã đạt",
                "Các danh hiệu thi đua, hình thức khen thưởng đã đạt")),
    SectionRow("tap_the", "danh-hieu", 2, "khen-thuong", "1.", "Danh hiệu thi đua", ("Danh hiệu",)),
    SectionRow("tap_the", "hinh-thuc", 2, "khen-thuong", "2.", "Hình thức khen thưởng", ("Hình thức",)),
]
SECTIONS = _CA_NHAN + _TAP_THE

# code -> (what is checked, citation, note)
RULES: dict[str, tuple[str, str, str]] = {
    "thieu-muc": ("Báo cáo có đủ các mục của đề cương mẫu",
                  f"{ND98}, Phụ lục, Mẫu số 01, 02 (đề cương báo cáo thành tích)", VERIFY),
    "sai-thu-tu": ("Các mục theo đúng thứ tự của đề cương mẫu",
                   f"{ND98}, Phụ lục, Mẫu số 01, 02 (đề cương báo cáo thành tích)", VERIFY),
    "khen-thuong-khong-co": ("Danh hiệu, hình thức khen thưởng kê khai phải có trong hồ sơ thành tích",
                             f"{LAW}, Điều 94 (hủy bỏ khi kê khai gian dối thành tích); {ND98}, Phụ lục", ""),
    "khen-thuong-sai-nam": ("Năm của danh hiệu, hình thức khen thưởng khớp với hồ sơ",
                            f"{ND98}, Phụ lục, Mẫu số 01, 02 (mục III)", ""),
    "khen-thuong-da-huy": ("Không kê khai khen thưởng đã bị hủy bỏ", f"{LAW}, Điều 94", ""),
    "khen-thuong-bo-sot": ("Báo cáo liệt kê đủ các khen thưởng có trong hồ sơ",
                           f"{ND98}, Phụ lục, Mẫu số 01, 02 (mục III)", ""),
    "quyet-dinh-sai-so": ("Số quyết định khớp với hồ sơ", f"{ND98}, Phụ lục, Mẫu số 01, 02 (mục III)", ""),
    "quyet-dinh-sai-ngay": ("Ngày quyết định khớp với hồ sơ", f"{ND98}, Phụ lục, Mẫu số 01, 02 (mục III)", ""),
    "danh-hieu-khong-ro": ("Tên danh hiệu, hình thức nhận ra được trong danh mục",
                           f"{LAW}, Điều 8 (danh hiệu thi đua) và Điều 9 (hình thức khen thưởng)", VERIFY),
    "sang-kien-chua-cong-nhan": ("Sáng kiến kê khai phải được cấp có thẩm quyền công nhận",
                                 f"{LAW}, Điều 3 khoản 4 (sáng kiến); {ND98} (công nhận sáng kiến)", VERIFY),
    "sang-kien-sai-cap": ("Cấp công nhận, phạm vi ảnh hưởng của sáng kiến khớp với quyết định công nhận",
                          f"{ND98} (công nhận phạm vi ảnh hưởng của sáng kiến)", VERIFY),
    "sang-kien-sai-nam": ("Năm công nhận sáng kiến khớp với hồ sơ", f"{ND98} (công nhận sáng kiến)", VERIFY),
    "so-lieu-sai": ("Số liệu (số người, số và tỷ lệ đạt danh hiệu) khớp với dữ liệu của đơn vị",
                    f"{LAW}, Điều 94 (kê khai thành tích); {ND98}, Phụ lục, Mẫu số 01", ""),
    "ty-le-sai": ("Tỷ lệ trong bảng chỉ tiêu tính đúng từ kế hoạch và kết quả",
                  f"{ND98}, Phụ lục, Mẫu số 01 (bảng chỉ tiêu)", ""),
    "ten-danh-hieu-sai": ("Tên danh hiệu ghi đúng tên chính thức", f"{LAW}, Điều 8, 9", ""),
    "ngay-sai-dinh-dang": ("Địa danh, ngày tháng năm viết đúng thể thức",
                           f"{ND30}, Điều 8 khoản 5 và Phụ lục I (địa danh và thời gian ban hành)", ""),
    "ngay-khong-co-that": ("Ngày tháng ghi trong báo cáo là ngày có thật", f"{ND30}, Phụ lục I", ""),
    "ngay-tuong-lai": ("Ngày của báo cáo, quyết định không ở tương lai", f"{ND30}, Phụ lục I", ""),
    "thieu-dia-danh-ngay": ("Báo cáo có dòng địa danh, ngày tháng năm", f"{ND30}, Phụ lục I", ""),
    "sai-doi-tuong": ("Họ tên, ngày sinh, tên tập thể trong báo cáo khớp với hồ sơ",
                      f"{ND98}, Phụ lục, Mẫu số 01, 02 (mục I)", ""),
}

_TITLE_NOTE = "Tên danh hiệu theo Luật Thi đua, khen thưởng 2022; " + VERIFY
_SINCE = dt.date(2024, 1, 1)
# (wrong, right, case_sensitive, severity, citation, note)
TITLE_NAMES: list[tuple[str, str, bool, str, str, str]] = [
    ("Chiến sỹ thi đua cấp cơ sở", "Chiến sĩ thi đua cơ sở", False, "loi", f"{LAW}, Điều 8, Điều 23", _TITLE_NOTE),
    ("Chiến sĩ thi đua cấp cơ sở", "Chiến sĩ thi đua cơ sở", False, "loi", f"{LAW}, Điều 8, Điều 23", _TITLE_NOTE),
    ("Chiến sỹ thi đua", "Chiến sĩ thi đua", False, "loi", f"{LAW}, Điều 8", "Chính tả: «sĩ», không phải «sỹ»."),
    ("Lao động giỏi", "Lao động tiên tiến", False, "loi", f"{LAW}, Điều 8, Điều 24",
     "«Lao động giỏi» không phải danh hiệu thi đua theo Luật; " + VERIFY),
    ("Tập thể lao động giỏi", "Tập thể lao động tiên tiến", False, "loi", f"{LAW}, Điều 8, Điều 28", _TITLE_NOTE),
    ("Tập thể tiên tiến", "Tập thể lao động tiên tiến", False, "loi", f"{LAW}, Điều 8, Điều 28", _TITLE_NOTE),
    ("Tập thể xuất sắc", "Tập thể lao động xuất sắc", False, "loi", f"{LAW}, Điều 8, Điều 27", _TITLE_NOTE),
    ("Tập thể Lao động xuất sắc", "Tập thể lao động xuất sắc", True, "canh_bao", f"{LAW}, Điều 8, Điều 27",
     "Viết hoa đúng tên danh hiệu; " + VERIFY),
    ("Tập thể Lao động tiên tiến", "Tập thể lao động tiên tiến", True, "canh_bao", f"{LAW}, Điều 8, Điều 28",
     "Viết hoa đúng tên danh hiệu; " + VERIFY),
    ("Chiến sĩ thi đua cấp trường", "Chiến sĩ thi đua cơ sở", False, "loi", f"{LAW}, Điều 8, Điều 23", _TITLE_NOTE),
    ("Giáo viên tiên tiến", "Lao động tiên tiến", False, "loi", f"{LAW}, Điều 8, Điều 24", _TITLE_NOTE),
]


@transaction.atomic
def load_report_forms() -> int:
    """Create or update the rows above; returns how many there are. Rows an
    administrator added by hand are left alone."""
    from .models import ReportFormSection, ReportRule, TitleNameRule

    count = sync_rows(ReportFormSection, (
        {"form_kind": row.kind, "code": row.code, "effective_from": start, "order": order, "level": row.level,
         "parent_code": row.parent, "number": row.number, "heading": row.heading, "variants": list(row.variants),
         "effective_to": end, "citation": f"{decree}, {where}", "note": note}
        for start, end, decree, where, note in PERIODS for order, row in enumerate(SECTIONS, start=1)),
        key=["form_kind", "code", "effective_from"])
    count += sync_rows(ReportRule, ({"code": code, "title": title, "citation": citation, "note": note}
                                    for code, (title, citation, note) in RULES.items()), key=["code"])
    count += sync_rows(TitleNameRule, (
        {"wrong": wrong, "effective_from": _SINCE, "right": right, "case_sensitive": case, "severity": severity,
         "citation": citation, "note": note}
        for wrong, right, case, severity, citation, note in TITLE_NAMES), key=["wrong", "effective_from"])
    return count
