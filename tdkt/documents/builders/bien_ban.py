"""Biên bản: họp Hội đồng Thi đua - Khen thưởng, kiểm phiếu, họp khối thi đua.

The builders print what they are told: whether a meeting was valid (quorum of
2/3, seed 003 II.5) and whether a candidate passed are decided by the meetings
app from the rules in force, and passed in as ``hop_le`` / ``dat``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .. import layout as L
from .common import (
    Builder,
    as_datetime,
    base_spec,
    count2,
    percent,
    person_line,
    register,
    signer_from,
    table_of,
    time_text,
)

_PEOPLE_KEYS = [("ho_ten", "Họ và tên"), ("chuc_vu", "Chức vụ")]


def _opening(ctx: Mapping, what: str) -> list[L.Paragraph]:
    start = as_datetime(ctx.get("bat_dau"))
    place = str(ctx.get("dia_diem") or "")
    text = f"Vào lúc {time_text(start)}" if start else "Vào lúc …"
    text += f", tại {place}" if place else ""
    return [L.para(f"{text}, {what}.")]


def _attendance(ctx: Mapping) -> list:
    out: list = [L.heading("I. THÀNH PHẦN THAM DỰ")]
    chu_tri = ctx.get("chu_tri") or {}
    thu_ky = ctx.get("thu_ky") or {}
    out.append(L.para(f"- Chủ trì: {person_line(chu_tri)}."))
    out.append(L.para(f"- Thư ký: {person_line(thu_ky)}."))
    co_mat = list(ctx.get("co_mat") or [])
    vang = list(ctx.get("vang_mat") or [])
    tong = int(ctx.get("tong_so_thanh_vien") or (len(co_mat) + len(vang)))
    out.append(L.para(f"- Tổng số thành viên: {count2(tong)}; có mặt: {count2(len(co_mat))} "
                      f"({percent(len(co_mat), tong)}%); vắng mặt: {count2(len(vang))}."))
    if co_mat:
        out.append(L.para("- Thành viên có mặt:"))
        out.append(table_of([("STT", 8, "center"), ("Họ và tên", 42, "left"), ("Chức vụ", 50, "left")],
                            [[str(i), str(p.get("ho_ten") or ""), str(p.get("chuc_vu") or "")]
                             for i, p in enumerate(co_mat, start=1)], font_size=13))
    if vang:
        out.append(L.para("- Thành viên vắng mặt: " + "; ".join(
            f"{p.get('ho_ten', '')}{' (' + str(p['ly_do']) + ')' if p.get('ly_do') else ''}" for p in vang) + "."))
    hop_le = ctx.get("hop_le")
    if hop_le is not None:
        out.append(L.para(str(ctx.get("ket_luan_hop_le") or (
            "Số thành viên có mặt bảo đảm tỷ lệ theo quy định; cuộc họp hợp lệ." if hop_le else
            "Số thành viên có mặt không bảo đảm tỷ lệ theo quy định; cuộc họp không đủ điều kiện "
            "để xét thi đua, khen thưởng."))))
    return out


def _closing(ctx: Mapping, who: str) -> list[L.Paragraph]:
    end = as_datetime(ctx.get("ket_thuc"))
    text = f"Cuộc họp kết thúc vào lúc {end.hour:02d} giờ {end.minute:02d} phút cùng ngày" if end else \
        "Cuộc họp kết thúc cùng ngày"
    return [L.para(f"{text}; biên bản đã được thông qua trước {who} và các thành viên thống nhất ký tên./.")]


def _result_table(rows_in, tong: int, *, with_against: bool) -> L.Table:
    columns = [("STT", 7, "center"), ("Tập thể, cá nhân", 23, "left"), ("Đơn vị", 20, "left"),
               ("Danh hiệu, hình thức đề nghị", 20, "left"), ("Đồng ý", 9, "center")]
    if with_against:
        columns.append(("Không đồng ý", 10, "center"))
    columns += [("Tỷ lệ (%)", 9, "center"), ("Kết quả", 11, "center")]
    rows = []
    for i, r in enumerate(rows_in, start=1):
        agree = int(r.get("dong_y") or 0)
        row = [str(i), str(r.get("doi_tuong") or r.get("ho_ten") or ""), str(r.get("don_vi") or ""),
               str(r.get("danh_hieu") or ""), count2(agree)]
        if with_against:
            row.append(count2(int(r.get("khong_dong_y") or 0)))
        ty_le = r.get("ty_le")
        row.append(str(ty_le) if ty_le not in (None, "") else percent(agree, tong))
        dat = r.get("dat")
        row.append(str(r.get("ket_qua") or ("Đạt" if dat else "Không đạt" if dat is not None else "")))
        rows.append(row)
    return table_of(columns, rows)


def _result_extra(ctx: Mapping) -> dict:
    co_mat = list(ctx.get("co_mat") or [])
    tong = int(ctx.get("tong_so_thanh_vien") or 0)
    rows = []
    for i, r in enumerate(ctx.get("ket_qua") or [], start=1):
        row = dict(r)
        row["stt"] = i
        if row.get("ty_le") in (None, ""):
            row["ty_le"] = percent(int(r.get("dong_y") or 0), tong)
        dat = r.get("dat")
        row.setdefault("ket_qua", "Đạt" if dat else "Không đạt" if dat is not None else "")
        rows.append(row)
    start = as_datetime(ctx["bat_dau"]) if ctx.get("bat_dau") else None
    return {"ket_qua": rows, "so_co_mat": len(co_mat), "ty_le_co_mat": percent(len(co_mat), tong),
            "thoi_gian_bat_dau": time_text(start) if start else ""}


# --- Biên bản họp Hội đồng ------------------------------------------------------------------


def build_hoi_dong(ctx: Mapping) -> L.DocumentSpec:
    ten = str(ctx.get("ten_hoi_dong") or "Hội đồng Thi đua - Khen thưởng")
    title = str(ctx.get("trich_yeu") or f"Họp {ten}")
    spec = base_spec(ctx, L.BIEN_BAN, title=title, filename="bien-ban-hop-hoi-dong")
    body: list = _opening(ctx, f"{ten} tiến hành họp {ctx.get('muc_dich') or 'xét thi đua, khen thưởng'}")
    body += _attendance(ctx)
    body.append(L.heading("II. NỘI DUNG CUỘC HỌP"))
    body += [L.para(str(t)) for t in ctx.get("noi_dung") or []]
    ket_qua = list(ctx.get("ket_qua") or [])
    if ket_qua:
        body.append(L.heading("III. KẾT QUẢ BIỂU QUYẾT"))
        body.append(_result_table(ket_qua, int(ctx.get("tong_so_thanh_vien") or 0), with_against=False))
    ket_luan = list(ctx.get("ket_luan") or [])
    if ket_luan:
        body.append(L.heading(f"{'IV' if ket_qua else 'III'}. KẾT LUẬN"))
        body += [L.para(str(t)) for t in ket_luan]
    body += _closing(ctx, "Hội đồng")
    spec.body = body
    secretary = L.Signer(name=str((ctx.get("thu_ky") or {}).get("ho_ten") or ""), office="THƯ KÝ")
    chair = ctx.get("nguoi_ky") or {"chuc_vu": "Chủ tọa", "ho_ten": (ctx.get("chu_tri") or {}).get("ho_ten", "")}
    spec.signers = [secretary, signer_from(chair)]
    return spec


def sample_hoi_dong() -> dict:
    members = [("Trần Thị Bình", "Hiệu trưởng – Chủ tịch Hội đồng"),
               ("Nguyễn Văn An", "Phó Hiệu trưởng – Phó Chủ tịch Hội đồng"),
               ("Lê Thị Hồng", "Chủ tịch Công đoàn – Thành viên"),
               ("Phạm Minh Đức", "Bí thư Chi đoàn – Thành viên"),
               ("Đỗ Thị Ngọc", "Tổ trưởng Khối 1 – Thành viên"),
               ("Hoàng Văn Sơn", "Tổ trưởng Khối 5 – Thành viên"),
               ("Vũ Thị Yến", "Thư ký Hội đồng")]
    return {
        "co_quan_chu_quan": "Trường Tiểu học Đinh Tiên Hoàng",
        "co_quan_ban_hanh": "Hội đồng Thi đua - Khen thưởng",
        "ky_hieu_co_quan": "HĐTĐKT",
        "dia_danh": "Quận 1",
        "so": 3,
        "ngay": dt.date(2024, 5, 20),
        "ten_hoi_dong": "Hội đồng Thi đua - Khen thưởng Trường Tiểu học Đinh Tiên Hoàng",
        "trich_yeu": "Họp xét thi đua, khen thưởng năm học 2023-2024",
        "bat_dau": dt.datetime(2024, 5, 20, 14, 0),
        "ket_thuc": dt.datetime(2024, 5, 20, 16, 30),
        "dia_diem": "Phòng họp Trường Tiểu học Đinh Tiên Hoàng",
        "chu_tri": {"ho_ten": "Trần Thị Bình", "chuc_vu": "Hiệu trưởng, Chủ tịch Hội đồng"},
        "thu_ky": {"ho_ten": "Vũ Thị Yến", "chuc_vu": "Thư ký Hội đồng"},
        "tong_so_thanh_vien": 9,
        "co_mat": [{"ho_ten": n, "chuc_vu": r} for n, r in members],
        "vang_mat": [{"ho_ten": "Ngô Thị Mai", "ly_do": "đi công tác"},
                     {"ho_ten": "Bùi Văn Tâm", "ly_do": "nghỉ ốm"}],
        "hop_le": True,
        "noi_dung": ["Thư ký thông qua kết quả đánh giá, xếp loại viên chức và tổng hợp đăng ký thi đua "
                     "đầu năm; các thành viên thảo luận, bỏ phiếu kín đối với danh hiệu Chiến sĩ thi đua cơ sở."],
        "ket_qua": [
            {"doi_tuong": "Nguyễn Thị Lan", "don_vi": "Tổ Khối 5", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "dong_y": 8, "dat": True},
            {"doi_tuong": "Lê Quốc Cường", "don_vi": "Tổ Khối 3", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "dong_y": 5, "dat": False},
        ],
        "ket_luan": ["Hội đồng thống nhất đề nghị Hiệu trưởng công nhận 46 cá nhân đạt danh hiệu Lao động tiên "
                     "tiến và đề nghị cấp trên công nhận 01 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở."],
        "nguoi_ky": {"quyen_han": "TM.", "chuc_vu": "Hội đồng", "chuc_danh": "Chủ tịch", "ho_ten": "Trần Thị Bình"},
    }


register(Builder(
    code="bien-ban-hop-hoi-dong",
    name="Biên bản họp Hội đồng Thi đua - Khen thưởng",
    doc_type=L.BIEN_BAN,
    build=build_hoi_dong,
    extra=_result_extra,
    sample=sample_hoi_dong,
    description="Thành phần, số có mặt (hợp lệ khi đủ tỷ lệ), nội dung, bảng kết quả biểu quyết, kết luận.",
    keys=[
        ("ten_hoi_dong", "Tên Hội đồng (in trong câu mở đầu)."),
        ("trich_yeu", "Trích yếu, ví dụ «Họp xét thi đua, khen thưởng năm học 2023-2024»."),
        ("muc_dich", "Mục đích cuộc họp (mặc định «xét thi đua, khen thưởng»)."),
        ("bat_dau / ket_thuc", "Thời điểm bắt đầu, kết thúc (datetime)."),
        ("dia_diem", "Địa điểm."),
        ("chu_tri / thu_ky", "Người chủ trì, thư ký: ho_ten, chuc_vu."),
        ("tong_so_thanh_vien", "Tổng số thành viên Hội đồng."),
        ("co_mat", "Thành viên có mặt: ho_ten, chuc_vu."),
        ("vang_mat", "Thành viên vắng: ho_ten, ly_do."),
        ("hop_le", "Cuộc họp hợp lệ (True/False) — do phần Hội đồng tính theo quy định."),
        ("noi_dung", "Các đoạn nội dung."),
        ("ket_qua", "Kết quả: doi_tuong, don_vi, danh_hieu, dong_y, ty_le (tùy chọn), dat (True/False)."),
        ("ket_luan", "Các đoạn kết luận."),
        ("so_co_mat / ty_le_co_mat", "(tính sẵn) Số và tỷ lệ % có mặt."),
    ],
    rows={"co_mat": _PEOPLE_KEYS, "vang_mat": [("ho_ten", "Họ và tên"), ("ly_do", "Lý do")],
          "ket_qua": [("stt", "STT"), ("doi_tuong", "Tập thể, cá nhân"), ("don_vi", "Đơn vị"),
                      ("danh_hieu", "Danh hiệu"), ("dong_y", "Số phiếu đồng ý"), ("ty_le", "Tỷ lệ %"),
                      ("ket_qua", "Đạt / Không đạt")]},
))


# --- Biên bản kiểm phiếu ----------------------------------------------------------------------


def build_kiem_phieu(ctx: Mapping) -> L.DocumentSpec:
    ten = str(ctx.get("ten_hoi_dong") or "Hội đồng Thi đua - Khen thưởng")
    noi_dung_bau = str(ctx.get("noi_dung_bau") or "xét danh hiệu thi đua")
    spec = base_spec(ctx, L.BIEN_BAN, type_label="BIÊN BẢN KIỂM PHIẾU",
                     title=str(ctx.get("trich_yeu") or f"Bỏ phiếu kín {noi_dung_bau}"),
                     filename="bien-ban-kiem-phieu")
    body: list = _opening(ctx, f"Ban kiểm phiếu của {ten} tiến hành kiểm phiếu {noi_dung_bau}")
    ban = list(ctx.get("ban_kiem_phieu") or [])
    body.append(L.heading("I. BAN KIỂM PHIẾU"))
    for p in ban:
        body.append(L.para(f"- {p.get('ho_ten', '')}{', ' + p['chuc_vu'] if p.get('chuc_vu') else ''}: "
                           f"{p.get('nhiem_vu', 'Thành viên')}."))
    tong = int(ctx.get("tong_so_thanh_vien") or 0)
    body.append(L.heading("II. SỐ PHIẾU"))
    for label, key in (("Tổng số thành viên", "tong_so_thanh_vien"), ("Số phiếu phát ra", "so_phieu_phat_ra"),
                       ("Số phiếu thu vào", "so_phieu_thu_vao"), ("Số phiếu hợp lệ", "so_phieu_hop_le"),
                       ("Số phiếu không hợp lệ", "so_phieu_khong_hop_le")):
        if ctx.get(key) not in (None, ""):
            body.append(L.para(f"- {label}: {count2(int(ctx[key]))}."))
    body.append(L.heading("III. KẾT QUẢ KIỂM PHIẾU"))
    body.append(L.para(str(ctx.get("ghi_chu_ty_le") or
                            "Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng."), italic=True))
    body.append(_result_table(list(ctx.get("ket_qua") or []), tong, with_against=True))
    body += [L.para(str(t)) for t in ctx.get("ket_luan") or []]
    body.append(L.para("Biên bản kiểm phiếu được lập thành 02 bản, Ban kiểm phiếu thống nhất ký tên./."))
    spec.body = body
    signers = [L.Signer(name=str(p.get("ho_ten") or ""), office=str(p.get("nhiem_vu") or "Thành viên"))
               for p in ban]
    # The head of the count signs on the right, as the chair does on other minutes.
    heads = [s for s in signers if "TRƯỞNG" in s.office.upper()]
    spec.signers = [s for s in signers if s not in heads] + heads
    return spec


def sample_kiem_phieu() -> dict:
    ctx = sample_hoi_dong()
    ctx.update({
        "so": 4,
        "trich_yeu": "Bỏ phiếu kín xét danh hiệu Chiến sĩ thi đua cơ sở năm học 2023-2024",
        "noi_dung_bau": "xét danh hiệu Chiến sĩ thi đua cơ sở năm học 2023-2024",
        "bat_dau": dt.datetime(2024, 5, 20, 15, 30),
        "ban_kiem_phieu": [{"ho_ten": "Lê Thị Hồng", "chuc_vu": "Chủ tịch Công đoàn", "nhiem_vu": "Trưởng ban"},
                           {"ho_ten": "Phạm Minh Đức", "chuc_vu": "Bí thư Chi đoàn", "nhiem_vu": "Thành viên"},
                           {"ho_ten": "Vũ Thị Yến", "chuc_vu": "Thư ký Hội đồng", "nhiem_vu": "Thư ký"}],
        "tong_so_thanh_vien": 9,
        "so_phieu_phat_ra": 9,
        "so_phieu_thu_vao": 9,
        "so_phieu_hop_le": 9,
        "so_phieu_khong_hop_le": 0,
        "ket_qua": [
            {"doi_tuong": "Nguyễn Thị Lan", "don_vi": "Tổ Khối 5", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "dong_y": 8, "khong_dong_y": 1, "dat": True},
            {"doi_tuong": "Lê Quốc Cường", "don_vi": "Tổ Khối 3", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "dong_y": 5, "khong_dong_y": 4, "dat": False},
        ],
        "ket_luan": ["Cá nhân đạt tỷ lệ phiếu đồng ý theo quy định: bà Nguyễn Thị Lan."],
    })
    return ctx


register(Builder(
    code="bien-ban-kiem-phieu",
    name="Biên bản kiểm phiếu",
    doc_type=L.BIEN_BAN,
    build=build_kiem_phieu,
    extra=_result_extra,
    sample=sample_kiem_phieu,
    description="Ban kiểm phiếu, số phiếu phát ra/thu vào/hợp lệ, kết quả từng người với tỷ lệ trên tổng số "
                "thành viên.",
    keys=[
        ("ten_hoi_dong", "Tên Hội đồng."),
        ("noi_dung_bau", "Nội dung bỏ phiếu."),
        ("bat_dau", "Thời điểm kiểm phiếu."),
        ("dia_diem", "Địa điểm."),
        ("ban_kiem_phieu", "Ban kiểm phiếu: ho_ten, chuc_vu, nhiem_vu (Trưởng ban / Thành viên)."),
        ("tong_so_thanh_vien", "Tổng số thành viên (mẫu số của tỷ lệ)."),
        ("so_phieu_phat_ra / so_phieu_thu_vao / so_phieu_hop_le / so_phieu_khong_hop_le", "Số phiếu."),
        ("ket_qua", "doi_tuong, don_vi, danh_hieu, dong_y, khong_dong_y, ty_le (tùy chọn), dat."),
        ("ket_luan", "Các đoạn kết luận."),
    ],
    rows={"ban_kiem_phieu": [("ho_ten", "Họ và tên"), ("chuc_vu", "Chức vụ"), ("nhiem_vu", "Nhiệm vụ")],
          "ket_qua": [("stt", "STT"), ("doi_tuong", "Tập thể, cá nhân"), ("dong_y", "Đồng ý"),
                      ("khong_dong_y", "Không đồng ý"), ("ty_le", "Tỷ lệ %"), ("ket_qua", "Đạt / Không đạt")]},
))


# --- Biên bản họp khối thi đua ---------------------------------------------------------------


def build_khoi(ctx: Mapping) -> L.DocumentSpec:
    ten_khoi = str(ctx.get("ten_khoi") or "Khối thi đua")
    lan = ctx.get("lan")
    nam_hoc = str(ctx.get("nam_hoc") or "")
    title = str(ctx.get("trich_yeu") or
                f"Họp {ten_khoi}{f' lần {lan}' if lan else ''}{f', năm học {nam_hoc}' if nam_hoc else ''}")
    spec = base_spec(ctx, L.BIEN_BAN, title=title, filename="bien-ban-hop-khoi")
    body: list = _opening(ctx, f"{ten_khoi} tổ chức họp{f' lần {lan}' if lan else ''}")
    body.append(L.heading("I. THÀNH PHẦN THAM DỰ"))
    body.append(L.para(f"- Chủ trì: {person_line(ctx.get('chu_tri') or {})}."))
    body.append(L.para(f"- Thư ký: {person_line(ctx.get('thu_ky') or {})}."))
    for guest in ctx.get("khach_moi") or []:
        body.append(L.para(f"- Khách mời: {person_line(guest)}."))
    units = list(ctx.get("don_vi_tham_du") or [])
    body.append(L.para(f"- Đại diện {count2(len(units))} đơn vị trong khối:"))
    body.append(table_of([("STT", 8, "center"), ("Đơn vị", 46, "left"), ("Đại diện", 26, "left"),
                          ("Chức vụ", 20, "left")],
                         [[str(i), str(u.get("don_vi") or ""), str(u.get("dai_dien") or ""),
                           str(u.get("chuc_vu") or "")] for i, u in enumerate(units, start=1)], font_size=13))
    body.append(L.heading("II. NỘI DUNG"))
    body += [L.para(str(t)) for t in ctx.get("noi_dung") or []]
    ket_qua = list(ctx.get("ket_qua") or [])
    if ket_qua:
        body.append(L.heading("III. KẾT QUẢ BÌNH XÉT"))
        body.append(table_of([("STT", 7, "center"), ("Đơn vị", 38, "left"), ("Tổng điểm", 13, "center"),
                              ("Xếp hạng", 12, "center"), ("Đề nghị", 30, "left")],
                             [[str(i), str(r.get("don_vi") or ""), str(r.get("diem") or ""),
                               str(r.get("xep_hang") or ""), str(r.get("de_nghi") or "")]
                              for i, r in enumerate(ket_qua, start=1)]))
    ket_luan = list(ctx.get("ket_luan") or [])
    if ket_luan:
        body.append(L.heading(f"{'IV' if ket_qua else 'III'}. KẾT LUẬN"))
        body += [L.para(str(t)) for t in ket_luan]
    body += _closing(ctx, "các đơn vị")
    spec.body = body
    spec.signers = [L.Signer(name=str((ctx.get("thu_ky") or {}).get("ho_ten") or ""), office="THƯ KÝ"),
                    signer_from(ctx.get("nguoi_ky") or {"chuc_vu": "Khối trưởng",
                                                        "ho_ten": (ctx.get("chu_tri") or {}).get("ho_ten", "")})]
    return spec


def sample_khoi() -> dict:
    return {
        "co_quan_chu_quan": "Phòng Giáo dục và Đào tạo Quận 1",
        "co_quan_ban_hanh": "Khối thi đua Tiểu học 1",
        "ky_hieu_co_quan": "KTĐTH1",
        "dia_danh": "Quận 1",
        "so": 2,
        "ngay": dt.date(2024, 5, 30),
        "ten_khoi": "Khối thi đua Tiểu học 1",
        "lan": 3,
        "nam_hoc": "2023-2024",
        "bat_dau": dt.datetime(2024, 5, 30, 8, 0),
        "ket_thuc": dt.datetime(2024, 5, 30, 10, 45),
        "dia_diem": "Trường Tiểu học Đinh Tiên Hoàng",
        "chu_tri": {"ho_ten": "Trần Thị Bình", "chuc_vu": "Hiệu trưởng Trường Tiểu học Đinh Tiên Hoàng, Khối trưởng"},
        "thu_ky": {"ho_ten": "Vũ Thị Yến", "chuc_vu": "Giáo viên Trường Tiểu học Đinh Tiên Hoàng"},
        "khach_moi": [{"ho_ten": "Nguyễn Anh Dũng", "chuc_vu": "Chuyên viên Phòng Giáo dục và Đào tạo"}],
        "don_vi_tham_du": [
            {"don_vi": "Trường Tiểu học Đinh Tiên Hoàng", "dai_dien": "Trần Thị Bình", "chuc_vu": "Hiệu trưởng"},
            {"don_vi": "Trường Tiểu học Trần Hưng Đạo", "dai_dien": "Lê Văn Phúc", "chuc_vu": "Hiệu trưởng"},
            {"don_vi": "Trường Tiểu học Lê Ngọc Hân", "dai_dien": "Phan Thị Thảo", "chuc_vu": "Phó Hiệu trưởng"},
        ],
        "noi_dung": ["Các đơn vị báo cáo tổng kết phong trào thi đua năm học; khối chấm điểm chéo theo bảng "
                     "điểm thi đua, bỏ phiếu bình chọn đơn vị dẫn đầu khối và giới thiệu khối trưởng năm học mới."],
        "ket_qua": [
            {"don_vi": "Trường Tiểu học Đinh Tiên Hoàng", "diem": "97,5", "xep_hang": "1",
             "de_nghi": "Cờ thi đua của Ủy ban nhân dân Thành phố"},
            {"don_vi": "Trường Tiểu học Trần Hưng Đạo", "diem": "95", "xep_hang": "2",
             "de_nghi": "Tập thể lao động xuất sắc"},
            {"don_vi": "Trường Tiểu học Lê Ngọc Hân", "diem": "93,25", "xep_hang": "3",
             "de_nghi": "Tập thể lao động xuất sắc"},
        ],
        "ket_luan": ["Khối thống nhất giới thiệu Trường Tiểu học Trần Hưng Đạo làm khối trưởng năm học 2024-2025."],
        "nguoi_ky": {"chuc_vu": "Khối trưởng", "ho_ten": "Trần Thị Bình"},
        "noi_nhan": ["Phòng Giáo dục và Đào tạo Quận 1", "Các đơn vị trong khối", "Lưu: VT"],
    }


register(Builder(
    code="bien-ban-hop-khoi",
    name="Biên bản họp khối thi đua",
    doc_type=L.BIEN_BAN,
    build=build_khoi,
    sample=sample_khoi,
    description="Biên bản các lần sinh hoạt khối/cụm thi đua: đơn vị tham dự, nội dung, bảng điểm và xếp hạng.",
    keys=[
        ("ten_khoi", "Tên khối/cụm thi đua."),
        ("lan", "Lần họp (1, 2, 3)."),
        ("nam_hoc", "Năm học."),
        ("bat_dau / ket_thuc", "Thời điểm bắt đầu, kết thúc."),
        ("dia_diem", "Địa điểm."),
        ("chu_tri / thu_ky", "Chủ trì, thư ký: ho_ten, chuc_vu."),
        ("khach_moi", "Khách mời: ho_ten, chuc_vu."),
        ("don_vi_tham_du", "Đơn vị tham dự: don_vi, dai_dien, chuc_vu."),
        ("noi_dung", "Các đoạn nội dung."),
        ("ket_qua", "Bình xét: don_vi, diem, xep_hang, de_nghi."),
        ("ket_luan", "Các đoạn kết luận."),
    ],
    rows={"don_vi_tham_du": [("don_vi", "Đơn vị"), ("dai_dien", "Đại diện"), ("chuc_vu", "Chức vụ")],
          "ket_qua": [("don_vi", "Đơn vị"), ("diem", "Điểm"), ("xep_hang", "Xếp hạng"), ("de_nghi", "Đề nghị")]},
))
