"""Each school year is judged by the rows in force on its end date (31/08): NĐ 91/2017 rows for
2022-2023 and earlier, the 2022 Law / NĐ 98 rows for 2023-2024, the NĐ 152/2025 rows from 2024-2025,
nothing before NĐ 91."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility import engine
from tdkt.eligibility.models import AwardType, Criterion

from .helpers import LDTT, ldtt_ready, line, person, sy

D = dt.date


def test_same_facts_under_nd91_and_under_the_2024_rules(w):
    # Recruited on 1 January: 8 months of the school year worked.
    old = person(w.group_a, "Cũ", start=D(2023, 1, 1))
    ldtt_ready(old, 2022)
    new = person(w.group_a, "Mới", start=D(2024, 1, 1))
    ldtt_ready(new, 2023)
    r_old = engine.evaluate(old, LDTT, sy(2022))
    r_new = engine.evaluate(new, LDTT, sy(2023))
    assert r_old.outcome == "khong_du_dieu_kien"
    assert r_new.outcome == "du_dieu_kien"
    old_line, new_line = line(r_old, "thoi-gian-cong-tac"), line(r_new, "thoi-gian-cong-tac")
    assert old_line["citation"].endswith("Nghị định 91/2017/NĐ-CP") and old_line["effective_from"] == "2017-10-01"
    assert new_line["citation"].endswith("Thông tư 01/2024/TT-BNV") and new_line["effective_from"] == "2024-01-01"
    assert "Luật Thi đua, khen thưởng 2003" in line(r_old, "xep-loai")["citation"]
    assert "Luật Thi đua, khen thưởng 2022" in line(r_new, "xep-loai")["citation"]


def test_2023_2024_ends_after_the_new_law_took_effect(w):
    ldtt_ready(w.an, 2023)
    r = engine.evaluate(w.an, LDTT, sy(2023))
    assert line(r, "xep-loai")["effective_from"] == "2024-01-01"


def test_no_rule_in_force_before_nd91(w):
    ldtt_ready(w.an, 2016)
    r = engine.evaluate(w.an, LDTT, sy(2016))
    assert r.outcome == "chua_co_quy_dinh"
    assert "31/08/2017" in r.summary and "không áp dụng quy định của thời kỳ khác" in r.summary
    assert r.lines[0]["criterion_id"] is None


def test_a_new_row_changes_the_rule_without_code(w):
    at = AwardType.objects.get(code=LDTT)
    current = Criterion.objects.get(award_type=at, code="thoi-gian-cong-tac", effective_from=D(2025, 7, 1))
    current.effective_to = D(2025, 12, 31)
    current.save()
    Criterion.objects.create(award_type=at, code="thoi-gian-cong-tac", rule="min_months_worked",
                             params={**current.params, "min_months": 9}, description=current.description,
                             effective_from=D(2026, 1, 1), citation_document="Văn bản giả định để kiểm thử")
    p = person(w.group_a, "Tám tháng", start=D(2026, 1, 1))
    ldtt_ready(p, 2025)
    r = engine.evaluate(p, LDTT, sy(2025))
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "thoi-gian-cong-tac")["citation"] == "Văn bản giả định để kiểm thử"


def test_award_type_whose_rows_all_ended_has_no_rule(w):
    Criterion.objects.filter(award_type__code=LDTT, effective_to__isnull=True).update(effective_to=D(2025, 12, 31))
    r = engine.evaluate(w.an, LDTT, sy(2025))
    assert r.outcome == "chua_co_quy_dinh"


def test_2024_2025_ends_after_nd152_took_effect(w):
    new = person(w.group_a, "Mới", start=D(2025, 1, 1))
    ldtt_ready(new, 2024)
    r = engine.evaluate(new, LDTT, sy(2024))
    assert r.outcome == "du_dieu_kien"
    time = line(r, "thoi-gian-cong-tac")
    assert time["effective_from"] == "2025-07-01" and time["citation"] == "Thông tư 15/2025/TT-BNV"
