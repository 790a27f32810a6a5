"""The one upload check: real files pass, look-alikes are refused on the caller's field."""

import io

import docx
import openpyxl
import pytest

from tdkt.core.exceptions import DomainValidationError
from tdkt.core.uploads import blank_pdf, check_upload


def _xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def _check(data: bytes, filename: str, **kw) -> str:
    return check_upload(data, filename=filename, field="f", label="Tệp", allowed=("pdf", "docx", "xlsx"),
                        max_bytes=10 * 1024 * 1024, **kw)


def test_real_files_pass():
    assert [_check(blank_pdf(), "a.PDF"), _check(_docx(), "b.docx"), _check(_xlsx(), "c.xlsx")] == ["pdf", "docx",
                                                                                                   "xlsx"]


@pytest.mark.parametrize("data,filename", [
    (b"%PDF-1.4\n<script>alert(1)</script>", "a.pdf"),
    (_xlsx(), "a.docx"),  # a workbook renamed .docx: its main part is not a Word document
    (_docx(), "a.xlsx"),
    (b"PK\x03\x04" + b"\x00" * 40, "a.xlsx"),
])
def test_look_alikes_refused_on_the_field(data, filename):
    with pytest.raises(DomainValidationError) as info:
        _check(data, filename)
    assert list(info.value.message_dict) == ["f"]
    assert info.value.message_dict["f"][0].startswith(f"«Tệp»: tệp «{filename}» không phải tệp")


def test_kind_checks_the_content_whatever_the_name():
    assert check_upload(_xlsx(), filename="", field="f", label="Tệp", allowed=("xlsx",), max_bytes=10**7,
                        kind="xlsx") == "xlsx"
