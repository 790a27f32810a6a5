"""Kế hoạch tổ chức hội nghị / tập huấn (seed 004): content, date, room and the
quota of attendees each type of unit sends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .. import layout as L
from .common import Builder, as_datetime, base_spec, count2, register, table_of, time_text


def _quota_rows(ctx: Mapping) -> tuple[list[list[str]], int]:
    rows, total = [], 0
    for i, q in enumerate(ctx.get("thanh_phan") or [], start=1):
        per_unit = int(q.get("so_nguoi") or 0)
        units = q.get("so_don_vi")
        subtotal = per_unit * int(units) if units not in (None, "") else None
        total += subtotal or 0
        rows.append([str(i), str(q.get("doi_tuong") or ""), count2(per_unit), str(q.get("gom") or ""),
                     count2(int(units)) if units not in (None, "") else "",
                     count2(subtotal) if subtotal is not None else ""])
    return rows, total


def build(ctx: Mapping) -> L.DocumentSpec:
    title = str(ctx.get("trich_yeu") or "Tổ chức hội nghị")
    spec = base_spec(ctx, L.KE_HOACH, title=title, filename="ke-hoach-hoi-nghi")
    body: list = [L.para(str(t)) for t in ctx.get("mo_dau") or []]
    body.append(L.heading("I. MỤC ĐÍCH, YÊU CẦU"))
    body += [L.para(f"- {t}") for t in ctx.get("muc_dich") or []]
    body.append(L.heading("II. NỘI DUNG, THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"))
    body.append(L.heading("1. Nội dung"))
    body += [L.para(f"- {t}") for t in ctx.get("noi_dung") or []]
    body.append(L.heading("2. Thời gian, địa điểm"))
    start = as_datetime(ctx.get("thoi_gian"))
    duration = str(ctx.get("thoi_luong") or "")
    when = time_text(start) if start else "…"
    body.append(L.para(f"- Thời gian: {duration + ', bắt đầu từ ' if duration else ''}{when}."))
    body.append(L.para(f"- Địa điểm: {ctx.get('dia_diem') or '…'}."))
    body.append(L.heading("3. Thành phần tham dự"))
    rows, total = _quota_rows(ctx)
    body.append(table_of([("STT", 6, "center"), ("Đơn vị", 28, "left"), ("Số người mỗi đơn vị", 12, "center"),
                          ("Thành phần", 32, "left"), ("Số đơn vị", 10, "center"), ("Tổng số", 12, "center")],
                         rows, footer=[[L.Cell("Tổng cộng", colspan=5, bold=True, align="center"),
                                        L.Cell(count2(total), bold=True, align="center")]]))
    next_no = 4
    if ctx.get("kinh_phi"):
        body.append(L.heading(f"{next_no}. Kinh phí"))
        body.append(L.para(str(ctx["kinh_phi"])))
        next_no += 1
    assignments = list(ctx.get("to_chuc_thuc_hien") or [])
    if assignments:
        body.append(L.heading(f"{next_no}. Tổ chức thực hiện"))
        for i, a in enumerate(assignments, start=1):
            body.append(L.lead(f"{next_no}.{i}. {a.get('don_vi', '')}:", str(a.get("nhiem_vu") or "")))
    if ctx.get("ket_luan"):
        body.append(L.para(str(ctx["ket_luan"])))
    spec.body = body
    if not spec.recipients:
        spec.recipients = ["Lưu: VT"]
    return spec


def extra(ctx: Mapping) -> dict:
    rows, total = _quota_rows(ctx)
    items = []
    for source, row in zip(ctx.get("thanh_phan") or [], rows, strict=False):
        item = dict(source)
        item.update(stt=row[0], tong=row[5])
        items.append(item)
    start = as_datetime(ctx.get("thoi_gian"))
    return {"thanh_phan": items, "tong_so_nguoi": total, "thoi_gian_chu": time_text(start) if start else ""}


def sample() -> dict:
    return {
        "co_quan_chu_quan": "UBND tỉnh Lào Cai",
        "co_quan_ban_hanh": "Sở Giáo dục và Đào tạo",
        "ky_hieu_co_quan": "SGDĐT",
        "dia_danh": "Lào Cai",
        "so": None,
        "ngay": None,
        "nam": 2022,
        "trich_yeu": "Tổ chức tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022",
        "mo_dau": ["Thực hiện Kế hoạch số 450/KH-UBND ngày 31/12/2021 của UBND tỉnh Lào Cai về Kế hoạch thực "
                   "hiện công tác tuyên truyền tỉnh Lào Cai năm 2022, Sở GD&ĐT xây dựng Kế hoạch tổ chức tuyên "
                   "truyền về đổi mới công tác thi đua khen thưởng năm 2022 như sau:"],
        "muc_dich": ["Giúp cán bộ quản lý, giáo viên nắm được các nội dung chỉ đạo mới của các cấp, ngành về "
                     "công tác thi đua khen thưởng.",
                     "Buổi tuyên truyền phải được tổ chức chu đáo, hiệu quả, thiết thực."],
        "noi_dung": ["Định hướng triển khai công tác thi đua khen thưởng trong giai đoạn 2022-2025;",
                     "Kỹ năng viết báo cáo thành tích, lỗi thường gặp khi viết báo cáo thành tích."],
        "thoi_gian": dt.datetime(2022, 5, 10, 8, 0),
        "thoi_luong": "01 ngày",
        "dia_diem": "Phòng họp số 1, Trung tâm Hội nghị tỉnh Lào Cai, đường 30/4, phường Nam Cường, TP Lào Cai",
        "thanh_phan": [
            {"doi_tuong": "Phòng GD&ĐT huyện, thành phố, thị xã", "so_nguoi": 15, "so_don_vi": 9,
             "gom": "01 lãnh đạo phòng; 01 cán bộ phụ trách thi đua; 13 cán bộ quản lý, giáo viên các trường"},
            {"doi_tuong": "Các đơn vị trực thuộc Sở", "so_nguoi": 2, "so_don_vi": 34,
             "gom": "01 cán bộ quản lý và 01 giáo viên phụ trách thi đua khen thưởng"},
            {"doi_tuong": "Các Trung tâm GDNN&GDTX huyện, thành phố", "so_nguoi": 1, "so_don_vi": 8,
             "gom": "01 cán bộ quản lý hoặc giáo viên phụ trách thi đua khen thưởng"},
            {"doi_tuong": "Các Phòng thuộc Sở GD&ĐT", "so_nguoi": 1, "so_don_vi": 7, "gom": "01 cán bộ"},
        ],
        "kinh_phi": "Kinh phí ăn, nghỉ, đi lại của cán bộ, giáo viên tham dự thực hiện theo chế độ tài chính "
                    "hiện hành.",
        "to_chuc_thuc_hien": [
            {"don_vi": "Văn phòng Sở", "nhiem_vu": "Chủ trì lập kế hoạch và tổ chức, quản lý buổi tuyên truyền."},
            {"don_vi": "Phòng Kế hoạch tài chính", "nhiem_vu": "Chuẩn bị đầy đủ kinh phí cho buổi tuyên truyền."},
        ],
        "ket_luan": "Sở GD&ĐT yêu cầu các đơn vị triển khai thực hiện. Nếu có vướng mắc, đề nghị báo cáo Sở "
                    "GD&ĐT (Văn phòng) để giải quyết./.",
        "nguoi_ky": {"quyen_han": "KT.", "chuc_vu": "Giám đốc", "chuc_danh": "Phó Giám đốc",
                     "ho_ten": "Nguyễn Thế Dũng"},
        "noi_nhan": ["Các Phòng GD&ĐT", "Các TT GDNN&GDTX", "Các đơn vị trực thuộc Sở", "Lãnh đạo Sở",
                     "Các phòng thuộc Sở", "Lưu: VT, VP"],
    }


register(Builder(
    code="ke-hoach-hoi-nghi",
    name="Kế hoạch tổ chức hội nghị, tập huấn",
    doc_type=L.KE_HOACH,
    build=build,
    extra=extra,
    sample=sample,
    description="Mục đích, nội dung, thời gian, địa điểm và bảng thành phần: số người mỗi loại đơn vị cử.",
    keys=[
        ("trich_yeu", "Tên hội nghị, ví dụ «Tổ chức tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022»."),
        ("mo_dau", "Các đoạn mở đầu («Thực hiện Kế hoạch số …»)."),
        ("muc_dich / noi_dung", "Các ý mục đích, nội dung."),
        ("thoi_gian", "Thời điểm bắt đầu (datetime); thoi_luong ví dụ «01 ngày»."),
        ("dia_diem", "Địa điểm (phòng họp)."),
        ("thanh_phan", "Thành phần: doi_tuong, so_nguoi (mỗi đơn vị), gom (gồm những ai), so_don_vi; trong mẫu "
                       "DOCX thêm stt, tong."),
        ("kinh_phi", "Câu về kinh phí."),
        ("to_chuc_thuc_hien", "Phân công: don_vi, nhiem_vu."),
        ("ket_luan", "Câu kết."),
        ("tong_so_nguoi / thoi_gian_chu", "(tính sẵn) Tổng số người; thời gian dạng chữ."),
    ],
    rows={"thanh_phan": [("doi_tuong", "Đơn vị"), ("so_nguoi", "Số người mỗi đơn vị"), ("gom", "Thành phần"),
                         ("so_don_vi", "Số đơn vị"), ("tong", "Tổng (tính sẵn)")],
          "to_chuc_thuc_hien": [("don_vi", "Đơn vị"), ("nhiem_vu", "Nhiệm vụ")]},
))
