"""Bad input, for every kind of list: a clear message naming the row and the column
where there is one, and nothing imported (every table a write touches is counted)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl.utils import get_column_letter

from tdkt.core.exceptions import DomainValidationError
from tdkt.records import imports
from tdkt.records.models import ImportJob

from .helpers import counts
from .kinds import HEADERS, ROW, book

KINDS = ["can-bo", "xep-loai", "sang-kien", "khen-thuong"]


def _col(kind, label) -> str:
    return get_column_letter(HEADERS[kind].index(label) + 1)


def _refused(rec, kind, data, *words):
    """Checking names the problem; committing raises it; nothing is written."""
    spec = imports.get_spec(kind)
    result = imports.validate(user=rec.officer, data=data, filename="ds.xlsx", spec=spec)
    assert not result.ok
    text = " ".join(result.file_errors) or " ".join(f"Dòng {e.row}, cột «{e.column}»: {e.message}"
                                                     for e in result.errors)
    for w in words:
        assert w in text, text
    before = counts()
    with pytest.raises(DomainValidationError):
        imports.commit(user=rec.officer, data=data, filename="ds.xlsx", spec=spec)
    assert counts() == before
    return text


@pytest.mark.parametrize("kind", KINDS)
def test_wrong_headers(rec, kind):
    headers = [h if h != "Ngày sinh" else "Ngày tháng" for h in HEADERS[kind]]
    _refused(rec, kind, book(headers, [ROW[kind]()]), "thiếu cột bắt buộc", "«Ngày sinh»")


@pytest.mark.parametrize("kind", KINDS)
def test_no_header_row(rec, kind):
    _refused(rec, kind, book(["a", "b", "c"], [[1, 2, 3]]), "Không tìm thấy dòng tiêu đề")


@pytest.mark.parametrize("kind", KINDS)
def test_merged_cells(rec, kind):
    name = "Tên sáng kiến" if kind == "sang-kien" else "Họ và tên"
    col = _col(kind, name)
    data = book(HEADERS[kind], [ROW[kind](), ROW[kind]()], merge=f"{col}2:{col}3")
    _refused(rec, kind, data, "ô gộp", f"dòng 2–3, cột «{name}»", "bỏ gộp ô")


@pytest.mark.parametrize("kind", KINDS)
def test_formulas(rec, kind):
    col = _col(kind, "Ngày sinh")
    data = book(HEADERS[kind], [ROW[kind](), ROW[kind]()], cells={f"{col}3": "=DATE(1985,3,7)"})
    _refused(rec, kind, data, "Dòng 3, cột «Ngày sinh»: ô chứa công thức (=DATE(1985,3,7))", "Dán giá trị")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("born, words", [
    ("31/02/1985", "Ngày không hợp lệ: '31/02/1985'"),
    ("1985/03/07", "dd/mm/yyyy"),
    ("07/03/2099", "không được sau ngày hôm nay"),
])
def test_dates_that_are_not_dates(rec, kind, born, words):
    _refused(rec, kind, book(HEADERS[kind], [ROW[kind](born=born)]), "Dòng 2, cột «Ngày sinh»", words)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("born", ["07/03/1985", "7-3-1985", 31113, "ngày 07 tháng 03 năm 1985"])
def test_dates_as_text_in_several_forms(rec, kind, born):
    if kind == "can-bo":  # a new person, born that day
        result = imports.validate(user=rec.officer, data=book(HEADERS[kind], [ROW[kind](born=born, id="")]),
                                  spec=imports.get_spec(kind))
        assert result.ok and result.rows[0].birth_date.isoformat() == "1985-03-07"
        return
    result = imports.validate(user=rec.officer, data=book(HEADERS[kind], [ROW[kind](born=born)]),
                              spec=imports.get_spec(kind))
    assert result.ok, [(e.row, e.column, e.message) for e in result.errors]
    assert result.rows[0].person == rec.an


@pytest.mark.parametrize("kind, second, words", [
    ("can-bo", {"id": ""}, "Dòng 3, cột «Họ và tên»: «Phạm Văn Dũng» sinh ngày 12/04/1990 đã có ở dòng 2"),
    ("xep-loai", {"rating": "HTNV"}, "Dòng 3, cột «Xếp loại»: Dòng 2 đã xếp loại Nguyễn Văn An"),
    ("sang-kien", {"share": "10"}, "Dòng 3, cột «Tác giả»: Nguyễn Văn An đã được ghi là tác giả ở dòng 2"),
    ("khen-thuong", {"number": "999/QĐ"}, "Dòng 3, cột «Danh hiệu/Hình thức»: Dòng 2 đã ghi «Lao động tiên tiến»"),
])
def test_duplicate_people(rec, kind, second, words):
    first = {"share": "50"} if kind == "sang-kien" else {}
    _refused(rec, kind, book(HEADERS[kind], [ROW[kind](**first), ROW[kind](**second)]), words)


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_units(rec, kind):
    _refused(rec, kind, book(HEADERS[kind], [ROW[kind](unit="Trường THCS Không Có")]),
             "Dòng 2, cột «Đơn vị»: Không tìm thấy đơn vị «Trường THCS Không Có»")


@pytest.mark.parametrize("kind", KINDS)
def test_fifty_megabytes(rec, kind):
    big = b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)
    _refused(rec, kind, big, "Tệp quá lớn (50,0 MB)", "tối đa là 10 MB")


def test_fifty_megabytes_refused_by_the_page_before_reading(rec, media):
    client = Client()
    client.force_login(rec.officer)
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    before = counts()
    html = client.post(reverse("records:import_upload", args=["xep-loai"]), {"file": big}).content.decode()
    assert "Tệp quá lớn (50,0 MB)" in html and not ImportJob.objects.exists()
    assert counts() == before


@pytest.mark.parametrize("kind", KINDS)
def test_zip_bomb_disguised_as_xlsx(rec, kind, monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * (200 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 512 * 1024

    def never(*args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    _refused(rec, kind, bomb, "không an toàn", "200 MB")
