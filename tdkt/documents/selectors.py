"""Reads, scoped by tdkt.accounts.access."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tdkt.accounts.access import unit_scope_q
from tdkt.accounts.permissions import Perm

from .models import DocumentNumber, DocumentTemplate


def _ancestor_paths(unit) -> list[str]:
    step = type(unit).steplen
    return [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]


def active_template_for(*, code: str, unit=None) -> DocumentTemplate | None:
    """The active uploaded template for ``code`` nearest to ``unit`` (the unit itself,
    then each unit above it, then the system-wide one)."""
    scope = Q(unit__isnull=True)
    if unit is not None:
        scope |= Q(unit__path__in=_ancestor_paths(unit))
    candidates = list(DocumentTemplate.objects.filter(scope, code=code, active=True).select_related("unit"))
    if not candidates:
        return None
    return max(candidates, key=lambda t: len(t.unit.path) if t.unit_id else 0)  # type: ignore[union-attr]  # unit_id: a unit


def templates_manageable_by(*, user) -> QuerySet[DocumentTemplate]:
    qs = DocumentTemplate.objects.select_related("unit", "uploaded_by").defer("content")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(unit_scope_q(user, Perm.MANAGE_TEMPLATES, prefix="unit__"))


def units_for_templates(*, user):
    """Units where ``user`` may put a template (the upload form's choices)."""
    from tdkt.org.models import Unit

    return Unit.objects.filter(unit_scope_q(user, Perm.MANAGE_TEMPLATES)).order_by("path")


def number_list_visible_to(*, user, year: int | None = None, doc_type: str = "") -> QuerySet[DocumentNumber]:
    qs = DocumentNumber.objects.filter(unit_scope_q(user, Perm.VIEW_DOCUMENTS, prefix="issuer__"))
    if year:
        qs = qs.filter(year=year)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    return qs.select_related("issuer", "created_by").order_by("-year", "issuer__path", "doc_type", "-number")
