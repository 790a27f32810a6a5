"""The same documents as PDF (WeasyPrint): A4, the texts of the header, page numbers from page 2."""

from __future__ import annotations

import pytest

from tdkt.documents import layout as L
from tdkt.documents.builders import REGISTRY
from tdkt.documents.render import render_html, render_pdf

from .helpers import one_line, pdf_info, pdf_text

CODES = sorted(REGISTRY)


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {code: render_pdf(REGISTRY[code].spec(REGISTRY[code].sample())) for code in CODES}


@pytest.mark.parametrize("code", CODES)
def test_pdf_is_a4_and_vietnamese_text_round_trips(pdfs, code):
    content = pdfs[code]
    assert content.startswith(b"%PDF")
    info = pdf_info(content)
    assert "(A4)" in info["Page size"]
    text = pdf_text(content)
    assert L.QUOC_HIEU in text
    assert L.TIEU_NGU in text
    spec = REGISTRY[code].spec(REGISTRY[code].sample())
    flat = one_line(text)
    assert spec.date_line.split(",")[0] in flat
    if spec.number_line and spec.number is not None:
        assert spec.number_line in flat
    for signer in spec.signers:
        if signer.name:
            assert signer.name in flat


def test_quyet_dinh_pdf_texts(pdfs):
    flat = one_line(pdf_text(pdfs["quyet-dinh-khen-thuong"]))
    for expected in ("Số: 123/QĐ-GDĐT", "Quận 1, ngày 05 tháng 6 năm 2024", "QUYẾT ĐỊNH",
                     "Về việc công nhận danh hiệu Lao động tiên tiến năm học 2023-2024",
                     "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                     "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Võ Cao Long", "Nơi nhận:", "- Lưu: VT, TĐKT.",
                     "Lê Thị Ánh Tuyết", "Đặng Thị Thu Hương", "Tổng cộng", "3.360.000",
                     "Ba triệu ba trăm sáu mươi nghìn đồng"):
        assert expected in flat, expected


def test_page_numbers_from_page_two_and_again_in_the_appendix():
    builder = REGISTRY["quyet-dinh-khen-thuong"]
    spec = builder.spec(builder.sample(120))
    spec.body += [L.para(f"Đoạn văn thứ {i} để phần chính dài hơn một trang.") for i in range(60)]
    content = render_pdf(spec)
    pages = pdf_text(content, layout=True).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 4
    first_lines = [p.strip().splitlines()[0].strip() for p in pages]
    assert not first_lines[0].isdigit()  # no number on page 1
    appendix_start = next(i for i, p in enumerate(pages) if "DANH SÁCH" in p)
    numbered = first_lines[1:appendix_start]
    assert len(numbered) >= 1
    assert numbered == [str(n) for n in range(2, 2 + len(numbered))]
    assert not first_lines[appendix_start].isdigit()  # the appendix's first page is not numbered either
    assert first_lines[appendix_start + 1] == "2"  # ... and it counts its own pages


def test_html_names_the_fonts_and_the_margins():
    builder = REGISTRY["quyet-dinh-khen-thuong"]
    html = render_html(builder.spec(builder.sample()))
    assert '"Times New Roman", "Liberation Serif"' in html
    assert "margin: 20.0mm 15.0mm 20.0mm 30.0mm" in html
    assert "size: A4;" in html


def test_long_list_rows_never_split_across_pages():
    builder = REGISTRY["quyet-dinh-khen-thuong"]
    content = render_pdf(builder.spec(builder.sample(120)))
    pages = [p for p in pdf_text(content, layout=True).split("\f") if p.strip()]
    assert len(pages) >= 4
    for i in range(7, 121):  # rows 7.. carry "(i)" after the name, which wraps to a second line
        holding = [n for n, page in enumerate(pages) if f"({i})" in page]
        numbered = [n for n, page in enumerate(pages)
                    if any(line.split()[:1] == [str(i)] for line in page.splitlines())]
        assert holding and holding == numbered[:1], f"row {i} split across pages"


def test_pdf_is_set_in_times_or_its_metric_twin(pdfs):
    """Times New Roman, or Liberation Serif (same metrics; Debian fonts-liberation2): never a fallback
    such as DejaVu Serif, whose wider letters re-wrap every table and add pages (the servers must have
    one of the two installed — this fails loudly instead of printing a different document)."""
    import subprocess

    from .helpers import need_tool

    binary = need_tool("pdffonts", "poppler-utils")
    listing = subprocess.run([binary, "-"], input=pdfs["quyet-dinh-khen-thuong"], capture_output=True, check=True,
                             timeout=60).stdout.decode("utf-8", "replace")
    names = [line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if line.strip()]
    assert names, listing
    for name in names:  # "SWSLVQ+Liberation-Serif-Bold", "ABCDEF+TimesNewRomanPS-BoldMT"
        assert name.startswith(("Liberation-Serif", "LiberationSerif", "TimesNewRoman", "Times-")), listing
