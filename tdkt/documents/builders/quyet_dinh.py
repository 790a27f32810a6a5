"""Quyết định khen thưởng / công nhận danh hiệu, with the Danh sách kèm theo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from tdkt.core.vi import format_date_vn

from .. import layout as L
from .common import (
    Builder,
    base_spec,
    count2,
    money,
    money_words,
    register,
)

DANH_SACH_ROW_KEYS = [
    ("ho_ten", "Họ và tên (hoặc tên tập thể)"),
    ("chuc_vu", "Chức vụ"),
    ("don_vi", "Đơn vị công tác"),
    ("danh_hieu", "Danh hiệu / hình thức khen thưởng"),
    ("so_tien", "Số tiền thưởng (đồng, số nguyên); có thể để trống"),
]


def authority_of(ctx: Mapping) -> str:
    """"TRƯỞNG PHÒNG" + "Phòng Giáo dục và Đào tạo Quận 1" → "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 1"
    (the shared word is written once); "HIỆU TRƯỞNG" + "Trường TH X" → "HIỆU TRƯỞNG TRƯỜNG TH X"."""
    if ctx.get("tham_quyen"):
        return str(ctx["tham_quyen"]).upper()
    office = str((ctx.get("nguoi_ky") or {}).get("chuc_vu") or "").upper().split()
    org = str(ctx.get("co_quan_ban_hanh") or "").upper().split()
    if office and org and office[-1] == org[0]:
        org = org[1:]
    return " ".join(office + org)


def danh_sach_total(items) -> Decimal:
    return sum((Decimal(str(i.get("so_tien") or 0)) for i in items), Decimal(0))


def has_money(items) -> bool:
    return any(i.get("so_tien") not in (None, "", 0) for i in items)


def danh_sach_table(items, *, with_money: bool) -> L.Table:
    """STT | Họ và tên | Chức vụ | Đơn vị | Danh hiệu | Số tiền (đồng), with the total row."""
    # Widths (share of the line; cells have 2 pt padding each side) sized so that common values keep to one line:
    # "Lao động tiên tiến" in Danh hiệu, "1.120.000" in Số tiền.
    columns = [("STT", 6, "center"), ("Họ và tên", 24, "left"), ("Chức vụ", 16, "left"),
               ("Đơn vị", 23, "left"), ("Danh hiệu", 20, "left")]
    if with_money:
        columns.append(("Số tiền (đồng)", 11, "right"))
    rows = []
    for i, item in enumerate(items, start=1):
        row = [str(i), str(item.get("ho_ten") or ""), str(item.get("chuc_vu") or ""),
               str(item.get("don_vi") or ""), str(item.get("danh_hieu") or "")]
        if with_money:
            row.append(money(item.get("so_tien")))
        rows.append(row)
    footer = []
    if with_money:
        footer = [[L.Cell("Tổng cộng", colspan=5, bold=True, align="center"),
                   L.Cell(money(danh_sach_total(items)), bold=True, align="right")]]
    return L.Table(columns=[L.Column(t, w, a) for t, w, a in columns], rows=rows, footer=footer)


def danh_sach_blocks(items, *, with_money: bool, subject: str = "cá nhân", counted: str = "") -> list:
    blocks: list = [danh_sach_table(items, with_money=with_money)]
    if with_money:
        total = danh_sach_total(items)
        blocks.append(L.Paragraph([L.Run("Tổng số tiền bằng chữ: ", italic=True),
                                   L.Run(money_words(total) + ".", italic=True)], indent=False))
    blocks.append(L.Paragraph([L.Run(f"Danh sách này có {counted or count2(len(items)) + ' ' + subject}./.",
                                     bold=True)], align="left", indent=False))
    return blocks


def kem_theo_line(spec: L.DocumentSpec, of_whom: str) -> str:
    number = spec.number_symbol if spec.number is not None else f"{' ' * 6}/{spec.symbol_text}"
    date = format_date_vn(spec.date) if spec.date else f"ngày {' ' * 4} tháng {' ' * 4} năm {spec.year}"
    kind = spec.doc_type.name.capitalize()
    return f"(Kèm theo {kind} số {number} {date} của {of_whom})"


def subject_counts(ctx: Mapping, items, doi_tuong: str) -> str:
    """«03 cá nhân và 01 tập thể» from ``so_doi_tuong`` ({"cá nhân": 3, "tập thể": 1}); otherwise the count
    of the list and ``doi_tuong`` («05 cá nhân»)."""
    counts = [(str(label), int(n)) for label, n in dict(ctx.get("so_doi_tuong") or {}).items() if int(n or 0)]
    if counts:
        return " và ".join(f"{count2(n)} {label}" for label, n in counts)
    return f"{count2(len(items))} {doi_tuong}"


def build(ctx: Mapping) -> L.DocumentSpec:
    items = list(ctx.get("danh_sach") or [])
    with_money = bool(ctx.get("co_tien_thuong", has_money(items)))
    doi_tuong = str(ctx.get("doi_tuong") or "cá nhân")
    hinh_thuc = str(ctx.get("hinh_thuc") or "Giấy khen")
    dong_tu = str(ctx.get("dong_tu") or "Tặng")
    title = str(ctx.get("trich_yeu") or f"Về việc {dong_tu.lower()} {hinh_thuc}")
    basis = [str(c) for c in ctx.get("can_cu") or []]
    if ctx.get("xet_de_nghi"):
        basis.append(str(ctx["xet_de_nghi"]))
    spec = base_spec(ctx, L.QUYET_DINH, title=title, authority=authority_of(ctx), basis=basis,
                     filename="quyet-dinh")
    ly_do = str(ctx.get("ly_do") or "").strip()
    dieu = 1
    body: list = [L.centered("QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)]
    body.append(L.lead(f"Điều {dieu}.", f"{dong_tu} {hinh_thuc} cho {subject_counts(ctx, items, doi_tuong)}"
                       f"{' ' + ly_do if ly_do else ''} (có danh sách kèm theo)."))
    if with_money:
        dieu += 1
        total = danh_sach_total(items)
        source = str(ctx.get("nguon_kinh_phi") or "").strip()
        body.append(L.lead(
            f"Điều {dieu}.",
            f"Kèm theo {hinh_thuc} là tiền thưởng theo mức quy định tại danh sách kèm theo. "
            f"Tổng số tiền thưởng: {money(total)} đồng (Bằng chữ: {money_words(total)})"
            f"{', ' + source if source else ''}."))
    dieu += 1
    hieu_luc = str(ctx.get("hieu_luc") or "Quyết định này có hiệu lực kể từ ngày ký.")
    thi_hanh = str(ctx.get("thi_hanh") or
                   f"Văn phòng, Thủ trưởng các đơn vị có liên quan và các {doi_tuong} có tên tại Điều 1 "
                   f"chịu trách nhiệm thi hành Quyết định này.")
    body.append(L.lead(f"Điều {dieu}.", hieu_luc))
    body.append(L.Paragraph([L.Run(thi_hanh + "/.")]))
    spec.body = body
    if not spec.recipients:
        spec.recipients = [f"Như Điều {dieu}", "Lưu: VT"]
    of_whom = str(ctx.get("kem_theo_cua") or ctx.get("co_quan_ban_hanh") or "")
    heading = [
        L.centered("DANH SÁCH", bold=True),
        L.centered(str(ctx.get("tieu_de_danh_sach") or f"{doi_tuong.capitalize()} được {dong_tu.lower()} "
                                                         f"{hinh_thuc}"), bold=True),
        L.centered(kem_theo_line(spec, of_whom), italic=True, space_after=10),
    ]
    spec.appendices = [L.Appendix(heading=heading, body=danh_sach_blocks(items, with_money=with_money,
                                                                          subject=doi_tuong,
                                                                          counted=subject_counts(ctx, items,
                                                                                                 doi_tuong)),
                                  landscape=bool(ctx.get("danh_sach_ngang")))]
    return spec


def extra(ctx: Mapping) -> dict:
    items = list(ctx.get("danh_sach") or [])
    total = danh_sach_total(items)
    rows = []
    for i, item in enumerate(items, start=1):
        row = dict(item)
        row["stt"] = i
        row["so_tien_so"] = money(item.get("so_tien"))
        rows.append(row)
    return {
        "danh_sach": rows,
        "so_luong": len(items),
        "so_luong_chu": count2(len(items)),
        "tong_tien": total,
        "tong_tien_so": money(total),
        "tong_tien_chu": money_words(total),
        "tham_quyen": authority_of(ctx),
    }


# The sample is a paper of 05/06/2024 and cites what was in force that day (the rows of
# tdkt.awards.bases.LEGAL_BASES for a Phòng GD&ĐT; this layer does not import awards). It is a preview,
# never a default: a real decision's lines come from the rows of its own date.
SAMPLE_DAY = dt.date(2024, 6, 5)
SAMPLE_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015, được sửa đổi, bổ sung năm 2019;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;",
]


def sample(n: int = 6) -> dict:
    names = [("Nguyễn Thị Lan", "Giáo viên", "Trường Tiểu học Đinh Tiên Hoàng"),
             ("Trần Văn Hùng", "Tổ trưởng chuyên môn", "Trường Tiểu học Kết Đoàn"),
             ("Lê Thị Ánh Tuyết", "Phó Hiệu trưởng", "Trường Mầm non Bé Ngoan"),
             ("Phạm Quốc Đạt", "Giáo viên", "Trường THCS Chu Văn An"),
             ("Võ Ngọc Hằng", "Nhân viên kế toán", "Trường Mầm non Bến Thành"),
             ("Đặng Thị Thu Hương", "Giáo viên", "Trường Tiểu học Trần Hưng Đạo")]
    rows = []
    for i in range(n):
        name, post, school = names[i % len(names)]
        rows.append({"ho_ten": name if i < len(names) else f"{name} ({i + 1})", "chuc_vu": post,
                     "don_vi": school, "danh_hieu": "Lao động tiên tiến", "so_tien": 560000})
    return {
        "co_quan_chu_quan": "UBND Quận 1",
        "co_quan_ban_hanh": "Phòng Giáo dục và Đào tạo",
        "ky_hieu_co_quan": "GDĐT",
        "dia_danh": "Quận 1",
        "so": 123,
        "ngay": SAMPLE_DAY,
        "tham_quyen": "Trưởng phòng Giáo dục và Đào tạo Quận 1",
        "trich_yeu": "Về việc công nhận danh hiệu Lao động tiên tiến năm học 2023-2024",
        "can_cu": SAMPLE_BASES + [
            "Căn cứ Hướng dẫn số 1382/HD-GDĐT ngày 12 tháng 10 năm 2023 của Phòng Giáo dục và Đào tạo "
            "về công tác thi đua, khen thưởng năm học 2023 – 2024;",
        ],
        "xet_de_nghi": "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Phòng Giáo dục và Đào tạo,",
        "dong_tu": "Công nhận",
        "hinh_thuc": "danh hiệu Lao động tiên tiến",
        "doi_tuong": "cá nhân",
        "ly_do": "đã hoàn thành tốt nhiệm vụ năm học 2023-2024",
        "tieu_de_danh_sach": "Cá nhân đạt danh hiệu Lao động tiên tiến năm học 2023-2024",
        "kem_theo_cua": "Trưởng phòng Giáo dục và Đào tạo Quận 1",
        "nguon_kinh_phi": "được chi từ Quỹ thi đua, khen thưởng của Phòng Giáo dục và Đào tạo",
        "danh_sach": rows,
        "nguoi_ky": {"quyen_han": "KT.", "chuc_vu": "Trưởng phòng", "chuc_danh": "Phó Trưởng phòng",
                     "ho_ten": "Võ Cao Long"},
        "noi_nhan": ["Như Điều 3", "Phòng Nội vụ Quận 1", "Lưu: VT, TĐKT"],
    }


QUYET_DINH_KHEN_THUONG = register(Builder(
    code="quyet-dinh-khen-thuong",
    name="Quyết định khen thưởng (kèm danh sách)",
    doc_type=L.QUYET_DINH,
    build=build,
    extra=extra,
    sample=sample,
    description="Quyết định tặng/công nhận danh hiệu, hình thức khen thưởng, với Danh sách kèm theo "
                "(có cột số tiền và tổng tiền bằng chữ).",
    keys=[
        ("tham_quyen", "Thẩm quyền ban hành, ví dụ «TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 1» "
                       "(mặc định: chức vụ người ký + tên cơ quan)."),
        ("trich_yeu", "Trích yếu, ví dụ «Về việc công nhận danh hiệu Lao động tiên tiến năm học 2023-2024»."),
        ("can_cu", "Các dòng «Căn cứ …;»."),
        ("xet_de_nghi", "Dòng «Xét đề nghị của …,» (dòng căn cứ cuối)."),
        ("dong_tu", "«Tặng» hoặc «Công nhận»."),
        ("hinh_thuc", "Danh hiệu hoặc hình thức khen thưởng, ví dụ «Giấy khen»."),
        ("doi_tuong", "«cá nhân» hoặc «tập thể»."),
        ("so_doi_tuong", "Số theo đối tượng khi danh sách có cả cá nhân và tập thể, ví dụ "
                         "{«cá nhân»: 3, «tập thể»: 1} → «03 cá nhân và 01 tập thể»."),
        ("ly_do", "Lý do khen thưởng, ví dụ «đã có thành tích xuất sắc …»."),
        ("danh_sach", "Danh sách kèm theo: mỗi dòng có ho_ten, chuc_vu, don_vi, danh_hieu, so_tien; "
                      "trong mẫu DOCX còn có stt, so_tien_so (đã định dạng)."),
        ("tieu_de_danh_sach", "Tiêu đề dưới chữ DANH SÁCH."),
        ("kem_theo_cua", "Ai ban hành, cho dòng «(Kèm theo Quyết định số … của …)»."),
        ("nguon_kinh_phi", "Nguồn chi tiền thưởng."),
        ("hieu_luc", "Câu hiệu lực (mặc định «Quyết định này có hiệu lực kể từ ngày ký.»)."),
        ("thi_hanh", "Câu giao thi hành."),
        ("so_luong / so_luong_chu", "(tính sẵn) Số người trong danh sách; «05»."),
        ("tong_tien_so / tong_tien_chu", "(tính sẵn) Tổng tiền «2.240.000» và bằng chữ."),
    ],
    rows={"danh_sach": DANH_SACH_ROW_KEYS},
))
