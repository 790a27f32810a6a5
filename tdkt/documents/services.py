"""Writes: the number register and administrator templates. Each service runs in
one transaction and writes its audit row inside it; refusals happen before the
first write."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from tdkt.accounts.access import require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.vi import format_date_short

from . import docx_templates
from .builders import get_builder
from .builders.common import COMMON_KEYS, DocumentContextError
from .context import issuer_abbreviation
from .layout import DocType, build_symbol, doc_type_for, format_number_symbol
from .models import DocumentNumber, DocumentTemplate

NUMBER_ATTEMPTS = 5


# --- Sổ đăng ký văn bản -----------------------------------------------------------------------


def _taken(existing: DocumentNumber, next_free: int) -> DomainValidationError:
    when = f" ngày {format_date_short(existing.issued_on)}" if existing.issued_on else ""
    title = f" «{existing.title}»" if existing.title else ""
    return DomainValidationError(
        {"number": f"Số {existing.formatted} năm {existing.year} đã được cấp cho văn bản{title}{when}. "
                   f"Hãy chọn số khác, hoặc để trống để lấy số tiếp theo "
                   f"({format_number_symbol(next_free, existing.symbol)})."})


def _next_number(issuer, year: int, abbreviation: str) -> int:
    last = DocumentNumber.objects.filter(issuer=issuer, year=year, doc_type=abbreviation).aggregate(
        m=Max("number"))["m"]
    return (last or 0) + 1


def number_reserve(*, actor, issuer, doc_type: DocType | str, year: int | None = None, number: int | None = None,
                   issued_on: dt.date | None = None, title: str = "",
                   issuer_abbreviation_override: str | None = None) -> DocumentNumber:
    """Take the next number of ``doc_type`` for ``issuer`` in ``year`` (or ``number`` itself
    when it is free) and write it in the register. Returns the DocumentNumber, whose
    ``formatted`` is "123/QĐ-GDĐT".

    The caller checks that ``actor`` may issue documents for ``issuer``. Two clerks
    asking at the same moment get two numbers: the issuer's row is locked while the
    next number is read (PostgreSQL), and the unique constraint (issuer, year, type,
    number) turns any remaining race into a retry.
    """
    from tdkt.org.models import Unit

    kind = doc_type_for(doc_type)
    if not kind.abbreviation:
        raise DomainValidationError({"doc_type": f"Loại văn bản «{kind.name}» không được cấp số riêng."})
    if number is not None and int(number) < 1:
        raise DomainValidationError({"number": "Số văn bản phải từ 1 trở lên."})
    year = int(year or (issued_on.year if issued_on else timezone.localdate().year))
    if issued_on is not None and issued_on.year != year:
        raise DomainValidationError(
            {"issued_on": f"Ngày ban hành {format_date_short(issued_on)} không thuộc năm {year} của số văn bản."})
    symbol = build_symbol(kind, issuer_abbreviation_override or issuer_abbreviation(issuer))
    title = (title or "").strip()[:500]

    for _attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                # Serialise numbering per issuer (a no-op on SQLite, which serialises writers anyway).
                Unit.objects.select_for_update().filter(pk=issuer.pk).values_list("pk", flat=True).first()
                if number is None:
                    chosen = _next_number(issuer, year, kind.abbreviation)
                else:
                    chosen = int(number)
                    existing = DocumentNumber.objects.filter(issuer=issuer, year=year, doc_type=kind.abbreviation,
                                                             number=chosen).first()
                    if existing is not None:
                        raise _taken(existing, _next_number(issuer, year, kind.abbreviation))
                entry = DocumentNumber.objects.create(
                    issuer=issuer, year=year, doc_type=kind.abbreviation, number=chosen, symbol=symbol,
                    issued_on=issued_on, title=title, created_by=actor if getattr(actor, "pk", None) else None,
                )
                audit_record(actor=actor, event_type="documents.number_reserved", target=entry, unit=issuer,
                             after=snapshot(entry, ["issuer_id", "year", "doc_type", "number", "symbol",
                                                    "issued_on", "title"]))
                return entry
        except IntegrityError:
            if number is not None:
                existing = DocumentNumber.objects.get(issuer=issuer, year=year, doc_type=kind.abbreviation,
                                                      number=int(number))
                raise _taken(existing, _next_number(issuer, year, kind.abbreviation)) from None
            continue
    raise DomainValidationError({"number": "Không cấp được số văn bản do nhiều người lấy số cùng lúc; hãy thử lại."})


# --- Mẫu văn bản tải lên --------------------------------------------------------------------------


def trial_context(code: str) -> dict:
    """The sample of ``code`` with every documented variable present, for checking uploads."""
    builder = get_builder(code)
    context = builder.variables(builder.sample())
    for name in docx_templates.key_names(COMMON_KEYS + builder.keys):
        context.setdefault(name, "")
    for name in builder.rows:
        context.setdefault(name, [])
    return context


def _require_template_scope(actor, unit) -> None:
    if unit is None:
        if not getattr(actor, "is_superuser", False):
            raise PermissionRefused("Chỉ quản trị hệ thống được đặt mẫu dùng cho toàn hệ thống.")
    else:
        require(actor, Perm.MANAGE_TEMPLATES, unit)


def template_upload(*, actor, code: str, name: str, filename: str, content: bytes, unit=None,
                    note: str = "", activate: bool = True) -> DocumentTemplate:
    """Check an uploaded .docx (package, size, a trial fill-in with sample data) and keep
    it; when ``activate``, it replaces the active template of the same code and scope."""
    _require_template_scope(actor, unit)
    try:
        get_builder(code)
    except DocumentContextError as exc:
        raise DomainValidationError({"code": str(exc)}) from exc
    if not filename.lower().endswith(".docx"):
        raise DomainValidationError({"file": "Chỉ nhận tệp Word có đuôi .docx."})
    docx_templates.trial_render(content, trial_context(code))
    with transaction.atomic():
        replaced = []
        if activate:
            current = DocumentTemplate.objects.select_for_update().filter(code=code, unit=unit, active=True)
            replaced = list(current.values_list("pk", flat=True))
            current.update(active=False)
        template = DocumentTemplate.objects.create(
            code=code, name=name.strip()[:200] or filename, unit=unit, filename=filename[:255], content=content,
            size=len(content), sha256=hashlib.sha256(content).hexdigest(), active=activate,
            uploaded_by=actor if getattr(actor, "pk", None) else None, note=note.strip()[:255],
        )
        audit_record(actor=actor, event_type="documents.template_uploaded", target=template, unit=unit,
                     after=snapshot(template, ["code", "name", "unit_id", "filename", "size", "sha256", "active"]),
                     data={"replaced": replaced})
    return template


def template_set_active(*, actor, template: DocumentTemplate, active: bool) -> DocumentTemplate:
    _require_template_scope(actor, template.unit)
    if template.active == active:
        return template
    with transaction.atomic():
        before = snapshot(template, ["active"])
        if active:
            DocumentTemplate.objects.select_for_update().filter(
                code=template.code, unit=template.unit_id, active=True).exclude(pk=template.pk).update(active=False)
        template.active = active
        template.save(update_fields=["active"])
        audit_record(actor=actor, event_type="documents.template_activated" if active else
                     "documents.template_deactivated", target=template, unit=template.unit,
                     before=before, after=snapshot(template, ["active"]))
    return template
