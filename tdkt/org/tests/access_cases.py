"""Cases of the permission-map walk for reorganisation (sắp xếp đơn vị): its pages and its API.
The services refuse a unit the actor may not change (another school, a parent outside the reach)."""

from __future__ import annotations

from django.urls import reverse

from tdkt.core.testing import Case

_DECISION = {"number": "15/QĐ-UBND", "date": "2025-06-20", "issuer": "Ủy ban nhân dân Quận Thử",
             "effective_date": "2025-07-01"}
_FORM_DECISION = {"decision_number": "15/QĐ-UBND", "decision_date": "2025-06-20",
                  "issuer": "Ủy ban nhân dân Quận Thử", "effective_date": "2025-07-01"}
_API = dict(json_body=True, anon_status=(401,), allowed_status=(201,))
_OFFICE = dict(allowed="office_officer", other_unit="officer_a")

CASES = [
    Case("org:unit_reorganise", "get", lambda w: reverse("org:unit_reorganise", args=[w.school_a.pk, "rename"])),
    Case("org:unit_reorganise", "post", lambda w: reverse("org:unit_reorganise", args=[w.school_a.pk, "rename"]),
         data=lambda w: {"name": "Trường Tiểu học Đinh Tiên Hoàng mới", **_FORM_DECISION}, allowed_status=(302,)),
    Case("api:org_unit_rename", "post", lambda w: reverse("api:org_unit_rename", args=[w.school_a.pk]),
         data=lambda w: {"name": "Trường Tiểu học Đinh Tiên Hoàng mới", "decision": _DECISION}, **_API),
    Case("api:org_unit_move", "post", lambda w: reverse("api:org_unit_move", args=[w.school_b.pk]),
         data=lambda w: {"parent_id": w.school_c.pk, "decision": _DECISION}, **_API, **_OFFICE),
    Case("api:org_unit_merge", "post", lambda w: reverse("api:org_unit_merge", args=[w.school_b.pk]),
         data=lambda w: {"target_id": w.school_c.pk, "decision": _DECISION}, **_API, **_OFFICE),
    Case("api:org_unit_split", "post", lambda w: reverse("api:org_unit_split", args=[w.school_b.pk]),
         data=lambda w: {"results": [{"unit_id": w.school_c.pk}, {"code": "TH-B2", "name": "Trường Tiểu học B2"}],
                         "decision": _DECISION}, **_API, **_OFFICE),
    Case("api:org_unit_close", "post", lambda w: reverse("api:org_unit_close", args=[w.group_a.pk]),
         data=lambda w: {"decision": _DECISION}, **_API),
    Case("api:org_unit_events", "get", lambda w: reverse("api:org_unit_events", args=[w.school_a.pk]),
         allowed="council_a", wrong_role="public_a", anon_status=(401,)),
]
