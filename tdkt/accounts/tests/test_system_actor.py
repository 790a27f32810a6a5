"""The system is an explicit actor (tdkt.core.actors): it may do everything, its audit rows say which
part of the system acted, and a user's refusal from a service reaches the API as JSON 403."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from tdkt.accounts.access import can, has_perm_anywhere, require
from tdkt.accounts.choices import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.permissions import Perm
from tdkt.audit.models import AuditEvent
from tdkt.core.actors import SYSTEM, SystemActor, is_system
from tdkt.core.exceptions import PermissionRefused
from tdkt.org.services import school_year_get_or_create


def test_the_system_is_explicit_and_reaches_everything(world):
    assert is_system(SYSTEM) and is_system(SystemActor("demo")) and is_system(None)
    assert not is_system(world.users.admin) and not is_system(AnonymousUser())
    for actor in (SYSTEM, SystemActor("demo"), None):
        assert can(actor, Perm.CHANGE_UNIT, world.school_b)
        assert has_perm_anywhere(actor, Perm.MANAGE_ACCESS)
    with pytest.raises(PermissionRefused):
        require(AnonymousUser(), Perm.CHANGE_UNIT, world.school_b)
    with pytest.raises(PermissionRefused):
        require(world.users.officer_a, Perm.CHANGE_UNIT, world.school_b)


@pytest.mark.parametrize(("actor", "label"), [(SystemActor("demo"), "hệ thống (demo)"), (SYSTEM, "hệ thống"),
                                              (None, "hệ thống")])
def test_the_audit_row_says_the_system_did_it(world, actor, label):
    year = school_year_get_or_create(actor=actor, start_year=2031)
    row = AuditEvent.objects.filter(target_id=str(year.pk), target_type="org.schoolyear").latest("pk")
    assert row.actor_id is None and row.actor_label == label


def test_a_service_refusal_on_the_api_is_json_403_and_writes_nothing(world):
    """An administrator of school A passes the route (MANAGE_ACCESS somewhere); the service refuses a
    role on school B, which is outside the administrator's reach."""
    admin_a = world.users.officer_a.__class__.objects.create_user(username="admin_a", password="pw-test-123")
    Membership.objects.create(user=admin_a, unit=world.school_a, role=Role.ADMIN)
    c = Client()
    c.force_login(admin_a)
    audit, memberships = AuditEvent.objects.count(), Membership.objects.count()
    r = c.post(reverse("api:membership_list", args=[world.users.nobody.pk]),
               data=json.dumps({"unit_id": world.school_b.pk, "role": Role.TDKT_OFFICER}),
               content_type="application/json")
    assert r.status_code == 403
    assert r.json() == {"detail": "Bạn không có quyền phân quyền tại đơn vị «Trường Tiểu học Kết Đoàn»."}
    assert (AuditEvent.objects.count(), Membership.objects.count()) == (audit, memberships)


def test_records_and_org_services_authorise_a_user_themselves(world):
    """The services of records and org refuse a user outside their reach (the pages and the API
    asked before; now a script or a new page cannot forget), and write nothing."""
    import datetime as dt

    from tdkt.org.services import unit_create, unit_update
    from tdkt.records.services import absence_add

    officer_b = world.users.officer_b
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionRefused):
        absence_add(actor=officer_b, person=world.an, kind="om_dau", start_date=dt.date(2025, 1, 6),
                    end_date=dt.date(2025, 1, 10))
    with pytest.raises(PermissionRefused):
        unit_update(actor=officer_b, unit=world.school_a, name="Đổi tên")
    with pytest.raises(PermissionRefused):
        unit_create(actor=world.users.office_officer, parent=None, code="X", name="Gốc mới",
                    unit_type=world.types["so-gddt"])
    assert AuditEvent.objects.count() == before
    world.school_a.refresh_from_db()
    assert world.school_a.name == "Trường Tiểu học Đinh Tiên Hoàng"
