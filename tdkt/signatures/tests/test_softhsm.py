"""Signing with a PKCS#11 token (the USB tokens Vietnamese CAs issue), for real: a SoftHSM2 token made in a
temporary directory by the fixture, the key and certificate put on it, pyHanko signing through it."""

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from weasyprint import HTML

from tdkt.signatures import keys, pades

MODULE_PATHS = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
PIN, LABEL, TOKEN = "246810", "nguoi-ky", "tdkt-test"


def _module() -> str | None:
    return next((p for p in MODULE_PATHS if Path(p).exists()), None)


@pytest.fixture
def token(tmp_path, monkeypatch):
    module = _module()
    if module is None or shutil.which("softhsm2-util") is None:
        if os.environ.get("TDKT_REQUIRE_SOFTHSM") == "1":
            pytest.fail("TDKT_REQUIRE_SOFTHSM=1 but SoftHSM2 is not installed (apt-get install softhsm2)")
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2); TDKT_REQUIRE_SOFTHSM=1 makes this fail")
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "135790"],
                   check=True, capture_output=True)
    issued = keys.issue_p12(common_name="Người ký bằng token", organisation="UBND phường Sài Gòn",
                            filename="token.p12", directory=tmp_path)
    key, cert, _ = pkcs12.load_key_and_certificates(issued.path.read_bytes(), None)
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    subprocess.run(["softhsm2-util", "--import", str(pem), "--token", TOKEN, "--label", LABEL, "--id", "01",
                    "--pin", PIN], check=True, capture_output=True)
    pem.unlink()  # the key now lives only on the token
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    lib = pkcs11.lib(module)
    with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                               Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER), Attribute.LABEL: LABEL,
                               Attribute.ID: b"\x01", Attribute.TOKEN: True,
                               Attribute.SUBJECT: cert.subject.public_bytes(),
                               Attribute.ISSUER: cert.issuer.public_bytes()})
    monkeypatch.setenv("TDKT_TEST_TOKEN_PIN", PIN)
    return SimpleNamespace(key=SimpleNamespace(p12_path="", pkcs11_module=module, pkcs11_token=TOKEN, key_label=LABEL,
                                               secret_env="TDKT_TEST_TOKEN_PIN", image=None),
                           ca=tmp_path / "demo-ca.pem")


def test_a_pdf_signed_through_a_softhsm2_token_verifies(token):
    pdf = HTML(string="<h1>QUYẾT ĐỊNH</h1><p>Người ký bằng token</p>").write_pdf()
    signed = pades.sign_pdf(pdf, token.key, None, org_name="UBND phường Sài Gòn", signer_name="Người ký bằng token")
    [report] = pades.verify_pdf(signed, [token.ca])
    assert report.intact and report.trusted and not report.modified, report.problems
    assert "Người ký bằng token" in report.signer_subject
