"""Tờ trình: đề nghị khen thưởng, and đăng ký danh hiệu thi đua (seed 003 IV.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .. import layout as L
from .common import Builder, base_spec, count2, percent, register, table_of
from .quyet_dinh import DANH_SACH_ROW_KEYS, danh_sach_blocks, has_money, kem_theo_line
from .quyet_dinh import extra as danh_sach_extra

_ISSUER_SAMPLE = {
    "co_quan_chu_quan": "Phòng Giáo dục và Đào tạo Quận 1",
    "co_quan_ban_hanh": "Trường Tiểu học Đinh Tiên Hoàng",
    "ky_hieu_co_quan": "THĐTH",
    "dia_danh": "Quận 1",
    "nguoi_ky": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Trần Thị Bình"},
}


def _paragraphs(items) -> list[L.Paragraph]:
    return [L.para(str(t)) for t in items or []]


# --- Tờ trình đề nghị khen thưởng -------------------------------------------------------


def build_de_nghi(ctx: Mapping) -> L.DocumentSpec:
    nam_hoc = str(ctx.get("nam_hoc") or "")
    title = str(ctx.get("trich_yeu") or f"Về việc đề nghị khen thưởng{' năm học ' + nam_hoc if nam_hoc else ''}")
    kinh_gui = str(ctx.get("kinh_gui") or "")
    spec = base_spec(ctx, L.TO_TRINH, title=title, recipient=f"Kính gửi: {kinh_gui}" if kinh_gui else "",
                     basis=[str(c) for c in ctx.get("can_cu") or []], filename="to-trinh-de-nghi-khen-thuong")
    body: list = _paragraphs(ctx.get("noi_dung"))
    de_nghi = list(ctx.get("de_nghi") or [])
    if de_nghi:
        body.append(L.para(str(ctx.get("loi_de_nghi") or
                                f"{ctx.get('co_quan_ban_hanh', '')} kính đề nghị {kinh_gui or 'cấp trên'} "
                                f"xem xét, khen thưởng như sau:")))
        for i, item in enumerate(de_nghi, start=1):
            counts = []
            if item.get("tap_the"):
                counts.append(f"{count2(item['tap_the'])} tập thể")
            if item.get("ca_nhan"):
                counts.append(f"{count2(item['ca_nhan'])} cá nhân")
            body.append(L.lead(f"{i}.", f"{item.get('hinh_thuc', '')}: {', '.join(counts) or '…'}."))
    items = list(ctx.get("danh_sach") or [])
    if items:
        body.append(L.para("(Có danh sách và hồ sơ kèm theo)", italic=True))
    body.append(L.para(str(ctx.get("ket_luan") or
                            f"Kính trình {kinh_gui or 'cấp có thẩm quyền'} xem xét, quyết định./.")))
    spec.body = body
    if not spec.recipients:
        spec.recipients = ["Như trên", "Lưu: VT"]
    if items:
        heading = [L.centered("DANH SÁCH", bold=True),
                   L.centered(str(ctx.get("tieu_de_danh_sach") or "Đề nghị khen thưởng"), bold=True),
                   L.centered(kem_theo_line(spec, str(ctx.get("co_quan_ban_hanh") or "")), italic=True,
                              space_after=10)]
        spec.appendices = [L.Appendix(heading=heading,
                                      body=danh_sach_blocks(items, with_money=has_money(items)))]
    return spec


def sample_de_nghi() -> dict:
    ctx: dict[str, Any] = dict(_ISSUER_SAMPLE)
    ctx.update({
        "so": 15,
        "ngay": dt.date(2024, 5, 24),
        "nam_hoc": "2023-2024",
        "kinh_gui": "Hội đồng Thi đua - Khen thưởng Quận 1",
        "can_cu": ["Căn cứ Hướng dẫn số 1382/HD-GDĐT ngày 12 tháng 10 năm 2023 của Phòng Giáo dục và Đào tạo "
                   "Quận 1 về công tác thi đua, khen thưởng năm học 2023 – 2024;",
                   "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng nhà trường ngày 20 tháng 5 năm 2024,"],
        "noi_dung": ["Năm học 2023-2024, tập thể sư phạm nhà trường đã thi đua thực hiện tốt phong trào "
                     "«Dạy tốt – Học tốt», hoàn thành xuất sắc nhiệm vụ năm học; tỷ lệ học sinh hoàn thành "
                     "chương trình lớp học đạt 99,6%."],
        "de_nghi": [{"hinh_thuc": "Giấy khen của Chủ tịch Ủy ban nhân dân Quận 1", "tap_the": 1, "ca_nhan": 4},
                    {"hinh_thuc": "Danh hiệu Chiến sĩ thi đua cơ sở", "ca_nhan": 2}],
        "tieu_de_danh_sach": "Tập thể, cá nhân đề nghị khen thưởng năm học 2023-2024",
        "danh_sach": [
            {"ho_ten": "Tổ Khối 5", "chuc_vu": "", "don_vi": "Trường Tiểu học Đinh Tiên Hoàng",
             "danh_hieu": "Giấy khen"},
            {"ho_ten": "Nguyễn Thị Lan", "chuc_vu": "Giáo viên", "don_vi": "Trường Tiểu học Đinh Tiên Hoàng",
             "danh_hieu": "Chiến sĩ thi đua cơ sở"},
            {"ho_ten": "Lê Quốc Cường", "chuc_vu": "Tổ trưởng", "don_vi": "Trường Tiểu học Đinh Tiên Hoàng",
             "danh_hieu": "Giấy khen"},
        ],
        "noi_nhan": ["Như trên", "Lưu: VT"],
    })
    return ctx


register(Builder(
    code="to-trinh-de-nghi-khen-thuong",
    name="Tờ trình đề nghị khen thưởng",
    doc_type=L.TO_TRINH,
    build=build_de_nghi,
    extra=danh_sach_extra,
    sample=sample_de_nghi,
    description="Tờ trình của đơn vị đề nghị cấp trên khen thưởng, có thể kèm danh sách.",
    keys=[
        ("kinh_gui", "Nơi gửi, ví dụ «Hội đồng Thi đua - Khen thưởng Quận 1»."),
        ("nam_hoc", "Năm học, ví dụ «2023-2024»."),
        ("trich_yeu", "Trích yếu (mặc định «Về việc đề nghị khen thưởng năm học …»)."),
        ("can_cu", "Các dòng căn cứ."),
        ("noi_dung", "Các đoạn nêu thành tích, lý do đề nghị."),
        ("de_nghi", "Các hình thức đề nghị: mỗi dòng có hinh_thuc, tap_the (số), ca_nhan (số)."),
        ("loi_de_nghi", "Câu dẫn trước các hình thức đề nghị."),
        ("danh_sach", "Danh sách kèm theo (như Quyết định): ho_ten, chuc_vu, don_vi, danh_hieu, so_tien."),
        ("tieu_de_danh_sach", "Tiêu đề danh sách."),
        ("ket_luan", "Câu kết (mặc định «Kính trình … xem xét, quyết định./.»)."),
    ],
    rows={"de_nghi": [("hinh_thuc", "Hình thức"), ("tap_the", "Số tập thể"), ("ca_nhan", "Số cá nhân")],
          "danh_sach": DANH_SACH_ROW_KEYS},
))


# --- Tờ trình đăng ký danh hiệu thi đua ---------------------------------------------------


def build_dang_ky(ctx: Mapping) -> L.DocumentSpec:
    nam_hoc = str(ctx.get("nam_hoc") or "")
    title = str(ctx.get("trich_yeu") or f"Về việc đăng ký danh hiệu thi đua năm học {nam_hoc}".strip())
    kinh_gui = str(ctx.get("kinh_gui") or "")
    spec = base_spec(ctx, L.TO_TRINH, title=title, recipient=f"Kính gửi: {kinh_gui}" if kinh_gui else "",
                     basis=[str(c) for c in ctx.get("can_cu") or []], filename="to-trinh-dang-ky-danh-hieu")
    unit = str(ctx.get("co_quan_ban_hanh") or "")
    tong = int(ctx.get("tong_so") or 0)
    body: list = _paragraphs(ctx.get("noi_dung"))
    body.append(L.para(f"{unit} đăng ký danh hiệu thi đua năm học {nam_hoc} như sau:"))
    tap_the = list(ctx.get("dang_ky_tap_the") or [])
    if tap_the:
        body.append(L.heading("1. Danh hiệu thi đua tập thể"))
        for item in tap_the:
            body.append(L.para(f"- {item.get('tap_the', '')}: {item.get('danh_hieu', '')}."))
    body.append(L.heading(f"{2 if tap_the else 1}. Danh hiệu thi đua cá nhân"
                          f"{f' (tổng số cán bộ, giáo viên, nhân viên: {count2(tong)} người)' if tong else ''}"))
    rows = [[str(i), str(item.get("danh_hieu") or ""), count2(int(item.get("so_luong") or 0)),
             percent(item.get("so_luong") or 0, tong)]
            for i, item in enumerate(ctx.get("dang_ky") or [], start=1)]
    body.append(table_of([("STT", 8, "center"), ("Danh hiệu thi đua", 52, "left"),
                          ("Số lượng đăng ký", 20, "center"), ("Tỷ lệ (%)", 20, "center")], rows,
                         font_size=13))
    body.append(L.para("(Có Bảng tổng hợp đăng ký danh hiệu thi đua cá nhân kèm theo)", italic=True))
    body.append(L.para(str(ctx.get("ket_luan") or
                            f"Kính trình {kinh_gui or 'cấp trên'} xem xét, theo dõi./.")))
    spec.body = body
    if not spec.recipients:
        spec.recipients = ["Như trên", "Lưu: VT"]
    return spec


def extra_dang_ky(ctx: Mapping) -> dict:
    tong = int(ctx.get("tong_so") or 0)
    rows = []
    for i, item in enumerate(ctx.get("dang_ky") or [], start=1):
        row = dict(item)
        row.update(stt=i, ty_le=percent(item.get("so_luong") or 0, tong))
        rows.append(row)
    return {"dang_ky": rows}


def sample_dang_ky() -> dict:
    ctx: dict[str, Any] = dict(_ISSUER_SAMPLE)
    ctx.update({
        "so": 7,
        "ngay": dt.date(2023, 10, 25),
        "nam_hoc": "2023-2024",
        "kinh_gui": "Phòng Giáo dục và Đào tạo Quận 1",
        "can_cu": ["Căn cứ Hướng dẫn số 1382/HD-GDĐT ngày 12 tháng 10 năm 2023 của Phòng Giáo dục và Đào tạo "
                   "Quận 1 về công tác thi đua, khen thưởng năm học 2023 – 2024,"],
        "tong_so": 48,
        "dang_ky_tap_the": [{"tap_the": "Trường Tiểu học Đinh Tiên Hoàng", "danh_hieu": "Tập thể lao động xuất sắc"},
                            {"tap_the": "Tổ Khối 5", "danh_hieu": "Tập thể lao động tiên tiến"}],
        "dang_ky": [{"danh_hieu": "Lao động tiên tiến", "so_luong": 46},
                    {"danh_hieu": "Chiến sĩ thi đua cơ sở", "so_luong": 6},
                    {"danh_hieu": "Chiến sĩ thi đua cấp Thành phố", "so_luong": 1}],
        "noi_nhan": ["Như trên", "Lưu: VT"],
    })
    return ctx


register(Builder(
    code="to-trinh-dang-ky-danh-hieu",
    name="Tờ trình đăng ký danh hiệu thi đua",
    doc_type=L.TO_TRINH,
    build=build_dang_ky,
    extra=extra_dang_ky,
    sample=sample_dang_ky,
    description="Tờ trình đầu năm học: đơn vị đăng ký danh hiệu tập thể và số lượng danh hiệu cá nhân.",
    keys=[
        ("kinh_gui", "Nơi gửi."),
        ("nam_hoc", "Năm học."),
        ("can_cu", "Các dòng căn cứ."),
        ("noi_dung", "Các đoạn mở đầu (tùy chọn)."),
        ("tong_so", "Tổng số cán bộ, giáo viên, nhân viên (để tính tỷ lệ)."),
        ("dang_ky_tap_the", "Danh hiệu tập thể: mỗi dòng có tap_the, danh_hieu."),
        ("dang_ky", "Danh hiệu cá nhân: mỗi dòng có danh_hieu, so_luong (trong mẫu DOCX thêm stt, ty_le)."),
        ("ket_luan", "Câu kết."),
    ],
    rows={"dang_ky": [("danh_hieu", "Danh hiệu"), ("so_luong", "Số lượng"), ("ty_le", "Tỷ lệ % (tính sẵn)")],
          "dang_ky_tap_the": [("tap_the", "Tập thể"), ("danh_hieu", "Danh hiệu")]},
))
