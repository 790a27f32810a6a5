"""Idle sessions end (TDKT_SESSION_IDLE_MINUTES, default 30; docs/security.md).

Django's session cookie lasts SESSION_COOKIE_AGE from the session's last save. This middleware saves
the session again when the user is active, at most once a minute (so reading pages does not write the
session row on every request), and signs out a session whose last activity is older than the limit even
if a browser kept the cookie. An API call with a token has no session and is untouched."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

LAST_SEEN = "tdkt_last_seen"
REFRESH_AFTER = 60  # seconds: how stale the stored activity may get before it is written again


def stamp_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    """Signing in is activity: the session saved at sign-in carries it, so the first page after it
    does not write the session again (connected in AccountsConfig.ready; session bookkeeping, not
    domain behaviour)."""
    if hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not getattr(request, "auth_via_token", False):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            idle_limit = settings.SESSION_IDLE_MINUTES * 60
            if last_seen is not None and now - int(last_seen) > idle_limit:
                logout(request)
                message = _("Phiên làm việc đã hết hạn sau %(minutes)d phút không thao tác; hãy đăng nhập lại.") % {
                    "minutes": settings.SESSION_IDLE_MINUTES}
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": message}, status=401)
                messages.info(request, message)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if last_seen is None or now - int(last_seen) >= REFRESH_AFTER:
                request.session[LAST_SEEN] = now  # saving the session renews its cookie's age too
        return self.get_response(request)
