"""Collective titles read their members' records: Tập thể lao động tiên tiến (> 50% LĐTT,
nobody disciplined at cảnh cáo or above), Tập thể lao động xuất sắc (100% complete tasks,
≥ 70% LĐTT, at least one CSTĐCS), and who the members are."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility import engine
from tdkt.eligibility.facts import scope_for_many, year_info

from .helpers import (
    CSTDCS,
    TT_LDTT,
    TT_LDXS,
    discipline,
    initiative,
    ldtt_ready,
    line,
    person,
    rate,
    register,
    sy,
)

D = dt.date


def staff(w, n: int, n_ldtt: int, rating="htt"):
    """School B with ``n`` staff (Cường included), ``n_ldtt`` of them LĐTT-ready, all rated."""
    people = [w.cuong] + [person(w.school_b, f"GV{i:02d}") for i in range(n - 1)]
    for i, p in enumerate(people):
        if i < n_ldtt:
            ldtt_ready(p, 2025, rating)
        else:
            rate(p, 2025, rating)
    return people


def ttldtt(u):
    return engine.evaluate(u, TT_LDTT, sy(2025))


def ttldxs(u):
    return engine.evaluate(u, TT_LDXS, sy(2025))


def test_more_than_half_is_strict(w):
    register(w.school_b, TT_LDTT, 2025)
    rate(w.school_b, 2025, "htt")
    staff(w, 10, 5)
    r = ttldtt(w.school_b)
    assert r.outcome == "khong_du_dieu_kien"
    assert "5/10 thành viên (50%)" in line(r, "tren-50-ldtt")["detail"]
    assert line(r, "tren-50-ldtt")["need"] == "cần thêm 1 thành viên đạt «Lao động tiên tiến»"


def test_six_of_ten_passes(w):
    register(w.school_b, TT_LDTT, 2025)
    rate(w.school_b, 2025, "htt")
    staff(w, 10, 6)
    assert ttldtt(w.school_b).outcome == "du_dieu_kien"


def test_member_warned_bars_the_collective_reprimand_does_not(w):
    register(w.school_b, TT_LDTT, 2025)
    rate(w.school_b, 2025, "htt")
    people = staff(w, 10, 8)
    discipline(people[9], "khien_trach", D(2025, 11, 1))
    assert ttldtt(w.school_b).outcome == "du_dieu_kien"
    discipline(people[8], "canh_cao", D(2025, 11, 1))
    r = ttldtt(w.school_b)
    assert r.outcome == "khong_du_dieu_kien"
    assert people[8].full_name in line(r, "khong-ky-luat-canh-cao")["detail"]


def test_missing_unit_rating_is_missing_information(w):
    register(w.school_b, TT_LDTT, 2025)
    staff(w, 4, 4)
    r = ttldtt(w.school_b)
    assert r.outcome == "thieu_thong_tin"
    assert "của tập thể" in line(r, "xep-loai-tap-the")["detail"]


def _excellent(w, n=10, n_ldtt=7, with_cstdcs=True):
    register(w.school_b, TT_LDXS, 2025)
    rate(w.school_b, 2025, "htxs")
    people = staff(w, n, n_ldtt)
    if with_cstdcs:
        register(people[0], CSTDCS, 2025)
        initiative(people[0], 2025)
    return people


def test_excellent_collective_at_seventy_percent(w):
    _excellent(w)
    r = ttldxs(w.school_b)
    assert r.outcome == "du_dieu_kien", r.summary
    assert "7/10 thành viên (70%)" in line(r, "70-ldtt")["detail"]


def test_excellent_collective_below_seventy_percent(w):
    _excellent(w, n_ldtt=6)
    assert line(ttldxs(w.school_b), "70-ldtt")["passed"] is False


def test_excellent_collective_needs_a_cstdcs(w):
    _excellent(w, with_cstdcs=False)
    r = ttldxs(w.school_b)
    assert r.outcome == "khong_du_dieu_kien"
    assert line(r, "co-cstdcs")["passed"] is False


def test_excellent_collective_needs_every_member_to_complete_tasks(w):
    people = _excellent(w)
    rate(people[9], 2025, "kht")
    r = ttldxs(w.school_b)
    assert line(r, "tat-ca-hoan-thanh")["passed"] is False
    assert people[9].full_name in line(r, "tat-ca-hoan-thanh")["detail"]


def test_a_member_without_rating_is_missing_information(w):
    _excellent(w, n=11)  # 7/11 < 70% would fail: make the share pass first
    extra = person(w.school_b, "Chưa xếp loại")
    r = ttldxs(w.school_b)
    ln = line(r, "tat-ca-hoan-thanh")
    assert ln["passed"] is None and extra.full_name in ln["detail"]


def test_members_of_a_school_include_its_groups_but_an_office_excludes_its_schools(w):
    from tdkt.eligibility.engine import subtree_engine

    eng = subtree_engine(w.phong, sy(2025))
    members = {uid: {p.id for p in ps} for uid, ps in eng.facts.members.items()}
    assert members[w.school_a.pk] == {w.an.pk, w.binh.pk}
    assert members[w.group_a.pk] == {w.an.pk}
    assert w.phong.pk not in members  # nobody works at the office itself in this tree
    office_scope = scope_for_many(year=year_info(sy(2025)), units=[w.phong])
    assert office_scope.report_unit_ids == {w.phong.pk}
    # The office's own units only: its schools are collectives of their own.
    from tdkt.org.models import Unit

    assert set(Unit.objects.filter(office_scope.unit_q).values_list("id", flat=True)) == {w.phong.pk}
