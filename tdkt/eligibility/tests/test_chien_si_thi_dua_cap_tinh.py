"""Chiến sĩ thi đua cấp bộ, ngành, tỉnh: three consecutive CSTĐCS (the third may be this
year's, judged eligible now) and an initiative of provincial scope."""

from __future__ import annotations

from tdkt.eligibility import engine
from tdkt.eligibility.roadmap import roadmap_for_person

from .helpers import CSTD_TINH, CSTDCS, award, initiative, ldtt_ready, line, register, sy


def verdict(p, year=2025):
    return engine.evaluate(p, CSTD_TINH, sy(year))


def cstdcs_now(p, year=2025):
    ldtt_ready(p, year, "htxs")
    register(p, CSTDCS, year)
    initiative(p, year)


def test_two_decisions_plus_this_years_eligibility_and_provincial_initiative(w):
    register(w.an, CSTD_TINH, 2025)
    award(w.an, CSTDCS, 2023, number="11/QĐ-PGD")
    award(w.an, CSTDCS, 2024, number="12/QĐ-PGD")
    cstdcs_now(w.an)
    initiative(w.an, 2024, scope="tinh_bo", title="Mô hình thư viện xanh")
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien", r.summary
    detail = line(r, "ba-lan-cstdcs")["detail"]
    assert "11/QĐ-PGD" in detail and "12/QĐ-PGD" in detail and "đủ điều kiện năm nay" in detail
    assert line(r, "hoi-dong")["blocking"] is False


def test_three_decisions_ending_last_year_also_count(w):
    register(w.an, CSTD_TINH, 2025)
    for y in (2022, 2023, 2024):
        award(w.an, CSTDCS, y)
    initiative(w.an, 2024, scope="tinh_bo")
    assert verdict(w.an).outcome == "du_dieu_kien"


def test_a_gap_breaks_the_run(w):
    register(w.an, CSTD_TINH, 2025)
    award(w.an, CSTDCS, 2022)
    award(w.an, CSTDCS, 2023)
    cstdcs_now(w.an)  # 2022, 2023, 2025: 2024 missing
    initiative(w.an, 2025, scope="tinh_bo")
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    ln = line(r, "ba-lan-cstdcs")
    assert "không liên tục" in ln["detail"]


def test_revoked_decision_never_counts(w):
    register(w.an, CSTD_TINH, 2025)
    award(w.an, CSTDCS, 2023)
    award(w.an, CSTDCS, 2024, revoked=True)
    cstdcs_now(w.an)
    initiative(w.an, 2025, scope="tinh_bo")
    assert verdict(w.an).outcome == "khong_du_dieu_kien"


def test_base_level_initiative_is_not_enough(w):
    register(w.an, CSTD_TINH, 2025)
    award(w.an, CSTDCS, 2023)
    award(w.an, CSTDCS, 2024)
    cstdcs_now(w.an)
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "sang-kien-cap-tinh")["need"] == "cần 1 sáng kiến được công nhận phạm vi cấp tỉnh / cấp bộ"


def test_roadmap_says_one_more_consecutive_year(w):
    award(w.an, CSTDCS, 2024)
    cstdcs_now(w.an)
    steps = {s["award_type"]: s for s in roadmap_for_person(w.an, sy(2025))["next_steps"]}
    step = steps[CSTD_TINH]
    assert "cần thêm 1 năm «Chiến sĩ thi đua cơ sở» liên tục" in step["missing"]
    assert "cần 1 sáng kiến được công nhận phạm vi cấp tỉnh / cấp bộ" in step["missing"]
    assert step["years_needed"] == 1 and step["within_reach"] is True
