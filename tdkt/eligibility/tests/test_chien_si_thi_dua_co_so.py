"""Chiến sĩ thi đua cơ sở.

From 01/01/2024 (Luật TĐKT 2022, Điều 23): LĐTT standards *and* (an HTXS rating *or* an initiative
recognised in the year) — the same under NĐ 98/2023 and NĐ 152/2025. Before (Luật 2003, NĐ 91/2017):
LĐTT *and* an initiative, and no more than 15% of the school's LĐTT (NĐ 91 Điều 9 khoản 3), a warning
shown per school. No cap from 2024."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.eligibility import engine

from .helpers import CSTDCS, LDTT, discipline, initiative, ldtt_ready, line, person, rate, register, sy

D = dt.date
OLD_YEAR = 2022  # 2022-2023, judged under NĐ 91/2017


def ready(p, year=2025, rating="htxs"):
    ldtt_ready(p, year, rating)
    register(p, CSTDCS, year)


def verdict(p, year=2025):
    return engine.evaluate(p, CSTDCS, sy(year))


def test_htxs_alone_is_enough_from_2024(w):
    ready(w.an, rating="htxs")
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien"
    either = line(r, "htxs-hoac-sang-kien")
    assert either["passed"] is True and either["citation"] == "khoản 2, Điều 23, Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15)"
    assert "Hoàn thành xuất sắc nhiệm vụ" in either["detail"]
    assert "sang-kien" not in {x["code"] for x in r.lines}
    assert line(r, "dat-ldtt")["passed"] is True and "Điều 23" in line(r, "dat-ldtt")["citation"]


def test_htt_with_an_initiative_passes_from_2024(w):
    ready(w.an, rating="htt")
    initiative(w.an, 2025, title="Dạy học STEM lớp 5")
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien"
    assert "Dạy học STEM lớp 5" in line(r, "htxs-hoac-sang-kien")["detail"]


def test_htt_without_an_initiative_fails_and_says_both_ways_out(w):
    ready(w.an, rating="htt")
    initiative(w.an, 2024)  # another year does not count
    initiative(w.an, 2025, recognized=False)  # nor one not recognised
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    either = line(r, "htxs-hoac-sang-kien")
    assert either["passed"] is False and "Không đạt phương án nào" in either["detail"]
    assert "Hoàn thành xuất sắc nhiệm vụ" in either["need"] and " hoặc " in either["need"]
    assert "sáng kiến" in either["need"]


@pytest.mark.parametrize(("year", "document"), [(2023, "Thông tư 01/2024/TT-BNV"), (2024, "Nghị định 152/2025/NĐ-CP"),
                                               (2025, "Nghị định 152/2025/NĐ-CP")])
def test_the_year_is_judged_by_the_rows_in_force_when_it_ends(w, year, document):
    """A school year ends on 31/08: 2023-2024 under the NĐ 98 / TT 01/2024 rows, 2024-2025 (ending 31/08/2025)
    and 2025-2026 under the NĐ 152 rows."""
    ready(w.an, year=year)
    r = engine.evaluate(w.an, LDTT, sy(year))
    assert line(r, "ky-luat")["citation"].endswith(document)
    assert verdict(w.an, year).outcome == "du_dieu_kien"


def test_before_2024_an_initiative_was_required_even_with_htxs(w):
    ready(w.an, year=OLD_YEAR, rating="htxs")
    r = verdict(w.an, OLD_YEAR)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "sang-kien")["need"].startswith("cần 1 sáng kiến")
    assert "Luật Thi đua, khen thưởng 2003" in line(r, "sang-kien")["citation"]
    initiative(w.an, OLD_YEAR, title="Dạy học STEM lớp 5")
    r = verdict(w.an, OLD_YEAR)
    assert r.outcome == "du_dieu_kien" and "Dạy học STEM lớp 5" in line(r, "sang-kien")["detail"]


def test_registration_for_ldtt_is_not_required_but_for_cstdcs_it_is(w):
    register(w.an, CSTDCS, 2025)
    rate(w.an, 2025, "htxs")
    assert verdict(w.an).outcome == "du_dieu_kien"
    assert engine.evaluate(w.an, LDTT, sy(2025)).outcome == "khong_du_dieu_kien"


def test_co_author_counts(w):
    ready(w.an, rating="htt")
    initiative([w.binh, w.an], 2025, share=50)
    assert verdict(w.an).outcome == "du_dieu_kien"


def test_failing_ldtt_standard_is_named(w):
    ready(w.an)
    discipline(w.an, "khien_trach", D(2025, 10, 1), D(2026, 9, 30))
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "Khiển trách" in line(r, "dat-ldtt")["detail"]


def test_missing_rating_is_missing_information(w):
    register(w.an, CSTDCS, 2025)
    r = verdict(w.an)
    assert r.outcome == "thieu_thong_tin"
    assert "Chưa có xếp loại" in r.summary


def test_no_fifteen_percent_cap_from_2024(w):
    people = _school_of(w, 20, 4, year=2025)
    r = verdict(people[0])
    assert r.outcome == "du_dieu_kien" and "ty-le-15" not in {x["code"] for x in r.lines}
    assert engine.quota_panel(w.school_b, sy(2025))["rules"] == []


def _school_of(w, n_ldtt: int, n_cstdcs: int, year: int = OLD_YEAR):
    """A school whose staff: ``n_ldtt`` LĐTT-ready, of whom ``n_cstdcs`` also CSTĐCS-ready."""
    people = [person(w.school_b, f"GV{i:02d}") for i in range(n_ldtt)]
    for i, p in enumerate(people):
        ldtt_ready(p, year)
        if i < n_cstdcs:
            register(p, CSTDCS, year)
            initiative(p, year)
    return people


@pytest.mark.parametrize(("n_ldtt", "cap"), [(20, 3), (19, 2), (7, 1), (6, 0)])
def test_quota_cap_is_floor_of_15_percent(w, n_ldtt, cap):
    # Cường (already on school B's staff, not ready) is not counted: only people eligible for LĐTT are.
    _school_of(w, n_ldtt, 0)
    panel = engine.quota_panel(w.school_b, sy(OLD_YEAR))
    group = panel["rules"][0]["groups"][0]
    assert (group["of_title_count"], group["cap"]) == (n_ldtt, cap)
    assert "làm tròn xuống" in group["detail"]


def test_quota_is_a_warning_the_council_resolves(w):
    people = _school_of(w, 20, 4)  # cap 3, four eligible
    r = verdict(people[0], OLD_YEAR)
    assert r.outcome == "du_dieu_kien"
    quota = line(r, "ty-le-15")
    assert quota["blocking"] is False and quota["passed"] is False
    assert "vượt 1" in quota["detail"]
    group = engine.quota_panel(w.school_b, sy(OLD_YEAR))["rules"][0]["groups"][0]
    assert group["eligible_count"] == 4 and group["over_by"] == 1
    assert {e["person_id"] for e in group["eligible"]} == {p.pk for p in people[:4]}


def test_quota_exactly_at_the_cap_passes(w):
    people = _school_of(w, 20, 3)
    assert line(verdict(people[0], OLD_YEAR), "ty-le-15")["passed"] is True


def test_quota_panel_lists_people_one_criterion_short(w):
    people = _school_of(w, 20, 0)
    register(people[5], CSTDCS, OLD_YEAR)  # registered, no initiative: one criterion short
    group = engine.quota_panel(w.school_b, sy(OLD_YEAR))["rules"][0]["groups"][0]
    near = {n["person_id"]: n["missing"] for n in group["near_misses"]}
    assert near[people[5].pk].startswith("cần 1 sáng kiến")
