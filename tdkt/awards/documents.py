"""Decision DOCX/PDF through ``tdkt.documents.render.render_document`` (the issuer's uploaded template, else the
built-in layout) and certificate PDFs with a QR code.

Certificates stay on their own HTML page joined by ``tdkt.documents.pdf_parts.pdf_from_parts``: a Giấy khen is a
decorated landscape page with a QR code per award, not a text document of Nghị định 30 (số and ký hiệu, trích yếu,
articles, Nơi nhận) that a DocumentSpec or a builder's DOCX template describes, and a batch is thousands of pages
laid out in parallel processes, which one DOCX template filled and converted by LibreOffice could not keep up with."""

from __future__ import annotations

from html import escape

from tdkt.core.i18n import in_vietnamese
from tdkt.core.qr import qr_image, qr_png_data_uri  # noqa: F401  (qr_image: the certificate tests draw the same)
from tdkt.core.vi import amount_in_words, format_date_vn, format_decimal, format_vnd, place_date_line

from .bases import signature_lines, signature_of


def _place(decision) -> str:
    unit = decision.issuer
    prefixes = [unit.path[:n] for n in range(unit.steplen, len(unit.path) + 1, unit.steplen)]
    for u in type(unit).objects.filter(path__in=prefixes).order_by("-depth"):
        if u.place_name:
            return u.place_name
    return unit.name


def _subjects(items) -> str:
    """Who the decision rewards, for "Tặng … cho 02 cá nhân" (the builder puts the count before it):
    «cá nhân» when all are individuals, «tập thể» when all are collectives."""
    persons = sum(1 for i in items if i.person_id)
    if persons == len(items):
        return "cá nhân"
    if persons == 0:
        return "tập thể"
    # A mixed list: the builder prints «03 cá nhân và 01 tập thể» from ``_subject_counts``.
    return "cá nhân, tập thể"


def _subject_counts(items) -> dict[str, int]:
    persons = sum(1 for i in items if i.person_id)
    return {"cá nhân": persons, "tập thể": len(items) - persons}


def decision_context(decision) -> dict:
    """What the decision's page shows (its papers come from ``decision_document_context``)."""
    items = list(decision.items.select_related("person", "unit", "award_type"))
    return {
        "issuer": decision.issuer.name.upper(),
        "number_line": f"Số: {decision.number_label}",
        "place_date": place_date_line(_place(decision), decision.decision_date),
        "title": decision.title,
        "basis": decision.basis_lines,
        "signer_title": "\n".join(signature_lines(decision)),
        "signer_lines": signature_lines(decision),
        "signer_name": decision.signer_name,
        "rows": [
            {"n": n, "name": i.subject_name, "award": str(i.award_type), "achievement": i.achievement,
             "coefficient": format_decimal(i.coefficient) if i.coefficient is not None else "",
             "amount": format_vnd(i.amount, unit=False), "note": i.money_note}
            for n, i in enumerate(items, start=1)
        ],
        "total": format_vnd(decision.total),
        "total_words": amount_in_words(decision.total),
        "base_salary": format_vnd(decision.base_salary),
        "base_salary_citation": decision.base_salary_citation,
    }


DECISION_CODE = "quyet-dinh-khen-thuong"


def decision_document_context(decision) -> dict:
    """The decision as the context of the shared Quyết định builder (tdkt.documents): the one layout
    every official paper of the system uses (Nghị định 30/2020), and the variables of an administrator's
    uploaded template. The Danh sách carries each line's award, amount and unit; the builder's table has
    no column for the coefficient or the money note, so the base salary and its citation go in the
    article on money (``nguon_kinh_phi``)."""
    items = list(decision.items.select_related("person", "unit", "award_type", "proposal_item__proposal__unit"))
    kinds = {str(i.award_type) for i in items}
    posts = _posts_on(decision.decision_date, [i.person_id for i in items if i.person_id])
    issuer = decision.issuer
    parent = type(issuer).objects.filter(path=issuer.path[:-issuer.steplen]).first() if issuer.depth > 1 else None
    # The builder makes the symbol "QĐ-" + the issuer's part; the decision keeps the whole symbol (``ky_hieu``).
    own = decision.symbol[len("QĐ-"):] if decision.symbol.startswith("QĐ-") else decision.symbol
    return {
        "co_quan_ban_hanh": issuer.name, "co_quan_chu_quan": parent.name if parent else "",
        "ky_hieu_co_quan": own, "ky_hieu": decision.symbol,
        "dia_danh": _place(decision), "so": decision.number, "ngay": decision.decision_date,
        # NĐ 30: «CHỦ TỊCH», or «KT. CHỦ TỊCH» / «PHÓ CHỦ TỊCH» when the deputy signs for the head
        "nguoi_ky": signature_of(decision),
        "trich_yeu": decision.title, "can_cu": decision.basis_lines, "dong_tu": "Tặng",
        "hinh_thuc": kinds.pop() if len(kinds) == 1 else "danh hiệu, hình thức khen thưởng",
        "doi_tuong": _subjects(items), "so_doi_tuong": _subject_counts(items), "co_tien_thuong": True,
        "nguon_kinh_phi": f"tính theo mức lương cơ sở {format_vnd(decision.base_salary)} "
                          f"({decision.base_salary_citation})",
        # A person's unit is the proposing unit (the school), as the council that proposed them saw it.
        "danh_sach": [{"ho_ten": i.subject_name, "chuc_vu": posts.get(i.person_id, "") if i.person_id else "",
                       "don_vi": str(i.unit or (i.proposal_item.proposal.unit if i.proposal_item_id else "")),
                       "danh_hieu": str(i.award_type), "so_tien": int(i.amount)} for i in items],
    }


def _posts_on(day, person_ids) -> dict[int, str]:
    """Each person's post(s) on the decision's date, for the Chức vụ column (one query)."""
    from django.db.models import Q

    from tdkt.people.choices import position_label
    from tdkt.people.models import Employment

    posts: dict[int, list[str]] = {}
    for person_id, position in (Employment.objects.filter(person_id__in=person_ids, start_date__lte=day)
                                .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
                                .order_by("person_id", "start_date", "id").values_list("person_id", "position")):
        label = position_label(position)
        if label not in posts.setdefault(person_id, []):
            posts[person_id].append(label)
    return {pid: ", ".join(labels) for pid, labels in posts.items()}


def item_unit(item):
    """Where a decided award belongs, as the public verify page says it: the collective itself, else the
    unit of the subject's record (even when a higher level decided on a compiled proposal), else the
    proposing unit."""
    if item.unit_id:
        return item.unit
    if item.award_record_id and item.award_record.unit_id:
        return item.award_record.unit
    if item.proposal_item_id:
        return item.proposal_item.proposal.unit
    return None


@in_vietnamese
def render_decision(decision, fmt: str):
    """The decision's paper through ``render_document``: the issuer's (or a unit above it's) uploaded
    template for the Quyết định when there is one, else the built-in layout."""
    from tdkt.documents.render import render_document

    return render_document(code=DECISION_CODE, context=decision_document_context(decision), fmt=fmt,
                           unit=decision.issuer)


def decision_docx(decision) -> bytes:
    return render_decision(decision, "docx").content


def decision_pdf(decision) -> bytes:
    return render_decision(decision, "pdf").content


@in_vietnamese
def certificate_pages(items, verify_url, *, progress=None) -> list[dict]:
    """The input of the certificate PDF: one page per award (``verify_url(item)`` builds the QR text).
    ``progress(done)`` after each page: the QR codes of 2,000 awards take some ten seconds."""
    pages = []
    for n, i in enumerate(items, start=1):
        d = i.decision
        url = verify_url(i)
        pages.append({"name": i.subject_name, "award": str(i.award_type), "issuer": d.issuer.name,
                      "achievement": i.achievement, "decision": f"Quyết định số {d.number_label} "
                      f"{format_date_vn(d.decision_date)}", "signer_title": "\n".join(signature_lines(d)),
                      "signer_name": d.signer_name, "url": url, "qr": qr_png_data_uri(url)})
        if progress is not None:
            progress(n)
    return pages


# Certificates per HTML part: each part is laid out on its own (in parallel processes when the shared
# renderer has them) and the job's progress bar moves once per part.
CERTIFICATES_PER_PART = 50

_CERTIFICATE_CSS = (
    "@page{size:A4 landscape;margin:15mm}"
    "body{font-family:'Times New Roman','Liberation Serif',serif;text-align:center}"
    ".page{page-break-after:always;border:6px double #a00;padding:12mm;height:150mm;position:relative}"
    "h1{color:#a00;font-size:30pt}h2{font-size:24pt}.sign{margin-top:10mm;font-weight:bold}"
    ".qr{position:absolute;left:10mm;bottom:8mm;text-align:left}.qr img{image-rendering:pixelated}"
    ".url{font-size:7pt}")


def certificate_html(pages: list[dict]) -> str:
    """One HTML document with a page per certificate."""
    parts = []
    for p in pages:
        parts.append(
            f'<section class="page"><h1>{escape(p["award"]).upper()}</h1>'
            f'<p class="issuer">{escape(p["issuer"])}</p><p>Tặng</p><h2>{escape(p["name"])}</h2>'
            f'<p class="ach">Đã có thành tích: {escape(p["achievement"])}</p>'
            f'<p>{escape(p["decision"])}</p>'
            f'<p class="sign">{"<br>".join(escape(line) for line in p["signer_title"].splitlines())}'
            f'<br><br><br>{escape(p["signer_name"])}</p>'
            f'<div class="qr"><img src="{p["qr"]}" width="90" height="90" alt="QR">'
            f'<div class="url">{escape(p["url"])}</div></div></section>')
    return ("<html lang='vi'><head><meta charset='utf-8'><style>" + _CERTIFICATE_CSS + "</style></head><body>"
            + "".join(parts) + "</body></html>")


def certificates_pdf(pages: list[dict], *, progress=None) -> bytes:
    """Every certificate as one PDF, in order; ``progress(pages done, total)`` after each part."""
    n = CERTIFICATES_PER_PART
    chunks = [pages[i:i + n] for i in range(0, len(pages), n)] or [[]]
    total = len(pages)

    def parts_done(done: int, _parts: int | None = None) -> None:
        if progress is not None:
            progress(min(total, done * n), total)

    from tdkt.documents.pdf_parts import pdf_from_parts

    return pdf_from_parts([certificate_html(c) for c in chunks], progress=parts_done)

