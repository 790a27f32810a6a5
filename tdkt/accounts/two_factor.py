"""The TOTP second factor (django-otp; docs/security.md, "Second factor").

Any signed-in account may turn it on (`/tai-khoan/hai-lop/bat/`: scan the QR code with an authenticator
app, type one code); from then on, after the password, the account gives a code
(`/tai-khoan/hai-lop/ma/`) before any other page. With TDKT_REQUIRE_2FA_ADMINS=1 an administrator (a
superuser, or an "admin" role) must turn it on before using anything else. API calls with a token are
not concerned: the token is the whole credential (it expires and can be revoked)."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.core.qr import qr_svg_data_uri

from .choices import Role

# Pages an account that still owes its code (or its setup) may open.
OPEN_ROUTES = {"accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout", "set_language"}


def is_administrator(user) -> bool:
    return bool(user.is_superuser or user.memberships.filter(role=Role.ADMIN).exists())


def _code(request: HttpRequest) -> str:
    return "".join(ch for ch in request.POST.get("code", "") if ch.isdigit())


def setup(request: HttpRequest) -> HttpResponse:
    from .services import two_factor_confirm

    user = request.user
    if user_has_device(user):
        messages.info(request, _("Tài khoản đã bật xác thực hai lớp."))
        return redirect("core:home")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TĐKT", confirmed=False)
    error = ""
    if request.method == "POST":
        if device.verify_token(_code(request)):
            two_factor_confirm(actor=user, device=device)
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp: từ nay đăng nhập cần thêm mã trên ứng dụng."))
            return redirect("core:home")
        error = _("Mã chưa đúng: nhập 6 chữ số đang hiện trên ứng dụng xác thực (mã đổi sau mỗi 30 giây).")
    return render(request, "accounts/two_factor_setup.html", {
        "qr": qr_svg_data_uri(device.config_url), "secret": b32encode(device.bin_key).decode(), "error": error,
        "required": settings.REQUIRE_2FA_ADMINS and is_administrator(user),
    }, status=200 if not error else 422)


def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    error = ""
    if request.method == "POST":
        device = match_token(user, _code(request))
        if device is not None:
            otp_login(request, device)
            return redirect(next_url or reverse("core:home"))
        error = _("Mã xác thực không đúng hoặc đã hết hạn; nhập mã đang hiện trên ứng dụng.")
    return render(request, "accounts/two_factor_verify.html", {"error": error, "next": next_url},
                  status=200 if not error else 422)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = getattr(request, "user", None)
        match = request.resolver_match
        if (user is None or not user.is_authenticated or getattr(request, "auth_via_token", False)
                or match is None or match.view_name in OPEN_ROUTES or request.path.startswith(settings.STATIC_URL)):
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is None or is_verified():
            return None
        is_api = match.view_name.startswith("api:")
        if user_has_device(user):
            if is_api:
                return JsonResponse({"detail": _("Hãy nhập mã xác thực hai lớp trên trang web trước.")}, status=401)
            return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
        if settings.REQUIRE_2FA_ADMINS and is_administrator(user):
            if is_api:
                return JsonResponse({"detail": _("Quản trị hệ thống cần bật xác thực hai lớp trước.")}, status=401)
            return redirect("accounts:two_factor_setup")
        return None
