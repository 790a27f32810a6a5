"""Deny by default: every resolved route must be declared in config/permission_map.py."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.permission_map import ADMIN_SITE, LOGIN, NAMESPACE_RULES, PERMISSION_MAP, PUBLIC

from .access import has_perm_anywhere
from .api_auth import token_user as user_from_token_or_refusal

logger = logging.getLogger(__name__)


def route_name(resolver_match) -> str:
    return resolver_match.view_name


def rule_for(name: str):
    if name in PERMISSION_MAP:
        return PERMISSION_MAP[name]
    namespace = name.split(":", 1)[0] if ":" in name else ""
    return NAMESPACE_RULES.get(namespace)


class PermissionMapMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def _refuse(self, request, status: int, message: str, is_api: bool):
        if is_api:
            return JsonResponse({"detail": message}, status=status)
        return render(request, "core/refused.html", {"message": message}, status=status)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        name = route_name(match)
        is_api = name.startswith("api:")
        if is_api and not request.user.is_authenticated:
            token_user, refusal = user_from_token_or_refusal(request)
            if refusal is not None:
                return JsonResponse({"detail": refusal}, status=401)
            if token_user is not None:
                request.user = token_user
                # Token calls carry no session cookie, so CSRF does not apply to them.
                request._dont_enforce_csrf_checks = True
                request.auth_via_token = True
        rule = rule_for(name)
        if rule is None:
            logger.error("Route %s is not in the permission map", name)
            return self._refuse(request, 403, _("Trang này chưa được khai báo quyền truy cập."), is_api)
        if rule in (PUBLIC, ADMIN_SITE):
            return None
        if not request.user.is_authenticated:
            if is_api:
                return JsonResponse({"detail": _("Bạn cần đăng nhập hoặc gửi mã truy cập API.")}, status=401)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if rule == LOGIN:
            return None
        perm = rule.get(request.method)
        if perm is None:
            if request.method in ("HEAD", "OPTIONS") and "GET" in rule:
                perm = rule["GET"]
            else:
                return HttpResponseNotAllowed(list(rule))
        perms = perm if isinstance(perm, tuple) else (perm,)
        if not any(has_perm_anywhere(request.user, p) for p in perms):
            return self._refuse(request, 403, _("Vai trò của bạn không được phép thực hiện thao tác này."), is_api)
        return None
