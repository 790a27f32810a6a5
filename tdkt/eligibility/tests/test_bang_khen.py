"""Bằng khen cấp bộ/tỉnh (2 consecutive years HTXSNV with 2 base-level initiatives in that
time) and Bằng khen của Thủ tướng (after a Bằng khen cấp bộ/tỉnh, 5 more consecutive years
HTXSNV with 5 initiatives); thematic and revoked awards do not count for the latter."""

from __future__ import annotations

from tdkt.eligibility import engine

from .helpers import BK_TINH, BK_TINH_TT, BK_TTG, BK_TTG_TT, award, initiative, line, rate, rates, sy


def bk(p, year=2025):
    return engine.evaluate(p, BK_TINH, sy(year))


def ttg(p, year=2025):
    return engine.evaluate(p, BK_TTG, sy(year))


def test_bang_khen_tinh_two_excellent_years_two_initiatives(w):
    rates(w.an, {2024: "htxs", 2025: "htxs"})
    initiative(w.an, 2024)
    initiative(w.an, 2025)
    r = bk(w.an)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "2024-2025 – 2025-2026" in line(r, "hai-nam-htxs")["detail"]


def test_bang_khen_tinh_one_initiative_is_short(w):
    rates(w.an, {2024: "htxs", 2025: "htxs"})
    initiative(w.an, 2025)
    r = bk(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "hai-sang-kien")["need"] == "cần thêm 1 sáng kiến được công nhận phạm vi cấp cơ sở"


def test_bang_khen_tinh_a_good_but_not_excellent_year_fails(w):
    rates(w.an, {2024: "htt", 2025: "htxs"})
    initiative(w.an, 2024)
    initiative(w.an, 2025)
    r = bk(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "hai-nam-htxs")["need"] == "cần thêm 1 năm liên tục «Hoàn thành xuất sắc nhiệm vụ»"


def test_bang_khen_tinh_missing_last_years_rating(w):
    rate(w.an, 2025, "htxs")
    initiative(w.an, 2024)
    initiative(w.an, 2025)
    r = bk(w.an)
    assert r.outcome == "thieu_thong_tin"
    assert "2024-2025" in line(r, "hai-nam-htxs")["detail"]


def test_bang_khen_tinh_years_already_rewarded_are_not_reused(w):
    rates(w.an, {2024: "htxs", 2025: "htxs"})
    initiative(w.an, 2024)
    initiative(w.an, 2025)
    award(w.an, BK_TINH, 2024)
    r = bk(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "không tính lại" in line(r, "hai-nam-htxs")["detail"]


def _ttg_history(p, *, bk_year=2019, thematic=False, revoked=False, initiatives=5):
    award(p, BK_TINH, bk_year, thematic=thematic, revoked=revoked)
    rates(p, {y: "htxs" for y in range(2021, 2026)})
    for y in range(2021, 2021 + initiatives):
        initiative(p, y)


def test_thu_tuong_after_bang_khen_five_excellent_years_five_initiatives(w):
    _ttg_history(w.an)
    r = ttg(w.an)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "Đã được tặng «Bằng khen cấp bộ, ngành, tỉnh» năm học 2019-2020" in line(r, "sau-bang-khen-tinh")["detail"]


def test_thu_tuong_bang_khen_too_recent_says_how_many_years_remain(w):
    _ttg_history(w.an, bk_year=2022)
    r = ttg(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    ln = line(r, "sau-bang-khen-tinh")
    assert "còn 2 năm" in ln["detail"]


def test_thu_tuong_thematic_or_revoked_bang_khen_does_not_count(w):
    _ttg_history(w.an, thematic=True)
    _ttg_history(w.binh, revoked=True)
    for p in (w.an, w.binh):
        r = ttg(p)
        assert r.outcome == "khong_du_dieu_kien"
        assert "Chưa được tặng" in line(r, "sau-bang-khen-tinh")["detail"]


def test_thu_tuong_four_initiatives_fail(w):
    _ttg_history(w.an, initiatives=4)
    assert line(ttg(w.an), "nam-sang-kien")["passed"] is False


def test_collective_bang_khen(w):
    rates(w.school_a, {2024: "htxs", 2025: "htxs"})
    assert engine.evaluate(w.school_a, BK_TINH_TT, sy(2025)).outcome == "du_dieu_kien"
    award(w.school_b, BK_TINH_TT, 2019)
    rates(w.school_b, {y: "htxs" for y in range(2021, 2026)})
    assert engine.evaluate(w.school_b, BK_TTG_TT, sy(2025)).outcome == "du_dieu_kien"
    assert engine.evaluate(w.school_a, BK_TTG_TT, sy(2025)).outcome == "khong_du_dieu_kien"
