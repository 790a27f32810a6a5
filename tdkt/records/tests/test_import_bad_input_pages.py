"""Bad input as a user meets it: uploaded through the import page and through the API.
Each gets a Vietnamese message naming the row and the column where there is one, no
way to confirm, and nothing imported (only the check's own audit row is written)."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl.utils import get_column_letter

from tdkt.records.models import AwardRecord, ImportJob

from .helpers import counts
from .kinds import HEADERS, ROW, book


def _col(kind, label) -> str:
    return get_column_letter(HEADERS[kind].index(label) + 1)


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * (120 * 1024 * 1024))
    return out.getvalue()


def _wrong_headers(kind):
    return book([h if h != "Ngày sinh" else "Ngày tháng" for h in HEADERS[kind]], [ROW[kind]()])


def _merged(kind):
    col = _col(kind, "Tên sáng kiến" if kind == "sang-kien" else "Họ và tên")
    return book(HEADERS[kind], [ROW[kind](), ROW[kind]()], merge=f"{col}2:{col}3")


def _formula(kind):
    return book(HEADERS[kind], [ROW[kind](), ROW[kind]()], cells={f"{_col(kind, 'Ngày sinh')}3": "=DATE(1985,3,7)"})


# (case, kind, file name, file, words the user reads, is it refused as a whole file)
CASES = [
    ("wrong headers", "xep-loai", "ds.xlsx", _wrong_headers, ["thiếu cột bắt buộc", "«Ngày sinh»"], True),
    ("merged cells", "khen-thuong", "ds.xlsx", _merged, ["ô gộp", "dòng 2–3, cột «Họ và tên»", "bỏ gộp ô"], True),
    ("formula", "sang-kien", "ds.xlsx", _formula,
     ["Dòng 3, cột «Ngày sinh»: ô chứa công thức (=DATE(1985,3,7))", "Dán giá trị"], True),
    ("zip bomb", "can-bo", "ds.xlsx", lambda kind: _bomb(), ["không an toàn", "120 MB"], True),
    (".xls", "xep-loai", "ds.xls", lambda kind: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
     ["Excel 97-2003", "Lưu thành (Save As)"], True),
    (".csv", "khen-thuong", "ds.csv", lambda kind: "Họ và tên,Ngày sinh\nNguyễn Văn An,07/03/1985\n".encode(),
     ["không phải là bảng tính Excel .xlsx («ds.csv»)"], True),
    ("renamed PDF", "sang-kien", "ds.xlsx", lambda kind: b"%PDF-1.7\n" + b"0" * 100,
     ["không phải là bảng tính Excel .xlsx («ds.xlsx»)"], True),
    ("duplicate person", "can-bo", "ds.xlsx", lambda kind: book(HEADERS[kind], [ROW[kind](), ROW[kind](id="")]),
     ["Dòng 3", "Họ và tên", "đã có ở dòng 2"], False),
    ("unknown unit", "xep-loai", "ds.xlsx",
     lambda kind: book(HEADERS[kind], [ROW[kind](unit="Trường THCS Không Có")]),
     ["Dòng 2", "Đơn vị", "Không tìm thấy đơn vị «Trường THCS Không Có»"], False),
    ("date that is not a date", "khen-thuong", "ds.xlsx",
     lambda kind: book(HEADERS[kind], [ROW[kind](born="31/02/1985")]),
     ["Dòng 2", "Ngày sinh", "Ngày không hợp lệ"], False),
]


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _without_audit(c: dict) -> dict:
    return {k: v for k, v in c.items() if k != "AuditEvent"}


@pytest.mark.parametrize("case, kind, name, make, words, whole_file", CASES, ids=[c[0] for c in CASES])
def test_bad_input_through_the_page(rec, media, case, kind, name, make, words, whole_file):
    client = _client(rec.officer)
    before = counts()
    response = client.post(reverse("records:import_upload", args=[kind]),
                           {"file": SimpleUploadedFile(name, make(kind))}, follow=True)
    html = response.content.decode().replace("&#x27;", "'")
    for w in words:
        assert w in html, (case, w)
    assert 'data-testid="confirm-form"' not in html
    if whole_file:  # refused on the form itself: no job to confirm
        assert not response.redirect_chain and 'data-testid="file-errors"' in html
        assert not ImportJob.objects.exists() or ImportJob.objects.get().status == ImportJob.Status.FAILED
    else:  # the preview names the row and the column; confirming is refused
        assert 'data-testid="row-errors"' in html
        job = ImportJob.objects.get()
        html = client.post(reverse("records:import_job_commit", args=[job.pk]), follow=True).content.decode()
        assert "Không có dòng nào để nhập" in html
    assert _without_audit(counts()) == _without_audit(before)


@pytest.mark.parametrize("case, kind, name, make, words, whole_file", CASES, ids=[c[0] for c in CASES])
def test_bad_input_through_the_api(rec, media, case, kind, name, make, words, whole_file):
    client = _client(rec.officer)
    before = counts()
    job = client.post(f"/api/records/imports/{kind}", {"file": SimpleUploadedFile(name, make(kind))}).json()
    if whole_file:
        assert job["status"] == "failed"
        text = " ".join(job["file_errors"])
    else:
        assert job["status"] == "checked" and not job["can_commit"]
        text = " ".join(f"Dòng {e['row']}, cột «{e['column']}»: {e['message']}" for e in job["errors"])
        refused = client.post(f"/api/records/imports/jobs/{job['id']}/commit")
        assert refused.status_code == 422
    for w in words:
        assert w in text, (case, w, text)
    assert _without_audit(counts()) == _without_audit(before)


def test_dates_as_text_and_excel_serial_numbers_are_read_right_through_the_page(rec, media):
    """«05/02/2024», «5-2-2024» and the Excel serial number 45327 are all 5 February 2024."""
    client = _client(rec.officer)
    rows = [ROW["khen-thuong"](award="Giấy khen", number=f"{n}/QĐ-UBND", date=date)
            for n, date in ((1, "05/02/2024"), (2, "5-2-2024"), (3, 45327))]
    client.post(reverse("records:import_upload", args=["khen-thuong"]),
                {"file": SimpleUploadedFile("gk.xlsx", book(HEADERS["khen-thuong"], rows))})
    job = ImportJob.objects.get()
    html = client.post(reverse("records:import_job_commit", args=[job.pk]), follow=True).content.decode()
    assert "Đã nhập 3 dòng khen thưởng" in html
    assert sorted(AwardRecord.objects.values_list("decision_number", "decision_date")) == [
        (f"{n}/QĐ-UBND", dt.date(2024, 2, 5)) for n in (1, 2, 3)]


def test_fifty_megabytes_refused_by_the_api(rec, media):
    client = _client(rec.officer)
    before = counts()
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    r = client.post("/api/records/imports/xep-loai", {"file": big})
    assert r.status_code == 422 and "Tệp quá lớn (50,0 MB)" in r.json()["detail"][0]["message"]
    assert not ImportJob.objects.exists() and counts() == before
