"""Map domain errors to API responses with Vietnamese messages naming the field."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError

from .exceptions import DomainValidationError, PermissionRefused
from .middleware import refusal_response


def install_error_handlers(api) -> None:
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
