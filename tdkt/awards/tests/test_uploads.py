import pytest

from tdkt.awards import services
from tdkt.core.exceptions import DomainValidationError

from .conftest import PDF, make_docx


def _up(aw, name, content):
    return services.dossier_upload(actor=aw.w.users.officer_a, proposal=aw.proposal, doc_kind="khac",
                                   filename=name, content=content)


def test_real_pdf_and_docx_accepted(aw):
    assert _up(aw, "a.pdf", PDF).file_format == "pdf"
    assert _up(aw, "b.docx", make_docx()).file_format == "docx"


@pytest.mark.parametrize("name,content,message", [
    ("a.pdf", b"MZ\x90\x00 not a pdf", "«Tệp hồ sơ»: tệp «a.pdf» không phải tệp PDF hợp lệ"),
    ("a.docx", PDF, "không phải tệp Word"),
    ("a.xlsx", make_docx(), "không phải tệp Excel"),
    ("a.exe", PDF, "chỉ nhận tệp"),
    ("a.pdf", b"", "rỗng"),
])
def test_bad_content_refused(aw, name, content, message):
    count = aw.proposal.files.count()
    with pytest.raises(DomainValidationError, match=message):
        _up(aw, name, content)
    assert aw.proposal.files.count() == count


def test_too_large_refused(aw, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD", 10)
    with pytest.raises(DomainValidationError, match="quá lớn"):
        _up(aw, "a.pdf", PDF + b"x" * 20)


SCRIPT_PDF = b"%PDF-1.4\n<script>fetch('/api/').then(r => r.text())</script>\n%%EOF\n"


def _pdf_with_open_action() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docm_renamed() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx())) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            dst.writestr(info, data)
        dst.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buf.getvalue()


@pytest.mark.parametrize("name,content,why", [
    ("to-trinh.pdf", SCRIPT_PDF, "không đọc được cấu trúc PDF"),
    ("to-trinh.pdf", _pdf_with_open_action(), "mã chạy tự động"),
    ("bao-cao.docx", _docm_renamed(), "macro"),
])
def test_pdf_and_office_files_are_parsed_not_sniffed(aw, name, content, why):
    # A file that only starts like a PDF (then carries a script), a real PDF that runs JavaScript when
    # opened, and a macro workbook renamed .docx are refused on the field, naming it, and nothing is saved.
    count, version = aw.proposal.files.count(), aw.proposal.version
    with pytest.raises(DomainValidationError) as info:
        _up(aw, name, content)
    message = info.value.message_dict["file"][0]
    assert message.startswith(f"«Tệp hồ sơ»: tệp «{name}» không phải tệp") and why in message
    aw.proposal.refresh_from_db()
    assert (aw.proposal.files.count(), aw.proposal.version) == (count, version)


def test_the_page_names_the_field_when_a_fake_pdf_is_refused(aw, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(aw.w.users.officer_a)
    response = client.post(reverse("awards:dossier_upload", args=[aw.proposal.pk]), {
        "doc_kind": "khac", "version": aw.proposal.version,
        "file": SimpleUploadedFile("to-trinh.pdf", SCRIPT_PDF, content_type="application/pdf")}, follow=True)
    assert "«Tệp hồ sơ»: tệp «to-trinh.pdf» không phải tệp PDF hợp lệ" in response.content.decode()
    assert not aw.proposal.files.filter(filename="to-trinh.pdf").exists()
