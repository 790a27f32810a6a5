"""Hand-built unit selects (a page's filter form, not a Django form) get the same options as the
form fields of tdkt.org.forms: the path label, tree order, the folded text the search box matches."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from tdkt.core.vi import fold
from tdkt.org.selectors import unit_path_labels

register = template.Library()


@register.simple_tag
def unit_picker_options(units, selected=None) -> str:
    """``<select data-unit-picker …>{% unit_picker_options units unit %}</select>``: one <option> per
    unit, in tree order, labelled with its path; ``selected`` (a unit or a pk) is marked."""
    if isinstance(units, QuerySet) and not units.query.is_sliced:
        units = units.select_related("unit_type")
    units = sorted((u for u in units if u is not None), key=lambda u: u.path)
    labels = unit_path_labels(units)
    chosen = getattr(selected, "pk", selected)
    return format_html_join("", "<option value=\"{}\" data-fold=\"{}\"{}>{}</option>", (
        (u.pk, fold(f"{labels[u.pk]} {u.code}"), mark_safe(" selected") if u.pk == chosen else "", labels[u.pk])
        for u in units))
