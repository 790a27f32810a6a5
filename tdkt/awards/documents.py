"""Decision DOCX/PDF (Nghị định 30/2020 layout) and certificate PDFs with a QR code."""

from __future__ import annotations

import base64
import io
import logging
from html import escape

from tdkt.core.vi import amount_in_words, format_date_short, format_date_vn, format_vnd, place_date_line

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

logger = logging.getLogger(__name__)


def _place(decision) -> str:
    unit = decision.issuer
    prefixes = [unit.path[:n] for n in range(unit.steplen, len(unit.path) + 1, unit.steplen)]
    for u in type(unit).objects.filter(path__in=prefixes).order_by("-depth"):
        if u.place_name:
            return u.place_name
    return unit.name


def decision_context(decision) -> dict:
    items = list(decision.items.select_related("person", "unit", "award_type"))
    return {
        "issuer": decision.issuer.name.upper(),
        "number_line": f"Số: {decision.number_label}",
        "place_date": place_date_line(_place(decision), decision.decision_date),
        "title": decision.title,
        "basis": decision.basis_lines,
        "signer_title": decision.signer_title.upper(),
        "signer_name": decision.signer_name,
        "rows": [
            {"n": n, "name": i.subject_name, "award": str(i.award_type), "achievement": i.achievement,
             "coefficient": f"{i.coefficient}" if i.coefficient is not None else "",
             "amount": format_vnd(i.amount, unit=False), "note": i.money_note}
            for n, i in enumerate(items, start=1)
        ],
        "total": format_vnd(decision.total),
        "total_words": amount_in_words(decision.total),
        "base_salary": format_vnd(decision.base_salary),
        "base_salary_citation": decision.base_salary_citation,
    }


def shared_spec(decision):
    """The decision as a DocumentSpec of the shared Quyết định builder (tdkt.documents), when present."""
    try:
        from tdkt.documents.builders import get_builder

        builder = get_builder("quyet-dinh-khen-thuong")
    except Exception:  # the documents app is another engineer's; absent or changed → our own layout
        return None
    items = list(decision.items.select_related("person", "unit", "award_type", "proposal_item__proposal__unit"))
    kinds = {str(i.award_type) for i in items}
    issuer = decision.issuer
    parent = type(issuer).objects.filter(path=issuer.path[:-issuer.steplen]).first() if issuer.depth > 1 else None
    ctx = {
        "co_quan_ban_hanh": issuer.name, "co_quan_chu_quan": parent.name if parent else "",
        "dia_danh": _place(decision), "so": decision.number, "ngay": decision.decision_date,
        "nguoi_ky": {"chuc_vu": decision.signer_title.upper(), "ho_ten": decision.signer_name},
        "trich_yeu": decision.title, "can_cu": decision.basis_lines, "dong_tu": "Tặng",
        "hinh_thuc": kinds.pop() if len(kinds) == 1 else "danh hiệu, hình thức khen thưởng",
        "doi_tuong": "cá nhân, tập thể", "co_tien_thuong": True,
        "nguon_kinh_phi": f"tính theo mức lương cơ sở {format_vnd(decision.base_salary)} "
                          f"({decision.base_salary_citation})",
        "danh_sach": [{"ho_ten": i.subject_name, "chuc_vu": "",
                       "don_vi": str(i.unit or (i.proposal_item.proposal.unit if i.proposal_item_id else "")),
                       "danh_hieu": str(i.award_type), "so_tien": int(i.amount)} for i in items],
    }
    try:
        spec = builder.spec(ctx)
        spec.symbol = decision.symbol
    except Exception:
        logger.exception("shared Quyết định builder failed; using the awards layout")
        return None
    return spec


def _shared_render(decision, module: str, fn: str) -> bytes | None:
    spec = shared_spec(decision)
    if spec is None:
        return None
    try:
        import importlib

        return getattr(importlib.import_module(module), fn)(spec)
    except Exception:
        logger.exception("shared renderer %s failed; using the awards layout", module)
        return None


def decision_docx(decision) -> bytes:
    return _shared_render(decision, "tdkt.documents.render_docx", "render_docx") or own_decision_docx(decision)


def own_decision_docx(decision) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    c = decision_context(decision)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = c["issuer"]
    head.cell(1, 0).text = c["number_line"]
    q = head.cell(0, 1).paragraphs[0]
    run = q.add_run(QUOC_HIEU)
    run.bold, run.font.size = True, Pt(12)
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = head.cell(0, 1).add_paragraph()
    run = t.add_run(TIEU_NGU)
    run.bold, run.underline = True, True
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pd = head.cell(1, 1).paragraphs[0]
    pd.add_run(c["place_date"]).italic = True
    pd.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for text, bold in (("QUYẾT ĐỊNH", True), (c["title"], True)):
        p = doc.add_paragraph()
        p.add_run(text).bold = bold
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in c["basis"]:
        doc.add_paragraph(line).paragraph_format.first_line_indent = Mm(10)
    p = doc.add_paragraph()
    p.add_run("QUYẾT ĐỊNH:").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"Điều 1. Khen thưởng {len(c['rows'])} cá nhân, tập thể có tên trong danh sách kèm theo.")
    doc.add_paragraph(f"Điều 2. Tổng số tiền thưởng: {c['total']} (Bằng chữ: {c['total_words']}), "
                      f"tính theo mức lương cơ sở {c['base_salary']} ({c['base_salary_citation']}).")
    doc.add_paragraph("Điều 3. Quyết định có hiệu lực kể từ ngày ký.")
    p = doc.add_paragraph()
    p.add_run(f"{c['signer_title']}\n\n\n{c['signer_name']}").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    doc.add_page_break()
    p = doc.add_paragraph()
    p.add_run("DANH SÁCH KÈM THEO").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"(Kèm theo Quyết định số {decision.number_label} "
                      f"ngày {format_date_short(decision.decision_date)})").alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("STT", "Họ và tên / Tập thể", "Hình thức", "Hệ số",
                                                "Tiền thưởng (đồng)"), strict=True):
        cell.text = text
    for r in c["rows"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(r["n"]), r["name"], r["award"], r["coefficient"], r["amount"]),
                              strict=True):
            cell.text = text
    doc.add_paragraph(f"Tổng cộng: {c['total']} ({c['total_words']}).")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def decision_pdf(decision) -> bytes:
    return _shared_render(decision, "tdkt.documents.render_pdf", "render_pdf") or own_decision_pdf(decision)


def own_decision_pdf(decision) -> bytes:
    from django.template.loader import render_to_string

    return _pdf(render_to_string("awards/decision_pdf.html", {"c": decision_context(decision),
                                                              "QUOC_HIEU": QUOC_HIEU, "TIEU_NGU": TIEU_NGU,
                                                              "decision": decision}))


def qr_image(text: str):
    """The QR of ``text`` at 4 pixels a module with the standard 4-module quiet zone. Small pictures keep a
    batch of certificates quick to render (the default 10 px a module made each page ~3× slower); the PDF
    scales them without smoothing (``image-rendering: pixelated``), so the print stays sharp."""
    import qrcode

    qr = qrcode.QRCode(box_size=4, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.make_image()


def qr_data_uri(text: str) -> str:
    buf = io.BytesIO()
    qr_image(text).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def certificate_pages(items, verify_url) -> list[dict]:
    """The input of the certificate PDF: one page per award (``verify_url(item)`` builds the QR text)."""
    pages = []
    for i in items:
        d = i.decision
        url = verify_url(i)
        pages.append({"name": i.subject_name, "award": str(i.award_type), "issuer": d.issuer.name,
                      "achievement": i.achievement, "decision": f"Quyết định số {d.number_label} "
                      f"{format_date_vn(d.decision_date)}", "signer_title": d.signer_title,
                      "signer_name": d.signer_name, "url": url, "qr": qr_data_uri(url)})
    return pages


def certificates_pdf(pages: list[dict]) -> bytes:
    parts = []
    for p in pages:
        parts.append(
            f'<section class="page"><h1>{escape(p["award"]).upper()}</h1>'
            f'<p class="issuer">{escape(p["issuer"])}</p><p>Tặng</p><h2>{escape(p["name"])}</h2>'
            f'<p class="ach">Đã có thành tích: {escape(p["achievement"])}</p>'
            f'<p>{escape(p["decision"])}</p>'
            f'<p class="sign">{escape(p["signer_title"])}<br><br><br>{escape(p["signer_name"])}</p>'
            f'<div class="qr"><img src="{p["qr"]}" width="90" height="90" alt="QR">'
            f'<div class="url">{escape(p["url"])}</div></div></section>')
    html = ("<html><head><meta charset='utf-8'><style>@page{size:A4 landscape;margin:15mm}"
            "body{font-family:'Times New Roman',serif;text-align:center}"
            ".page{page-break-after:always;border:6px double #a00;padding:12mm;height:150mm;position:relative}"
            "h1{color:#a00;font-size:30pt}h2{font-size:24pt}.sign{margin-top:10mm;font-weight:bold}"
            ".qr{position:absolute;left:10mm;bottom:8mm;text-align:left}.qr img{image-rendering:pixelated}.url{font-size:7pt}</style></head><body>"
            + "".join(parts) + "</body></html>")
    return _pdf(html)
