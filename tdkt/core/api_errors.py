"""Map domain errors to API responses with Vietnamese messages naming the field, and any other error
to a JSON 500 (logged with a reference the user can quote), never Django's English HTML page."""

import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError

from .exceptions import DomainValidationError, PermissionRefused
from .middleware import refusal_response

logger = logging.getLogger("django.request")


def install_error_handlers(api) -> None:
    @api.exception_handler(Exception)
    def server_error(request, exc: Exception):
        if isinstance(exc, PermissionDenied):
            return api.create_response(request, {"detail": str(exc) or _("Bạn không có quyền thực hiện thao tác này.")},
                                       status=403)
        reference = uuid.uuid4().hex[:12]
        # django.request, as Django logs a page's 500: the same handlers (console, mail to the admins).
        logger.error("Internal Server Error: %s (reference %s)", request.path, reference, exc_info=exc,
                     extra={"status_code": 500, "request": request})
        return api.create_response(request, {
            "detail": _("Lỗi hệ thống: yêu cầu chưa thực hiện được. Hãy thử lại sau; nếu vẫn lỗi, báo quản trị "
                        "hệ thống kèm mã lỗi %(reference)s.") % {"reference": reference},
            "reference": reference,
        }, status=500)

    @api.exception_handler(DomainValidationError)
    def domain_error(request, exc: DomainValidationError):
        return api.create_response(request, {"detail": exc.as_list()}, status=422)

    # Ninja catches the refusal before the middleware would; both answer with the same response.
    api.add_exception_handler(PermissionRefused, refusal_response)

    @api.exception_handler(NinjaValidationError)
    def schema_error(request, exc: NinjaValidationError):
        details = []
        for err in exc.errors:
            loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path")]
            field = ".".join(loc) or "__all__"
            details.append({"field": field, "message": _("Giá trị của trường «%(field)s» không hợp lệ: %(error)s") % {
                "field": field, "error": err.get("msg", "")}})
        return api.create_response(request, {"detail": details}, status=422)
