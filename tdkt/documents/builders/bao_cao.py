"""Báo cáo: thành tích cá nhân / tập thể (the official outline of the achievement
report forms attached to Nghị định 98/2023/NĐ-CP), and sơ kết / tổng kết with
results measured against the year's targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from tdkt.core.vi import format_date_short

from .. import layout as L
from .common import (
    Builder,
    as_date,
    base_spec,
    decimal_vn,
    percent,
    records_table,
    register,
    signer_from,
    table_of,
)

_RECORD_KEYS = [("nam", "Năm"), ("danh_hieu", "Danh hiệu thi đua"),
                ("quyet_dinh", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành")]
_AWARD_KEYS = [("nam", "Năm"), ("hinh_thuc", "Hình thức khen thưởng"),
               ("quyet_dinh", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành")]


def _paras(items) -> list[L.Paragraph]:
    return [L.para(str(t)) for t in items or []]


def _awards_section(ctx: Mapping) -> list:
    return [
        L.heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        L.heading("1. Danh hiệu thi đua"),
        records_table(list(ctx.get("danh_hieu") or []), what="Danh hiệu thi đua"),
        L.heading("2. Hình thức khen thưởng"),
        records_table(list(ctx.get("khen_thuong") or []), what="Hình thức khen thưởng"),
    ]


# --- Báo cáo thành tích cá nhân ----------------------------------------------------------------


def build_ca_nhan(ctx: Mapping) -> L.DocumentSpec:
    de_nghi = str(ctx.get("de_nghi") or "")
    # Written by the person: without an office named, only the Quốc hiệu heads the page.
    issuer = None
    if ctx.get("co_quan_ban_hanh"):
        issuer = L.Issuer(name=str(ctx["co_quan_ban_hanh"]), parent=str(ctx.get("co_quan_chu_quan") or ""),
                          place=str(ctx.get("dia_danh") or ""))
    spec = base_spec(ctx, L.BAO_CAO, issuer=issuer, type_label="BÁO CÁO THÀNH TÍCH",
                     title=f"Đề nghị tặng {de_nghi}" if de_nghi else "", show_number=False,
                     filename="bao-cao-thanh-tich-ca-nhan", signers=[], recipients=[])
    ho_ten = str(ctx.get("ho_ten") or "")
    sub = ", ".join(p for p in (ho_ten, str(ctx.get("chuc_vu") or ""), str(ctx.get("don_vi_cong_tac") or "")) if p)
    ngay_sinh = as_date(ctx.get("ngay_sinh"))
    body: list = [L.centered(sub, bold=True, space_after=8)]
    body.append(L.heading("I. SƠ LƯỢC LÝ LỊCH"))
    facts = [
        ("Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt)", ho_ten),
        ("Sinh ngày, tháng, năm", format_date_short(ngay_sinh) if ngay_sinh else ""),
        ("Giới tính", ctx.get("gioi_tinh")),
        ("Quê quán", ctx.get("que_quan")),
        ("Trú quán", ctx.get("tru_quan")),
        ("Đơn vị công tác", ctx.get("don_vi_cong_tac")),
        ("Chức vụ (Đảng, chính quyền, đoàn thể)", ctx.get("chuc_vu")),
        ("Trình độ chuyên môn, nghiệp vụ", ctx.get("trinh_do")),
        ("Học hàm, học vị, danh hiệu, giải thưởng", ctx.get("hoc_ham_hoc_vi")),
    ]
    for label, value in facts:
        body.append(L.Paragraph([L.Run(f"- {label}: "), L.Run(str(value or "…"))], indent=True))
    body.append(L.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    body.append(L.heading("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"))
    body += _paras(ctx.get("nhiem_vu"))
    body.append(L.heading("2. Thành tích đạt được"))
    body += _paras(ctx.get("thanh_tich"))
    body += _awards_section(ctx)
    spec.body = body
    head = dict(ctx.get("thu_truong") or {})
    spec.signers = [
        signer_from(head, tieu_de="THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ", ghi_chu="(Ký, đóng dấu)"),
        L.Signer(name=ho_ten, heading="NGƯỜI BÁO CÁO THÀNH TÍCH", note="(Ký, ghi rõ họ và tên)"),
    ]
    return spec


def sample_ca_nhan() -> dict:
    return {
        "dia_danh": "Quận 1",
        "ngay": dt.date(2024, 5, 22),
        "de_nghi": "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
        "ho_ten": "Nguyễn Thị Lan",
        "ngay_sinh": dt.date(1982, 2, 5),
        "gioi_tinh": "Nữ",
        "que_quan": "Xã Phước Hậu, huyện Ninh Phước, tỉnh Ninh Thuận",
        "tru_quan": "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        "don_vi_cong_tac": "Trường Tiểu học Đinh Tiên Hoàng, Quận 1",
        "chuc_vu": "Tổ trưởng chuyên môn Khối 5",
        "trinh_do": "Cử nhân Giáo dục Tiểu học",
        "hoc_ham_hoc_vi": "",
        "nhiem_vu": ["Giảng dạy lớp 5/1; tổ trưởng chuyên môn Khối 5; phụ trách bồi dưỡng học sinh năng khiếu."],
        "thanh_tich": [
            "Hoàn thành xuất sắc nhiệm vụ năm học 2022-2023 và 2023-2024; lớp chủ nhiệm 100% học sinh hoàn "
            "thành chương trình lớp học.",
            "Sáng kiến «Ứng dụng học liệu số trong dạy học Tiếng Việt lớp 5» được Hội đồng sáng kiến cấp cơ sở "
            "công nhận năm 2024.",
        ],
        "danh_hieu": [
            {"nam": "2022-2023", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "quyet_dinh": "Quyết định số 245/QĐ-UBND ngày 15/8/2023 của Ủy ban nhân dân Quận 1"},
            {"nam": "2023-2024", "danh_hieu": "Chiến sĩ thi đua cơ sở",
             "quyet_dinh": "Quyết định số 198/QĐ-UBND ngày 12/8/2024 của Ủy ban nhân dân Quận 1"},
        ],
        "khen_thuong": [
            {"nam": "2021-2022", "hinh_thuc": "Giấy khen của Chủ tịch Ủy ban nhân dân Quận 1",
             "quyet_dinh": "Quyết định số 312/QĐ-UBND ngày 20/8/2022 của Ủy ban nhân dân Quận 1"},
        ],
        "thu_truong": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Trần Thị Bình"},
    }


register(Builder(
    code="bao-cao-thanh-tich-ca-nhan",
    name="Báo cáo thành tích cá nhân",
    doc_type=L.BAO_CAO,
    build=build_ca_nhan,
    sample=sample_ca_nhan,
    required=("ho_ten",),
    description="Theo đề cương mẫu: I. Sơ lược lý lịch; II. Thành tích đạt được; III. Các hình thức đã được "
                "khen thưởng (bảng danh hiệu, hình thức theo năm và số quyết định).",
    keys=[
        ("de_nghi", "Hình thức đề nghị, ví dụ «Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố»."),
        ("ho_ten / ngay_sinh / gioi_tinh / que_quan / tru_quan", "Lý lịch."),
        ("don_vi_cong_tac / chuc_vu / trinh_do / hoc_ham_hoc_vi", "Công tác, trình độ."),
        ("nhiem_vu", "Các đoạn về quyền hạn, nhiệm vụ được giao."),
        ("thanh_tich", "Các đoạn thành tích đạt được."),
        ("danh_hieu", "Danh hiệu đã đạt: nam, danh_hieu, quyet_dinh."),
        ("khen_thuong", "Hình thức đã được khen: nam, hinh_thuc, quyet_dinh."),
        ("thu_truong", "Thủ trưởng đơn vị xác nhận: chuc_vu, ho_ten."),
        ("co_quan_ban_hanh", "(Tùy chọn) đơn vị in ở góc trái; để trống thì chỉ có Quốc hiệu."),
    ],
    rows={"danh_hieu": _RECORD_KEYS, "khen_thuong": _AWARD_KEYS},
))


# --- Báo cáo thành tích tập thể ----------------------------------------------------------------


def _targets_table(rows_in) -> L.Table:
    """STT | Chỉ tiêu | ĐVT | Kế hoạch | Kết quả | Tỷ lệ so với chỉ tiêu (%) | Đạt / Chưa đạt.

    ``nguoc=True`` marks a target to stay under (e.g. dropout rate ≤ 1%)."""
    rows = []
    for i, r in enumerate(rows_in, start=1):
        plan, done = r.get("ke_hoach"), r.get("ket_qua")
        rate, verdict = "", ""
        if plan not in (None, "") and done not in (None, ""):
            p, d = Decimal(str(plan)), Decimal(str(done))
            reverse = bool(r.get("nguoc"))
            if p:
                rate = percent(d, p)
            ok = d <= p if reverse else d >= p
            verdict = "Đạt" if ok else "Chưa đạt"
        if r.get("dat") is not None:
            verdict = "Đạt" if r["dat"] else "Chưa đạt"
        rows.append([str(i), str(r.get("chi_tieu") or ""), str(r.get("don_vi_tinh") or ""),
                     decimal_vn(plan, 2), decimal_vn(done, 2), rate, verdict])
    return table_of([("STT", 6, "center"), ("Chỉ tiêu", 38, "left"), ("ĐVT", 9, "center"),
                     ("Kế hoạch", 11, "center"), ("Kết quả", 11, "center"),
                     ("Tỷ lệ so với chỉ tiêu (%)", 13, "center"), ("Đạt / Chưa đạt", 12, "center")], rows)


def _targets_extra(ctx: Mapping) -> dict:
    table = _targets_table(list(ctx.get("chi_tieu") or []))
    rows = []
    for source, row in zip(ctx.get("chi_tieu") or [], table.rows, strict=False):
        item = dict(source)
        item.update(stt=row[0], ke_hoach_so=row[3], ket_qua_so=row[4], ty_le=row[5], danh_gia=row[6])
        rows.append(item)
    return {"chi_tieu": rows}


def build_tap_the(ctx: Mapping) -> L.DocumentSpec:
    de_nghi = str(ctx.get("de_nghi") or "")
    spec = base_spec(ctx, L.BAO_CAO, type_label="BÁO CÁO THÀNH TÍCH",
                     title=f"Đề nghị tặng {de_nghi}" if de_nghi else "", show_number=False,
                     filename="bao-cao-thanh-tich-tap-the", signers=[], recipients=[])
    body: list = [L.centered(str(ctx.get("ten_tap_the") or ctx.get("co_quan_ban_hanh") or ""), bold=True,
                             space_after=8)]
    body.append(L.heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
    body.append(L.heading("1. Đặc điểm, tình hình"))
    body += _paras(ctx.get("dac_diem"))
    body.append(L.heading("2. Chức năng, nhiệm vụ"))
    body += _paras(ctx.get("chuc_nang"))
    body.append(L.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    body.append(L.heading("1. Kết quả thực hiện nhiệm vụ"))
    body += _paras(ctx.get("thanh_tich"))
    if ctx.get("chi_tieu"):
        body.append(_targets_table(list(ctx["chi_tieu"])))
    body.append(L.heading("2. Những biện pháp hoặc nguyên nhân đạt được thành tích"))
    body += _paras(ctx.get("bien_phap"))
    body.append(L.heading("3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước"))
    body += _paras(ctx.get("chu_truong"))
    body += _awards_section(ctx)
    spec.body = body
    spec.signers = [
        signer_from(ctx.get("cap_trinh"), tieu_de="XÁC NHẬN CỦA CẤP TRÌNH\nKHEN THƯỞNG", ghi_chu="(Ký, đóng dấu)"),
        signer_from(ctx.get("nguoi_ky"), chuc_vu="Thủ trưởng đơn vị", ghi_chu="(Ký, đóng dấu)"),
    ]
    return spec


def sample_tap_the() -> dict:
    return {
        "co_quan_chu_quan": "Phòng Giáo dục và Đào tạo Quận 1",
        "co_quan_ban_hanh": "Trường Tiểu học Đinh Tiên Hoàng",
        "dia_danh": "Quận 1",
        "ngay": dt.date(2024, 5, 24),
        "de_nghi": "Cờ thi đua của Ủy ban nhân dân Thành phố",
        "ten_tap_the": "Trường Tiểu học Đinh Tiên Hoàng, Quận 1",
        "dac_diem": ["Trường có 32 lớp với 1.126 học sinh; 58 cán bộ, giáo viên, nhân viên; trường đạt chuẩn "
                     "quốc gia mức độ 2, kiểm định chất lượng giáo dục cấp độ 3."],
        "chuc_nang": ["Tổ chức giảng dạy, học tập và các hoạt động giáo dục theo Chương trình giáo dục phổ "
                      "thông cấp tiểu học."],
        "thanh_tich": ["Hoàn thành xuất sắc nhiệm vụ năm học 2022-2023 và 2023-2024; dẫn đầu Khối thi đua "
                       "Tiểu học 1."],
        "chi_tieu": [
            {"chi_tieu": "Học sinh hoàn thành chương trình lớp học", "don_vi_tinh": "%", "ke_hoach": 99,
             "ket_qua": "99.6"},
            {"chi_tieu": "Giáo viên đạt chuẩn nghề nghiệp mức khá trở lên", "don_vi_tinh": "%", "ke_hoach": 95,
             "ket_qua": 93},
            {"chi_tieu": "Tỷ lệ học sinh bỏ học", "don_vi_tinh": "%", "ke_hoach": "0.5", "ket_qua": 0,
             "nguoc": True},
        ],
        "bien_phap": ["Đổi mới sinh hoạt tổ chuyên môn theo nghiên cứu bài học; phát huy nhóm nhà giáo cùng "
                      "nhau phát triển."],
        "chu_truong": ["Tập thể nhà trường chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp "
                       "luật của Nhà nước; không có cá nhân vi phạm kỷ luật."],
        "danh_hieu": [{"nam": "2022-2023", "danh_hieu": "Tập thể lao động xuất sắc",
                       "quyet_dinh": "Quyết định số 2750/QĐ-UBND ngày 25/8/2023 của Ủy ban nhân dân Thành phố"}],
        "khen_thuong": [{"nam": "2022-2023", "hinh_thuc": "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
                         "quyet_dinh": "Quyết định số 2751/QĐ-UBND ngày 25/8/2023 của Ủy ban nhân dân Thành phố"}],
        "cap_trinh": {"chuc_vu": "Trưởng phòng Giáo dục và Đào tạo", "ho_ten": "Võ Cao Long"},
        "nguoi_ky": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Trần Thị Bình"},
    }


register(Builder(
    code="bao-cao-thanh-tich-tap-the",
    name="Báo cáo thành tích tập thể",
    doc_type=L.BAO_CAO,
    build=build_tap_the,
    extra=_targets_extra,
    sample=sample_tap_the,
    description="Theo đề cương mẫu: I. Sơ lược đặc điểm, tình hình; II. Thành tích đạt được (có bảng chỉ "
                "tiêu); III. Các hình thức đã được khen thưởng.",
    keys=[
        ("de_nghi", "Hình thức đề nghị."),
        ("ten_tap_the", "Tên tập thể (ghi đầy đủ, không viết tắt)."),
        ("dac_diem / chuc_nang", "Các đoạn đặc điểm tình hình, chức năng nhiệm vụ."),
        ("thanh_tich / bien_phap / chu_truong", "Các đoạn thành tích, biện pháp, việc thực hiện chủ trương."),
        ("chi_tieu", "Bảng chỉ tiêu: chi_tieu, don_vi_tinh, ke_hoach, ket_qua, nguoc (True nếu càng thấp "
                     "càng tốt); trong mẫu DOCX thêm ty_le, danh_gia."),
        ("danh_hieu / khen_thuong", "Như báo cáo cá nhân."),
        ("cap_trinh", "Cấp trình khen thưởng xác nhận: chuc_vu, ho_ten."),
    ],
    rows={"danh_hieu": _RECORD_KEYS, "khen_thuong": _AWARD_KEYS,
          "chi_tieu": [("chi_tieu", "Chỉ tiêu"), ("don_vi_tinh", "ĐVT"), ("ke_hoach", "Kế hoạch"),
                       ("ket_qua", "Kết quả"), ("ty_le", "Tỷ lệ % (tính sẵn)"), ("danh_gia", "Đạt / Chưa đạt")]},
))


# --- Báo cáo sơ kết / tổng kết -------------------------------------------------------------------


def build_so_ket(ctx: Mapping) -> L.DocumentSpec:
    loai = "Tổng kết" if ctx.get("loai") == "tong_ket" else "Sơ kết"
    ky = str(ctx.get("ky") or "")
    title = str(ctx.get("trich_yeu") or f"{loai} công tác thi đua, khen thưởng {ky}".strip())
    kinh_gui = str(ctx.get("kinh_gui") or "")
    spec = base_spec(ctx, L.BAO_CAO, title=title, recipient=f"Kính gửi: {kinh_gui}" if kinh_gui else "",
                     filename="bao-cao-so-ket" if loai == "Sơ kết" else "bao-cao-tong-ket")
    body: list = [L.heading("I. ĐẶC ĐIỂM TÌNH HÌNH")]
    body += _paras(ctx.get("dac_diem"))
    body.append(L.heading("II. KẾT QUẢ THỰC HIỆN"))
    body.append(L.heading("1. Công tác chỉ đạo, tổ chức phong trào thi đua"))
    body += _paras(ctx.get("to_chuc"))
    body.append(L.heading("2. Kết quả thực hiện các chỉ tiêu thi đua"))
    body.append(_targets_table(list(ctx.get("chi_tieu") or [])))
    body += _paras(ctx.get("ket_qua_khac"))
    body.append(L.heading("III. ĐÁNH GIÁ CHUNG"))
    body.append(L.heading("1. Ưu điểm"))
    body += _paras(ctx.get("uu_diem"))
    body.append(L.heading("2. Hạn chế, nguyên nhân"))
    body += _paras(ctx.get("han_che"))
    body.append(L.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ"))
    body += _paras(ctx.get("phuong_huong"))
    if ctx.get("kien_nghi"):
        body.append(L.heading("V. KIẾN NGHỊ, ĐỀ XUẤT"))
        body += _paras(ctx.get("kien_nghi"))
    body.append(L.para("Trên đây là báo cáo " + title[:1].lower() + title[1:] + "./."))
    spec.body = body
    if not spec.recipients:
        spec.recipients = ["Như trên", "Lưu: VT"]
    return spec


def sample_so_ket() -> dict:
    return {
        "co_quan_chu_quan": "Phòng Giáo dục và Đào tạo Quận 1",
        "co_quan_ban_hanh": "Trường Tiểu học Đinh Tiên Hoàng",
        "ky_hieu_co_quan": "THĐTH",
        "dia_danh": "Quận 1",
        "so": 21,
        "ngay": dt.date(2024, 1, 19),
        "loai": "so_ket",
        "ky": "học kỳ I, năm học 2023-2024",
        "kinh_gui": "Phòng Giáo dục và Đào tạo Quận 1",
        "dac_diem": ["Học kỳ I năm học 2023-2024, nhà trường có 32 lớp, 1.126 học sinh, 58 cán bộ, giáo viên, "
                     "nhân viên; 100% cán bộ, giáo viên, nhân viên đăng ký thi đua từ đầu năm học."],
        "to_chuc": ["Nhà trường phát động phong trào thi đua «Dạy tốt – Học tốt» chào mừng Ngày Nhà giáo Việt "
                    "Nam 20/11; tổ chức tọa đàm chia sẻ kết quả bước đầu thực hiện nội dung thi đua."],
        "chi_tieu": [
            {"chi_tieu": "Học sinh hoàn thành tốt, hoàn thành các môn học", "don_vi_tinh": "%", "ke_hoach": 99,
             "ket_qua": "99.3"},
            {"chi_tieu": "Giáo viên dạy giỏi cấp trường", "don_vi_tinh": "người", "ke_hoach": 20, "ket_qua": 18},
            {"chi_tieu": "Sáng kiến được công nhận cấp cơ sở", "don_vi_tinh": "sáng kiến", "ke_hoach": 6,
             "ket_qua": 6},
            {"chi_tieu": "Tỷ lệ học sinh bỏ học", "don_vi_tinh": "%", "ke_hoach": "0.5", "ket_qua": "0.1",
             "nguoc": True},
        ],
        "uu_diem": ["Phong trào thi đua được triển khai đồng bộ, có chiều sâu; nhiều mô hình hay được nhân rộng."],
        "han_che": ["Số giáo viên dạy giỏi cấp trường chưa đạt chỉ tiêu do 02 giáo viên nghỉ thai sản."],
        "phuong_huong": ["Tiếp tục đẩy mạnh phong trào thi đua trong học kỳ II; hoàn thành hồ sơ đề nghị khen "
                         "thưởng cuối năm đúng thời hạn."],
        "kien_nghi": ["Đề nghị Phòng tổ chức tập huấn viết báo cáo thành tích cho cán bộ phụ trách thi đua."],
        "nguoi_ky": {"chuc_vu": "Hiệu trưởng", "ho_ten": "Trần Thị Bình"},
        "noi_nhan": ["Như trên", "Lưu: VT"],
    }


register(Builder(
    code="bao-cao-so-ket-tong-ket",
    name="Báo cáo sơ kết, tổng kết thi đua",
    doc_type=L.BAO_CAO,
    build=build_so_ket,
    extra=_targets_extra,
    sample=sample_so_ket,
    description="Báo cáo sơ kết học kỳ / tổng kết năm học: bảng Chỉ tiêu – Kết quả – Tỷ lệ – Đạt/Chưa đạt.",
    keys=[
        ("loai", "«so_ket» hoặc «tong_ket»."),
        ("ky", "Kỳ báo cáo, ví dụ «học kỳ I, năm học 2023-2024»."),
        ("kinh_gui", "Nơi gửi (tùy chọn)."),
        ("dac_diem / to_chuc / ket_qua_khac", "Các đoạn đặc điểm, công tác chỉ đạo, kết quả khác."),
        ("chi_tieu", "Bảng chỉ tiêu: chi_tieu, don_vi_tinh, ke_hoach, ket_qua, nguoc, dat (tùy chọn)."),
        ("uu_diem / han_che / phuong_huong / kien_nghi", "Các đoạn đánh giá và phương hướng."),
    ],
    rows={"chi_tieu": [("chi_tieu", "Chỉ tiêu"), ("don_vi_tinh", "ĐVT"), ("ke_hoach", "Kế hoạch"),
                       ("ket_qua", "Kết quả"), ("ty_le", "Tỷ lệ % (tính sẵn)"), ("danh_gia", "Đạt / Chưa đạt")]},
))
