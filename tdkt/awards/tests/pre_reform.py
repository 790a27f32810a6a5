"""The test world predates the 2025 reform: its receiving level is a Phòng GD&ĐT (under a UBND quận)
in 2025-2026. The real rows end the district's authority on 30/06/2025 (test_authority_periods.py holds
that); tests about the proposal workflow on that world keep the district's pre-reform rows open. The
demo's own tests use today's map (the ward) and the real rows."""

from __future__ import annotations


def district_office_still_decides() -> None:
    from tdkt.awards.models import GrantAuthority

    GrantAuthority.objects.filter(unit_type__code__in=["phong-gddt", "ubnd-huyen"]).update(effective_to=None)
