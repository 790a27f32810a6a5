"""A real office suite opens what we produce: every built-in DOCX, the XLSX export and
a filled administrator template convert to PDF in LibreOffice headless, and the
Vietnamese text comes out exactly.

Skipped (with the reason) where soffice is absent, unless TDKT_REQUIRE_LIBREOFFICE=1
(CI sets it and installs libreoffice-writer, libreoffice-calc and poppler-utils).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tdkt.core.xlsx import XlsxColumn, write_xlsx
from tdkt.documents import layout as L
from tdkt.documents import office
from tdkt.documents.builders import REGISTRY
from tdkt.documents.docx_templates import render_template, starter_docx
from tdkt.documents.render import render_docx
from tdkt.documents.services import trial_context

from .helpers import REQUIRE_LIBREOFFICE, docx_text, nfc, one_line, pdf_info, pdf_text

CODES = sorted(REGISTRY)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """name → (source bytes, PDF bytes from LibreOffice); one soffice run for all files."""
    if office.soffice_path() is None:
        if REQUIRE_LIBREOFFICE:
            pytest.fail("soffice is required (TDKT_REQUIRE_LIBREOFFICE=1): install libreoffice-writer and "
                        "libreoffice-calc")
        pytest.skip("LibreOffice (soffice) is not installed; set TDKT_REQUIRE_LIBREOFFICE=1 to make this a failure")
    folder = tmp_path_factory.mktemp("lo")
    sources: dict[str, bytes] = {}
    for code in CODES:
        builder = REGISTRY[code]
        sources[f"{code}.docx"] = render_docx(builder.spec(builder.sample()))
    sources["filled-template.docx"] = render_template(starter_docx(REGISTRY["quyet-dinh-khen-thuong"]),
                                                      trial_context("quyet-dinh-khen-thuong"))
    xlsx_path = folder / "export.xlsx"
    write_xlsx(xlsx_path, [XlsxColumn("STT", "int"), "Họ và tên", XlsxColumn("Ngày", "date"),
                           XlsxColumn("Số tiền", "money")],
               [[1, "Nguyễn Thị Ánh Tuyết", dt.date(2024, 2, 5), Decimal("1120000")],
                [2, "Đặng Quốc Việt", dt.date(2024, 10, 12), 560000]], title="Danh sách")
    sources["export.xlsx"] = xlsx_path.read_bytes()
    paths = []
    for name, content in sources.items():
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    out = folder / "pdf"
    out.mkdir()
    result = office.convert(paths, out)
    converted = {}
    for path in paths:
        pdf = out / (Path(path.name).stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {path.name}: {result.stdout} {result.stderr}"
        converted[path.name] = (sources[path.name], pdf.read_bytes())
    return converted


@pytest.mark.parametrize("code", CODES)
def test_libreoffice_opens_every_builtin_docx(converted, code):
    source, pdf = converted[f"{code}.docx"]
    assert pdf.startswith(b"%PDF")
    info = pdf_info(pdf)
    assert "(A4)" in info["Page size"]
    assert int(info["Pages"]) >= 1
    text = one_line(pdf_text(pdf))
    # Exactly the Vietnamese we wrote: the header lines, the title, the date line, the signer.
    spec = REGISTRY[code].spec(REGISTRY[code].sample())
    assert L.QUOC_HIEU in text and L.TIEU_NGU in text
    assert nfc(spec.type_text) in text
    assert nfc(spec.date_line.split(",")[0]) in text
    if spec.number is not None and spec.show_number:
        assert spec.number_line in text
    for signer in spec.signers:
        if signer.name:
            assert nfc(signer.name) in text
    # And python-docx reads back the same characters (NFC, no replacement marks).
    written = docx_text(source)
    assert "\ufffd" not in written and nfc(written) == written


def test_libreoffice_keeps_the_signature_lines_and_noi_nhan(converted):
    _, pdf = converted["quyet-dinh-khen-thuong.docx"]
    text = one_line(pdf_text(pdf))
    for expected in ("Số: 123/QĐ-GDĐT", "Quận 1, ngày 05 tháng 6 năm 2024", "KT. TRƯỞNG PHÒNG",
                     "PHÓ TRƯỞNG PHÒNG", "Võ Cao Long", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, TĐKT.",
                     "Ba triệu ba trăm sáu mươi nghìn đồng"):
        assert expected in text, expected


def test_libreoffice_opens_a_filled_administrator_template(converted):
    _, pdf = converted["filled-template.docx"]
    text = one_line(pdf_text(pdf))
    assert "123/QĐ-GDĐT" in text and "Nguyễn Thị Lan" in text and "Võ Cao Long" in text


def test_libreoffice_opens_the_xlsx_export(converted):
    _, pdf = converted["export.xlsx"]
    text = one_line(pdf_text(pdf))
    assert "Họ và tên" in text and "Nguyễn Thị Ánh Tuyết" in text and "Đặng Quốc Việt" in text
    assert "05/02/2024" in text and "12/10/2024" in text


def test_libreoffice_opens_every_import_template(db, tmp_path):
    """The Excel templates an office downloads, fills in and sends back (records app) open in a real
    spreadsheet program with their Vietnamese headers exactly as written."""
    from tdkt.records.imports import template_workbook
    from tdkt.records.imports_kinds import KINDS

    if office.soffice_path() is None:
        if REQUIRE_LIBREOFFICE:
            pytest.fail("soffice is required (TDKT_REQUIRE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice (soffice) is not installed")
    paths = []
    for code, spec in KINDS.items():
        path = tmp_path / f"import-{code}.xlsx"
        path.write_bytes(template_workbook(spec))
        paths.append((path, spec))
    out = tmp_path / "pdf"
    out.mkdir()
    result = office.convert([p for p, _ in paths], out)
    for path, spec in paths:
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {path.name}: {result.stdout} {result.stderr}"
        text = one_line(pdf_text(pdf.read_bytes()))
        for column in spec.columns[:3]:
            assert nfc(column.label) in text, (path.name, column.label)
