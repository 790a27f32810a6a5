"""The demo district (dữ liệu demo) and the benchmark tree (--scale).

The demo district is built twice once per module inside a transaction that
is rolled back at the end, so the other test modules never see it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from tdkt.accounts.models import Membership, User
from tdkt.audit.models import AuditEvent
from tdkt.core.demo import (
    DEMO_PASSWORD,
    DemoError,
    build_demo,
    build_scale,
    current_school_year_start,
    demo_khoi_plan,
    demo_logins,
)
from tdkt.org.choices import ClusterKind, SchoolLevel
from tdkt.org.models import Cluster, ClusterMember, SchoolYear, Unit
from tdkt.people.choices import Position
from tdkt.people.models import Employment, Person

TREE = Unit.objects
COUNTED = [Unit, SchoolYear, Cluster, ClusterMember, Person, Employment, User, Membership, AuditEvent]


def _school_of(unit: Unit) -> Unit:
    return unit if unit.unit_type.category in ("school", "education_authority") else TREE.get_parent(unit)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # A fast hasher for the module: the demo hashes its one password once per run.
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        first = build_demo()
        counts_first = _counts()
        second = build_demo()
        counts_second = _counts()
        yield SimpleNamespace(first=first, second=second, counts_first=counts_first, counts_second=counts_second)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_builds_the_district_once(demo):
    assert demo.first["units"] > 100 and demo.first["persons"] > 1000
    # Idempotent: the second run creates nothing and changes no count.
    assert not any(demo.second.values()), demo.second
    assert demo.counts_second == demo.counts_first
    assert AuditEvent.objects.filter(event_type="demo.loaded").count() == 1

    tree = {code: Unit.objects.get(code=code) for code in ["BGDDT", "UBND-HCM", "SGDDT-HCM", "UBND-Q1", "PGDDT-Q1"]}
    assert tree["BGDDT"].is_root() and tree["UBND-HCM"].is_root()
    assert TREE.get_parent(tree["SGDDT-HCM"]) == tree["UBND-HCM"]
    assert TREE.get_parent(tree["PGDDT-Q1"]) == tree["UBND-Q1"]
    assert tree["PGDDT-Q1"].short_name == "GDĐT" and tree["UBND-Q1"].place_name == "Quận 1"
    assert Unit.objects.find_problems() == ([], [], [], [], [])

    schools = list(TREE.get_children(tree["PGDDT-Q1"]))
    assert Counter(s.school_level for s in schools) == {"mam_non": 10, "tieu_hoc": 12, "thcs": 8}
    assert Unit.objects.get(code="Q1-MN-BENGOAN").name == "Trường Mầm non Bé Ngoan"
    for school in schools:
        kinds = Counter(child.unit_type.code for child in TREE.get_children(school))
        assert 2 <= kinds["to-chuyen-mon"] <= 4 and kinds["to-van-phong"] == 1, school.code
        assert school.founded_on is not None
    assert {s.founded_on.year for s in schools} >= {1976, 1986, 2001}


@pytest.mark.django_db
def test_five_khoi_each_school_year(demo):
    current = current_school_year_start()
    years = list(SchoolYear.objects.order_by("start_year"))
    assert [y.start_year for y in years] == list(range(current - 5, current + 1))
    assert years[0].start_date == dt.date(current - 5, 9, 1) and years[-1].end_date == dt.date(current + 1, 8, 31)
    leaders = {
        "Khối thi đua Mầm non 1": "Q1-MN-BENGOAN",
        "Khối thi đua Mầm non 2": "Q1-MN-BENTHANH",
        "Khối thi đua Tiểu học 1": "Q1-TH-DINHTIENHOANG",
        "Khối thi đua Tiểu học 2": "Q1-TH-KETDOAN",
        "Khối thi đua Trung học cơ sở": "Q1-THCS-CHUVANAN",
    }
    assert {k["name"]: k["leader"] for k in demo_khoi_plan()} == leaders
    schools = Unit.objects.filter(unit_type__category="school", path__startswith=Unit.objects.get(code="PGDDT-Q1").path)
    for year in years:
        clusters = Cluster.objects.filter(school_year=year).select_related("leader", "deputy", "organizer")
        assert {c.name: c.leader.code for c in clusters} == leaders
        for cluster in clusters:
            assert cluster.kind == ClusterKind.KHOI and cluster.organizer.code == "PGDDT-Q1"
            members = set(cluster.members.values_list("code", flat=True))
            assert cluster.leader.code in members and cluster.deputy.code in members
            assert cluster.deputy != cluster.leader and cluster.deputy.school_level == cluster.school_level
        # Every school sits in exactly one khối of its level each year.
        placed = Counter(ClusterMember.objects.filter(school_year=year).values_list("unit__code", flat=True))
        assert placed == Counter(schools.values_list("code", flat=True))


@pytest.mark.django_db
def test_people_and_employment_look_real(demo):
    persons = Person.objects.all()
    total = persons.count()
    assert 1400 <= total <= 1650
    assert 0.30 <= persons.filter(family_name="Nguyễn").count() / total <= 0.46
    an = Person.objects.filter(family_name="Nguyễn", middle_name="Văn", given_name="An")
    assert an.exists() and an.first().search_name == "nguyen van an"
    ids = list(persons.values_list("national_id", flat=True))
    assert len(set(ids)) == total and all(len(i) == 12 and i.isdigit() for i in ids)
    assert not persons.filter(sort_name="").exists()

    current = Employment.objects.filter(end_date__isnull=True)
    assert current.values("person").distinct().count() == total  # everyone holds a current post
    for school in Unit.objects.filter(unit_type__category="school"):
        posts = Counter(current.filter(unit=school).values_list("position", flat=True))
        assert posts[Position.HIEU_TRUONG] == 1 and 1 <= posts[Position.PHO_HIEU_TRUONG] <= 2, school.code
        assert not current.filter(unit__path__startswith=school.path, unit__depth=school.depth + 1,
                                  position=Position.HIEU_TRUONG).exists()
    # Teachers work in their tổ chuyên môn, office staff in the tổ văn phòng.
    assert set(current.filter(position=Position.GIAO_VIEN).values_list("unit__unit_type__code", flat=True)) == {
        "to-chuyen-mon"
    }
    assert set(current.filter(position=Position.NHAN_VIEN).values_list("unit__unit_type__code", flat=True)) <= {
        "to-van-phong", "phong-gddt"
    }
    # ~10 % have an earlier post that ended before the current one started; ~3 % started this school year.
    moved = Employment.objects.values("person").annotate(n=Count("id")).filter(n__gt=1).count()
    assert 0.05 <= moved / total <= 0.15
    for earlier in Employment.objects.filter(end_date__isnull=False).select_related("person")[:50]:
        later = Employment.objects.get(person=earlier.person, end_date__isnull=True)
        assert earlier.end_date < later.start_date and _school_of(earlier.unit) != _school_of(later.unit)
    year_start = dt.date(current_school_year_start(), 9, 1)
    recent = current.filter(start_date__gte=year_start).count()
    assert 0.01 <= recent / total <= 0.06
    assert not current.filter(start_date__gt=timezone.localdate()).exists()
    preschool = persons.filter(employments__unit__school_level=SchoolLevel.MAM_NON).distinct()
    assert preschool.filter(gender="nu").count() / preschool.count() > 0.85


@pytest.mark.django_db
def test_each_demo_login_has_its_role(demo):
    rows = demo_logins()
    assert {"quantri", "tdkt.q1", "truongphong.q1", "chuyenvien.th", "chuyenvien.mn", "chuyenvien.thcs", "tdkt.dth",
            "hieutruong.dth", "hoidong.dth", "giaovien.dth", "tdkt.ketdoan", "tdkt.thd",
            "tdkt.ubnd.q1", "chuyenvien.ubnd.q1", "chutich.q1"} == {r["username"] for r in rows}
    for row in rows:
        assert {"username", "password", "role_vi", "role_en", "unit"} <= set(row)
        user = User.objects.get(username=row["username"])
        assert user.check_password(DEMO_PASSWORD), row["username"]
        assert user.display_name
        memberships = Membership.objects.filter(user=user)
        assert {(m.role, m.unit.code) for m in memberships} == {(r, row["unit_code"]) for r in row["roles"]}
        assert memberships.first().unit.name == row["unit"]
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser and admin.is_staff
    assert not User.objects.get(username="tdkt.q1").is_superuser
    assert Membership.objects.get(user__username="chuyenvien.th").school_levels == ["tieu_hoc"]
    assert Membership.objects.get(user__username="chuyenvien.mn").school_levels == ["mam_non"]
    assert set(Membership.objects.filter(user__username="hieutruong.dth").values_list("role", flat=True)) == {
        "head", "cluster_leader"
    }
    # Logins are linked to their people.
    names = {
        "tdkt.q1": "Trương Quốc Cường", "truongphong.q1": "Võ Cao Long", "chuyenvien.th": "Nguyễn Anh Dũng",
        "chuyenvien.mn": "Trương Thị Thanh Trang", "chuyenvien.thcs": "Nguyễn Thúy", "giaovien.dth": "Nguyễn Văn An",
    }  # fmt: skip
    for username, name in names.items():
        assert User.objects.get(username=username).person.full_name == name
    head = User.objects.get(username="hieutruong.dth").person
    assert head.employments.get(end_date__isnull=True).position == Position.HIEU_TRUONG
    teacher = User.objects.get(username="giaovien.dth").person.employments.get(end_date__isnull=True)
    assert _school_of(teacher.unit).code == "Q1-TH-DINHTIENHOANG" and teacher.position == Position.GIAO_VIEN


@pytest.mark.django_db
def test_command_prints_logins_in_both_languages(demo):
    call_command("demo", stdout=io.StringIO())  # the command also adds the records history once
    counts = _counts()
    out = io.StringIO()
    call_command("demo", stdout=out)  # already built: a no-op
    text = out.getvalue()
    assert "Tài khoản demo / Demo logins" in text
    assert "không có gì thay đổi" in text
    assert "giaovien.dth" in text and DEMO_PASSWORD in text and "Trường Tiểu học Đinh Tiên Hoàng" in text
    assert "Elapsed" in text
    assert _counts() == counts


@pytest.mark.django_db
def test_scale_mode_builds_a_consistent_tree():
    before = AuditEvent.objects.count()
    created = build_scale(staff=2000, years=3)
    root = Unit.objects.get(code="DEMO-UBND")
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    subtree = Unit.objects.filter(path__startswith=root.path)
    assert created["units"] == subtree.count() == TREE.get_descendants(root).count() + 1
    assert TREE.get_children(root).count() == root.numchild == 1 + created["communes"]
    for school in subtree.filter(unit_type__category="school"):
        children = list(TREE.get_children(school))
        assert 3 <= len(children) <= 5 and school.numchild == len(children)
        assert all(TREE.get_parent(child) == school and child.depth == school.depth + 1 for child in children)
        assert [a.code for a in TREE.get_ancestors(school)][0] == "DEMO-UBND"
    thpt = TREE.get_children(Unit.objects.get(code="DEMO-SGDDT"))
    assert all(unit.unit_type.code == "truong-thpt" for unit in thpt)

    staff = Employment.objects.filter(unit__path__startswith=root.path, end_date__isnull=True)
    assert created["persons"] == 2000 == staff.count() == staff.values("person").distinct().count()
    assert Person.objects.filter(employments__unit__path__startswith=root.path).distinct().count() == 2000
    assert created["employments"] == Employment.objects.filter(unit__path__startswith=root.path).count()
    assert SchoolYear.objects.filter(start_year__gt=current_school_year_start() - 3).count() == 3
    assert AuditEvent.objects.filter(event_type="demo.loaded", target_id=str(root.pk)).count() == 1
    assert AuditEvent.objects.count() == before + 1 + created["school_years"]

    # Idempotent with the same N; refused, in Vietnamese, with another N.
    counts = _counts()
    assert build_scale(staff=2000, years=3)["already_present"] == 1
    assert _counts() == counts
    with pytest.raises(DemoError, match="Đã có cây dữ liệu thử hiệu năng"):
        build_scale(staff=800, years=3)
    with pytest.raises(CommandError, match="không thể tạo thêm"):
        call_command("demo", "--scale", "800", stdout=io.StringIO())
    assert _counts() == counts


@pytest.mark.django_db
def test_scale_command_reports_elapsed_time():
    out = io.StringIO()
    call_command("demo", "--scale", "300", "--years", "2", stdout=out)
    text = out.getvalue()
    assert "300 cá nhân" in text and "Elapsed" in text
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    with pytest.raises(CommandError, match="từ 50"):
        call_command("demo", "--scale", "10", stdout=io.StringIO())
