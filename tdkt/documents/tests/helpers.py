"""Reading our output back the way a person's software would."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn

REQUIRE_LIBREOFFICE = os.environ.get("TDKT_REQUIRE_LIBREOFFICE") == "1"


def need_tool(name: str, package: str):
    """Skip when a command-line tool is missing, except in CI (TDKT_REQUIRE_LIBREOFFICE=1), which installs it."""
    path = shutil.which(name)
    if path is None:
        if REQUIRE_LIBREOFFICE:
            pytest.fail(f"{name} is required (TDKT_REQUIRE_LIBREOFFICE=1): install the Debian package {package}")
        pytest.skip(f"{name} is not installed (Debian package {package}); set TDKT_REQUIRE_LIBREOFFICE=1 to make "
                    f"this a failure")
    return path


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def docx_paragraph_texts(content: bytes) -> list[str]:
    """Every paragraph of the body, tables (nested too) included, in order."""
    doc = Document(io.BytesIO(content))
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return out


def docx_text(content: bytes) -> str:
    return "\n".join(docx_paragraph_texts(content))


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    binary = need_tool("pdftotext", "poppler-utils")
    args = [binary, "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    result = subprocess.run(args, input=content, capture_output=True, check=True, timeout=120)
    return nfc(result.stdout.decode("utf-8"))


def pdf_info(content: bytes) -> dict[str, str]:
    binary = need_tool("pdfinfo", "poppler-utils")
    result = subprocess.run([binary, "-"], input=content, capture_output=True, check=True, timeout=60)
    info = {}
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def one_line(text: str) -> str:
    return " ".join(text.split())


def xlsx_rows(response) -> list[tuple]:
    """The first sheet of an XLSX download (streamed or not), as openpyxl reads it: the header row first,
    then one tuple of values per row; empty trailing rows left out."""
    from openpyxl import load_workbook

    assert response.status_code == 200, response.status_code
    assert "spreadsheetml" in response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    # Read-only mode drops empty trailing cells of a row: pad to the header's width.
    width = max((len(r) for r in rows), default=0)
    return [r + (None,) * (width - len(r)) for r in rows]
