"""Launch documents are checked by their content and size."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.uploads import blank_pdf

from .. import services
from ..models import Campaign, CampaignDocument


def _docx() -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def test_pdf_and_docx_accepted(w):
    camp = services.campaign_create(
        actor=w.users.office_officer, unit=w.phong, name="Phong trào có văn bản", school_year=w.year,
        documents=[SimpleUploadedFile("ke-hoach.pdf", blank_pdf()),
                   SimpleUploadedFile("huong-dan.docx", _docx())])
    assert sorted(camp.documents.values_list("original_name", "file_kind")) == [
        ("huong-dan.docx", "docx"), ("ke-hoach.pdf", "pdf")]


@pytest.mark.parametrize("name,content,message", [
    ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "«Văn bản phát động»: tệp «gia-mao.pdf» không phải tệp PDF hợp lệ"),
    ("kich-ban.pdf", b"%PDF-1.4\n<script>alert(1)</script>\n", "«kich-ban.pdf» không phải tệp PDF hợp lệ"),
    ("bang-tinh.docx", _zip_without_document(), "«bang-tinh.docx» không phải tệp Word"),
    ("lon.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024), "tối đa là 10 MB"),
])
def test_bad_upload_refused_and_nothing_saved(w, name, content, message):
    before = (Campaign.objects.count(), CampaignDocument.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError, match=message):
        services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="Phong trào", school_year=w.year,
                                 documents=[SimpleUploadedFile(name, content)])
    assert (Campaign.objects.count(), CampaignDocument.objects.count(), AuditEvent.objects.count()) == before


def test_upload_refusal_shown_on_the_form(w, client):
    client.force_login(w.users.office_officer)
    response = client.post(reverse("campaigns:campaign_create"), {
        "unit": w.phong.pk, "name": "Phong trào", "kind": "thuong_xuyen", "school_year": w.year.pk,
        "document": SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n")})
    assert response.status_code == 200
    assert "«Văn bản phát động»: tệp «anh.pdf» không phải tệp PDF hợp lệ" in response.content.decode()
    assert not Campaign.objects.exists()


def test_document_download(w, client):
    camp = services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="P", school_year=w.year,
                                    documents=[SimpleUploadedFile("ke-hoach.pdf", blank_pdf())])
    doc = camp.documents.get()
    client.force_login(w.users.staff_a)
    response = client.get(reverse("campaigns:campaign_document", args=[camp.pk, doc.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
