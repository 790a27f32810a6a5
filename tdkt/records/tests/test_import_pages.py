import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.audit.models import AuditEvent
from tdkt.records import services
from tdkt.records.models import AwardRecord

from .helpers import an_row, counts, xlsx


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _upload(client, data: bytes, name="khen-thuong.xlsx"):
    return client.post(reverse("records:import"), {"file": SimpleUploadedFile(name, data)})


def _token(html: str) -> str:
    marker = 'name="token" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def test_upload_preview_confirm(rec, media):
    client = _client(rec.officer)
    assert client.get(reverse("records:import")).status_code == 200
    before = counts()
    response = _upload(client, xlsx([an_row(), an_row(award="CSTĐCS", number="126/QĐ-GDĐT")]))
    html = response.content.decode()
    assert 'data-testid="preview-rows"' in html and "Xác nhận nhập 2 dòng" in html
    after = counts()  # a preview writes no record, only its audit row
    assert after.pop("AuditEvent") == before.pop("AuditEvent") + 1 and after == before
    assert AuditEvent.objects.get(event_type="records.import_checked").data["new_rows"] == 2
    token = _token(html)
    assert (media / "imports" / f"{token}.xlsx").exists()
    response = client.post(reverse("records:import_commit"), {"token": token})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Đã nhập 2 dòng khen thưởng từ «khen-thuong.xlsx»" in html
    assert AwardRecord.objects.filter(person=rec.an, source="import").count() == 2
    assert not (media / "imports" / f"{token}.xlsx").exists()
    # confirming the same token again does nothing
    client.post(reverse("records:import_commit"), {"token": token})
    assert AwardRecord.objects.count() == 2


def test_preview_lists_errors_by_row_and_column(rec, media):
    html = _upload(_client(rec.officer), xlsx([an_row(), an_row(born="32/13/1985")])).content.decode()
    assert 'data-testid="row-errors"' in html
    assert "Dòng 3, cột «Ngày sinh»: Ngày không hợp lệ: &#x27;32/13/1985&#x27;" in html
    assert 'data-testid="confirm-form"' not in html
    assert not list(media.glob("imports/*.xlsx"))


def test_bad_file_refused_on_the_form(rec, media):
    html = _upload(_client(rec.officer), b"not a workbook", name="ds.csv").content.decode()
    assert 'data-testid="file-errors"' in html and "không phải là bảng tính Excel .xlsx («ds.csv»)" in html


def test_confirm_validates_again(rec, media):
    client = _client(rec.officer)
    token = _token(_upload(client, xlsx([an_row()])).content.decode())
    # meanwhile someone records the same title under another decision
    services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2023], decision_number="130/QĐ-GDĐT",
                              decision_date=dt.date(2024, 6, 1))
    before = counts()
    html = client.post(reverse("records:import_commit"), {"token": token}).content.decode()
    assert "Tệp còn 1 dòng lỗi" in html and "theo Quyết định số 130/QĐ-GDĐT" in html
    assert counts() == before


def test_another_users_token_is_refused(rec, media):
    token = _token(_upload(_client(rec.officer), xlsx([an_row()])).content.decode())
    other = _client(rec.w.users.office_officer)
    response = other.post(reverse("records:import_commit"), {"token": token})
    assert response.status_code == 302
    assert "Không còn tệp đã tải lên" in other.get(response["Location"]).content.decode()
    assert not AwardRecord.objects.exists()
    assert other.post(reverse("records:import_commit"), {"token": "../../etc/passwd"}).status_code == 302


def test_template_download(rec):
    response = _client(rec.officer).get(reverse("records:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "mau-nhap-khen-thuong.xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Họ và tên" and ws["E1"].value == "Danh hiệu/Hình thức"
