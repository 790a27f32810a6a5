"""The demo ward (dữ liệu demo) on today's map, its history, its year in progress,
and the benchmark tree (--scale).

The demo is built twice once per module inside a transaction that is rolled back
at the end, so the other test modules never see it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models, transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from tdkt.accounts.models import Membership, User
from tdkt.audit.models import AuditEvent
from tdkt.org import selectors as org_selectors
from tdkt.org.choices import ClusterKind, SchoolLevel
from tdkt.org.models import Cluster, ClusterMember, SchoolYear, Unit, UnitEvent, UnitEventLink
from tdkt.people.choices import Position
from tdkt.people.models import Employment, Person
from tdkt.site.demo import (
    DEMO_PASSWORD,
    DemoError,
    build_demo,
    build_scale,
    current_school_year_start,
    demo_cum_plan,
    demo_khoi_plan,
    demo_logins,
)
from tdkt.site.demo_records import build_demo_records
from tdkt.site.demo_year import build_demo_year

TREE = Unit.objects
COUNTED: list[type[models.Model]] = [
    Unit, UnitEvent, UnitEventLink, SchoolYear, Cluster, ClusterMember, Person, Employment, User, Membership,
    AuditEvent]
REFORM = dt.date(2025, 7, 1)
DTH = "Q1-TH-DINHTIENHOANG"


def _school_of(unit: Unit) -> Unit:
    if unit.unit_type.category in ("school", "education_authority", "state"):
        return unit
    parent = TREE.get_parent(unit)
    assert parent is not None  # a team (tổ) always sits in a school
    return parent


def _counts() -> dict[str, int]:
    from tdkt.awards.models import Decision, Proposal
    from tdkt.campaigns.models import Campaign
    from tdkt.meetings.models import Ballot, Meeting, Question

    counted: list[type[models.Model]] = [*COUNTED, Proposal, Decision, Campaign, Meeting, Question, Ballot]
    return {model.__name__: model._default_manager.count() for model in counted}  # (= objects: no other manager)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # A fast hasher for the module: the demo hashes its one password once per run.
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        first = build_demo()
        records = build_demo_records(out=io.StringIO())
        year = build_demo_year(out=io.StringIO())
        counts_first = _counts()
        second = build_demo()
        records_again = build_demo_records(out=io.StringIO())
        year_again = build_demo_year(out=io.StringIO())
        counts_second = _counts()
        yield SimpleNamespace(first=first, second=second, records=records, records_again=records_again, year=year,
                              year_again=year_again, counts_first=counts_first, counts_second=counts_second)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_builds_the_ward_once(demo):
    assert demo.first["units"] > 50 and demo.first["persons"] > 400
    # Idempotent: the second run creates nothing and changes no count.
    assert not any(demo.second.values()), demo.second
    assert not any(demo.records_again.values()) and not demo.year_again.created, demo.year_again.created
    assert demo.counts_second == demo.counts_first
    assert AuditEvent.objects.filter(event_type="demo.loaded").count() == 1
    # Every step of the year went through its service: nothing was refused.
    assert demo.year.findings == []


@pytest.mark.django_db
def test_todays_map(demo):
    u = {code: Unit.objects.get(code=code) for code in ["BGDDT", "UBND-HCM", "SGDDT-HCM", "UBND-Q1", "PGDDT-Q1",
                                                         "UBND-P-SAIGON", "VHXH-P-SAIGON"]}
    assert u["BGDDT"].is_root() and u["UBND-HCM"].is_root()
    assert TREE.get_parent(u["SGDDT-HCM"]) == u["UBND-HCM"] == TREE.get_parent(u["UBND-P-SAIGON"])
    assert TREE.get_parent(u["VHXH-P-SAIGON"]) == u["UBND-P-SAIGON"]
    assert u["UBND-P-SAIGON"].unit_type.code == "ubnd-xa" and u["VHXH-P-SAIGON"].unit_type.code == "phong-vhxh"
    assert u["UBND-P-SAIGON"].active_from == REFORM and u["UBND-P-SAIGON"].place_name == "Phường Sài Gòn"
    assert Unit.objects.find_problems() == ([], [], [], [], [])

    schools = [c for c in TREE.get_children(u["UBND-P-SAIGON"]) if c.unit_type.category == "school"]
    assert Counter(s.school_level for s in schools) == {"mam_non": 3, "tieu_hoc": 3, "thcs": 2}
    assert Unit.objects.get(code="Q1-TH-NGUYENBINHKHIEM").name == "Trường Tiểu học Nguyễn Bỉnh Khiêm"
    for school in schools:
        kinds = Counter(child.unit_type.code for child in TREE.get_children(school))
        assert 2 <= kinds["to-chuyen-mon"] <= 4 and kinds["to-van-phong"] == 1, school.code
        assert school.founded_on is not None and school.active_to is None
    thpt = [c for c in TREE.get_children(u["SGDDT-HCM"])]
    assert [t.unit_type.code for t in thpt] == ["truong-thpt"]
    # The district level is closed, with its successor links; nothing under the Phòng today.
    assert u["PGDDT-Q1"].active_to == u["UBND-Q1"].active_to == dt.date(2025, 6, 30)
    assert u["PGDDT-Q1"].successor == u["VHXH-P-SAIGON"] and u["UBND-Q1"].successor is None
    assert not TREE.get_children(u["PGDDT-Q1"]).exists()
    old_wards = Unit.objects.filter(code__in=["UBND-P-BENNGHE", "UBND-P-DAKAO", "UBND-P-NGUYENTHAIBINH"])
    assert {w.successor_id for w in old_wards} == {u["UBND-P-SAIGON"].pk}
    assert {w.active_to for w in old_wards} == {dt.date(2025, 6, 30)}


@pytest.mark.django_db
def test_the_history_of_the_reform(demo):
    ward, phong = Unit.objects.get(code="UBND-P-SAIGON"), Unit.objects.get(code="PGDDT-Q1")
    dth = Unit.objects.get(code=DTH)
    # Each school's move is an event with its act, the old parent and the new.
    move = UnitEventLink.objects.get(unit=dth, event__kind="move")
    assert (move.parent_before, move.parent_after) == (phong, ward)
    assert move.event.decision_number == "142/2025/NĐ-CP" and move.event.effective_date == REFORM
    assert org_selectors.unit_parent_on(unit=dth, day=dt.date(2024, 5, 1)) == phong
    assert org_selectors.unit_parent_on(unit=dth, day=REFORM) == ward
    # The ward's line: formed from the three wards of the former Quận 1 (NQ 1685/NQ-UBTVQH15).
    assert {p.code for p in org_selectors.unit_predecessors(unit=ward)} == {
        "UBND-P-BENNGHE", "UBND-P-DAKAO", "UBND-P-NGUYENTHAIBINH"}
    merge = UnitEvent.objects.get(kind="merge")
    assert merge.decision_number == "1685/NQ-UBTVQH15" and merge.issuer == "Ủy ban Thường vụ Quốc hội"
    assert {p.code for p in org_selectors.unit_successors(unit=phong)} == {"VHXH-P-SAIGON"}
    # A person's line: the TĐKT officer of the Phòng carried to the ward's office on 01/07/2025.
    officer = User.objects.get(username="tdkt.saigon").person
    posts = list(officer.employments.order_by("start_date").values_list("unit__code", "start_date", "end_date"))
    assert posts == [("PGDDT-Q1", dt.date(2014, 9, 1), dt.date(2025, 6, 30)),
                     ("VHXH-P-SAIGON", REFORM, None)]
    thuy = User.objects.get(username="chuyenvien.thpt.sgddt").person
    assert [e.unit.code for e in thuy.employments.order_by("start_date")] == ["PGDDT-Q1", "SGDDT-HCM"]
    # Nobody works at a closed unit today.
    assert not Employment.objects.filter(end_date__isnull=True, unit__active_to__isnull=False).exists()
    # The seed memo of the Phòng (2023) stays readable as that year's campaign.
    from tdkt.campaigns.models import Campaign

    memo = Campaign.objects.get(unit=phong, school_year__start_year=2023)
    assert "1382/HD-GDĐT" in memo.content


@pytest.mark.django_db
def test_decisions_keep_their_issuer(demo):
    from tdkt.awards.models import Decision
    from tdkt.records.models import AwardRecord

    current = current_school_year_start()
    ldtt = AwardRecord.objects.filter(award_type__code="lao-dong-tien-tien", person__isnull=False)
    ward_schools = {u.pk for u in Unit.objects.filter(path__startswith=Unit.objects.get(code="UBND-P-SAIGON").path)}
    for year in range(current - 4, current):
        issuers = set(ldtt.filter(school_year__start_year=year, unit_id__in=ward_schools)
                      .values_list("issuer", flat=True))
        if year < 2025:  # decided in June of the following year
            assert issuers == {"Phòng Giáo dục và Đào tạo Quận 1"}, year
            assert set(AwardRecord.objects.filter(award_type__code="chien-si-thi-dua-co-so", school_year__start_year=year,
                                                  unit_id__in=ward_schools).values_list("issuer", flat=True)) == {
                "Ủy ban nhân dân Quận 1"}
        else:
            assert issuers == {"Ủy ban nhân dân phường Sài Gòn"}, year
    # 2025-2026 of Đinh Tiên Hoàng: the ward chairman's decision, made through the awards services.
    decision = Decision.objects.get(issuer__code="UBND-P-SAIGON", round__school_year__start_year=current - 1)
    assert decision.signer_title == "Chủ tịch" and decision.symbol == "QĐ-UBND"
    assert decision.decision_date == dt.date(2026, 6, 20) and decision.items.count() > 30
    an = User.objects.get(username="giaovien.dth").person
    assert set(decision.items.filter(person=an).values_list("award_type__code", flat=True)) == {
        "lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    assert decision.proposal.events.filter(action="receive").exists()


@pytest.mark.django_db
def test_clusters_before_and_after_the_reform(demo):
    current = current_school_year_start()
    years = list(SchoolYear.objects.order_by("start_year"))
    assert [y.start_year for y in years] == list(range(current - 4, current + 1))
    leaders = {"Khối thi đua Mầm non 1": "Q1-MN-TUOITHO", "Khối thi đua Tiểu học 1": DTH,
               "Khối thi đua Trung học cơ sở": "Q1-THCS-VANLANG"}
    assert {k["name"]: k["leader"] for k in demo_khoi_plan()} == leaders
    ward_schools = set(Unit.objects.filter(unit_type__category="school", path__startswith=Unit.objects.get(
        code="UBND-P-SAIGON").path).values_list("code", flat=True))
    for year in years:
        clusters = list(Cluster.objects.filter(school_year=year).select_related("leader", "deputy", "organizer"))
        if year.start_date < REFORM:
            assert {c.name: c.leader.code for c in clusters} == leaders
            assert {(c.kind, c.organizer.code) for c in clusters} == {(ClusterKind.KHOI, "PGDDT-Q1")}
        else:
            [cum] = clusters
            assert (cum.kind, cum.organizer.code, cum.leader.code) == (ClusterKind.CUM, "UBND-P-SAIGON", DTH)
            assert cum.deputy.code == demo_cum_plan()["deputy"] == "Q1-TH-NGUYENBINHKHIEM"
        for cluster in clusters:
            members = set(cluster.members.values_list("code", flat=True))
            assert cluster.leader.code in members and cluster.deputy.code in members and cluster.deputy != cluster.leader
        placed = Counter(ClusterMember.objects.filter(school_year=year).values_list("unit__code", flat=True))
        assert placed == Counter(ward_schools)


@pytest.mark.django_db
def test_people_and_employment_look_real(demo):
    persons = Person.objects.all()
    total = persons.count()
    assert 430 <= total <= 560
    assert 0.25 <= persons.filter(family_name="Nguyễn").count() / total <= 0.50
    an = Person.objects.filter(family_name="Nguyễn", middle_name="Văn", given_name="An")
    assert an.count() == 1 and an.first().search_name == "nguyen van an"
    ids = list(persons.values_list("national_id", flat=True))
    assert len(set(ids)) == total and all(len(i) == 12 and i.isdigit() for i in ids)
    assert not persons.filter(sort_name="").exists()

    current = Employment.objects.filter(end_date__isnull=True)
    left = persons.exclude(employments__end_date__isnull=True)  # left with the Phòng on 30/06/2025
    assert 0 < left.count() <= 7
    assert not Employment.objects.filter(person__in=left, end_date__gt=dt.date(2025, 6, 30)).exists()
    for school in Unit.objects.filter(unit_type__category="school"):
        posts = Counter(current.filter(unit=school).values_list("position", flat=True))
        assert posts[Position.HIEU_TRUONG] == 1 and 1 <= posts[Position.PHO_HIEU_TRUONG] <= 3, school.code
    assert set(current.filter(position=Position.GIAO_VIEN).values_list("unit__unit_type__code", flat=True)) == {
        "to-chuyen-mon"}
    moved = Employment.objects.values("person").annotate(n=Count("id")).filter(n__gt=1).count()
    assert 0.03 <= moved / total <= 0.18
    assert not current.filter(start_date__gt=timezone.localdate()).exists()
    preschool = persons.filter(employments__unit__school_level=SchoolLevel.MAM_NON).distinct()
    assert preschool.filter(gender="nu").count() / preschool.count() > 0.85


@pytest.mark.django_db
def test_each_demo_login_has_its_role(demo):
    rows = demo_logins()
    assert {r["username"] for r in rows} == {
        "quantri", "chutich.saigon", "tdkt.saigon", "chuyenvien.mn.saigon", "chuyenvien.th.saigon",
        "chuyenvien.thcs.saigon", "giamdoc.sgddt", "tdkt.sgddt", "chuyenvien.thpt.sgddt", "hieutruong.dth", "tdkt.dth",
        "hoidong1.dth", "hoidong2.dth", "hoidong3.dth", "giaovien.dth", "tdkt.nbk", "tdkt.tuoitho", "tdkt.sonca",
        "tdkt.ltv"}
    for row in rows:
        assert {"username", "password", "role_vi", "role_en", "unit"} <= set(row)
        user = User.objects.get(username=row["username"])
        assert user.check_password(DEMO_PASSWORD), row["username"]
        assert user.display_name
        memberships = Membership.objects.filter(user=user)
        assert {(m.role, m.unit.code) for m in memberships} == {(r, row["unit_code"]) for r in row["roles"]}
        assert memberships.first().unit.name == row["unit"]
        # Every login but the administrator's and the chairman's is a person of the demo, working today.
        if row["username"] not in ("quantri", "chutich.saigon"):
            assert user.person.employments.filter(end_date__isnull=True).exists(), row["username"]
    assert User.objects.get(username="quantri").is_superuser
    assert not User.objects.get(username="tdkt.saigon").is_superuser
    levels = {r["username"]: r["school_levels"] for r in rows}
    assert levels["chuyenvien.th.saigon"] == ["tieu_hoc"] and levels["chuyenvien.thpt.sgddt"] == ["thpt"]
    assert User.objects.get(username="chutich.saigon").display_name == "Lý Minh Khôi"
    teacher = User.objects.get(username="giaovien.dth").person
    assert teacher.full_name == "Nguyễn Văn An"
    post = teacher.employments.get(end_date__isnull=True)
    assert _school_of(post.unit).code == DTH and post.position == Position.GIAO_VIEN


@pytest.mark.django_db
def test_the_council_votes_from_its_own_logins(demo):
    """Five members, each seat linked to its own login: chair the principal, secretary the officer."""
    from tdkt.meetings.models import Council, CouncilMember
    from tdkt.meetings.selectors import member_for_user

    council = Council.objects.get(unit__code=DTH)
    seats = {m.user.username: m.role for m in CouncilMember.objects.filter(council=council).select_related("user")}
    assert seats == {"hieutruong.dth": "chu_tich", "tdkt.dth": "thu_ky", "hoidong1.dth": "uy_vien",
                     "hoidong2.dth": "uy_vien", "hoidong3.dth": "uy_vien"}
    for username in seats:
        seat = member_for_user(council, User.objects.get(username=username))
        assert seat is not None and seat.person.user.username == username
    teacher_seat = CouncilMember.objects.get(council=council, user__username="hoidong3.dth")
    assert teacher_seat.person.employments.get(end_date__isnull=True).position == Position.GIAO_VIEN


@pytest.mark.django_db
def test_pending_work_for_each_role(demo):
    """Issue 12: what each role finds waiting — real rows made by the services."""
    from tdkt.awards.models import Proposal
    from tdkt.campaigns.models import Campaign, RegistrationSubmission
    from tdkt.meetings.models import Attendance, BallotReceipt, Question
    from tdkt.records.models import Registration

    today = timezone.localdate()
    current = current_school_year_start()
    campaign = Campaign.objects.get(unit__code="UBND-P-SAIGON", school_year__start_year=current)
    assert campaign.registration_deadline >= today  # the teacher can still register herself
    an = User.objects.get(username="giaovien.dth").person
    assert not Registration.objects.filter(person=an, school_year__start_year=current).exists()
    # The ward officer: a school's registration dossier to accept, and a proposal to receive.
    assert RegistrationSubmission.objects.get(campaign=campaign, unit__code=DTH).status == "submitted"
    assert RegistrationSubmission.objects.get(campaign=campaign, unit__code="Q1-TH-NGUYENBINHKHIEM").status == "accepted"
    proposals = Proposal.objects.filter(round__school_year__start_year=current)
    assert proposals.get(unit__code=DTH, to_unit__code="UBND-P-SAIGON").status == "da_gui"
    returned = proposals.get(unit__code="Q1-TH-NGUYENBINHKHIEM")
    assert returned.status == "tra_lai" and "Biên bản" in returned.return_reason
    # The preschool specialist has a dossier routed to her; the chairman has one reviewed to decide.
    received = proposals.get(unit__code="Q1-MN-SONCA")
    assert received.status == "da_nhan" and received.specialist.username == "chuyenvien.mn.saigon"
    assert proposals.get(unit__code="Q1-MN-TUOITHO").status == "da_tham_dinh"
    # The Sở has a proposal from its upper secondary school waiting.
    assert proposals.get(unit__code="HCM-THPT-LUONGTHEVINH", to_unit__code="SGDDT-HCM").status == "da_gui"
    # The council meets today: all five present, a secret ballot open, nobody has voted yet.
    question = Question.objects.get(status="dang_bieu_quyet")
    assert question.method == "bo_phieu_kin" and question.meeting.day == today
    assert question.meeting.council.unit.code == DTH
    assert Attendance.objects.filter(meeting=question.meeting, present=True).count() == 5
    assert not BallotReceipt.objects.filter(question=question).exists()
    assert question.person.user_id is None  # not a member: every member may vote


@pytest.mark.django_db
def test_command_prints_logins_in_both_languages(demo):
    call_command("demo", stdout=io.StringIO())
    counts = _counts()
    out = io.StringIO()
    call_command("demo", stdout=out)  # already built: a no-op
    text = out.getvalue()
    assert "Tài khoản demo / Demo logins" in text
    assert "không có gì thay đổi" in text
    assert "giaovien.dth" in text and DEMO_PASSWORD in text and "Trường Tiểu học Đinh Tiên Hoàng" in text
    assert "chutich.saigon" in text and "Ủy ban nhân dân phường Sài Gòn" in text
    assert "Elapsed" in text and "Ghi chú demo" not in text
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
