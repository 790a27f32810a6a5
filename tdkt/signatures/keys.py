"""PKCS#12 keys: a demo certification authority and its certificates, and loading a key for pyHanko.

The demo CA exists so that the demo can sign and verify end to end. Its name says everywhere it shows
that it is a demo ("TĐKT DEMO CA – không dùng thật"): a verifier that trusts only the national roots
(STANDARDS_NOTES.md §3b) rejects it, as it should."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_CA_NAME = "TĐKT DEMO CA – không dùng thật"
DEMO_MARK = "DEMO – không dùng thật"


@dataclass(frozen=True)
class Issued:
    path: Path
    subject: str
    issuer: str
    valid_from: dt.datetime
    valid_to: dt.datetime


def demo_dir() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "signing" / "demo"


def _fit(text: str) -> str:
    """X.509 names hold at most 64 characters per attribute (RFC 5280 upper bounds)."""
    return text[:64]


def _name(common_name: str, organisation: str) -> x509.Name:
    # The demo mark in the organisational unit of every demo name: it shows wherever the name does.
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organisation)),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name)),
    ])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ensure_demo_ca(directory: Path | None = None) -> tuple[Path, x509.Certificate, rsa.RSAPrivateKey]:
    """The demo CA's certificate (PEM) and key, made once and kept: certificates issued earlier stay valid."""
    directory = directory or demo_dir()
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, bundle_path = directory / "demo-ca.pem", directory / "demo-ca.key"
    if not bundle_path.exists():
        key = _key()
        name = _name(DEMO_CA_NAME, DEMO_CA_NAME)
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                             key_encipherment=False, data_encipherment=False, key_agreement=False,
                                             key_cert_sign=True, crl_sign=True, encipher_only=False,
                                             decipher_only=False), critical=True)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(key, hashes.SHA256()))
        # Key and certificate in one file, put in place with link(): of two processes making the CA at
        # once (parallel test workers), one wins and the other reads the winner's.
        tmp = directory / f".demo-ca-{os.getpid()}-{secrets.token_hex(4)}"
        tmp.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()) + cert.public_bytes(serialization.Encoding.PEM))
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, bundle_path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    bundle = bundle_path.read_bytes()
    cert = x509.load_pem_x509_certificate(bundle[bundle.index(b"-----BEGIN CERTIFICATE-----"):])
    loaded = serialization.load_pem_private_key(bundle, password=None)
    assert isinstance(loaded, rsa.RSAPrivateKey)
    pem = cert.public_bytes(serialization.Encoding.PEM)
    if not cert_path.exists() or cert_path.read_bytes() != pem:
        tmp = directory / f".demo-ca-pem-{os.getpid()}-{secrets.token_hex(4)}"
        tmp.write_bytes(pem)
        os.replace(tmp, cert_path)
    return cert_path, cert, loaded


def issue_p12(*, common_name: str, organisation: str, filename: str, directory: Path | None = None,
              passphrase: bytes | None = None) -> Issued:
    """A signing certificate from the demo CA in a PKCS#12 file (key usage: digital signature and
    non-repudiation, which pyHanko's validator asks of a document signature)."""
    directory = directory or demo_dir()
    _, ca_cert, ca_key = ensure_demo_ca(directory)
    key = _key()
    now = dt.datetime.now(dt.UTC)
    valid_from, valid_to = now - dt.timedelta(days=1), now + dt.timedelta(days=1825)
    subject = _name(common_name, organisation)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(valid_from).not_valid_after(valid_to)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    # A file per certificate (the serial in its name): a key issued again never overwrites one in use.
    path = directory / f"{filename.removesuffix('.p12')}-{cert.serial_number:x}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert], encryption))
    os.chmod(path, 0o600)
    return Issued(path, subject.rfc4514_string(), ca_cert.subject.rfc4514_string(), valid_from, valid_to)
