"""Sign-in throttling with django-axes (settings: AXES_*, TDKT_LOGIN_FAILURE_LIMIT,
TDKT_LOGIN_COOLOFF_MINUTES, TDKT_PROXY_COUNT; docs/security.md).

Axes counts the failures per account and per address and refuses a locked sign-in before the
password is even checked; this module says so in Vietnamese, with the time to try again, on the login
page (or as JSON under /api/), and finds the client's address behind our reverse proxy."""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' backend, except for ``authenticate()`` called without a request: that is code signing in
    (the test client, a shell), not a sign-in form, and there is no address to count."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per lockout parameter: TDKT_LOGIN_FAILURE_LIMIT wrong
    passwords for one account, TDKT_LOGIN_ADDRESS_FAILURE_LIMIT from one address (higher: a school's
    staff often share one public address, and five typos among them must not lock the whole school).

    Axes compares one count with one limit (AXES_FAILURE_LIMIT, the account's); the address's failures
    are scaled to it, so the address is locked when its own limit is reached."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        limits = {"username": settings.AXES_FAILURE_LIMIT, "ip_address": settings.LOGIN_ADDRESS_FAILURE_LIMIT}
        counts = [0]
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS, in its order.
        for parameter, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, self.get_user_attempts(request, credentials),
                                       strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = limits.get(parameter, settings.AXES_FAILURE_LIMIT)
            counts.append(failures * settings.AXES_FAILURE_LIMIT // max(limit, 1))
        return max(counts)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TDKT_PROXY_COUNT proxies the address the nearest
    proxy was given (X-Forwarded-For, read from the right, since a client can write anything on its left)."""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_message() -> tuple[str, int]:
    """The Vietnamese refusal and the seconds to wait. Each try during the lock starts the wait again
    (axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the wait runs from now."""
    cool_off = settings.AXES_COOLOFF_TIME
    seconds = int(cool_off.total_seconds())
    retry_at = timezone.localtime(timezone.now() + cool_off)
    message = _(
        "Đăng nhập sai quá %(limit)d lần nên tài khoản này (hoặc máy này) tạm bị khoá đăng nhập. "
        "Hãy thử lại sau %(time)s (khoảng %(minutes)d phút nữa); nếu quên mật khẩu, dùng «Quên mật khẩu?»."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "time": f"{retry_at:%H:%M} {retry_at:%d/%m/%Y}",
         "minutes": math.ceil(seconds / 60)}
    return message, seconds


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    message, seconds = lockout_message()
    response: HttpResponse
    if request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = JsonResponse({"detail": message}, status=429)
    else:
        from .forms import LoginForm

        form = LoginForm(request, data=request.POST or None)
        response = render(request, "accounts/login.html",
                          {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
                          status=429)
    response["Retry-After"] = str(seconds)
    return response
