"""Signing an issued document and keeping the signed file (issue 20)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError

from . import pades
from .models import KeyKind, SignedDocument, SigningKey


def trust_roots() -> list[Path]:
    return [Path(p) for p in settings.TDKT_SIGNING_TRUST_ROOTS]


def signer_key_for(user) -> SigningKey | None:
    return SigningKey.objects.filter(user=user, kind=KeyKind.SIGNER, active=True).order_by("-id").first()


def org_key_for(unit) -> SigningKey | None:
    return SigningKey.objects.filter(unit=unit, kind=KeyKind.ORGANISATION, active=True).order_by("-id").first()


def signed_document(kind: str, object_id: int) -> SignedDocument | None:
    return SignedDocument.objects.filter(kind=kind, object_id=object_id).first()


def sign_document(*, actor, kind: str, object_id: int, unit, title: str, pdf_bytes: bytes,
                  signer_name: str = "") -> SignedDocument:
    """Sign ``pdf_bytes`` with the actor's key and the unit's organisation key and keep it. The caller
    (the app that issued the document) has checked that the actor has the right to sign it. Signing
    locks the document: a second signature is refused, whatever the file; a correction is a new document."""
    if signed_document(kind, object_id) is not None:
        raise DomainValidationError(_("Văn bản này đã được ký số; không ký lại. Muốn sửa, ban hành văn bản mới thay thế."))
    key = signer_key_for(actor)
    if key is None:
        raise DomainValidationError(_("Tài khoản của bạn chưa có khóa ký số (tệp PKCS#12 hoặc token). "
                                "Nhờ quản trị cấu hình khóa ký số trước khi ký."))
    now = timezone.now()
    if not (key.valid_from <= now <= key.valid_to):
        raise DomainValidationError(_("Chứng thư số của bạn đã hết hạn hoặc chưa có hiệu lực; không ký được."))
    org_key = org_key_for(unit)
    signed = pades.sign_pdf(pdf_bytes, key, org_key, org_name=unit.name, signer_name=signer_name,
                            tsa_url=settings.TDKT_SIGNING_TSA_URL, font=settings.TDKT_SIGNING_FONT, moment=now)
    try:
        with transaction.atomic():
            return _keep(actor=actor, kind=kind, object_id=object_id, unit=unit, title=title, signed=signed,
                         pdf_bytes=pdf_bytes, now=now, key=key, org_key=org_key)
    except IntegrityError:
        # Two signers at the same moment: the other was first, and the document is locked.
        raise DomainValidationError(_("Văn bản này vừa được người khác ký số; không ký lại.")) from None


def _keep(*, actor, kind, object_id, unit, title, signed, pdf_bytes, now, key, org_key) -> SignedDocument:
    doc = SignedDocument.objects.create(
        kind=kind, object_id=object_id, unit=unit, title=title, content=signed,
        sha256=hashlib.sha256(signed).hexdigest(), source_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        signed_at=now, time_source="tsa" if settings.TDKT_SIGNING_TSA_URL else "server",
        signer=actor, signer_key=key, org_key=org_key)
    audit_record(actor=actor, event_type="signatures.sign", target=doc, unit=unit,
                 after={"kind": kind, "object_id": object_id, "sha256": doc.sha256,
                        "signer_key": key.pk, "org_key": org_key.pk if org_key else None})
    return doc


def verify(pdf_bytes: bytes) -> list[pades.SignatureReport]:
    return pades.verify_pdf(pdf_bytes, trust_roots())


def signature_status(pdf_bytes: bytes) -> dict:
    """What a list shows next to a PDF: "unsigned", "valid" (intact, trusted), "untrusted" (intact, from
    a CA outside the trust roots) or "modified", with the signers' names."""
    reports = verify(pdf_bytes)
    if not reports:
        state = "unsigned"
    elif any(r.modified or not r.intact for r in reports):
        state = "modified"
    elif all(r.trusted for r in reports):
        state = "valid"
    else:
        state = "untrusted"
    return {"state": state, "signers": [r.signer_subject for r in reports if r.signer_subject]}
