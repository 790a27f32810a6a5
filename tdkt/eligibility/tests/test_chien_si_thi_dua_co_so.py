"""Chiến sĩ thi đua cơ sở: LĐTT standards plus an initiative recognised in the year;
the ≤ 15% of LĐTT quota is a warning shown per school."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.eligibility import engine

from .helpers import CSTDCS, LDTT, discipline, initiative, ldtt_ready, line, person, rate, register, sy

D = dt.date


def ready(p, year=2025, rating="htxs"):
    ldtt_ready(p, year, rating)
    register(p, CSTDCS, year)


def verdict(p, year=2025):
    return engine.evaluate(p, CSTDCS, sy(year))


def test_eligible_with_ldtt_standards_and_an_initiative(w):
    ready(w.an)
    initiative(w.an, 2025, title="Dạy học STEM lớp 5")
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien"
    assert "Dạy học STEM lớp 5" in line(r, "sang-kien")["detail"]
    assert line(r, "dat-ldtt")["passed"] is True
    assert "Điều 23" in line(r, "dat-ldtt")["citation"]


def test_registration_for_ldtt_is_not_required_but_for_cstdcs_it_is(w):
    register(w.an, CSTDCS, 2025)
    rate(w.an, 2025, "htxs")
    initiative(w.an, 2025)
    assert verdict(w.an).outcome == "du_dieu_kien"
    assert engine.evaluate(w.an, LDTT, sy(2025)).outcome == "khong_du_dieu_kien"


def test_no_initiative_fails_and_says_what_is_needed(w):
    ready(w.an)
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "sang-kien")["need"].startswith("cần 1 sáng kiến")


def test_initiative_of_another_year_or_not_recognised_does_not_count(w):
    ready(w.an)
    initiative(w.an, 2024)
    initiative(w.an, 2025, recognized=False)
    assert verdict(w.an).outcome == "khong_du_dieu_kien"


def test_co_author_counts(w):
    ready(w.an)
    initiative([w.binh, w.an], 2025, share=50)
    assert verdict(w.an).outcome == "du_dieu_kien"


def test_failing_ldtt_standard_is_named(w):
    ready(w.an)
    initiative(w.an, 2025)
    discipline(w.an, "khien_trach", D(2025, 10, 1), D(2026, 9, 30))
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "Khiển trách" in line(r, "dat-ldtt")["detail"]


def test_missing_rating_is_missing_information(w):
    register(w.an, CSTDCS, 2025)
    initiative(w.an, 2025)
    r = verdict(w.an)
    assert r.outcome == "thieu_thong_tin"
    assert "Chưa có xếp loại" in r.summary


def _school_of(w, n_ldtt: int, n_cstdcs: int):
    """A school whose staff: ``n_ldtt`` LĐTT-ready, of whom ``n_cstdcs`` also CSTĐCS-ready."""
    people = [person(w.school_b, f"GV{i:02d}") for i in range(n_ldtt)]
    for i, p in enumerate(people):
        ldtt_ready(p, 2025)
        if i < n_cstdcs:
            register(p, CSTDCS, 2025)
            initiative(p, 2025)
    return people


@pytest.mark.parametrize(("n_ldtt", "cap"), [(20, 3), (19, 2), (7, 1), (6, 0)])
def test_quota_cap_is_floor_of_15_percent(w, n_ldtt, cap):
    # Cường (already on school B's staff, not ready) is not counted: only people eligible for LĐTT are.
    _school_of(w, n_ldtt, 0)
    panel = engine.quota_panel(w.school_b, sy(2025))
    group = panel["rules"][0]["groups"][0]
    assert (group["of_title_count"], group["cap"]) == (n_ldtt, cap)
    assert "làm tròn xuống" in group["detail"]


def test_quota_is_a_warning_the_council_resolves(w):
    people = _school_of(w, 20, 4)  # cap 3, four eligible
    r = verdict(people[0])
    assert r.outcome == "du_dieu_kien"
    quota = line(r, "ty-le-15")
    assert quota["blocking"] is False and quota["passed"] is False
    assert "vượt 1" in quota["detail"]
    group = engine.quota_panel(w.school_b, sy(2025))["rules"][0]["groups"][0]
    assert group["eligible_count"] == 4 and group["over_by"] == 1
    assert {e["person_id"] for e in group["eligible"]} == {p.pk for p in people[:4]}


def test_quota_exactly_at_the_cap_passes(w):
    people = _school_of(w, 20, 3)
    assert line(verdict(people[0]), "ty-le-15")["passed"] is True


def test_quota_panel_lists_people_one_criterion_short(w):
    people = _school_of(w, 20, 0)
    register(people[5], CSTDCS, 2025)  # registered, no initiative: one criterion short
    group = engine.quota_panel(w.school_b, sy(2025))["rules"][0]["groups"][0]
    near = {n["person_id"]: n["missing"] for n in group["near_misses"]}
    assert near[people[5].pk].startswith("cần 1 sáng kiến")
