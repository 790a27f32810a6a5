"""Helpers shared by page forms."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied

from .exceptions import DomainValidationError, PermissionRefused


def add_domain_errors(form: forms.Form, exc: DomainValidationError) -> None:
    """Show a service's refusal on the form, on the field it names when the form has it."""
    for field, field_messages in exc.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BootstrapFormMixin:
    """Bootstrap classes on every widget so templates stay simple."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)


def save_form(request, form: forms.Form, save):
    """The round trip every page form shares: on a valid POST call ``save()`` (a
    service, which returns what it saved); a refusal is shown on the form and nothing
    is saved. Returns the saved object, or None when the page must be shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except DomainValidationError as exc:
        add_domain_errors(form, exc)
        return None


def show_refusal(request, exc: DomainValidationError) -> None:
    """A service's refusal as messages on the page the user comes back to (no form to show it on)."""
    for message in exc.messages:
        messages.error(request, message)


def run_action(request, action, success=None):
    """A service call behind a button (no form): a refusal becomes messages, a permission
    refusal a 403. On success, ``success`` (a message, or a function of the result) is shown.
    Returns the service's result, or None when it refused."""
    try:
        result = action()
    except PermissionRefused as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainValidationError as exc:
        show_refusal(request, exc)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result
