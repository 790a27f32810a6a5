"""Huân chương Lao động hạng Ba: after a Bằng khen của Thủ tướng, 5 more consecutive years
HTXSNV with a CSTĐ cấp bộ/tỉnh in that time."""

from __future__ import annotations

from tdkt.eligibility import engine

from .helpers import BK_TTG, CSTD_TINH, HCLD3, award, line, rates, sy


def verdict(p):
    return engine.evaluate(p, HCLD3, sy(2025))


def test_eligible(w):
    award(w.an, BK_TTG, 2020)
    rates(w.an, {y: "htxs" for y in range(2021, 2026)})
    award(w.an, CSTD_TINH, 2023)
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "«Bằng khen của Thủ tướng Chính phủ» năm học 2020-2021" in line(r, "sau-bang-khen-ttg")["detail"]


def test_without_provincial_emulation_title_fails(w):
    award(w.an, BK_TTG, 2020)
    rates(w.an, {y: "htxs" for y in range(2021, 2026)})
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "cstd-tinh-trong-thoi-gian")["passed"] is False


def test_thematic_prime_minister_award_does_not_count(w):
    award(w.an, BK_TTG, 2020, thematic=True)
    rates(w.an, {y: "htxs" for y in range(2021, 2026)})
    award(w.an, CSTD_TINH, 2023)
    assert verdict(w.an).outcome == "khong_du_dieu_kien"


def test_a_missing_rating_in_the_five_years_is_missing_information(w):
    award(w.an, BK_TTG, 2020)
    rates(w.an, {2021: "htxs", 2022: "htxs", 2024: "htxs", 2025: "htxs"})
    award(w.an, CSTD_TINH, 2023)
    r = verdict(w.an)
    assert r.outcome == "thieu_thong_tin"
    assert "2023-2024" in r.summary
