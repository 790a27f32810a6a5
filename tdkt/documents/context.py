"""From the database to a builder's context: the issuer block of a unit.

Builders never touch the ORM; apps call ``issuer_context(unit)`` and add their own keys.
"""

from __future__ import annotations

import re

# Words left out when a unit has no short name and one is made from initials.
_CONNECTORS = {"và", "của", "các", "-", "–"}


def issuer_abbreviation(unit) -> str:
    """The issuer's part of the symbol ("GDĐT"): ``Unit.short_name`` when set, else
    the initials of the name (set short_name: initials are only a fallback)."""
    if unit.short_name:
        return unit.short_name.strip()
    words = [w for w in re.split(r"\s+", unit.name.strip()) if w and w.lower() not in _CONNECTORS]
    return "".join(w[0].upper() for w in words if w[0].isalpha()) or unit.code.upper()


def place_of(unit) -> str:
    """The địa danh of the date line: the unit's own, else the nearest above it."""
    node = unit
    while node is not None:
        if node.place_name:
            return node.place_name
        node = type(node).objects.get_parent(node)
    return ""


def issuer_context(unit, *, parent_name: str | None = None) -> dict:
    """``co_quan_chu_quan``, ``co_quan_ban_hanh``, ``ky_hieu_co_quan``, ``dia_danh`` for ``unit``.

    The cơ quan chủ quản defaults to the parent unit in the tree; pass
    ``parent_name`` where the managing body is not the tree parent (a Phòng GD&ĐT's
    is the district people's committee, "UBND QUẬN 1", not the Sở)."""
    if parent_name is None:
        parent = type(unit).objects.get_parent(unit)
        parent_name = parent.name if parent is not None else ""
    return {
        "co_quan_chu_quan": parent_name,
        "co_quan_ban_hanh": unit.name,
        "ky_hieu_co_quan": issuer_abbreviation(unit),
        "dia_danh": place_of(unit),
    }
