"""Helpers shared by tests of several apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Case:
    """One route × method for the permission-map walk (tdkt/accounts/tests/test_permission_map.py).

    ``url`` and ``data`` take the ``world`` fixture; user fields name attributes of
    ``world.users`` (officer_a, officer_b, head_a, council_a, staff_a, public_a,
    office_officer, specialist_th, specialist_mn, nobody, admin)."""

    route: str
    method: str
    url: Callable
    data: Callable | None = None
    allowed: str = "officer_a"
    allowed_status: tuple = (200,)
    other_unit: str | None = "officer_b"
    wrong_role: str | None = "head_a"
    anon_status: tuple = (302,)
    json_body: bool = False
    writes: bool = True  # False: a POST that only computes (renders a document), and must change nothing
    extra_refused: list = field(default_factory=list)
