"""No award while a discipline case is pending (NĐ 152/2025/NĐ-CP, Điều 4 khoản 4): from the NĐ 152 period, a
case pending on the school year's last day, or not closed at all, makes every individual award "not eligible",
with the reason and the citation; before 01/07/2025 there is no such row."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.eligibility import engine
from tdkt.eligibility.catalogue import CSTDCS, GIAY_KHEN
from tdkt.records.models import DisciplineCase

from .helpers import LDTT, ldtt_ready, line, person, sy

D = dt.date
CODE = "dang-xem-xet-ky-luat"


def _case(p, opened, closed=None, outcome=""):
    return DisciplineCase.objects.create(person=p, opened_on=opened, closed_on=closed,
                                         outcome=outcome or ("khong_ky_luat" if closed else ""),
                                         reference="Thông báo 2/TB-THĐTH")


def test_open_case_bars_the_year_with_reason_and_citation(w):
    ldtt_ready(w.an, 2025)
    _case(w.an, D(2026, 5, 4))
    r = engine.evaluate(w.an, LDTT, sy(2025))
    assert r.outcome == "khong_du_dieu_kien"
    x = line(r, CODE)
    assert x["passed"] is False
    assert "đang bị xem xét xử lý kỷ luật từ 04/05/2026" in x["detail"] and "Chưa khen thưởng" in x["detail"]
    assert x["citation"] == "khoản 4, Điều 4, Nghị định 152/2025/NĐ-CP"
    assert x["effective_from"] == "2025-07-01" and x["unverified"] is False


def test_case_closed_before_the_year_end_does_not_bar(w):
    ldtt_ready(w.an, 2025)
    _case(w.an, D(2025, 11, 1), D(2026, 1, 15))
    r = engine.evaluate(w.an, LDTT, sy(2025))
    assert r.outcome == "du_dieu_kien" and line(r, CODE)["passed"] is True


def test_case_pending_on_the_last_day_bars_even_when_closed_later(w):
    ldtt_ready(w.an, 2025)
    _case(w.an, D(2026, 8, 1), D(2026, 9, 15))
    assert line(engine.evaluate(w.an, LDTT, sy(2025)), CODE)["passed"] is False
    # closed on the last day itself: no longer pending on it
    DisciplineCase.objects.update(closed_on=D(2026, 8, 31))
    assert line(engine.evaluate(w.an, LDTT, sy(2025)), CODE)["passed"] is True


def test_every_individual_award_and_the_period_boundary(w):
    _case(w.an, D(2025, 6, 1))
    ldtt_ready(w.an, 2025)
    for code in (CSTDCS, GIAY_KHEN):
        assert line(engine.evaluate(w.an, code, sy(2025)), CODE)["passed"] is False
    # 2023-2024 ends 31/08/2024, judged under NĐ 98: no such row.
    ldtt_ready(w.an, 2023)
    assert all(x["code"] != CODE for x in engine.evaluate(w.an, LDTT, sy(2023)).lines)
    # 2024-2025 ends 31/08/2025, after 01/07/2025: the NĐ 152 row applies.
    ldtt_ready(w.an, 2024)
    assert line(engine.evaluate(w.an, LDTT, sy(2024)), CODE)["passed"] is False


def test_cases_load_in_one_query_whatever_the_number_of_people(w):
    def run():
        with CaptureQueriesContext(connection) as ctx:
            results = engine.evaluate_subtree(w.school_a, sy(2025), [LDTT])
        return len(ctx.captured_queries), results

    p = person(w.school_a, "Một")
    ldtt_ready(p, 2025)
    _case(p, D(2026, 3, 1))
    few, results = run()
    assert {r.subject.id: r.outcome for r in results}[p.pk] == "khong_du_dieu_kien"
    for i in range(6):
        q = person(w.school_a, f"Người {i}")
        ldtt_ready(q, 2025)
        _case(q, D(2026, 3, 1))
    many, results = run()
    assert many == few
    assert sum(1 for r in results if r.outcome == "khong_du_dieu_kien") >= 7


def test_a_collective_under_consideration_gets_no_collective_award(w):
    """NĐ 152 Điều 4 khoản 4 says «cá nhân, tập thể»: a school whose case is open on the year's last day is not
    eligible for Tập thể lao động tiên tiến; closed before it, the row passes; its staff are not touched."""
    from .helpers import TT_LDTT, rate, register

    register(w.school_b, TT_LDTT, 2025)
    rate(w.school_b, 2025, "htt")
    ldtt_ready(w.cuong, 2025)
    case = DisciplineCase.objects.create(unit=w.school_b, opened_on=D(2026, 4, 2), reference="Thông báo 9/TB-UBND")
    r = engine.evaluate(w.school_b, TT_LDTT, sy(2025))
    x = line(r, CODE)
    assert r.outcome == "khong_du_dieu_kien" and x["passed"] is False
    assert "đang bị xem xét xử lý kỷ luật từ 02/04/2026 (Thông báo 9/TB-UBND)" in x["detail"]
    assert x["citation"] == "khoản 4, Điều 4, Nghị định 152/2025/NĐ-CP"
    assert x["unverified"] is True  # whether the clause names collectives is still to be read
    assert line(engine.evaluate(w.cuong, LDTT, sy(2025)), CODE)["passed"] is True  # the school's case, not his
    DisciplineCase.objects.filter(pk=case.pk).update(closed_on=D(2026, 6, 1), outcome="khong_ky_luat")
    assert line(engine.evaluate(w.school_b, TT_LDTT, sy(2025)), CODE)["passed"] is True
