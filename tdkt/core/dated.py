"""Dated legal rows: one shape, one "in force on day".

A rule of law is a row in force from ``effective_from`` to ``effective_to`` (both days included;
no ``effective_to``: until a later row replaces it). A change in law adds a row with a new
``effective_from`` and closes the old one; the code asks for the rows in force on the day that the
law says picks them (docs/law.md, "Which date picks the rows").

This module imports no app of ours: every app's legal tables inherit from it.
"""

from __future__ import annotations

import datetime as dt

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
