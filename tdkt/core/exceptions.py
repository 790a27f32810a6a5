"""Domain errors raised by services and shown to users as Vietnamese messages."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class DomainValidationError(ValidationError):
    """Bad input for a service, keyed by the field the user must correct.

    Services raise it before writing anything, so a refusal never leaves a
    half-saved record behind.
    """

    def __init__(self, errors: Mapping[str, str | list[str]] | str, field: str | None = None):
        if isinstance(errors, str):
            errors = {field or "__all__": errors}
        super().__init__({k: v if isinstance(v, list) else [v] for k, v in errors.items()})

    def as_list(self) -> list[dict[str, str]]:
        """Flat ``[{field, message}]`` for the API."""
        return [
            {"field": field, "message": str(msg)}
            for field, messages in self.message_dict.items()
            for msg in messages
        ]


class PermissionRefused(Exception):
    """The actor's memberships do not allow this action on this unit."""

    def __init__(self, message: str | None = None):
        # Translated when raised, not at import, so the refusal speaks the user's language.
        message = message or _("Bạn không có quyền thực hiện thao tác này.")
        super().__init__(message)
        self.message = message


def validate_period(start, end, *, start_field: str = "start_date", end_field: str = "end_date") -> None:
    """Refuse a period whose end lies before its start (shared by every dated record)."""
    if start and end and end < start:
        raise DomainValidationError(
            {end_field: _("Ngày kết thúc (%(end)s) phải sau hoặc bằng ngày bắt đầu (%(start)s).") % {
                "end": f"{end:%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"}}
        )
