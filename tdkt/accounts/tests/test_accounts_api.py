"""Users and roles through the API: create an account, give it a role, end the role, lock the
account — scoped to the administrator's units, refused with the field named, nothing half-done."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tdkt.accounts.choices import Role
from tdkt.accounts.models import ApiToken, Membership, User
from tdkt.accounts.services import api_token_issue
from tdkt.audit.models import AuditEvent


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def school_admin(world):
    """An administrator of school A only (a scoped ADMIN membership, not a superuser)."""
    user = User.objects.create_user(username="quantri.a", password="pw-test-123")
    Membership.objects.create(user=user, unit=world.school_a, role=Role.ADMIN)
    return user


def _state():
    return (list(User.objects.order_by("pk").values_list("pk", "username", "is_active", "display_name")),
            list(Membership.objects.order_by("pk").values_list("pk", "user_id", "unit_id", "role", "active_to")),
            AuditEvent.objects.count())


def test_school_admin_creates_an_account_gives_a_role_and_the_teacher_logs_in(world, school_admin):
    client = _client(school_admin)
    created = _post(client, "/api/accounts/users", {"username": "gv.hoa", "display_name": "Phạm Thị Hoa",
                                                    "password": "Mua-thu-Ha-Noi-2026", "person_id": world.an.pk})
    # An is already linked to staff_a: the refusal names the field and creates nothing.
    assert created.status_code == 422, created.content
    assert created.json()["detail"][0]["field"] == "person_id"
    assert not User.objects.filter(username="gv.hoa").exists()

    created = _post(client, "/api/accounts/users", {"username": "gv.hoa", "display_name": "Phạm Thị Hoa",
                                                    "password": "Mua-thu-Ha-Noi-2026"})
    assert created.status_code == 201, created.content
    user_id = created.json()["id"]
    granted = _post(client, f"/api/accounts/users/{user_id}/memberships",
                    {"unit_id": world.group_a.pk, "role": "staff"})
    assert granted.status_code == 201, granted.content
    assert [m["role"] for m in granted.json()["memberships"]] == ["staff"]
    assert AuditEvent.objects.filter(event_type="membership.granted", target_id=str(granted.json()["memberships"][0]["id"])).exists() \
        or AuditEvent.objects.filter(event_type="membership.granted").exists()

    login = Client().post("/tai-khoan/dang-nhap/", {"username": "gv.hoa", "password": "Mua-thu-Ha-Noi-2026"})
    assert login.status_code == 302


def test_a_school_admin_cannot_reach_above_its_school(world, school_admin):
    client = _client(school_admin)
    before = _state()
    # Another school's officer is neither listed nor editable, and no role can be given at the office.
    listed = client.get("/api/accounts/users").json()
    names = {u["username"] for u in listed["results"]}
    assert "officer_a" in names and "staff_a" in names
    assert "officer_b" not in names and "office_officer" not in names
    assert _patch(client, f"/api/accounts/users/{world.users.officer_b.pk}", {"is_active": False}).status_code == 403
    refused = _post(client, f"/api/accounts/users/{world.users.staff_a.pk}/memberships",
                    {"unit_id": world.phong.pk, "role": "admin"})
    assert refused.status_code == 403
    assert _state() == before
    assert User.objects.get(pk=world.users.officer_b.pk).is_active


def test_refusals_name_the_field_and_write_nothing(world, school_admin):
    client = _client(school_admin)
    before = _state()
    weak = _post(client, "/api/accounts/users", {"username": "gv.yeu", "password": "12345678"})
    assert weak.status_code == 422
    assert {d["field"] for d in weak.json()["detail"]} == {"password"}
    taken = _post(client, "/api/accounts/users", {"username": "OFFICER_A"})
    assert taken.status_code == 422 and taken.json()["detail"][0]["field"] == "username"
    bad_role = _post(client, f"/api/accounts/users/{world.users.staff_a.pk}/memberships",
                     {"unit_id": world.school_a.pk, "role": "hieu_truong"})
    assert bad_role.status_code == 422 and bad_role.json()["detail"][0]["field"] == "role"
    levels = _post(client, f"/api/accounts/users/{world.users.staff_a.pk}/memberships",
                   {"unit_id": world.school_a.pk, "role": "council_member", "school_levels": ["tieu_hoc"]})
    assert levels.status_code == 422 and levels.json()["detail"][0]["field"] == "school_levels"
    assert _state() == before


def test_locking_an_account_ends_its_sign_in_and_its_tokens_but_keeps_its_history(world, school_admin):
    with __import__("django.db", fromlist=["transaction"]).transaction.atomic():
        token, raw = api_token_issue(actor=None, user=world.users.staff_a, name="script")
    client = _client(school_admin)
    locked = _patch(client, f"/api/accounts/users/{world.users.staff_a.pk}", {"is_active": False, "reason": "nghỉ hưu"})
    assert locked.status_code == 200, locked.content
    assert locked.json()["is_active"] is False
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert Client().post("/tai-khoan/dang-nhap/", {"username": "staff_a", "password": "pw-test-123"}).status_code == 200
    assert Membership.objects.filter(user=world.users.staff_a).exists()
    event = AuditEvent.objects.filter(event_type="user.deactivated").get()
    assert event.reason == "nghỉ hưu"


def test_ending_a_role_keeps_the_row_and_stops_the_reach(world, school_admin):
    client = _client(school_admin)
    membership = world.users.council_a.memberships.get()
    ended = _post(client, f"/api/accounts/memberships/{membership.pk}/end", {"reason": "hết nhiệm kỳ"})
    assert ended.status_code == 200, ended.content
    membership.refresh_from_db()
    assert membership.active_to is not None
    # The former council member no longer reaches the school's meetings list.
    assert _client(world.users.council_a).get("/api/units").status_code == 403


def test_an_officer_cannot_manage_accounts(world):
    before = _state()
    client = _client(world.users.officer_a)
    assert client.get("/api/accounts/users").status_code == 403
    assert _post(client, "/api/accounts/users", {"username": "x.y"}).status_code == 403
    assert _state() == before
