"""Writes of the eligibility app: a stored evaluation run (lượt xét) with its verdicts."""

from __future__ import annotations

import json
import time
from collections import Counter
from itertools import islice

from django.db import connection, transaction
from django.utils import translation

from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import SchoolYear, Unit

from . import engine
from .models import AwardType, EvaluationRun, Verdict, compact_lines

BATCH = 1000


def evaluation_run(*, actor, unit: Unit, school_year: SchoolYear, award_types=None) -> EvaluationRun:
    """Judge everyone under ``unit`` and store every verdict with the lines that decided it.

    Each stored line carries its criterion id, code, effective_from and citation, so a
    stored verdict is shown again exactly as given even after the criteria rows change.
    The judging reads only; the run, its verdicts and the audit row land together.
    """
    # Stored verdicts are a record other users read later: word them in Vietnamese, the
    # record's language, whatever language the user who ran them reads.
    with translation.override("vi"):
        return _evaluation_run(actor=actor, unit=unit, school_year=school_year, award_types=award_types)


def _evaluation_run(*, actor, unit: Unit, school_year: SchoolYear, award_types) -> EvaluationRun:
    started = time.perf_counter()
    try:
        results = engine.evaluate_subtree(unit, school_year, award_types)
    except engine.EligibilityError as exc:
        raise DomainValidationError({"award_types": str(exc)}) from exc
    seconds = time.perf_counter() - started
    codes = sorted({r.award_code for r in results}) if award_types is None else [
        a.code if isinstance(a, AwardType) else str(a) for a in award_types]
    type_ids = dict(AwardType.objects.filter(code__in={r.award_code for r in results}).values_list("code", "id"))
    subjects = len({(r.subject_kind, r.subject_id) for r in results})
    counts = Counter(r.outcome for r in results)
    with transaction.atomic(), engine.gc_paused():
        run = EvaluationRun.objects.create(school_year=school_year, unit=unit,
                                           created_by=actor if getattr(actor, "pk", None) else None,
                                           award_types=codes, subjects=subjects, seconds=round(seconds, 3))
        run.criteria = _store_verdicts(run, results, type_ids)
        run.save(update_fields=["criteria"])
        audit_record(actor=actor, event_type="eligibility.run", target=run, unit=unit,
                     data={"school_year": school_year.label, "award_types": codes, "subjects": subjects,
                           "verdicts": len(results), "outcomes": dict(counts), "seconds": round(seconds, 3)},
                     reason=f"Xét điều kiện thi đua, khen thưởng năm học {school_year.label}")
    return run


def _verdict_rows(run: EvaluationRun, results, type_ids: dict, headers: dict):
    """One row per verdict, its lines without the criterion headers (gathered in ``headers``)."""
    compacted: dict[int, tuple[list, list]] = {}
    for r in results:
        person = r.subject_kind == "person"
        lines = r.lines
        if r.shares_lines:
            # Thousands of verdicts share one list of lines (engine.Result._rendered), which the
            # engine keeps alive: compact it once.
            done = compacted.get(id(lines))
            if done is None:
                done = compacted[id(lines)] = (lines, compact_lines(lines, headers))
            stored = done[1]
        else:
            stored = compact_lines(lines, headers)
        yield run.pk, type_ids[r.award_code], r.subject_id if person else None, None if person else r.subject_id, \
            r.outcome, stored


def _store_verdicts(run: EvaluationRun, results, type_ids: dict) -> dict:
    """Write the run's verdicts. On PostgreSQL one COPY streams them (80,000 verdicts with
    their lines: ~4× faster than bulk_create, which builds a model instance and an
    INSERT parameter per value); elsewhere bulk_create in slices, so that a province
    (close to a million verdicts) never holds a model instance per verdict at once.
    Returns the criterion headers the lines cite, kept once on the run."""
    headers: dict = {}
    if connection.vendor == "postgresql":
        concrete = {f.name: f for f in Verdict._meta.concrete_fields}
        fields = [concrete[name] for name in ("run", "award_type", "person", "unit", "outcome", "lines")]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        # jsonb parses the text it is sent (what it stores does not depend on the spacing): the
        # JSONField's encoder, compact and in UTF-8 rather than \u escapes — 148 MB instead of
        # 206 MB for 80,000 verdicts, so less to encode, send and parse.
        encode = (Verdict._meta.get_field("lines").encoder or json.JSONEncoder)(
            ensure_ascii=False, separators=(",", ":")).encode
        sql = f"COPY {connection.ops.quote_name(Verdict._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in _verdict_rows(run, results, type_ids, headers):
                copy.write_row((*row[:5], encode(row[5])))
        return headers
    rows = _verdict_rows(run, results, type_ids, headers)
    while True:
        batch = [Verdict(run_id=a, award_type_id=b, person_id=c, unit_id=d, outcome=e, lines=f)
                 for a, b, c, d, e, f in islice(rows, BATCH)]
        if not batch:
            return headers
        Verdict.objects.bulk_create(batch)

