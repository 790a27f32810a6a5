"""PAdES signing with PKCS#12 keys from a demo CA, verified by pyHanko and by poppler's pdfsig."""

import shutil
import subprocess
from types import SimpleNamespace

import pytest
from weasyprint import HTML

from tdkt.signatures import keys, pades

SIGNER = "Nguyễn Văn Chủ"


@pytest.fixture(scope="module")
def material(tmp_path_factory):
    d = tmp_path_factory.mktemp("keys")
    signer = keys.issue_p12(common_name=SIGNER, organisation="UBND phường Sài Gòn", filename="s.p12", directory=d)
    org = keys.issue_p12(common_name="UBND phường Sài Gòn", organisation="UBND phường Sài Gòn", filename="o.p12",
                         directory=d)
    pdf = HTML(string=f"<h1>QUYẾT ĐỊNH</h1><p>Về việc khen thưởng</p><p style='margin-top:300px'>CHỦ TỊCH</p>"
                      f"<p style='margin-top:60px'>{SIGNER}</p>").write_pdf()
    as_key = lambda issued: SimpleNamespace(p12_path=str(issued.path), secret_env="", image=None)  # noqa: E731
    signed = pades.sign_pdf(pdf, as_key(signer), as_key(org), org_name="UBND phường Sài Gòn", signer_name=SIGNER)
    return SimpleNamespace(dir=d, ca=d / "demo-ca.pem", pdf=pdf, signed=signed, signer=signer)


def test_both_signatures_are_valid_intact_and_trusted_by_the_demo_ca(material):
    reports = pades.verify_pdf(material.signed, [material.ca])
    assert [r.field for r in reports] == [pades.SIGNER_FIELD, pades.ORG_FIELD]
    for r in reports:
        assert r.intact and r.trusted and not r.modified, r.problems
        assert keys.DEMO_CA_NAME in r.issuer
        assert r.signing_time is not None and not r.time_from_tsa
    assert SIGNER in reports[0].signer_subject and keys.DEMO_MARK in reports[0].signer_subject


def test_the_signature_sits_above_the_signers_name(material):
    place = pades.find_placement(material.pdf, SIGNER)
    fallback = pades.find_placement(material.pdf, "Không có tên này")
    assert place.signer_box != fallback.signer_box
    # the seal covers the left third of the signer's signature
    assert place.seal_box[0] < place.signer_box[0] < place.seal_box[2] < place.signer_box[2]


def test_without_the_ca_among_the_roots_it_is_intact_but_not_trusted(material):
    reports = pades.verify_pdf(material.signed, [])
    assert reports and all(r.intact and not r.trusted and not r.modified for r in reports)


def test_an_unsigned_pdf_has_no_signature(material):
    assert pades.verify_pdf(material.pdf, [material.ca]) == []


def test_bytes_appended_after_signing_are_reported_as_modified(material):
    reports = pades.verify_pdf(material.signed + "\n% thêm vào sau khi ký\n".encode(), [material.ca])
    assert reports[-1].modified


def test_a_changed_byte_inside_the_signed_range_breaks_the_signature(material):
    data = bytearray(material.signed)
    # The binary comment on the header's second line: inside every signature's byte range, and the
    # file still parses, so it is the signature check (not the reader) that must notice.
    at = data.index(b"\n%") + 2
    data[at] ^= 0x01
    reports = pades.verify_pdf(bytes(data), [material.ca])
    assert len(reports) == 2
    assert all(r.modified and not r.intact for r in reports)


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) is not installed")
def test_pdfsig_sees_both_signatures(material, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(material.signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature #") == 2, out
    assert SIGNER in out and "Signature is Valid" in out, out
    assert "ETSI.CAdES.detached" in out, out
