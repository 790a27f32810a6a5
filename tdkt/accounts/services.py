"""Writes for accounts: API tokens and memberships, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tdkt.audit.services import audit_record

from .models import ApiToken


def api_token_issue(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """Issue a token; the raw key is returned once and never stored."""
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(raw), prefix=raw[5:13])
        audit_record(actor=actor, event_type="api_token.issued", target=token, data={"user": user.pk, "name": name})
    return token, raw


def api_token_revoke(*, actor, token: ApiToken, reason: str = "") -> ApiToken:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, event_type="api_token.revoked", target=token, reason=reason)
    return token
