"""Bảng tổng hợp đăng ký danh hiệu thi đua cá nhân (landscape), sent by each unit
with its Tờ trình đăng ký at the start of the year (seed 003 IV.1.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .. import layout as L
from .common import Builder, base_spec, register

DEFAULT_TITLES = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp Thành phố",
                  "Giấy khen", "Bằng khen"]


def _titles(ctx: Mapping) -> list[str]:
    return [str(t) for t in (ctx.get("danh_hieu_cot") or DEFAULT_TITLES)]


def _registered(item: Mapping) -> set[str]:
    chosen = item.get("dang_ky") or []
    if isinstance(chosen, str):
        chosen = [chosen]
    return {str(c).strip().casefold() for c in chosen}


def build(ctx: Mapping) -> L.DocumentSpec:
    nam_hoc = str(ctx.get("nam_hoc") or "")
    titles = _titles(ctx)
    spec = base_spec(ctx, L.DANH_SACH, type_label="BẢNG TỔNG HỢP",
                     title=str(ctx.get("trich_yeu") or f"Đăng ký danh hiệu thi đua cá nhân năm học {nam_hoc}"),
                     show_number=False, landscape=True, filename="bang-tong-hop-dang-ky", recipients=[])
    header = [
        [L.Cell("STT", rowspan=2, bold=True), L.Cell("Họ và tên", rowspan=2, bold=True),
         L.Cell("Năm sinh", rowspan=2, bold=True), L.Cell("Chức vụ", rowspan=2, bold=True),
         L.Cell("Tổ chuyên môn", rowspan=2, bold=True),
         L.Cell("Danh hiệu, hình thức đăng ký", colspan=len(titles), bold=True),
         L.Cell("Ghi chú", rowspan=2, bold=True)],
        [L.Cell(t, bold=True) for t in titles],
    ]
    columns = [L.Column("STT", 5, "center"), L.Column("Họ và tên", 20, "left"), L.Column("Năm sinh", 7, "center"),
               L.Column("Chức vụ", 13, "left"), L.Column("Tổ chuyên môn", 12, "left")]
    columns += [L.Column(t, 9, "center") for t in titles]
    columns.append(L.Column("Ghi chú", 12, "left"))
    folded = [t.casefold() for t in titles]
    counts = [0] * len(titles)
    rows = []
    for i, item in enumerate(ctx.get("danh_sach") or [], start=1):
        chosen = _registered(item)
        marks = []
        for j, t in enumerate(folded):
            on = t in chosen
            counts[j] += on
            marks.append("x" if on else "")
        rows.append([str(i), str(item.get("ho_ten") or ""), str(item.get("nam_sinh") or ""),
                     str(item.get("chuc_vu") or ""), str(item.get("to") or ""), *marks,
                     str(item.get("ghi_chu") or "")])
    footer = [[L.Cell("Tổng cộng", colspan=5, bold=True, align="center"),
               *[L.Cell(str(c), bold=True, align="center") for c in counts], L.Cell("")]]
    spec.body = [L.Table(columns=columns, rows=rows, header=header, footer=footer)]
    preparer = ctx.get("nguoi_lap") or {}
    signer = ctx.get("nguoi_ky") or {}
    spec.signers = [
        L.Signer(name=str(preparer.get("ho_ten") or ""), heading="NGƯỜI LẬP BẢNG"),
        L.Signer(name=str(signer.get("ho_ten") or ""), office=str(signer.get("chuc_vu") or "Thủ trưởng đơn vị"),
                 authority=str(signer.get("quyen_han") or ""), position=str(signer.get("chuc_danh") or "")),
    ]
    return spec


def extra(ctx: Mapping) -> dict:
    titles = _titles(ctx)
    rows = []
    totals = dict.fromkeys(titles, 0)
    for i, item in enumerate(ctx.get("danh_sach") or [], start=1):
        chosen = _registered(item)
        row = dict(item)
        row["stt"] = i
        row["danh_dau"] = ["x" if t.casefold() in chosen else "" for t in titles]
        for t in titles:
            totals[t] += t.casefold() in chosen
        rows.append(row)
    return {"danh_sach": rows, "danh_hieu_cot": titles, "tong_theo_cot": [totals[t] for t in titles]}


def sample(n: int = 12) -> dict:
    people = [("Trần Thị Bình", 1975, "Hiệu trưởng", "", ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]),
              ("Nguyễn Văn An", 1985, "Phó Hiệu trưởng", "", ["Lao động tiên tiến"]),
              ("Nguyễn Thị Lan", 1982, "Tổ trưởng", "Khối 5",
               ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp Thành phố"]),
              ("Lê Quốc Cường", 1990, "Giáo viên", "Khối 3", ["Lao động tiên tiến", "Giấy khen"]),
              ("Phạm Thị Hoa", 1995, "Giáo viên", "Khối 1", ["Lao động tiên tiến"]),
              ("Đỗ Minh Khoa", 1988, "Nhân viên", "Văn phòng", ["Lao động tiên tiến"])]
    rows = []
    for i in range(n):
        name, born, post, group, chosen = people[i % len(people)]
        rows.append({"ho_ten": name if i < len(people) else f"{name} ({i + 1})", "nam_sinh": born,
                     "chuc_vu": post, "to": group, "dang_ky": chosen, "ghi_chu": ""})
    return {
        "co_quan_chu_quan": "Phòng Giáo dục và Đào tạo Quận 1",
        "co_quan_ban_hanh": "Trường Tiểu học Đinh Tiên Hoàng",
        "dia_danh": "Quận 1",
        "ngay": dt.date(2023, 10, 25),
        "nam_hoc": "2023-2024",
        "danh_sach": rows,
        "nguoi_lap": {"ho_ten": "Vũ Thị Yến"},
        "nguoi_ky": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Trần Thị Bình"},
    }


register(Builder(
    code="bang-tong-hop-dang-ky",
    name="Bảng tổng hợp đăng ký danh hiệu thi đua cá nhân",
    doc_type=L.DANH_SACH,
    build=build,
    extra=extra,
    sample=sample,
    description="Bảng khổ ngang: mỗi người một dòng, đánh dấu «x» vào các danh hiệu đăng ký, dòng tổng cộng.",
    keys=[
        ("nam_hoc", "Năm học."),
        ("danh_hieu_cot", "Các cột danh hiệu (mặc định: LĐTT, CSTĐCS, CSTĐ cấp Thành phố, Giấy khen, Bằng khen)."),
        ("danh_sach", "Mỗi người: ho_ten, nam_sinh, chuc_vu, to, dang_ky (danh sách danh hiệu), ghi_chu; trong "
                      "mẫu DOCX thêm stt, danh_dau (các ô «x» theo thứ tự cột)."),
        ("nguoi_lap", "Người lập bảng: ho_ten."),
        ("tong_theo_cot", "(tính sẵn) Số đăng ký của từng cột."),
    ],
    rows={"danh_sach": [("stt", "STT"), ("ho_ten", "Họ và tên"), ("nam_sinh", "Năm sinh"), ("chuc_vu", "Chức vụ"),
                        ("to", "Tổ chuyên môn"), ("danh_dau", "Các ô đánh dấu"), ("ghi_chu", "Ghi chú")]},
))
