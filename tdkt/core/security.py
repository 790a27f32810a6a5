"""The Content-Security-Policy header (settings.CONTENT_SECURITY_POLICY; docs/security.md).

Scripts come only from our own origin (static files: htmx from django-htmx, tdkt/static/tdkt/*.js), so
an injected ``<script>`` or ``onclick=`` does not run; no template carries inline JavaScript
(tdkt/core/tests/test_security_headers.py reads them all). Styles may be inline: the pages' ``style=``
attributes and htmx's indicator style are presentation, not code."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy:
            header = ("Content-Security-Policy-Report-Only" if getattr(settings, "CSP_REPORT_ONLY", False)
                      else "Content-Security-Policy")
            response.headers.setdefault(header, policy)
        return response
