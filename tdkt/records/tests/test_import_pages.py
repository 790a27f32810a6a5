import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.audit.models import AuditEvent
from tdkt.records import services
from tdkt.records.models import AwardRecord, ImportJob

from .helpers import an_row, counts, xlsx

UPLOAD = reverse("records:import_upload", args=["khen-thuong"])


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _upload(client, data: bytes, name="khen-thuong.xlsx", follow=True):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)}, follow=follow)


def _job() -> ImportJob | None:
    return ImportJob.objects.order_by("-id").first()


def test_upload_preview_confirm(rec, media):
    client = _client(rec.officer)
    assert client.get(UPLOAD).status_code == 200
    before = counts()
    response = _upload(client, xlsx([an_row(), an_row(award="CSTĐCS", number="126/QĐ-GDĐT")]))
    html = response.content.decode()
    assert response.redirect_chain[0][0] == reverse("records:import_job", args=[_job().pk])
    assert 'data-testid="preview-rows"' in html and "Xác nhận nhập 2 dòng" in html
    after = counts()  # a preview writes no record, only its audit row
    assert after.pop("AuditEvent") == before.pop("AuditEvent") + 1 and after == before
    assert AuditEvent.objects.get(event_type="records.import_checked").data["new_rows"] == 2
    job = _job()
    response = client.post(reverse("records:import_job_commit", args=[job.pk]))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Đã nhập 2 dòng khen thưởng từ «khen-thuong.xlsx»" in html
    assert AwardRecord.objects.filter(person=rec.an, source="import").count() == 2
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and bytes(job.data) == b""  # the file is not kept once imported
    # confirming the same job again does nothing
    html = client.post(reverse("records:import_job_commit", args=[job.pk]), follow=True).content.decode()
    assert "Tệp này đã được nhập" in html
    assert AwardRecord.objects.count() == 2


def test_preview_lists_errors_by_row_and_column(rec, media):
    html = _upload(_client(rec.officer), xlsx([an_row(), an_row(born="32/13/1985")])).content.decode()
    assert 'data-testid="row-errors"' in html
    assert "Dòng 3, cột «Ngày sinh»: Ngày không hợp lệ: &#x27;32/13/1985&#x27;" in html
    assert 'data-testid="confirm-form"' not in html
    assert bytes(_job().data) == b""  # nothing can be written from it, so it is not kept


def test_bad_file_refused_on_the_form(rec, media):
    before = counts()
    response = _upload(_client(rec.officer), b"not a workbook", name="ds.csv")
    html = response.content.decode()
    assert not response.redirect_chain
    assert 'data-testid="file-errors"' in html and "không phải là bảng tính Excel .xlsx («ds.csv»)" in html
    assert counts() == before


def test_confirm_validates_again(rec, media):
    client = _client(rec.officer)
    _upload(client, xlsx([an_row()]))
    job = _job()
    # meanwhile someone records the same title under another decision
    services.award_record_add(actor=rec.officer, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2023], decision_number="130/QĐ-GDĐT",
                              decision_date=dt.date(2024, 6, 1))
    before = counts()
    html = client.post(reverse("records:import_job_commit", args=[job.pk]), follow=True).content.decode()
    assert "Tệp còn 1 dòng lỗi" in html and "theo Quyết định số 130/QĐ-GDĐT" in html
    assert 'data-testid="confirm-form"' not in html
    assert counts() == before


def test_another_users_job_is_refused(rec, media):
    _upload(_client(rec.officer), xlsx([an_row()]))
    job = _job()
    other = _client(rec.w.users.office_officer)
    assert other.get(reverse("records:import_job", args=[job.pk])).status_code == 404
    assert other.post(reverse("records:import_job_commit", args=[job.pk])).status_code == 404
    assert not AwardRecord.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED


def test_template_download(rec):
    response = _client(rec.officer).get(reverse("records:import_template", args=["khen-thuong"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "mau-nhap-khen-thuong.xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Họ và tên" and ws["E1"].value == "Danh hiệu/Hình thức"


def test_unknown_kind_is_404(rec):
    assert _client(rec.officer).get(reverse("records:import_upload", args=["khong-co"])).status_code == 404
