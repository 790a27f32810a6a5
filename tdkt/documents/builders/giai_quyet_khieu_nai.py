"""Quyết định giải quyết khiếu nại (lần đầu / lần hai) on TĐKT: the complaint, what the verification found, the
conclusion, and what is decided — with the complainant's right to go further (Luật Khiếu nại Điều 33, 40)."""

from __future__ import annotations

from collections.abc import Mapping

from .. import layout as L
from .common import Builder, base_spec, register
from .quyet_dinh import authority_of


def build(ctx: Mapping) -> L.DocumentSpec:
    lan = "lần hai" if int(ctx.get("lan") or 1) == 2 else "lần đầu"
    who = str(ctx.get("nguoi_khieu_nai") or "")
    title = str(ctx.get("trich_yeu") or f"Về việc giải quyết khiếu nại {lan} của {who}".strip())
    basis = [str(c) for c in ctx.get("can_cu") or []]
    if ctx.get("xet_don"):
        basis.append(str(ctx["xet_don"]))
    spec = base_spec(ctx, L.QUYET_DINH, title=title, authority=authority_of(ctx), basis=basis,
                     filename="quyet-dinh-giai-quyet-khieu-nai")
    body: list = []
    for heading, key in (("I. Nội dung khiếu nại", "noi_dung"), ("II. Kết quả xác minh nội dung khiếu nại",
                                                                 "ket_qua_xac_minh"), ("III. Kết luận", "ket_luan")):
        text = str(ctx.get(key) or "").strip()
        if text:
            body.append(L.heading(heading))
            body += [L.para(line.strip()) for line in text.splitlines() if line.strip()]
    body.append(L.centered("QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6))
    body.append(L.lead("Điều 1.", str(ctx.get("dieu_1") or "").strip() or "…"))
    n = 2
    if ctx.get("dieu_2"):
        body.append(L.lead("Điều 2.", str(ctx["dieu_2"]).strip()))
        n = 3
    body.append(L.lead(f"Điều {n}.", str(ctx.get("quyen_tiep") or "").strip() or "…"))
    body.append(L.lead(f"Điều {n + 1}.", str(ctx.get("thi_hanh") or "Quyết định này có hiệu lực kể từ ngày ký. "
                                          "Người khiếu nại và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi "
                                          "hành Quyết định này") + "./."))
    spec.body = body
    if not spec.recipients:
        spec.recipients = [f"Như Điều {n + 1}", "Lưu: VT, hồ sơ"]
    return spec


def sample() -> dict:
    return {
        "co_quan_chu_quan": "UBND Thành phố Hồ Chí Minh",
        "co_quan_ban_hanh": "Ủy ban nhân dân phường Sài Gòn",
        "ky_hieu_co_quan": "UBND",
        "dia_danh": "Sài Gòn",
        "so": None, "ngay": None, "nam": 2026, "lan": 1,
        "nguoi_khieu_nai": "ông Phạm Văn Khải",
        "can_cu": ["Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;"],
        "xet_don": "Xét đơn khiếu nại ngày 23 tháng 11 năm 2026 của ông Phạm Văn Khải.",
        "noi_dung": "Khiếu nại việc công nhận danh hiệu thi đua năm học 2025-2026.",
        "ket_qua_xac_minh": "Hồ sơ đề nghị không kèm biên bản họp Hội đồng Thi đua – Khen thưởng của trường.",
        "ket_luan": "Khiếu nại là đúng.",
        "dieu_1": "Công nhận nội dung khiếu nại là đúng.",
        "dieu_2": "Hủy bỏ danh hiệu đã công nhận tại Quyết định số 05/QĐ-UBND ngày 20/6/2026.",
        "quyen_tiep": "Trong thời hạn 30 ngày, kể từ ngày nhận được Quyết định này, nếu không đồng ý thì người khiếu "
                      "nại có quyền khiếu nại lần hai hoặc khởi kiện vụ án hành chính tại Tòa án.",
        "nguoi_ky": {"chuc_vu": "Chủ tịch", "ho_ten": "Lý Minh Khôi"},
    }


register(Builder(
    code="quyet-dinh-giai-quyet-khieu-nai",
    name="Quyết định giải quyết khiếu nại",
    doc_type=L.QUYET_DINH,
    build=build,
    sample=sample,
    description="Nội dung khiếu nại, kết quả xác minh, kết luận, các điều quyết định và quyền khiếu nại tiếp.",
    keys=[
        ("lan", "1: giải quyết lần đầu; 2: lần hai."),
        ("nguoi_khieu_nai", "«ông/bà …» như ghi trong đơn."),
        ("can_cu", "Các dòng căn cứ, theo văn bản có hiệu lực vào ngày quyết định."),
        ("xet_don", "«Xét đơn khiếu nại ngày … của …»."),
        ("noi_dung", "Nội dung khiếu nại."),
        ("ket_qua_xac_minh", "Kết quả xác minh nội dung khiếu nại."),
        ("ket_luan", "Kết luận: đúng, đúng một phần hay sai."),
        ("dieu_1", "Điều 1: giữ nguyên, sửa đổi, hủy bỏ một phần hay toàn bộ quyết định bị khiếu nại."),
        ("dieu_2", "Điều 2 (nếu có): việc phải làm tiếp, ví dụ hủy bỏ khen thưởng và thu hồi tiền thưởng."),
        ("quyen_tiep", "Quyền khiếu nại lần hai hoặc khởi kiện."),
    ],
))
