"""Chiến sĩ thi đua toàn quốc: two consecutive CSTĐ cấp bộ/tỉnh (within six years) and an
initiative of national scope; thematic awards do not count toward a state-level title."""

from __future__ import annotations

from tdkt.eligibility import engine

from .helpers import CSTD_TINH, CSTD_TQ, award, initiative, line, register, sy


def verdict(p, year=2025):
    return engine.evaluate(p, CSTD_TQ, sy(year))


def test_two_provincial_titles_and_a_national_initiative(w):
    register(w.an, CSTD_TQ, 2025)
    award(w.an, CSTD_TINH, 2021)
    award(w.an, CSTD_TINH, 2024)
    initiative(w.an, 2023, scope="toan_quoc")
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "2 lần" in line(r, "hai-lan-cstd-tinh")["detail"]


def test_only_one_provincial_title_fails(w):
    register(w.an, CSTD_TQ, 2025)
    award(w.an, CSTD_TINH, 2024)
    initiative(w.an, 2023, scope="toan_quoc")
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "hai-lan-cstd-tinh")["need"] == "cần thêm 1 lần «Chiến sĩ thi đua cấp bộ, ngành, tỉnh»"


def test_title_older_than_the_window_or_thematic_does_not_count(w):
    register(w.an, CSTD_TQ, 2025)
    award(w.an, CSTD_TINH, 2019)  # 2019-2020 is outside 2020-2021 … 2025-2026
    award(w.an, CSTD_TINH, 2022, thematic=True)
    award(w.an, CSTD_TINH, 2024)
    initiative(w.an, 2023, scope="toan_quoc")
    assert verdict(w.an).outcome == "khong_du_dieu_kien"


def test_provincial_initiative_is_not_national(w):
    register(w.an, CSTD_TQ, 2025)
    award(w.an, CSTD_TINH, 2021)
    award(w.an, CSTD_TINH, 2024)
    initiative(w.an, 2023, scope="tinh_bo")
    assert line(verdict(w.an), "sang-kien-toan-quoc")["passed"] is False
