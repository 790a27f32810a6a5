"""Shared fixtures: a small real tree (Sở → Phòng → two schools → groups) and one
user per role, built through the services like a user would."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest


@pytest.fixture
def world(db):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.org.models import UnitType
    from tdkt.org.reference import load_unit_types
    from tdkt.org.services import school_year_get_or_create, unit_create
    from tdkt.people.choices import Position
    from tdkt.people.services import employment_add, person_create

    load_unit_types()
    t = {ut.code: ut for ut in UnitType.objects.all()}
    so = unit_create(actor=None, parent=None, code="SO", name="Sở Giáo dục và Đào tạo Thử", unit_type=t["so-gddt"])
    phong = unit_create(actor=None, parent=so, code="PGD", name="Phòng Giáo dục và Đào tạo Quận Thử",
                        unit_type=t["phong-gddt"], place_name="Quận Thử")
    school_a = unit_create(actor=None, parent=phong, code="TH-A", name="Trường Tiểu học Đinh Tiên Hoàng",
                           unit_type=t["truong-th"])
    group_a = unit_create(actor=None, parent=school_a, code="TH-A-TO1", name="Tổ 1", unit_type=t["to-chuyen-mon"])
    school_b = unit_create(actor=None, parent=phong, code="TH-B", name="Trường Tiểu học Kết Đoàn",
                           unit_type=t["truong-th"])
    school_c = unit_create(actor=None, parent=phong, code="MN-C", name="Trường Mầm non Bé Ngoan",
                           unit_type=t["truong-mn"])
    year = school_year_get_or_create(actor=None, start_year=2025)

    start = dt.date(2020, 9, 1)
    an = person_create(actor=None, family_name="Nguyễn", middle_name="Văn", given_name="An",
                       birth_date=dt.date(1985, 3, 7), gender="nam", national_id="079085000001")
    employment_add(actor=None, person=an, unit=group_a, position=Position.GIAO_VIEN, start_date=start)
    binh = person_create(actor=None, family_name="Trần", middle_name="Thị", given_name="Bình", gender="nu")
    employment_add(actor=None, person=binh, unit=school_a, position=Position.HIEU_TRUONG, start_date=start)
    cuong = person_create(actor=None, family_name="Lê", middle_name="Quốc", given_name="Cường", gender="nam")
    employment_add(actor=None, person=cuong, unit=school_b, position=Position.GIAO_VIEN, start_date=start)
    hoa = person_create(actor=None, family_name="Phạm", middle_name="Thị", given_name="Hoa", gender="nu")
    employment_add(actor=None, person=hoa, unit=school_c, position=Position.GIAO_VIEN, start_date=start)

    def user(username, role=None, unit=None, **membership):
        u = User.objects.create_user(username=username, password="pw-test-123", display_name=username)
        if role:
            Membership.objects.create(user=u, unit=unit, role=role, **membership)
        return u

    users = SimpleNamespace(
        admin=User.objects.create_superuser(username="root", password="pw-test-123", email="root@example.com"),
        officer_a=user("officer_a", Role.TDKT_OFFICER, school_a),
        officer_b=user("officer_b", Role.TDKT_OFFICER, school_b),
        head_a=user("head_a", Role.HEAD, school_a),
        council_a=user("council_a", Role.COUNCIL_MEMBER, school_a),
        staff_a=user("staff_a", Role.STAFF, group_a),
        office_officer=user("office_officer", Role.TDKT_OFFICER, phong),
        specialist_th=user("specialist_th", Role.SPECIALIST, phong, school_levels=["tieu_hoc"]),
        specialist_mn=user("specialist_mn", Role.SPECIALIST, phong, school_levels=["mam_non"]),
        public_a=user("public_a", Role.PUBLIC, school_a),
        nobody=user("nobody"),
    )
    an.user = users.staff_a
    an.save()
    return SimpleNamespace(
        types=t, so=so, phong=phong, school_a=school_a, group_a=group_a, school_b=school_b, school_c=school_c,
        year=year, an=an, binh=binh, cuong=cuong, hoa=hoa, users=users,
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Vietnamese, the default. A request in English (test client, Playwright's
    live server) leaves English active in the thread; without this, code called directly afterwards
    (engine sentences, choice labels) would answer in English in whichever test came next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
