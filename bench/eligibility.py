"""Benchmark of the eligibility engine on a province-sized tree.

    createdb -h 127.0.0.1 -U postgres tdkt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python -m bench.eligibility --staff 100000

Steps (each idempotent, so a second run only measures):

1. migrate, load the catalogue, build the scale tree (tdkt.site.demo.build_scale);
2. generate 10 school years of records for its staff — ratings, registrations,
   initiatives with co-authors, award records (some thematic, some revoked),
   disciplines, absences, unit ratings, unit registrations and awards — written
   with PostgreSQL COPY (bulk_create on SQLite);
3. in a fresh process (so peak memory is the engine's, not the generator's):
   a. the plain-SQL baseline: the exact SQL the facts loader runs, executed raw
      with ``fetchall`` (reads the same rows, builds nothing);
   b. the engine: every person judged for every individual title for one year,
      with the number of queries and the peak RSS (``resource.getrusage``);
   c. rendering every verdict to JSON-ready dicts (timed apart);
   d. the obvious per-person ORM loop on a random sample, extrapolated.
4. ``--phase store``: a stored run (``services.evaluation_run``: judge and store every
   verdict with its lines) on the whole tree, and the same verdicts stored the former
   way (bulk_create in slices of 1,000) for comparison; both rolled back.

One database per size: build_scale refuses a second tree of another size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal

SEED = 20260101


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")  # a local measurement, on the demo's key
    import django

    django.setup()


def rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- writing rows


class Writer:
    """Append rows per model, flush with COPY (PostgreSQL) or bulk_create (others).

    Columns the generator does not set take the model field's default, so schema
    additions by other apps (a new blank column) do not break the generator."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.rows: dict = defaultdict(list)
        self.counts: Counter = Counter()

    def add(self, model, **values) -> None:
        self.rows[model].append(values)

    def flush(self) -> None:
        # Parents before children: initiatives before their authors.
        for model in sorted(self.rows, key=lambda m: m.__name__ == "InitiativeAuthor"):
            rows = self.rows[model]
            if rows:
                self._write(model, rows)
                self.counts[model._meta.label] += len(rows)
        self.rows.clear()

    def _write(self, model, rows) -> None:
        fields = [f for f in model._meta.concrete_fields if not (f.primary_key and "id" not in rows[0])]
        defaults = {f.attname: (f.get_default() if f.has_default() else ("" if f.empty_strings_allowed and not f.null
                                                                          else None)) for f in fields}
        if self.connection.vendor == "postgresql":
            cols = ", ".join(f'"{f.column}"' for f in fields)
            names = [f.attname for f in fields]
            with self.connection.cursor() as cursor:
                with cursor.cursor.copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row([row.get(n, defaults[n]) for n in names])
        else:
            model.objects.bulk_create([model(**{**defaults, **row}) for row in rows], batch_size=2000)


# --------------------------------------------------------------------------- generator


def generate(*, root_code: str, eval_year: int) -> dict:
    """Ten school years of records for everyone employed under ``root_code``."""
    from django.db import connection, transaction

    from tdkt.eligibility.models import AwardType
    from tdkt.org.models import SchoolYear, Unit
    from tdkt.people.models import Employment
    from tdkt.records.models import (
        Absence,
        AwardRecord,
        Discipline,
        Initiative,
        InitiativeAuthor,
        PersonRating,
        Registration,
        UnitRating,
    )

    root = Unit.objects.get(code=root_code)
    if PersonRating.objects.filter(person__employments__unit__path__startswith=root.path).exists():
        return {"already_present": 1}
    rng = random.Random(SEED)
    years = {y.start_year: y for y in SchoolYear.objects.all()}
    span = [y for y in sorted(years) if y <= eval_year + 1]
    types = dict(AwardType.objects.values_list("code", "id"))
    w = Writer()

    people: dict[int, dict] = {}
    for pid, uid, start, end, gender in Employment.objects.filter(unit__path__startswith=root.path).values_list(
            "person_id", "unit_id", "start_date", "end_date", "person__gender").order_by("person_id", "start_date"):
        p = people.setdefault(pid, {"start": start, "end": end, "unit": uid, "female": gender == "nu"})
        p["start"], p["unit"] = min(p["start"], start), uid
        p["end"] = None if (end is None or p["end"] is None) else max(p["end"], end)
    by_unit: dict[int, list[int]] = defaultdict(list)
    for pid, p in people.items():
        by_unit[p["unit"]].append(pid)

    next_init = (Initiative.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    n_dec = 0

    def decision(prefix: str) -> str:
        nonlocal n_dec
        n_dec += 1
        return f"{n_dec}/{prefix}"

    def employed(p, y) -> bool:
        sy = years[y]
        return p["start"] <= sy.end_date and (p["end"] is None or p["end"] >= sy.start_date)

    for pid, p in people.items():
        q = rng.random()  # how strong a performer this person is
        held: dict[str, set[int]] = defaultdict(set)
        init_years: dict[int, list[str]] = defaultdict(list)
        for y in span:
            if not employed(p, y):
                continue
            sy = years[y]
            decided = y < eval_year  # the judged year has no decisions yet
            # Registrations (the judged year and the one after included).
            regs = ["lao-dong-tien-tien"] if rng.random() < 0.95 else []
            if q > 0.45 and rng.random() < 0.7:
                regs.append("chien-si-thi-dua-co-so")
            if q > 0.8 and rng.random() < 0.3:
                regs.append("chien-si-thi-dua-tinh-bo")
            if q > 0.95 and rng.random() < 0.2:
                regs.append("chien-si-thi-dua-toan-quoc")
            for code in regs:
                w.add(Registration, award_type_id=types[code], school_year_id=sy.id, person_id=pid,
                      registered_on=sy.start_date + dt.timedelta(days=20))
            if y > eval_year:
                continue
            # Rating (a few missing in the judged year, to exercise «thiếu thông tin»).
            r = rng.random()
            p_x = 0.1 + 0.7 * q
            rating = "htxs" if r < p_x else "htt" if r < 0.97 else "ht" if r < 0.995 else "kht"
            if not (y == eval_year and rng.random() < 0.02):
                w.add(PersonRating, person_id=pid, school_year_id=sy.id, rating=rating, unit_id=p["unit"])
            # Initiatives, some co-authored with a colleague.
            if rng.random() < 0.08 + 0.3 * q:
                s = rng.random()
                scope = "co_so" if s < 0.9 else "tinh_bo" if s < 0.99 else "toan_quoc"
                w.add(Initiative, id=next_init, kind=rng.choice(["sang_kien", "sang_kien", "de_tai", "giai_phap"]),
                      title=f"Sáng kiến {next_init}", school_year_id=sy.id, unit_id=p["unit"], recognized=True,
                      scope=scope, decision_number=decision("QĐ-SK"), decision_date=sy.end_date)
                w.add(InitiativeAuthor, initiative_id=next_init, person_id=pid,
                      share=Decimal(100 if rng.random() < 0.85 else 60))
                colleagues = by_unit[p["unit"]]
                if len(colleagues) > 1 and rng.random() < 0.15:
                    other = rng.choice(colleagues)
                    if other != pid:
                        w.add(InitiativeAuthor, initiative_id=next_init, person_id=other, share=Decimal(40))
                init_years[y].append(scope)
                next_init += 1
            # Discipline and absences.
            if rng.random() < 0.008:
                form = "khien_trach" if rng.random() < 0.7 else "canh_cao" if rng.random() < 0.85 else "ha_bac_luong"
                day = sy.start_date + dt.timedelta(days=rng.randint(20, 300))
                w.add(Discipline, person_id=pid, form=form, decision_number=decision("QĐ-KL"), decision_date=day,
                      effective_from=day, effective_to=day + dt.timedelta(days=365))
            a = rng.random()
            if p["female"] and a < 0.03:
                day = sy.start_date + dt.timedelta(days=rng.randint(0, 250))
                w.add(Absence, person_id=pid, kind="thai_san", start_date=day, end_date=day + dt.timedelta(days=182))
            elif a < 0.05:
                day = sy.start_date + dt.timedelta(days=rng.randint(0, 200))
                w.add(Absence, person_id=pid, kind="dao_tao_ngan", start_date=day, end_date=day + dt.timedelta(days=60),
                      training_result_good=True if rng.random() < 0.9 else None)
            elif a < 0.055:
                w.add(Absence, person_id=pid, kind="dao_tao", start_date=sy.start_date, end_date=sy.end_date,
                      training_result_good=rng.random() < 0.8)
            elif a < 0.06:
                day = sy.start_date + dt.timedelta(days=rng.randint(0, 250))
                w.add(Absence, person_id=pid, kind="khong_luong", start_date=day,
                      end_date=day + dt.timedelta(days=rng.randint(30, 120)))
            if not decided:
                continue
            # Award records of decided years.
            good = rating in ("htxs", "htt")

            def give(code, thematic=False, pid=pid, p=p, sy=sy, y=y, held=held):
                revoked = rng.random() < 0.005
                w.add(AwardRecord, award_type_id=types[code], person_id=pid, unit_id=p["unit"], school_year_id=sy.id,
                      decision_number=decision("QĐ-UBND"), decision_date=sy.end_date - dt.timedelta(days=60),
                      thematic=thematic, revoked_on=sy.end_date + dt.timedelta(days=90) if revoked else None,
                      source="bench")
                if not revoked and not thematic:
                    held[code].add(y)

            if good and "lao-dong-tien-tien" in regs:
                give("lao-dong-tien-tien")
                if init_years[y] and "chien-si-thi-dua-co-so" in regs and rng.random() < 0.8:
                    give("chien-si-thi-dua-co-so")
                    if {y - 1, y - 2} <= held["chien-si-thi-dua-co-so"] and rng.random() < 0.4:
                        give("chien-si-thi-dua-tinh-bo")
            if good and rng.random() < 0.08:
                give("giay-khen")
            if rating == "htxs" and rng.random() < 0.06:
                give("bang-khen-tinh-bo", thematic=rng.random() < 0.1)
            if rating == "htxs" and any(v <= y - 5 for v in held["bang-khen-tinh-bo"]) and rng.random() < 0.05:
                give("bang-khen-thu-tuong")
            if rating == "htxs" and any(v <= y - 5 for v in held["bang-khen-thu-tuong"]) and rng.random() < 0.05:
                give("huan-chuong-lao-dong-hang-ba")
        if len(w.rows[Registration]) > 200_000:
            _flush(w, connection, transaction)

    # Units: ratings, registrations, awards.
    for uid, category in Unit.objects.filter(path__startswith=root.path).values_list("id", "unit_type__category"):
        collective = category in ("school", "subunit")
        for y in span:
            sy = years[y]
            if y <= eval_year:
                r = rng.random()
                w.add(UnitRating, unit_id=uid, school_year_id=sy.id,
                      rating="htxs" if r < 0.4 else "htt" if r < 0.9 else "ht")
            if collective:
                for code, p_reg in (("tap-the-lao-dong-tien-tien", 0.9), ("tap-the-lao-dong-xuat-sac", 0.4)):
                    if rng.random() < p_reg:
                        w.add(Registration, award_type_id=types[code], school_year_id=sy.id, unit_id=uid,
                              registered_on=sy.start_date + dt.timedelta(days=25))
                if y < eval_year:
                    for code, p_award in (("tap-the-lao-dong-tien-tien", 0.7), ("tap-the-lao-dong-xuat-sac", 0.3),
                                          ("bang-khen-tinh-bo-tap-the", 0.05)):
                        if rng.random() < p_award:
                            w.add(AwardRecord, award_type_id=types[code], unit_id=uid, school_year_id=sy.id,
                                  decision_number=decision("QĐ-UBND"), decision_date=sy.end_date, source="bench")
    _flush(w, connection, transaction)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('records_initiative', 'id'), "
                           "(SELECT COALESCE(MAX(id), 1) FROM records_initiative))")
            cursor.execute("ANALYZE")
    return dict(w.counts)


def _flush(w: Writer, connection, transaction) -> None:
    with transaction.atomic():
        w.flush()


# --------------------------------------------------------------------------- the obvious loop


def naive_person(person, year, years_by_start) -> dict:
    """What a straightforward implementation does: per person and per title, ask the
    database for what that title needs. Same inputs as the engine; quota not computed."""
    from tdkt.people.calculations import months_worked
    from tdkt.people.models import Employment
    from tdkt.records.models import (
        Absence,
        AwardRecord,
        Discipline,
        InitiativeAuthor,
        PersonRating,
        Registration,
    )

    y = year.start_year
    window = (year.start_date, year.end_date)

    def registered(code):
        return Registration.objects.filter(person=person, school_year=year, award_type__code=code).exists()

    def rating(v):
        sy = years_by_start.get(v)
        return PersonRating.objects.filter(person=person, school_year=sy).values_list("rating", flat=True).first()

    def no_discipline():
        return not Discipline.objects.filter(person=person, effective_from__lte=window[1],
                                             effective_to__gte=window[0]).exists()

    def months():
        periods = [(e.start_date, e.end_date) for e in Employment.objects.filter(person=person)]
        worked = months_worked(periods, window)
        for a in Absence.objects.filter(person=person, start_date__lte=window[1], end_date__gte=window[0],
                                        kind__in=["khong_luong", "khac"]):
            worked -= months_worked([(a.start_date, a.end_date)], window)
        return worked

    def initiatives(first, scopes):
        return InitiativeAuthor.objects.filter(person=person, initiative__recognized=True,
                                               initiative__school_year__start_year__gte=first,
                                               initiative__school_year__start_year__lte=y,
                                               initiative__scope__in=scopes).count()

    def award_years(code, exclude_thematic=False):
        qs = AwardRecord.objects.filter(person=person, award_type__code=code, revoked_on__isnull=True)
        if exclude_thematic:
            qs = qs.filter(thematic=False)
        return set(qs.values_list("school_year__start_year", flat=True))

    def ldtt():
        return (registered("lao-dong-tien-tien") and rating(y) in ("htt", "htxs") and months() >= 6
                and no_discipline())

    out = {"lao-dong-tien-tien": ldtt()}
    out["chien-si-thi-dua-co-so"] = registered("chien-si-thi-dua-co-so") and ldtt() and initiatives(y, ["co_so",
                                                                                                       "tinh_bo",
                                                                                                       "toan_quoc"]) > 0
    cs = award_years("chien-si-thi-dua-co-so")
    out["chien-si-thi-dua-tinh-bo"] = (registered("chien-si-thi-dua-tinh-bo")
                                       and ({y, y - 1, y - 2} <= cs | {y} or {y - 1, y - 2, y - 3} <= cs)
                                       and initiatives(y - 2, ["tinh_bo", "toan_quoc"]) > 0)
    out["chien-si-thi-dua-toan-quoc"] = (registered("chien-si-thi-dua-toan-quoc")
                                         and len({v for v in award_years("chien-si-thi-dua-tinh-bo", True)
                                                  if v and v > y - 6}) >= 2
                                         and initiatives(y - 5, ["toan_quoc"]) > 0)
    out["giay-khen"] = rating(y) in ("htt", "htxs") and no_discipline()
    bk = award_years("bang-khen-tinh-bo")
    out["bang-khen-tinh-bo"] = (all(rating(v) == "htxs" for v in (y - 1, y)) and not (bk & {y - 1, y})
                                and initiatives(y - 1, ["co_so", "tinh_bo", "toan_quoc"]) >= 2)
    bk_free = award_years("bang-khen-tinh-bo", True)
    out["bang-khen-thu-tuong"] = (any(v and v <= y - 5 for v in bk_free)
                                  and all(rating(v) == "htxs" for v in range(y - 4, y + 1))
                                  and initiatives(y - 4, ["co_so", "tinh_bo", "toan_quoc"]) >= 5)
    ttg = award_years("bang-khen-thu-tuong", True)
    out["huan-chuong-lao-dong-hang-ba"] = (any(v and v <= y - 5 for v in ttg)
                                           and all(rating(v) == "htxs" for v in range(y - 4, y + 1))
                                           and bool({v for v in award_years("chien-si-thi-dua-tinh-bo", True)
                                                     if v and v > y - 5}))
    return out


# --------------------------------------------------------------------------- measuring


def measure(*, root_code: str, eval_year: int, naive_sample: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from tdkt.eligibility import engine, facts
    from tdkt.eligibility.choices import SubjectKind
    from tdkt.org.models import SchoolYear, Unit
    from tdkt.people.models import Person

    root = Unit.objects.select_related("unit_type").get(code=root_code)
    year = SchoolYear.objects.get(start_year=eval_year)
    info = facts.year_info(year)
    rss_start = rss_mb()

    # a. Plain SQL over the same rows.
    catalogue = engine.Catalogue.in_force(year.end_date)
    scope = facts.scope_for_subtree(root)
    querysets = facts.fact_querysets(year=info, scope=scope, needs=catalogue.needs())
    sql_times, rows_read = [], {}
    for _attempt in range(2):
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for name, qs in querysets.items():
                sql, params = qs.query.sql_with_params()
                cursor.execute(sql, params)
                rows_read[name] = len(cursor.fetchall())
        sql_times.append(time.perf_counter() - t0)
    plain_sql = min(sql_times)

    # b. The engine: every person, every individual title, one year.
    codes = catalogue.ordered_codes(SubjectKind.INDIVIDUAL)
    runs = []
    for attempt in range(2):
        reset_queries()
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            eng = engine.subtree_engine(root, year)
            t_loaded = time.perf_counter()
            results = engine.evaluate_subtree(root, year, codes, engine=eng)
        t1 = time.perf_counter()
        runs.append({"total": t1 - t0, "load": t_loaded - t0, "judge": t1 - t_loaded, "queries": len(captured),
                     "verdicts": len(results)})
        people = len(eng.facts.report_person_ids)
        outcomes = Counter((r.award_code, r.outcome) for r in results)
        if attempt == 0:
            del results, eng
    best = min(runs, key=lambda r: r["total"])
    rss_engine = rss_mb()

    # c. Rendering every verdict to JSON-ready dicts (not kept), as a stored run does.
    t0 = time.perf_counter()
    n_lines = 0
    with engine.gc_paused():
        for r in results:
            n_lines += len(r.as_dict()["lines"])
    render = time.perf_counter() - t0
    del results, eng

    # d. The obvious per-person ORM loop, on a sample.
    ids = list(Person.objects.filter(employments__unit__path__startswith=root.path).values_list("id", flat=True)
               .distinct())
    sample = random.Random(SEED).sample(ids, min(naive_sample, len(ids)))
    years_by_start = {y.start_year: y for y in SchoolYear.objects.all()}
    reset_queries()
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        for person in Person.objects.filter(pk__in=sample):
            naive_person(person, year, years_by_start)
    naive = time.perf_counter() - t0
    naive_per_person = naive / len(sample)
    naive_extrapolated = naive_per_person * people

    return {
        "people": people, "titles": len(codes), "verdicts": best["verdicts"], "rows_read": rows_read,
        "rows_total": sum(rows_read.values()), "plain_sql_s": round(plain_sql, 3),
        "engine_total_s": round(best["total"], 3), "engine_load_s": round(best["load"], 3),
        "engine_judge_s": round(best["judge"], 3), "engine_queries": best["queries"],
        "engine_runs": [{k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in runs],
        "render_s": round(render, 3), "lines": n_lines,
        "ratio_to_plain_sql": round(best["total"] / plain_sql, 2),
        "naive_sample": len(sample), "naive_sample_s": round(naive, 3),
        "naive_queries_per_person": round(len(captured) / len(sample), 1),
        "naive_extrapolated_s": round(naive_extrapolated, 1),
        "speedup_vs_naive": round(naive_extrapolated / best["total"], 1),
        "rss_before_mb": round(rss_start, 1), "peak_rss_mb": round(rss_engine, 1),
        "outcomes": {f"{code}:{outcome}": n for (code, outcome), n in sorted(outcomes.items())},
    }


def measure_store(*, root_code: str, eval_year: int, repeat: int) -> dict:
    """A stored run on the whole tree, timed end to end (judge + store + audit row), and the
    same verdicts written with bulk_create in slices of 1,000 (the way runs were stored before
    COPY). Every write is rolled back, so the database stays as generated."""
    from django.db import connection, transaction

    from tdkt.eligibility import engine, services
    from tdkt.eligibility.models import AwardType, EvaluationRun, Verdict
    from tdkt.org.models import SchoolYear, Unit

    root = Unit.objects.get(code=root_code)
    year = SchoolYear.objects.get(start_year=eval_year)

    class Rollback(Exception):
        pass

    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            with transaction.atomic():
                run = services.evaluation_run(actor=None, unit=root, school_year=year)
                total = time.perf_counter() - t0
                stored = Verdict.objects.filter(run=run).count()
                size = {}
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT sum(octet_length(lines::text)), sum(pg_column_size(lines)) "
                                       "FROM eligibility_verdict WHERE run_id = %s", [run.pk])
                        text_bytes, column_bytes = cursor.fetchone()
                        cursor.execute("SELECT octet_length(criteria::text) FROM eligibility_evaluationrun "
                                       "WHERE id = %s", [run.pk])
                        (criteria_bytes,) = cursor.fetchone()
                    size = {"lines_text_mb": round(text_bytes / 1e6, 1), "lines_stored_mb": round(column_bytes / 1e6, 1),
                            "criteria_kb": round(criteria_bytes / 1e3, 1)}
                raise Rollback
        except Rollback:
            pass
        runs.append({"total_s": round(total, 2), "judge_s": run.seconds,
                     "store_s": round(total - run.seconds, 2), "verdicts": stored, **size})
        print(f"evaluation_run: {runs[-1]}", flush=True)

    results = engine.evaluate_subtree(root, year)
    type_ids = dict(AwardType.objects.values_list("code", "id"))
    bulk = []
    for _ in range(repeat):
        try:
            with transaction.atomic(), engine.gc_paused():
                run = EvaluationRun.objects.create(school_year=year, unit=root, award_types=[], subjects=0, seconds=0)
                t0 = time.perf_counter()
                for start in range(0, len(results), 1000):
                    Verdict.objects.bulk_create([
                        Verdict(run=run, award_type_id=type_ids[r.award_code],
                                person_id=r.subject_id if r.subject_kind == "person" else None,
                                unit_id=r.subject_id if r.subject_kind == "unit" else None,
                                outcome=r.outcome, lines=r.lines)
                        for r in results[start:start + 1000]])
                bulk.append(round(time.perf_counter() - t0, 2))
                raise Rollback
        except Rollback:
            pass
        print(f"bulk_create, slices of 1,000: {bulk[-1]} s", flush=True)
    return {"verdicts": len(results), "load_average": os.getloadavg()[0], "evaluation_run": runs,
            "store_bulk_create_s": bulk, "store_method": "COPY" if connection.vendor == "postgresql" else "bulk_create"}


def machine() -> dict:
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""
    return {"nproc": run(["nproc"]), "free": run(["free", "-g"]), "python": platform.python_version(),
            "platform": platform.platform(), "date": dt.datetime.now().isoformat(timespec="seconds")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Đo hiệu năng bộ xét điều kiện / eligibility benchmark")
    parser.add_argument("--staff", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=None, help="năm học xét (năm bắt đầu); mặc định: năm học "
                                                                "gần nhất đã kết thúc")
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--phase", choices=["all", "generate", "measure", "store"], default="all")
    parser.add_argument("--repeat", type=int, default=3, help="số lần đo lượt xét lưu (--phase store)")
    parser.add_argument("--json", help="ghi kết quả ra tệp JSON")
    args = parser.parse_args(argv)
    setup()

    from django.core.management import call_command
    from django.db import connection

    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.org.models import SchoolYear
    from tdkt.site.demo import SCALE_ROOT_CODE, build_scale

    if args.phase in ("all", "generate"):
        call_command("migrate", interactive=False, verbosity=0)
        t0 = time.perf_counter()
        created = build_scale(staff=args.staff)
        print(f"Cây dữ liệu / scale tree: {created} ({time.perf_counter() - t0:.1f} s)", flush=True)
        load_catalogue()
    today = dt.date.today()
    eval_year = args.year or SchoolYear.objects.filter(end_date__lt=today).order_by("-start_year").values_list(
        "start_year", flat=True).first()
    if args.phase in ("all", "generate"):
        t0 = time.perf_counter()
        counts = generate(root_code=SCALE_ROOT_CODE, eval_year=eval_year)
        print(f"Hồ sơ sinh ra / records generated: {counts} ({time.perf_counter() - t0:.1f} s)", flush=True)
    if args.phase == "generate":
        return
    if args.phase == "all":
        # Measure in a fresh process so peak RSS belongs to the engine, not the generator.
        cmd = [sys.executable, "-m", "bench.eligibility", "--phase", "measure", "--staff", str(args.staff),
               "--year", str(eval_year), "--naive-sample", str(args.naive_sample)]
        if args.json:
            cmd += ["--json", args.json]
        raise SystemExit(subprocess.call(cmd))
    if args.phase == "store":
        figures = measure_store(root_code=SCALE_ROOT_CODE, eval_year=eval_year, repeat=args.repeat)
    else:
        figures = measure(root_code=SCALE_ROOT_CODE, eval_year=eval_year, naive_sample=args.naive_sample)
    result = {"staff": args.staff, "year": f"{eval_year}-{eval_year + 1}", "database": connection.vendor,
              "machine": machine(), **figures}
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
