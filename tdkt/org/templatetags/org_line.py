"""A unit's whole line on any page: its predecessors and successors however many reorganisations
away, and the reorganisations with their decisions (read from UnitEvent, see tdkt.org.selectors).
History pages of other apps load this instead of walking ``Unit.successor`` themselves."""

from __future__ import annotations

from django import template

from tdkt.org import selectors

register = template.Library()


@register.simple_tag
def unit_line(unit) -> dict:
    """``{% unit_line unit as line %}``: ``line.predecessors``, ``line.successors`` (oldest first) and
    ``line.events`` (the reorganisations of the unit and of its whole line, oldest first)."""
    return {"predecessors": selectors.unit_predecessors(unit=unit),
            "successors": selectors.unit_successors(unit=unit),
            "events": list(selectors.unit_events(unit=unit))}


@register.simple_tag
def person_unit_events(person) -> list:
    """``{% person_unit_events person as events %}``: the reorganisations of the units the person
    worked in (a school moved, merged, renamed), oldest first, so the person's history reads why a
    post ended one day and the next began the following day."""
    from tdkt.org.choices import UnitCategory
    from tdkt.org.models import Unit, UnitEvent

    posts = list(person.employments.values_list("unit_id", "unit__path", "unit__unit_type__category"))
    unit_ids = {unit_id for unit_id, _path, _cat in posts}
    # A subject group's school counts too: its rename or move is the group's context.
    school_paths = {path[: -Unit.steplen] for _id, path, cat in posts if cat == UnitCategory.SUBUNIT}
    unit_ids |= set(Unit.objects.filter(path__in=school_paths).values_list("pk", flat=True))
    return list(UnitEvent.objects.filter(links__unit_id__in=unit_ids).distinct()
                .prefetch_related("links__unit", "links__parent_before", "links__parent_after")
                .order_by("effective_date", "id"))
