"""Helpers shared by page forms."""

from django import forms
from django.contrib import messages

from .exceptions import DomainValidationError


def add_domain_errors(form: forms.BaseForm, exc: DomainValidationError, *, beside_form_errors: bool = False) -> None:
    """Show a service's refusal on the form, on the field it names when the form has it.

    ``beside_form_errors``: the service checked a form that already has errors (so that every
    error shows after one submit); a field the form itself refused keeps only the form's error."""
    for field, field_messages in exc.message_dict.items():
        name = field if field in form.fields else None
        if beside_form_errors and name is not None and name in form.errors:
            continue
        for message in field_messages:
            if beside_form_errors and message in form.errors.get(name or "__all__", []):
                continue
            form.add_error(name, message)


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


def save_form(request, form: forms.BaseForm, save):
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
    except DomainValidationError as exc:
        show_refusal(request, exc)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result


# --- a chosen file kept across a refused submit ------------------------------------------------
# A browser cannot put a file back into <input type=file>: after a refusal the page would ask for
# it again. The file is kept in storage under a random token known to this session only, the
# field shows "Đã chọn: <tên tệp>" with the token in a hidden input, and the next submit without
# a new file uses the kept one.

KEPT_SUFFIX = "__kept"
_KEPT_SESSION = "kept_uploads"
_KEPT_DIR = "kept-uploads"


class KeptFileInput(forms.ClearableFileInput):
    """A file input that shows the file kept from the refused submit (``kept``: name and token)."""

    kept: dict | None = None

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html
        from django.utils.safestring import mark_safe
        from django.utils.translation import gettext

        html = super().render(name, None, attrs, renderer)
        if not self.kept:
            return html
        note = format_html(
            '<input type="hidden" name="{}" value="{}"><div class="form-text" data-kept-upload="{}">{}</div>',
            name + KEPT_SUFFIX, self.kept["token"], name,
            gettext("Đã chọn: %(name)s (được giữ lại; chọn tệp khác để thay)") % {"name": self.kept["name"]})
        return mark_safe(html + note)


def restore_kept_uploads(request, form: forms.Form) -> None:
    """Before validation: a file field left empty gets the file this session kept for it."""
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    kept = request.session.get(_KEPT_SESSION, {})
    for name, field in form.fields.items():
        if not isinstance(field, forms.FileField):
            continue
        key = form.add_prefix(name)
        entry = kept.get(form.data.get(key + KEPT_SUFFIX, ""))
        if form.files.get(key) or not entry or not default_storage.exists(entry["path"]):
            continue
        with default_storage.open(entry["path"], "rb") as stored:
            # the stubs want a str content type; Django takes None too
            upload = SimpleUploadedFile(entry["name"], stored.read(),
                                        entry.get("content_type") or None)  # type: ignore[arg-type]
        form.files = form.files.copy()
        form.files[key] = upload
        upload.kept_token = entry["token"]  # type: ignore[attr-defined]  # our mark, read back by keep_uploads


def keep_uploads(request, form: forms.Form) -> None:
    """After a refused submit: keep each chosen file the form did not refuse, and show it as chosen."""
    import secrets

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    kept = dict(request.session.get(_KEPT_SESSION, {}))
    for name, field in form.fields.items():
        upload = form.files.get(form.add_prefix(name)) if isinstance(field, forms.FileField) else None
        if upload is None or form.errors.get(name) or not isinstance(field.widget, KeptFileInput):
            continue
        token = getattr(upload, "kept_token", None)
        if token not in kept:
            token = secrets.token_urlsafe(16)
            upload.seek(0)
            path = default_storage.save(f"{_KEPT_DIR}/{token}/upload", ContentFile(upload.read()))
            upload.seek(0)
            kept[token] = {"token": token, "path": path, "name": upload.name,
                           "content_type": getattr(upload, "content_type", "") or ""}
        field.widget.kept = kept[token]
    request.session[_KEPT_SESSION] = kept


def forget_kept_uploads(request, form: forms.Form) -> None:
    """After a successful save: the kept files of this form are no longer needed."""
    from django.core.files.storage import default_storage

    kept = dict(request.session.get(_KEPT_SESSION, {}))
    for name, field in form.fields.items():
        token = form.data.get(form.add_prefix(name) + KEPT_SUFFIX) if isinstance(field, forms.FileField) else None
        entry = kept.pop(token, None) if token else None
        if entry:
            default_storage.delete(entry["path"])
    request.session[_KEPT_SESSION] = kept


class _OfferedIterator(forms.models.ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        if getattr(field, "offered", None) is not None:
            self.queryset = field.offered


class OfferedChoiceField(forms.ModelChoiceField):
    """A choice whose list shows ``offered`` (what the user may pick: the open rounds, their own
    units) while the form accepts anything in ``queryset``, so that a posted value outside the list
    goes on to the service, which refuses it with its reason (403), and the page that comes back
    with errors still offers only the user's own choices."""

    iterator = _OfferedIterator
    offered = None
