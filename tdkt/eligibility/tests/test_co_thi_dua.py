"""Cờ thi đua cấp bộ/tỉnh and của Chính phủ: the checkable conditions decide, the council's
judgement (leading the cluster, new models) is shown but never decided by the system."""

from __future__ import annotations

from tdkt.eligibility import engine

from .helpers import CO_CP, CO_TINH, CSTDCS, TT_LDXS, award, initiative, ldtt_ready, line, rate, register, sy


def excellent_school(w):
    register(w.school_a, TT_LDXS, 2025)
    rate(w.school_a, 2025, "htxs")
    for p in (w.an, w.binh):
        ldtt_ready(p, 2025, "htxs")
    register(w.an, CSTDCS, 2025)
    initiative(w.an, 2025)


def test_provincial_flag(w):
    excellent_school(w)
    register(w.school_a, CO_TINH, 2025)
    r = engine.evaluate(w.school_a, CO_TINH, sy(2025))
    assert r.outcome == "du_dieu_kien", r.summary
    council = line(r, "hoi-dong")
    assert council["passed"] is None and council["blocking"] is False
    assert "Hội đồng" in council["detail"]


def test_provincial_flag_requires_excellent_collective_standards(w):
    excellent_school(w)
    register(w.school_a, CO_TINH, 2025)
    rate(w.binh, 2025, "kht")
    r = engine.evaluate(w.school_a, CO_TINH, sy(2025))
    assert r.outcome == "khong_du_dieu_kien"
    assert "Tập thể lao động xuất sắc" in line(r, "dat-ttldxs")["detail"]


def test_government_flag_builds_on_the_provincial_flag(w):
    excellent_school(w)
    register(w.school_a, CO_CP, 2025)
    r = engine.evaluate(w.school_a, CO_CP, sy(2025))
    assert r.outcome == "khong_du_dieu_kien"  # not registered for the provincial flag
    register(w.school_a, CO_TINH, 2025)
    assert engine.evaluate(w.school_a, CO_CP, sy(2025)).outcome == "du_dieu_kien"


def test_a_decision_for_the_title_this_year_counts_as_meeting_it(w):
    register(w.school_b, CO_TINH, 2025)
    rate(w.school_b, 2025, "htxs")
    award(w.school_b, TT_LDXS, 2025, number="99/QĐ-UBND")
    r = engine.evaluate(w.school_b, CO_TINH, sy(2025))
    assert line(r, "dat-ttldxs")["passed"] is True
    assert "99/QĐ-UBND" in line(r, "dat-ttldxs")["detail"]
