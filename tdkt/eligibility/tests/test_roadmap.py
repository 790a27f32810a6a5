"""Lộ trình khen cao: what is within reach and what is missing; anniversaries ahead."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility.roadmap import anniversaries, is_round_anniversary, roadmap_for_person, roadmap_for_unit

from .helpers import BK_TINH, CSTDCS, LDTT, TT_LDTT, award, initiative, ldtt_ready, rate, rates, register, sy


def test_person_roadmap(w):
    ldtt_ready(w.an, 2025, "htxs")
    rates(w.an, {2024: "htxs"})
    initiative(w.an, 2025)
    award(w.an, CSTDCS, 2024)
    road = roadmap_for_person(w.an, sy(2025))
    assert LDTT in {e["award_type"] for e in road["eligible_now"]}
    steps = {s["award_type"]: s for s in road["next_steps"]}
    assert steps[CSTDCS]["missing"] == ["cần đăng ký thi đua «Chiến sĩ thi đua cơ sở» ngay từ đầu năm học"]
    assert steps[BK_TINH]["missing"] == ["cần thêm 1 sáng kiến được công nhận phạm vi cấp cơ sở"]
    assert steps[BK_TINH]["within_reach"] is True
    assert [s["years_needed"] for s in road["next_steps"]] == sorted(s["years_needed"] for s in road["next_steps"])


def test_unit_roadmap_with_anniversary(w):
    w.school_a.founded_on = dt.date(1977, 1, 15)  # 50 years on 15/01/2027 (school year 2026-2027)
    w.school_a.save()
    register(w.school_a, TT_LDTT, 2025)
    rate(w.school_a, 2025, "htt")
    road = roadmap_for_unit(w.school_a, sy(2025))
    assert road["anniversaries"][0]["years"] == 50
    assert road["anniversaries"][0]["school_year"] == "2026-2027"
    assert "Kỷ niệm 50 năm thành lập (15/01/2027)" in road["anniversaries"][0]["note"]
    assert any(s["award_type"] == TT_LDTT for s in road["next_steps"])


def test_round_anniversaries():
    assert [n for n in range(1, 80) if is_round_anniversary(n)] == [10, 20, 25, 30, 40, 50, 60, 70, 75]


def test_anniversary_outside_the_horizon_is_not_listed(w):
    w.school_b.founded_on = dt.date(1990, 9, 5)  # 40 years in 2030
    assert anniversaries(w.school_b, sy(2025)) == []
    w.school_b.founded_on = None
    assert anniversaries(w.school_b, sy(2025)) == []
