"""Dated legal rows: one shape, one "in force on day", one loader.

A rule of law is a row in force from ``effective_from`` to ``effective_to`` (both days included;
no ``effective_to``: until a later row replaces it). A change in law adds a row with a new
``effective_from`` and closes the old one; the code asks for the rows in force on the day that the
law says picks them (docs/law.md, "Which date picks the rows").

This module imports no app of ours: every app's legal tables inherit from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def in_force_q(day: dt.date, prefix: str = "") -> Q:
    """Rows in force on ``day``: started on or before it, not ended before it. ``prefix`` reaches
    the dates through a relation (``"criterion__"``)."""
    return Q(**{f"{prefix}effective_from__lte": day}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": day}))


class DatedQuerySet(models.QuerySet):
    def in_force(self, day: dt.date) -> DatedQuerySet:
        return self.filter(in_force_q(day))

    def latest_in_force(self, day: dt.date):
        """The row in force on ``day`` that started last (a rule "until the next row"), or None."""
        return self.in_force(day).order_by("-effective_from").first()


DatedManager = models.Manager.from_queryset(DatedQuerySet)


class DatedRule(models.Model):
    """The dates of a legal row and the queries on them. Subclasses add their citation: ``CitedRule``
    (one line) or ``ArticleCitedRule`` (document, article, clause)."""

    effective_from = models.DateField(_("hiệu lực từ ngày"))
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    objects = DatedManager()

    class Meta:
        abstract = True

    in_force_q = staticmethod(in_force_q)

    def is_in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class CitedRule(DatedRule):
    """A dated row citing its source in one line; ``note`` says what is still to check ("cần đối
    chiếu"), shown to officers, never printed."""

    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        abstract = True


class ArticleCitedRule(DatedRule):
    """A dated row citing document, article and clause apart."""

    citation_document = models.CharField(_("văn bản"), max_length=200)
    citation_article = models.CharField(_("điều"), max_length=50, blank=True)
    citation_clause = models.CharField(_("khoản, điểm"), max_length=50, blank=True)
    note = models.TextField(_("ghi chú (cần đối chiếu...)"), blank=True)

    class Meta:
        abstract = True

    @property
    def citation(self) -> str:
        parts = [p for p in (self.citation_clause, self.citation_article, self.citation_document) if p]
        return ", ".join(parts)


# --------------------------------------------------------------------------- loading


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    # cast, for mypy: the rows and keys name the model's own columns (a field or a foreign key),
    # never a reverse relation or a generic foreign key, so the field has an ``attname``.
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _columns(model: type[models.Model], row: Mapping) -> dict:
    """Field values by column attribute: a related object becomes its key (``award_type_id``)."""
    out = {}
    for name, value in row.items():
        field = _field(model, name)
        if field.is_relation and field.many_to_one:
            out[field.attname] = value.pk if isinstance(value, models.Model) else value
        else:
            out[field.attname] = value
    return out


def sync_rows(model: type[models.Model], rows: Iterable[Mapping], *, key: Sequence[str],
              retired: Iterable[Mapping] = ()) -> int:
    """Create or update the reference ``rows`` (field values) of ``model``, each found by its ``key``
    fields; delete the ``retired`` rows (each a filter, e.g. a misdated row's key). Rows an
    administrator added under other keys are left alone; fields a row does not name keep their value
    (or take the model's default when the row is new). Returns how many rows were given.

    A handful of queries whatever the size: one delete, one read, one bulk insert, one bulk update
    of the rows that changed."""
    retired = list(retired)
    if retired:
        gone = Q()
        for lookup in retired:
            gone |= Q(**lookup)
        model._default_manager.filter(gone).delete()
    wanted = [_columns(model, row) for row in rows]
    key_cols = [_field(model, k).attname for k in key]
    current = {tuple(getattr(obj, c) for c in key_cols): obj for obj in model._default_manager.all()}
    by_key = {tuple(values[c] for c in key_cols): values for values in wanted}  # a repeated key: the last wins
    new: list[models.Model] = []
    changed: list[models.Model] = []
    fields: set[str] = set()
    for k, values in by_key.items():
        obj = current.get(k)
        if obj is None:
            new.append(model(**values))
            continue
        diff = {c: v for c, v in values.items() if getattr(obj, c) != v}
        if diff:
            for c, v in diff.items():
                setattr(obj, c, v)
            changed.append(obj)
            fields.update(diff)
    model._default_manager.bulk_create(new)
    if changed:
        model._default_manager.bulk_update(changed, sorted(fields))
    return len(wanted)
