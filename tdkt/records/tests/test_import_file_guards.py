import io
import zipfile

import pytest

from tdkt.records import imports

from .helpers import an_row, xlsx


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _refused(rec, data: bytes) -> str:
    result = imports.validate(user=rec.officer, data=data, filename="x.xlsx")
    assert not result.ok and not result.rows
    return result.file_errors[0]


def test_zip_bomb_refused_before_opening(rec, monkeypatch):
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                 "xl/worksheets/sheet1.xml": b"0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024

    def never(*args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    message = _refused(rec, bomb)
    assert "không an toàn" in message and "30 MB" in message


def test_declared_size_far_too_large_refused(rec, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNCOMPRESSED_BYTES", 1024)
    message = _refused(rec, xlsx([an_row()]))
    assert "không an toàn hoặc quá lớn" in message


@pytest.mark.parametrize("data, words", [
    ("Họ và tên,Ngày sinh\nNguyễn Văn An,07/03/1985\n".encode(), "không phải là bảng tính Excel .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Excel 97-2003"),
    (b"%PDF-1.7\n", "không phải là bảng tính Excel .xlsx"),
    (b"", "Tệp rỗng"),
    (b"PK\x03\x04 broken zip", "không phải là bảng tính Excel .xlsx"),
])
def test_not_an_xlsx_refused(rec, data, words):
    assert words in _refused(rec, data)


def test_zip_that_is_not_a_workbook_refused(rec):
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert "không phải là bảng tính Excel .xlsx" in _refused(rec, docx)


def test_workbook_with_broken_parts_refused(rec):
    broken = _zip({"[Content_Types].xml": b"not xml", "xl/workbook.xml": b"not xml either"})
    # Refused by the one upload check (tdkt.core.uploads), which parses the package's content types.
    assert "«Tệp Excel»: tệp «x.xlsx» không phải tệp Excel (.xlsx) hợp lệ" in _refused(rec, broken)


def test_too_large_refused(rec):
    big = b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024)
    message = _refused(rec, big)
    assert "Tệp quá lớn (10,0 MB)" in message and "tối đa là 10 MB" in message


def test_too_many_rows_refused(rec, monkeypatch):
    monkeypatch.setattr(imports, "MAX_DATA_ROWS", 2)
    message = _refused(rec, xlsx([an_row(), an_row(), an_row()]))
    assert "hơn 2 dòng" in message
