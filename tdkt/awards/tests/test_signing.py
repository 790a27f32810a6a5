"""Ký số of an issued decision (tdkt/signatures): who may, what is kept, that it locks, and what the
verification page shows."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.awards.services import DECISION_DOCUMENT, decision_sign
from tdkt.awards.tests.access_cases import fx
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.signatures import keys
from tdkt.signatures.management.commands.signing import ensure_demo_keys
from tdkt.signatures.models import SignedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.TDKT_SIGNING_TRUST_ROOTS = [str(tmp_path / "signing" / "demo" / "demo-ca.pem")]
    ensure_demo_keys([world.users.admin.username])
    return world


def test_the_decider_signs_the_decision_and_the_signed_file_verifies(w):
    d = fx(w).d
    doc = decision_sign(actor=w.users.admin, decision=d)
    assert doc.sha256 == hashlib.sha256(bytes(doc.content)).hexdigest()
    assert doc.time_source == "server" and doc.signer == w.users.admin
    assert AuditEvent.objects.filter(event_type="signatures.sign").count() == 1
    client = Client()
    client.force_login(w.users.admin)
    page = client.get(reverse("awards:decision_verify", args=[d.pk])).content.decode()
    assert "Nguyên vẹn" in page and "Chứng thư được tin cậy" in page
    assert keys.DEMO_CA_NAME in page and "Đồng hồ của máy chủ TĐKT" in page
    pdf = client.get(reverse("awards:decision_signed_pdf", args=[d.pk]))
    assert pdf.status_code == 200 and pdf.content == bytes(doc.content)
    assert "Đã ký số" in client.get(reverse("awards:decision_detail", args=[d.pk])).content.decode()


def test_signing_locks_the_decision(w):
    d = fx(w).d
    first = decision_sign(actor=w.users.admin, decision=d)
    with pytest.raises(DomainValidationError, match="đã được ký số"):
        decision_sign(actor=w.users.admin, decision=d)
    assert list(SignedDocument.objects.values_list("pk", "sha256")) == [(first.pk, first.sha256)]


def test_one_without_the_right_to_decide_cannot_sign(w):
    d = fx(w).d
    ensure_demo_keys([w.users.head_a.username])
    with pytest.raises(PermissionRefused):
        decision_sign(actor=w.users.head_a, decision=d)
    assert not SignedDocument.objects.exists()


def test_without_a_key_the_decider_is_told_what_to_do_and_nothing_is_kept(w):
    d = fx(w).d
    w.users.admin.signing_keys.update(active=False)
    client = Client()
    client.force_login(w.users.admin)
    response = client.post(reverse("awards:decision_sign", args=[d.pk]), follow=True)
    assert "chưa có khóa ký số" in response.content.decode()
    assert not SignedDocument.objects.filter(kind=DECISION_DOCUMENT).exists()
    assert not AuditEvent.objects.filter(event_type="signatures.sign").exists()


def test_the_proposal_page_shows_each_dossier_pdfs_signature(w):
    from tdkt.awards.choices import DocKind
    from tdkt.awards.models import DossierFile

    a = fx(w).a
    doc = decision_sign(actor=w.users.admin, decision=fx(w).d)
    signed = bytes(doc.content)
    altered = bytearray(signed)
    altered[altered.index(b"\n%") + 2] ^= 0x01
    for name, content in (("da-ky.pdf", signed), ("bi-sua.pdf", bytes(altered))):
        DossierFile.objects.create(proposal=a, doc_kind=DocKind.TO_TRINH, filename=name, file_format="pdf",
                                   size=len(content), content=content)
    client = Client()
    client.force_login(w.users.officer_a)
    page = client.get(reverse("awards:proposal_detail", args=[a.pk])).content.decode()
    rows = {line.split("download>")[1].split("<")[0]: line for line in page.split("<li>") if "download>" in line}
    assert "Đã ký số, nguyên vẹn" in rows["da-ky.pdf"] and keys.DEMO_MARK in rows["da-ky.pdf"]
    assert "Đã bị thay đổi sau khi ký" in rows["bi-sua.pdf"]
    assert "Chưa ký số" in rows["a.pdf"]
