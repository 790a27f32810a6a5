"""Lao động tiên tiến: registration, rating, time worked (new recruits, leave), discipline."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility import engine

from .helpers import LDTT, absence, discipline, ldtt_ready, line, person, rate, register, sy

D = dt.date


def verdict(p, year=2025):
    return engine.evaluate(p, LDTT, sy(year))


def test_eligible_with_every_line_citing_its_rule(w):
    ldtt_ready(w.an, 2025)
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien"
    assert [x["code"] for x in r.lines] == ["dang-ky", "xep-loai", "thoi-gian-cong-tac", "ky-luat",
                                           "dang-xem-xet-ky-luat"]
    for x in r.lines:
        assert x["passed"] is True
        assert x["criterion_id"] and x["citation"] and x["effective_from"] == "2025-07-01"
    assert "Điều 24" in line(r, "xep-loai")["citation"]


def test_no_registration_no_title(w):
    rate(w.an, 2025, "htxs")
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "dang-ky")["passed"] is False
    assert "Chưa đăng ký thi đua" in r.summary


def test_rating_below_hoan_thanh_tot_fails(w):
    ldtt_ready(w.an, 2025, rating="ht")
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "Hoàn thành nhiệm vụ" in line(r, "xep-loai")["detail"]


def test_missing_rating_is_missing_information_naming_the_year(w):
    register(w.an, LDTT, 2025)
    r = verdict(w.an)
    assert r.outcome == "thieu_thong_tin"
    assert line(r, "xep-loai")["passed"] is None
    assert "Chưa có xếp loại" in r.summary and "2025-2026" in r.summary


def test_discipline_khien_trach_in_the_year_bars(w):
    ldtt_ready(w.an, 2025)
    discipline(w.an, "khien_trach", D(2026, 2, 10), D(2027, 2, 9))
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "Khiển trách" in line(r, "ky-luat")["detail"]
    assert line(r, "ky-luat")["evidence"][0]["form"] == "khien_trach"


def test_discipline_that_ended_before_the_year_does_not_count(w):
    ldtt_ready(w.an, 2025)
    discipline(w.an, "canh_cao", D(2024, 3, 1), D(2025, 2, 28))
    assert verdict(w.an).outcome == "du_dieu_kien"


def test_new_recruit_boundary_exactly_six_months_passes_under_the_2024_rules(w):
    # 01/03/2026 – 31/08/2026 is exactly 6 calendar months.
    p = person(w.group_a, "Mới", start=D(2026, 3, 1))
    ldtt_ready(p, 2025)
    r = verdict(p)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "6 tháng" in line(r, "thoi-gian-cong-tac")["detail"]


def test_new_recruit_one_day_short_of_six_months_fails(w):
    p = person(w.group_a, "Mới", start=D(2026, 3, 2))
    ldtt_ready(p, 2025)
    r = verdict(p)
    assert r.outcome == "khong_du_dieu_kien"
    assert "bắt đầu công tác ngày 02/03/2026" in line(r, "thoi-gian-cong-tac")["detail"]


def test_old_rules_ten_months_boundary(w):
    # NĐ 91/2017 (2022-2023): 01/11/2022 – 31/08/2023 is exactly 10 months.
    ok = person(w.group_a, "Đủ", start=D(2022, 11, 1))
    short = person(w.group_a, "Thiếu", start=D(2022, 11, 2))
    for p in (ok, short):
        ldtt_ready(p, 2022)
    assert verdict(ok, 2022).outcome == "du_dieu_kien"
    r = verdict(short, 2022)
    assert r.outcome == "khong_du_dieu_kien"
    assert "tối thiểu 10 tháng" in line(r, "thoi-gian-cong-tac")["detail"]


def test_maternity_leave_counts_as_time_worked(w):
    ldtt_ready(w.an, 2025)
    absence(w.an, "thai_san", D(2025, 9, 1), D(2026, 2, 28))
    r = verdict(w.an)
    assert r.outcome == "du_dieu_kien"
    assert "thai sản" in line(r, "thoi-gian-cong-tac")["detail"]


def test_unpaid_leave_is_not_time_worked(w):
    ldtt_ready(w.an, 2025)
    absence(w.an, "khong_luong", D(2025, 9, 1), D(2026, 3, 31))  # 7 months away: 5 left < 6
    r = verdict(w.an)
    assert r.outcome == "khong_du_dieu_kien"
    assert "không tính 7 tháng nghỉ không hưởng lương" in line(r, "thoi-gian-cong-tac")["detail"]


def test_short_training_without_a_recorded_result_is_missing_information_under_nd91(w):
    # NĐ 91/2017 counts short training only with a good result; unknown result, decisive months.
    p = person(w.group_a, "Học", start=D(2022, 9, 1))
    ldtt_ready(p, 2022)
    absence(p, "dao_tao_ngan", D(2022, 9, 1), D(2023, 1, 31))
    r = verdict(p, 2022)
    assert r.outcome == "thieu_thong_tin"
    assert "kết quả học tập" in line(r, "thoi-gian-cong-tac")["detail"]
    # The same leave in 2024-2025 counts outright (Thông tư 01/2024/TT-BNV).
    q = person(w.group_a, "Học2", start=D(2024, 9, 1))
    ldtt_ready(q, 2024)
    absence(q, "dao_tao_ngan", D(2024, 9, 1), D(2025, 1, 31))
    assert verdict(q, 2024).outcome == "du_dieu_kien"


def test_long_training_with_good_result_counts_under_nd91(w):
    p = person(w.group_a, "Dài hạn", start=D(2020, 9, 1))
    ldtt_ready(p, 2022)
    absence(p, "dao_tao", D(2022, 9, 1), D(2023, 6, 30), good=True)
    assert verdict(p, 2022).outcome == "du_dieu_kien"
    q = person(w.group_a, "Dài hạn 2", start=D(2020, 9, 1))
    ldtt_ready(q, 2022)
    absence(q, "dao_tao", D(2022, 9, 1), D(2023, 6, 30), good=False)
    assert verdict(q, 2022).outcome == "khong_du_dieu_kien"
