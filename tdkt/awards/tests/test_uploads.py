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
    ("a.pdf", b"MZ\x90\x00 not a pdf", "không phải PDF"),
    ("a.docx", PDF, "không phải Word"),
    ("a.xlsx", make_docx(), "không phải Excel"),
    ("a.exe", PDF, "Chỉ nhận tệp"),
    ("a.pdf", b"", "Tệp rỗng"),
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
