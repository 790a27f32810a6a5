"""Reads of the register: scoped by the reader's units; the public page reads only what a unit chose to honour."""

from __future__ import annotations

from django.db.models import QuerySet

from tdkt.accounts.access import unit_scope_q
from tdkt.accounts.permissions import Perm

from .models import Exemplar, ModelPledge


def exemplars_visible_to(user) -> QuerySet[Exemplar]:
    return (Exemplar.objects.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="unit__"))
            .select_related("unit", "person", "collective", "proposal_item__proposal"))


def pledges_visible_to(user) -> QuerySet[ModelPledge]:
    return (ModelPledge.objects.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="unit__"))
            .select_related("unit", "school_year"))


def public_exemplars(unit) -> list[dict]:
    """What the public page shows: the title, whom (a name, never an ID number, birth date or contact), the
    movement, the deed and the stage — for the exemplars of the unit's tree it chose to honour."""
    rows = (Exemplar.objects.filter(unit__path__startswith=unit.path, public=True)
            .select_related("person", "collective", "unit").order_by("-created_at"))
    return [{"title": e.title, "kind": e.get_kind_display(), "who": e.subject_name, "unit": e.unit.name,
             "movement": e.movement, "description": e.description, "stage": e.get_stage_display()} for e in rows]
