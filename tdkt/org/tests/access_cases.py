"""Cases of the permission-map walk for reorganisation (sắp xếp đơn vị): its pages and its API.
The services refuse a unit the actor may not change (another school, a parent outside the reach)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tdkt.core.testing import Case

_DECISION = {"number": "15/QĐ-UBND", "date": "2025-06-20", "issuer": "Ủy ban nhân dân Quận Thử",
             "effective_date": "2025-07-01"}
_FORM_DECISION = {"decision_number": "15/QĐ-UBND", "decision_date": "2025-06-20",
                  "issuer": "Ủy ban nhân dân Quận Thử", "effective_date": "2025-07-01"}
# Options shared by several Cases, spread in with **: typed as Any, since a dict of mixed values is a
# dict[str, object] to mypy, which no Case field accepts.
_API: dict[str, Any] = dict(json_body=True, anon_status=(401,), allowed_status=(201,))
_OFFICE: dict[str, Any] = dict(allowed="office_officer", other_unit="officer_a")
_CLUSTER_OFFICE: dict[str, Any] = dict(allowed="office_officer", other_unit="officer_a", wrong_role="specialist_th")


def _cluster(w):
    """A cluster of the office for the world's year (made directly: the walk compares units, people
    and audit rows, not clusters)."""
    from tdkt.org.models import Cluster, ClusterMember

    cluster, created = Cluster.objects.get_or_create(school_year=w.year, organizer=w.phong, name="Khối Tiểu học",
                                                     defaults={"kind": "khoi", "leader": w.school_a})
    if created:
        ClusterMember.objects.create(cluster=cluster, unit=w.school_a, school_year=w.year, kind="khoi")
    return cluster


def _cluster_form(w):
    return {"school_year": w.year.pk, "kind": "cum", "name": "Cụm thi đua số 1",
            "members": [w.school_a.pk, w.school_b.pk], "leader": w.school_a.pk, "deputy": w.school_b.pk}

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
    # clusters
    Case("org:cluster_list", "get", lambda w: reverse("org:cluster_list", args=[w.phong.pk]), **_CLUSTER_OFFICE),
    Case("org:cluster_create", "get", lambda w: reverse("org:cluster_create", args=[w.phong.pk]), **_CLUSTER_OFFICE),
    Case("org:cluster_create", "post", lambda w: reverse("org:cluster_create", args=[w.phong.pk]),
         data=_cluster_form, allowed_status=(302,), **_CLUSTER_OFFICE),
    Case("org:cluster_edit", "get", lambda w: reverse("org:cluster_edit", args=[_cluster(w).pk]), **_CLUSTER_OFFICE),
    Case("org:cluster_edit", "post", lambda w: reverse("org:cluster_edit", args=[_cluster(w).pk]),
         data=lambda w: {"name": "Khối Tiểu học", "members": [w.school_a.pk, w.school_b.pk],
                         "leader": w.school_b.pk}, allowed_status=(302,), **_CLUSTER_OFFICE),
    Case("api:org_cluster_list", "get", lambda w: reverse("api:org_cluster_list"), allowed="office_officer",
         other_unit=None, wrong_role="public_a", anon_status=(401,)),
    Case("api:org_cluster_list", "post", lambda w: reverse("api:org_cluster_list"), json_body=True,
         anon_status=(401,), allowed_status=(201,), **_CLUSTER_OFFICE,
         data=lambda w: {"organizer_id": w.phong.pk, "school_year": w.year.start_year, "kind": "cum",
                         "name": "Cụm thi đua số 1", "member_ids": [w.school_a.pk, w.school_b.pk],
                         "leader_id": w.school_a.pk}),
    Case("api:org_cluster_detail", "get", lambda w: reverse("api:org_cluster_detail", args=[_cluster(w).pk]),
         allowed="council_a", other_unit=None, wrong_role="public_a", anon_status=(401,)),
    Case("api:org_cluster_detail", "patch", lambda w: reverse("api:org_cluster_detail", args=[_cluster(w).pk]),
         json_body=True, anon_status=(401,), **_CLUSTER_OFFICE,
         data=lambda w: {"member_ids": [w.school_a.pk, w.school_b.pk], "deputy_id": w.school_b.pk}),
    Case("api:unit_roots", "get", lambda w: reverse("api:unit_roots"), other_unit=None, wrong_role=None,
         anon_status=(401,)),
    Case("api:school_year_list", "get", lambda w: reverse("api:school_year_list"), allowed="staff_a",
         other_unit=None, wrong_role=None, anon_status=(401,)),
    Case("api:school_year_list", "post", lambda w: reverse("api:school_year_list"),
         data=lambda w: {"start_year": 2031}, allowed="admin", other_unit="office_officer", wrong_role="officer_a",
         **_API),
]
