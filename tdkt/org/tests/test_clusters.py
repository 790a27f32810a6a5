"""Clusters (cụm / khối thi đua) managed from the office's pages and the API (issue 18): the leader and
the deputy are members, a unit is in one cluster of a kind per year; each refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import Cluster, ClusterMember, Unit
from tdkt.org.services import cluster_create, cluster_update, school_year_get_or_create


def _state():
    return (list(Cluster.objects.order_by("pk").values_list("pk", "name", "leader_id", "deputy_id")),
            list(ClusterMember.objects.order_by("pk").values_list("cluster_id", "unit_id", "kind")),
            AuditEvent.objects.count())


@pytest.fixture
def khoi(world):
    return cluster_create(actor=world.users.office_officer, organizer=world.phong, school_year=world.year,
                          kind="khoi", name="Khối Tiểu học", members=[world.school_a, world.school_b],
                          leader=world.school_a, deputy=world.school_b)


def test_create_with_members_leader_and_deputy(world, khoi):
    assert set(khoi.memberships.values_list("unit__code", flat=True)) == {"TH-A", "TH-B"}
    assert (khoi.leader, khoi.deputy) == (world.school_a, world.school_b)
    assert AuditEvent.objects.filter(event_type="cluster.created", target_id=str(khoi.pk)).exists()


def test_every_refusal_at_once_and_nothing_saved(world, khoi):
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        cluster_create(actor=world.users.office_officer, organizer=world.phong, school_year=world.year,
                       kind="khoi", name="Khối Tiểu học", members=[world.school_b, world.school_c],
                       leader=world.school_a, deputy=world.school_a)
    errors = exc.value.message_dict
    assert set(errors) == {"name", "members", "leader", "deputy"}
    assert "Kết Đoàn" in errors["members"][0] and "Khối Tiểu học" in errors["members"][0]
    assert _state() == before


def test_one_cluster_of_a_kind_per_year_but_another_kind_or_year_is_fine(world, khoi):
    cum = cluster_create(actor=None, organizer=world.phong, school_year=world.year, kind="cum", name="Cụm 1",
                         members=[world.school_a])
    assert cum.memberships.count() == 1
    next_year = school_year_get_or_create(actor=None, start_year=2026)
    again = cluster_create(actor=None, organizer=world.phong, school_year=next_year, kind="khoi",
                           name="Khối Tiểu học", members=[world.school_a, world.school_b], leader=world.school_b)
    assert again.leader == world.school_b


def test_members_must_be_under_the_office_and_open_that_year(world):
    Unit.objects.filter(pk=world.school_c.pk).update(active_to=dt.date(2024, 6, 30))
    with pytest.raises(DomainValidationError) as exc:
        cluster_create(actor=None, organizer=world.phong, school_year=world.year, kind="cum", name="Cụm 1",
                       members=[world.school_c])
    assert "members" in exc.value.message_dict
    with pytest.raises(DomainValidationError) as exc:
        cluster_create(actor=None, organizer=world.school_a, school_year=world.year, kind="cum", name="Cụm 2",
                       members=[world.school_b])
    assert "members" in exc.value.message_dict


def test_removing_the_leader_from_the_members_is_refused(world, khoi):
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        cluster_update(actor=None, cluster=khoi, members=[world.school_b])
    assert set(exc.value.message_dict) == {"leader"}
    assert _state() == before
    cluster_update(actor=None, cluster=khoi, members=[world.school_b], leader=world.school_b, deputy=None)
    khoi.refresh_from_db()
    assert (khoi.leader, khoi.deputy, khoi.memberships.count()) == (world.school_b, None, 1)


def test_only_the_organising_office_manages(world, khoi):
    before = _state()
    with pytest.raises(PermissionRefused):
        cluster_update(actor=world.users.officer_a, cluster=khoi, name="Khối khác")
    with pytest.raises(PermissionRefused):
        cluster_create(actor=world.users.officer_a, organizer=world.phong, school_year=world.year, kind="cum",
                       name="Cụm 1")
    assert _state() == before


# --- pages ----------------------------------------------------------------------------------


def test_pages_create_and_edit(world, client):
    client.force_login(world.users.office_officer)
    assert reverse("org:cluster_list", args=[world.phong.pk]) in client.get(
        reverse("org:unit_detail", args=[world.phong.pk])).content.decode()
    response = client.post(reverse("org:cluster_create", args=[world.phong.pk]), {
        "school_year": world.year.pk, "kind": "cum", "name": "Cụm thi đua số 1",
        "members": [world.school_a.pk, world.school_b.pk, world.school_c.pk], "leader": world.school_c.pk})
    assert response.status_code == 302
    cluster = Cluster.objects.get(name="Cụm thi đua số 1")
    assert cluster.leader == world.school_c and cluster.memberships.count() == 3
    page = client.get(reverse("org:cluster_list", args=[world.phong.pk])).content.decode()
    assert "Cụm thi đua số 1" in page and "Trường Mầm non Bé Ngoan" in page
    response = client.post(reverse("org:cluster_edit", args=[cluster.pk]), {
        "name": "Cụm thi đua số 1", "members": [world.school_a.pk, world.school_c.pk], "leader": world.school_c.pk,
        "deputy": world.school_a.pk})
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.deputy == world.school_a and cluster.memberships.count() == 2


def test_page_shows_every_refusal_and_saves_nothing(world, client, khoi):
    client.force_login(world.users.office_officer)
    before = _state()
    response = client.post(reverse("org:cluster_create", args=[world.phong.pk]), {
        "school_year": world.year.pk, "kind": "khoi", "name": "Khối Tiểu học",
        "members": [world.school_b.pk], "leader": world.school_c.pk})
    assert response.status_code == 200
    assert {"name", "members", "leader"} <= set(response.context["form"].errors)
    assert _state() == before


# --- API ------------------------------------------------------------------------------------


def test_api_create_read_and_refusals(world, client, khoi):
    client.force_login(world.users.office_officer)
    before = _state()
    response = client.post(reverse("api:org_cluster_list"), data=json.dumps({
        "organizer_id": world.phong.pk, "school_year": 2025, "kind": "khoi", "name": "Khối 2",
        "member_ids": [world.school_b.pk], "leader_id": world.school_c.pk}), content_type="application/json")
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["detail"]} == {"member_ids", "leader_id"}
    assert _state() == before
    response = client.patch(reverse("api:org_cluster_detail", args=[khoi.pk]),
                            data=json.dumps({"leader_id": world.school_b.pk, "deputy_id": None}),
                            content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["leader_id"], response.json()["deputy_id"]) == (world.school_b.pk, None)
    listed = client.get(reverse("api:org_cluster_list"), {"organizer_id": world.phong.pk, "school_year": 2025})
    assert [c["name"] for c in listed.json()] == ["Khối Tiểu học"]
