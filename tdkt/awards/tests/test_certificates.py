"""Certificate PDF: one page per award, the name, and a QR pointing to the public verification page."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import documents, services
from tdkt.documents.tests.helpers import need_tool

from .conftest import accepted


@pytest.fixture
def decision(aw, council_passes):
    accepted(aw)
    return services.decision_issue(actor=None, issuer=aw.w.phong, items=list(aw.proposal.items.all()),
                                   decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                   signer_title="Trưởng phòng", number=123)


def test_pages_carry_name_and_verification_url(decision):
    item = decision.items.get()
    url = f"https://tdkt.example/khen-thuong/xac-minh/{item.public_code}/"
    pages = documents.certificate_pages([item], lambda i: url)
    assert pages[0]["name"] == "Nguyễn Văn An" and pages[0]["url"] == url
    assert "123/QĐ-GDĐT" in pages[0]["decision"]
    assert pages[0]["qr"].startswith("data:image/png;base64,")
    pdf = documents.certificates_pdf(pages)
    assert pdf.startswith(b"%PDF-")
    try:
        from pypdf import PdfReader
    except ImportError:
        return
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Nguyễn Văn An" in text and str(item.public_code) in text.replace("\n", "")


def test_qr_encodes_the_url(decision, tmp_path):
    """No QR decoder is installed: the picture in the PDF (pdfimages) must be, module for module, the QR of
    the award's verification URL, and not the QR of another award's URL."""
    import subprocess

    from PIL import Image, ImageChops

    client = Client()
    client.force_login(decision.created_by or _office(decision))
    response = client.get(reverse("awards:certificates_pdf", args=[decision.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    (tmp_path / "gk.pdf").write_bytes(response.content)
    subprocess.run([need_tool("pdfimages", "poppler-utils"), "-png", str(tmp_path / "gk.pdf"), str(tmp_path / "img")], check=True)
    [png] = sorted(tmp_path.glob("img-*.png"))
    printed = Image.open(png).convert("L")
    item = decision.items.get()

    def same(url):
        ref = documents.qr_image(url).get_image().convert("L")
        return ref.size == printed.size and ImageChops.difference(ref, printed).getbbox() is None

    assert same(f"http://testserver/khen-thuong/xac-minh/{item.public_code}/")
    assert not same("http://testserver/khen-thuong/xac-minh/00000000-0000-0000-0000-000000000000/")


def _office(decision):
    from tdkt.accounts.models import User

    return User.objects.get(username="office_officer")
