"""Writes of the eligibility app: a stored evaluation run (lượt xét) with its verdicts."""

from __future__ import annotations

import time
from collections import Counter

from django.db import transaction

from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import SchoolYear, Unit

from . import engine
from .models import AwardType, EvaluationRun, Verdict

BATCH = 1000


def evaluation_run(*, actor, unit: Unit, school_year: SchoolYear, award_types=None) -> EvaluationRun:
    """Judge everyone under ``unit`` and store every verdict with the lines that decided it.

    Each stored line carries its criterion id, code, effective_from and citation, so a
    stored verdict is shown again exactly as given even after the criteria rows change.
    The judging reads only; the run, its verdicts and the audit row land together.
    """
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
        # In slices: bulk_create would otherwise hold a model instance per verdict at once
        # (a province is close to a million).
        for start in range(0, len(results), BATCH):
            Verdict.objects.bulk_create([
                Verdict(run=run, award_type_id=type_ids[r.award_code],
                        person_id=r.subject_id if r.subject_kind == "person" else None,
                        unit_id=r.subject_id if r.subject_kind == "unit" else None,
                        outcome=r.outcome, lines=r.lines)
                for r in results[start:start + BATCH]
            ])
        audit_record(actor=actor, event_type="eligibility.run", target=run, unit=unit,
                     data={"school_year": school_year.label, "award_types": codes, "subjects": subjects,
                           "verdicts": len(results), "outcomes": dict(counts), "seconds": round(seconds, 3)},
                     reason=f"Xét điều kiện thi đua, khen thưởng năm học {school_year.label}")
    return run
