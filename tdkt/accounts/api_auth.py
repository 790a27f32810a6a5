"""Token authentication for the API: ``Authorization: Bearer tdkt_…``.

A token past its ``expires_at`` or revoked is refused with its own message (the caller learns to ask
for a new token rather than to check the header); an unknown key is simply not a sign-in."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, User


def token_user(request: HttpRequest) -> tuple[User | None, str | None]:
    """(user, None) for a valid token, (None, refusal) for an expired or revoked one, (None, None) when
    the request carries no token or an unknown one."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None, None
    raw = header[len("Bearer "):].strip()
    if not raw:
        return None, None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(raw)).first()
    if token is None:
        return None, None
    now = timezone.now()
    if token.revoked_at is not None:
        return None, _("Mã truy cập API «%(prefix)s…» đã bị thu hồi ngày %(day)s; hãy xin cấp mã mới.") % {
            "prefix": token.prefix, "day": f"{timezone.localtime(token.revoked_at):%d/%m/%Y}"}
    if token.expires_at is not None and token.expires_at <= now:
        return None, _("Mã truy cập API «%(prefix)s…» đã hết hạn ngày %(day)s; hãy xin cấp mã mới.") % {
            "prefix": token.prefix, "day": f"{timezone.localtime(token.expires_at):%d/%m/%Y}"}
    if not token.user.is_active:
        return None, _("Tài khoản của mã truy cập này đã bị khoá.")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, None
