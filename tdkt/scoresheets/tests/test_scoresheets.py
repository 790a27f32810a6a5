"""Service tests of score sheets: the sheet and its versions, self-assessment and its refusals, reviews and the
gap flag, the final score with its reasons, the ranking and its publication."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .. import calc, selectors, services
from ..models import Assessment, AssessmentStatus, Criterion, Ranking, Review, Score, SheetStatus
from .factory import cluster, crit, filled, sheet

pytestmark = pytest.mark.django_db
D = Decimal


def test_import_builds_the_tree_with_caps_and_evidence(world):
    s = sheet(world, activate=False)
    c11, b, p = crit(s, "1.1"), crit(s, "2.1"), crit(s, "2.2")
    assert c11.parent.code == "1" and c11.evidence_required and c11.max_points == 10
    assert b.kind == "bonus" and b.cap == 5 and b.parent.code == "2"
    assert p.kind == "penalty" and p.cap == 3
    assert crit(s, "1").kind == "section"


def test_a_bad_import_row_refuses_all_rows(world):
    s = sheet(world, activate=False)
    before = Criterion.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.criteria_import(actor=world.users.office_officer, sheet=s, rows=services.parse_text(
            "3 | Mục mới\n3.1 | Tiêu chí | mười\n3.2 | Khác | 0"))
    text = str(exc.value)
    assert "3.1" in text and "không phải là số" in text and "3.2" in text
    assert Criterion.objects.count() == before


def test_import_from_xlsx(world, tmp_path):
    from tdkt.core.xlsx import write_xlsx

    s = services.sheet_create(actor=world.users.office_officer, owner=world.phong, school_year=world.year,
                              unit_type=world.types["truong-th"], title="Bảng từ Excel")
    path = tmp_path / "tieu-chi.xlsx"
    write_xlsx(path, ["Mã", "Nội dung", "Điểm", "Loại", "Minh chứng", "Hướng dẫn"],
               [("1", "Mục 1", None, "", "", ""), ("1.1", "Tiêu chí", 15, "", "x", "Hướng dẫn chấm")])
    with open(path, "rb") as f:
        n = services.criteria_import(actor=world.users.office_officer, sheet=s, rows=services.parse_xlsx(f))
    assert n == 2 and crit(s, "1.1").max_points == 15 and crit(s, "1.1").evidence_required


def test_a_sheet_in_use_is_locked_and_a_new_version_leaves_scoring_units_on_theirs(world):
    s = sheet(world)
    assert s.status == SheetStatus.IN_USE
    with pytest.raises(DomainValidationError, match="khóa"):
        services.criteria_import(actor=world.users.office_officer, sheet=s, rows=services.parse_text("3 | X | 5"))
    a = services.assessment_start(actor=world.users.officer_a, sheet=s, unit=world.school_a)
    v2 = services.sheet_new_version(actor=world.users.office_officer, sheet=s)
    assert v2.version == 2 and v2.criteria.count() == s.criteria.count()
    services.criteria_import(actor=world.users.office_officer, sheet=v2, rows=services.parse_text("3 | Mới | 5"))
    services.sheet_activate(actor=world.users.office_officer, sheet=v2)
    s.refresh_from_db()
    assert s.status == SheetStatus.RETIRED
    # School A keeps version 1; school B starts on version 2.
    assert services.assessment_start(actor=world.users.officer_a, sheet=v2, unit=world.school_a).pk == a.pk
    b = services.assessment_start(actor=world.users.officer_b, sheet=v2, unit=world.school_b)
    assert b.sheet_id == v2.pk and a.sheet_id == s.pk


def test_totals_are_normal_plus_capped_bonus_minus_penalty(world):
    a = filled(world, sheet(world))
    assert a.self_total == D("27")  # 8 + 18 + 2 − 1
    assert calc.totals([calc.Item(1, "b", "bonus", D(5))], {1: D(9)}).bonus == D(5)


@pytest.mark.parametrize("code,points,message", [
    ("1.2", "21", "Tiêu chí 1.2: điểm tối đa 20"),
    ("1.2", "-1", "Tiêu chí 1.2: điểm không được âm"),
    ("2.1", "6", "Tiêu chí 2.1: điểm cộng tối đa 5"),
])
def test_a_score_out_of_range_is_refused_naming_the_criterion(world, code, points, message):
    s = sheet(world)
    a = services.assessment_start(actor=world.users.officer_a, sheet=s, unit=world.school_a)
    with pytest.raises(DomainValidationError, match=message):
        services.score_save(actor=world.users.officer_a, assessment=a, criterion=crit(s, code), points=D(points))
    assert not Score.objects.filter(assessment=a).exists()


def test_submit_refuses_missing_evidence_and_missing_scores_and_saves_nothing(world):
    s = sheet(world)
    a = services.assessment_start(actor=world.users.officer_a, sheet=s, unit=world.school_a)
    services.score_save(actor=world.users.officer_a, assessment=a, criterion=crit(s, "1.1"), points=D(8))
    with pytest.raises(DomainValidationError) as exc:
        services.assessment_submit(actor=world.users.officer_a, assessment=a)
    text = str(exc.value)
    assert "Tiêu chí 1.1: bắt buộc có minh chứng" in text and "Tiêu chí 1.2: chưa chấm điểm" in text
    a.refresh_from_db()
    assert a.status == AssessmentStatus.DRAFT and a.submitted_at is None


def test_a_unit_scores_only_itself(world):
    s = sheet(world)
    with pytest.raises(PermissionRefused):
        services.assessment_start(actor=world.users.officer_b, sheet=s, unit=world.school_a)
    a = services.assessment_start(actor=world.users.officer_a, sheet=s, unit=world.school_a)
    with pytest.raises(PermissionRefused):
        services.score_save(actor=world.users.officer_b, assessment=a, criterion=crit(s, "1.2"), points=D(1))


def test_reviews_are_kept_a_gap_is_flagged_and_no_one_reviews_their_own_unit(world):
    s = sheet(world)
    cluster(world)
    a = filled(world, s)
    with pytest.raises(PermissionRefused, match="chính đơn vị"):
        services.review_save(actor=world.users.officer_a, assessment=a, points={})
    pts = {crit(s, "1.1").pk: D(6), crit(s, "1.2").pk: D(15), crit(s, "2.1").pk: D(2), crit(s, "2.2").pk: D(1)}
    cross = services.review_save(actor=world.users.officer_b, assessment=a, points=pts)
    assert cross.kind == "cross" and cross.reviewer_unit == world.school_b and cross.total == D(22)
    spec = services.review_save(actor=world.users.specialist_th, assessment=a,
                                points={**pts, crit(s, "1.2").pk: D(17)})
    assert spec.kind == "specialist" and spec.total == D(24)
    b = selectors.board(a)
    assert [r.total for r in b.reviews] == [D(22), D(24)] and b.gap == D(5) and b.flagged
    # A bonus over its cap is refused naming it, and the reviewer's earlier scores stay.
    with pytest.raises(DomainValidationError, match="2.1"):
        services.review_save(actor=world.users.officer_b, assessment=a, points={**pts, crit(s, "2.1").pk: D(7)})
    assert Review.objects.get(pk=cross.pk).total == D(22)
    # Not in the cluster, not the specialist of this level: refused.
    with pytest.raises(PermissionRefused):
        services.review_save(actor=world.users.specialist_mn, assessment=a, points=pts)


def test_final_score_follows_the_rule_and_every_change_has_a_reason(world):
    s = sheet(world)
    a = filled(world, s)
    pts = {crit(s, "1.1").pk: D(7), crit(s, "1.2").pk: D(16), crit(s, "2.1").pk: D(2), crit(s, "2.2").pk: D(0)}
    services.review_save(actor=world.users.specialist_th, assessment=a, points=pts)
    services.final_set(actor=world.users.office_officer, assessment=a)
    assert a.final_total == D(25) and a.status == AssessmentStatus.FINAL
    with pytest.raises(DomainValidationError, match="lý do"):
        services.final_set(actor=world.users.office_officer, assessment=a, total=D(26))
    a.refresh_from_db()
    assert a.final_total == D(25)
    services.final_set(actor=world.users.office_officer, assessment=a, total=D(26), reason="Hội đồng thống nhất")
    assert [(c.before, c.after) for c in a.final_changes.all()] == [(None, D(25)), (D(25), D(26))]
    assert AuditEvent.objects.filter(event_type="scoresheets.final_set").count() == 2


def test_average_rule(world):
    s = sheet(world, rule="average")
    cluster(world)
    a = filled(world, s)
    base = {crit(s, "1.1").pk: D(8), crit(s, "1.2").pk: D(10)}
    services.review_save(actor=world.users.officer_b, assessment=a, points=base)
    services.review_save(actor=world.users.specialist_th, assessment=a, points={**base, crit(s, "1.2").pk: D(13)})
    assert services.computed_final(a) == D("19.50")


def test_ranking_ties_published_frozen_and_a_change_needs_a_reason(world):
    s = sheet(world)
    c = cluster(world)
    a = filled(world, s)
    b = filled(world, s, unit=world.school_b, user=world.users.officer_b,
               points={"1.1": "9", "1.2": "18", "2.1": "0", "2.2": "0"})  # 27, no penalty
    for x in (a, b):
        services.final_set(actor=world.users.office_officer, assessment=x, total=D(27), reason="Hội đồng")
    entries = selectors.ranking_entries(c, s)
    # Equal scores: B has fewer penalty points, so it ranks first.
    assert [(r, e.unit_id) for r, e in entries] == [(1, world.school_b.pk), (2, world.school_a.pk)]
    with pytest.raises(PermissionRefused):
        services.ranking_publish(actor=world.users.officer_b, cluster=c, sheet=s, entries=entries)
    r1 = services.ranking_publish(actor=world.users.office_officer, cluster=c, sheet=s, entries=entries)
    services.final_set(actor=world.users.office_officer, assessment=a, total=D(30), reason="Phúc khảo")
    assert [row.unit_id for row in r1.rows.order_by("rank")] == [world.school_b.pk, world.school_a.pk]
    with pytest.raises(DomainValidationError, match="lý do"):
        services.ranking_publish(actor=world.users.office_officer, cluster=c, sheet=s,
                                 entries=selectors.ranking_entries(c, s))
    assert Ranking.objects.count() == 1
    r2 = services.ranking_publish(actor=world.users.office_officer, cluster=c, sheet=s,
                                  entries=selectors.ranking_entries(c, s), reason="Phúc khảo trường A")
    assert r2.version == 2 and r2.rows.get(rank=1).unit_id == world.school_a.pk
    assert [r.version for r in selectors.rankings_of(c, s)] == [2, 1]


def test_the_cluster_leader_may_publish(world):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    s = sheet(world)
    c = cluster(world)
    leader = User.objects.create_user(username="leader", password="pw-test-123")
    Membership.objects.create(user=leader, unit=world.school_a, role=Role.CLUSTER_LEADER)
    r = services.ranking_publish(actor=leader, cluster=c, sheet=s, entries=selectors.ranking_entries(c, s))
    assert r.rows.count() == 2 and all(row.rank is None for row in r.rows.all())


def test_rank_orders_by_total_then_penalty_then_submission(world):
    t0 = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    out = calc.rank([calc.Entry(1, "A", D(90), D(0), t0 + dt.timedelta(hours=1)), calc.Entry(2, "B", D(90), D(0), t0),
                     calc.Entry(3, "C", D(95)), calc.Entry(4, "D", None), calc.Entry(5, "E", D(90), D(2), t0)])
    assert [(r, e.name) for r, e in out] == [(1, "C"), (2, "B"), (3, "A"), (4, "E"), (None, "D")]


def test_pages_fill_save_per_field_review_and_export(world, client):
    s = sheet(world)
    c = cluster(world)
    client.force_login(world.users.officer_a)
    r = client.post(reverse("scoresheets:assessment_start", args=[s.pk]), {"unit": world.school_a.pk})
    a = Assessment.objects.get(unit=world.school_a)
    assert r.status_code == 302
    r = client.post(reverse("scoresheets:score_save", args=[a.pk]), {"criterion": crit(s, "1.2").pk, "points": "25"})
    assert r.status_code == 400 and "1.2" in r.json()["error"]
    r = client.post(reverse("scoresheets:score_save", args=[a.pk]), {"criterion": crit(s, "1.2").pk, "points": "18"})
    assert r.json() == {"ok": True, "criterion": "1.2", "points": "18", "total": "18.00"}
    page = client.get(reverse("scoresheets:assessment_fill", args=[a.pk]))
    assert b"tdkt/scoresheet.js" in page.content and b"<script>" not in page.content
    client.force_login(world.users.office_officer)
    x = client.get(reverse("scoresheets:ranking", args=[s.pk, c.pk]) + "?xuat=xlsx")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    api = client.get(f"/api/scoresheets/sheets/{s.pk}/clusters/{c.pk}/ranking")
    assert api.status_code == 200 and len(api.json()["rows"]) == 2


def test_the_ranking_page_states_the_tie_break_and_shows_the_history(world, client):
    s = sheet(world)
    c = cluster(world)
    a = filled(world, s)
    services.final_set(actor=world.users.office_officer, assessment=a, total=D(27), reason="Hội đồng")
    client.force_login(world.users.office_officer)
    url = reverse("scoresheets:ranking", args=[s.pk, c.pk])
    r = client.post(reverse("scoresheets:ranking_publish", args=[s.pk, c.pk]), {"reason": ""})
    assert r.status_code == 302
    client.post(reverse("scoresheets:ranking_publish", args=[s.pk, c.pk]), {"reason": ""})  # refused: no reason
    assert Ranking.objects.count() == 1
    page = client.get(url).content.decode()
    assert "ít điểm trừ hơn xếp trên" in page and "Đã công bố (lần 1" in page
    # School B (no score yet) is listed without a rank; the preschool of the world is not in the cluster's list.
    assert "Kết Đoàn" in page and "Bé Ngoan" not in page


def test_a_sheet_of_200_criteria_and_40_units_ranks_in_under_a_second(world):
    import time

    from tdkt.org.choices import ClusterKind
    from tdkt.org.models import ClusterMember, Unit

    s = sheet(world)
    Criterion.objects.bulk_create([Criterion(sheet=s, order=100 + i, code=f"9.{i}", title=f"Tiêu chí {i}",
                                             max_points=D(5), kind="penalty" if i % 20 == 0 else "normal",
                                             cap=D(2) if i % 20 == 0 else None) for i in range(200)])
    c = cluster(world)
    crits = list(s.criteria.exclude(kind="section"))
    for n in range(38):
        u = Unit.objects.add_child(world.phong, {"code": f"TH-X{n}", "name": f"Trường Tiểu học Thử {n:02d}",
                                                 "unit_type": world.types["truong-th"]})
        ClusterMember.objects.create(cluster=c, unit=u, school_year=world.year, kind=ClusterKind.CUM)
        a = Assessment.objects.create(sheet=s, unit=u, created_by=world.users.office_officer, status="final",
                                      final_total=D(100 + n % 7))
        Score.objects.bulk_create([Score(assessment=a, criterion=cr, points=D(1)) for cr in crits])
    started = time.perf_counter()
    entries = selectors.ranking_entries(c, s)
    elapsed = time.perf_counter() - started
    assert len(entries) == 40 and entries[0][1].total == D(106) and elapsed < 1.0, elapsed
