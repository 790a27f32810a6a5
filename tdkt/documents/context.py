"""From the database to a builder's context: the issuer block of a unit.

Builders never touch the ORM; apps call ``issuer_context(unit)`` and add their own keys.
"""

from __future__ import annotations

import re
from typing import Any

# Words left out when a unit has no short name and one is made from initials.
_CONNECTORS = {"và", "của", "các", "-", "–"}


def issuer_abbreviation(unit) -> str:
    """The issuer's part of the symbol (NĐ 30/2020 Phụ lục I mục II.3: chosen by the head of the body):
    ``Unit.short_name`` when set; else from the unit type — a body (UBND, Sở, Phòng) its type's
    abbreviation ("UBND", "SGDĐT", "GDĐT"), a school its type's abbreviation and the initials of its own
    name ("Trường Tiểu học Đinh Tiên Hoàng" → "THĐTH"); else the initials of the name."""
    from tdkt.org.choices import UnitCategory

    if unit.short_name:
        return unit.short_name.strip()
    unit_type: Any = getattr(unit, "unit_type", None)  # used below only when it gave an abbreviation
    type_abbr = (getattr(unit_type, "abbreviation", "") or "").strip()
    words = [w for w in re.split(r"\s+", unit.name.strip()) if w and w.lower() not in _CONNECTORS]
    if type_abbr and unit_type.category == UnitCategory.SCHOOL:
        # the type's own words ("Trường", "Tiểu học" or "THCS") leave the school's name
        type_words = {w.lower() for w in unit_type.name.split()} | {type_abbr.lower()}
        while words and words[0].lower() in type_words:
            words.pop(0)
        return type_abbr + "".join(w[0].upper() for w in words if w[0].isalpha())
    if type_abbr and unit_type.category != UnitCategory.SUBUNIT:
        return type_abbr
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
