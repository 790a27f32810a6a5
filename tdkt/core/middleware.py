"""A service's permission refusal reaches the user as a 403, with its Vietnamese message.

Services authorise (``tdkt.accounts.access.require`` raises :class:`PermissionRefused`); views let
the refusal go, and this middleware answers it: the 403 page (``templates/403.html``, rendered by
Django's ``handler403`` exactly as a ``PermissionDenied`` is) for pages, ``{"detail": message}``
for the API. The API's own handler (``tdkt.core.api_errors``) calls :func:`refusal_response` too,
so there is one answer whichever layer catches the refusal first.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import JsonResponse

from .exceptions import PermissionRefused


def is_api(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name.startswith("api:")
    return request.path.startswith("/api/")


def refusal_response(request, exc: PermissionRefused):
    if is_api(request):
        return JsonResponse({"detail": exc.message}, status=403)
    # The same path Django takes for PermissionDenied: its log line, handler403, templates/403.html.
    return response_for_exception(request, PermissionDenied(exc.message))


class PermissionRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionRefused):
            return refusal_response(request, exception)
        return None
