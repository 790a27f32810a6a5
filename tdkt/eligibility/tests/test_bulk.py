"""The bulk run over a subtree gives exactly the verdicts of one-by-one evaluation, from a
number of queries that does not grow with the number of people."""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.eligibility import engine
from tdkt.people.models import Employment
from tdkt.records.choices import Scope

from .helpers import (
    BK_TINH,
    BK_TTG,
    CSTD_TINH,
    CSTDCS,
    LDTT,
    TT_LDTT,
    TT_LDXS,
    absence,
    award,
    discipline,
    initiative,
    person,
    rate,
    register,
    sy,
)

D = dt.date
RATINGS = ["htxs", "htxs", "htt", "htt", "htt", "ht", "kht"]


def populate(w, n: int, seed: int = 7):
    """``n`` people spread over the district's schools and groups with seeded random records."""
    rng = random.Random(seed)
    units = [w.school_a, w.group_a, w.school_b, w.school_c]
    people = []
    for i in range(n):
        start = rng.choice([D(2015, 9, 1), D(2019, 9, 1), D(2025, 11, 1), D(2026, 4, 1)])
        p = person(rng.choice(units), f"NV{i:03d}", start=start)
        people.append(p)
        for y in range(2019, 2026):
            if rng.random() < 0.93:
                rate(p, y, rng.choice(RATINGS))
            if rng.random() < 0.3:
                initiative(p, y, scope=rng.choice([Scope.CO_SO, Scope.CO_SO, Scope.TINH_BO]))
            if y < 2025 and rng.random() < 0.25:
                award(p, rng.choice([CSTDCS, CSTDCS, LDTT, BK_TINH, CSTD_TINH, BK_TTG]), y,
                      thematic=rng.random() < 0.1, revoked=rng.random() < 0.05)
        for code in (LDTT, CSTDCS, CSTD_TINH):
            if rng.random() < 0.7:
                register(p, code, 2025)
        if rng.random() < 0.1:
            discipline(p, rng.choice(["khien_trach", "canh_cao"]), D(2025, 10, 1))
        if rng.random() < 0.1:
            absence(p, rng.choice(["thai_san", "khong_luong", "dao_tao_ngan"]), D(2025, 10, 1), D(2026, 2, 1),
                    good=rng.choice([True, None]))
    # One teacher also holds a post in another school (concurrent posts).
    Employment.objects.create(person=people[0], unit=w.school_c, start_date=D(2025, 9, 1), end_date=D(2026, 1, 31))
    for u in units:
        rate(u, 2024, rng.choice(RATINGS[:3]))
        rate(u, 2025, rng.choice(RATINGS[:3]))
        register(u, TT_LDTT, 2025)
        register(u, TT_LDXS, 2025)
    return people


def test_bulk_equals_one_by_one(w):
    populate(w, 24)
    year = sy(2025)
    bulk = {(r.subject_kind, r.subject_id, r.award_code): r.as_dict() for r in engine.evaluate_subtree(w.phong, year)}
    people = {key[1] for key in bulk if key[0] == "person"}
    units = {key[1] for key in bulk if key[0] == "unit"}
    from tdkt.org.models import Unit
    from tdkt.people.models import Person

    one_by_one = {}
    for p in Person.objects.filter(pk__in=people):
        for r in engine.evaluate_person(p, year):
            one_by_one[("person", p.pk, r.award_code)] = r.as_dict()
    for u in Unit.objects.filter(pk__in=units).select_related("unit_type"):
        for r in engine.evaluate_unit(u, year):
            one_by_one[("unit", u.pk, r.award_code)] = r.as_dict()
    assert bulk.keys() == one_by_one.keys()
    for key, verdict in bulk.items():
        assert verdict == one_by_one[key], key
    outcomes = {v["outcome"] for v in bulk.values()}
    assert {"du_dieu_kien", "khong_du_dieu_kien", "thieu_thong_tin"} <= outcomes


def test_subtree_below_a_school_is_judged_with_the_whole_schools_quota(w):
    populate(w, 12)
    year = sy(2025)
    part = {(r.subject_id, r.award_code): r.as_dict() for r in engine.evaluate_subtree(w.group_a, year)}
    whole = {(r.subject_id, r.award_code): r.as_dict() for r in engine.evaluate_subtree(w.phong, year)
             if r.subject_kind == "person"}
    assert part and all(whole[k] == v for k, v in part.items() if k in whole)


def _count_queries(w, unit):
    with CaptureQueriesContext(connection) as captured:
        results = engine.evaluate_subtree(unit, sy(2025))
    return len(captured), results


def test_query_count_does_not_grow_with_people(w, django_assert_max_num_queries):
    populate(w, 4, seed=1)
    small, small_results = _count_queries(w, w.phong)
    populate(w, 40, seed=2)
    with django_assert_max_num_queries(small):
        large_results = engine.evaluate_subtree(w.phong, sy(2025))
    assert len(large_results) > 5 * len(small_results) / 2
    assert small <= 22  # + the pending discipline cases and the local quota rules, one query each



def test_evaluate_many_is_one_load_and_matches_one_by_one(w):
    people = populate(w, 10, seed=3)
    year = sy(2025)
    few = [(p, CSTDCS) for p in people[:2]] + [(w.phong, TT_LDTT)]
    many = [(p, code) for p in people for code in (LDTT, CSTDCS, BK_TINH)] + [(w.school_a, TT_LDXS),
                                                                              (w.phong, TT_LDTT)]
    with CaptureQueriesContext(connection) as small:
        engine.evaluate_many(few, year)
    with CaptureQueriesContext(connection) as large:
        results = engine.evaluate_many(many, year)
    # Constant in the number of pairs; a concurrent post outside the loaded schools costs
    # two more queries (its unit and that unit's ancestors), whatever the number of pairs.
    assert len(large) <= len(small) <= 24  # + pending discipline cases and local quota rules
    assert [(r.subject_id, r.award_code) for r in results] == [(s.pk, c) for s, c in many]
    for (subject, code), r in list(zip(many, results, strict=True))[::5]:
        assert engine.evaluate(subject, code, year).as_dict() == r.as_dict()
