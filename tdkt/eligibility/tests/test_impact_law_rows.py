"""The impact report on the real catalogue: the 2024-2025 year judged under the NĐ 98/2023 rows
(30/06/2025) and under the NĐ 152/2025 rows (01/07/2025), and a year judged before and after the
Law of 2022 changed CSTĐCS (31/12/2023 → 01/01/2024: HTXS alone is enough, no 15% cap)."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility import impact

from .helpers import CSTDCS, ldtt_ready, register, sy

D = dt.date


def test_nd98_to_nd152_changes_no_verdict_only_citations(w):
    ldtt_ready(w.an, 2024, "htxs")
    register(w.an, CSTDCS, 2024)
    report = impact.impact_report(unit=w.school_a, school_year=sy(2024), date_a=D(2025, 6, 30), date_b=D(2025, 7, 1))
    assert [c for c in report.changes if c.subject_id == w.an.pk] == []
    total = next(t for t in report.totals if t.award_code == CSTDCS)
    assert total.gains == total.losses == 0 and total.eligible_a == total.eligible_b


def test_law_2022_makes_htxs_alone_enough_for_cstdcs(w):
    ldtt_ready(w.an, 2022, "htxs")  # HTXS, no initiative
    register(w.an, CSTDCS, 2022)
    report = impact.impact_report(unit=w.school_a, school_year=sy(2022), date_a=D(2023, 12, 31), date_b=D(2024, 1, 1))
    gain = next(c for c in report.changes if c.subject_id == w.an.pk and c.award_code == CSTDCS)
    assert (gain.kind, gain.outcome_a, gain.outcome_b) == (impact.GAIN, "khong_du_dieu_kien", "du_dieu_kien")
    codes = {d.code for d in gain.differences}
    assert "sang-kien" in codes  # the initiative NĐ 91 required is what made the difference
