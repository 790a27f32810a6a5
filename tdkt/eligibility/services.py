"""Writes of the eligibility app: a stored evaluation run (lượt xét) with its verdicts."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from itertools import islice

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import format_date_short
from tdkt.org.models import SchoolYear, Unit

from . import engine
from .models import AwardType, EvaluationRun, Verdict, compact_lines

BATCH = 1000


def evaluation_run(*, actor, unit: Unit, school_year: SchoolYear, award_types=None, progress=None) -> EvaluationRun:
    """Judge everyone under ``unit`` and store every verdict with the lines that decided it.

    Each stored line carries its criterion id, code, effective_from and citation, so a
    stored verdict is shown again exactly as given even after the criteria rows change.
    The judging reads only; the run, its verdicts and the audit row land together.
    ``progress(done, total, phase=...)``: told at each step (a background run's progress bar); it
    is never called inside the transaction that stores the verdicts, so the page sees it at once.
    """
    # Stored verdicts are a record other users read later: word them in Vietnamese, the
    # record's language, whatever language the user who ran them reads.
    with translation.override("vi"):
        return _evaluation_run(actor=actor, unit=unit, school_year=school_year, award_types=award_types,
                               progress=progress or (lambda *a, **k: None))


def _evaluation_run(*, actor, unit: Unit, school_year: SchoolYear, award_types, progress) -> EvaluationRun:
    started = time.perf_counter()
    try:
        progress(0, 0, phase=_("Đang đọc dữ liệu"))
        eng = engine.subtree_engine(unit, school_year)
        progress(0, 0, phase=_("Đang xét"))
        results = engine.evaluate_subtree(unit, school_year, award_types, engine=eng, progress=progress)
    except engine.EligibilityError as exc:
        raise DomainValidationError({"award_types": str(exc)}) from exc
    seconds = time.perf_counter() - started
    codes = sorted({r.award_code for r in results}) if award_types is None else [
        a.code if isinstance(a, AwardType) else str(a) for a in award_types]
    type_ids = dict(AwardType.objects.filter(code__in={r.award_code for r in results}).values_list("code", "id"))
    subjects = len({(r.subject_kind, r.subject_id) for r in results})
    counts = Counter(r.outcome for r in results)
    by_award: dict[str, dict[str, int]] = {}
    for (code, outcome), n in Counter((r.award_code, r.outcome) for r in results).items():
        by_award.setdefault(code, {})[outcome] = n
    progress(0, len(results), phase=_("Đang lưu kết quả"))
    with transaction.atomic(), engine.gc_paused():
        run = EvaluationRun.objects.create(school_year=school_year, unit=unit,
                                           created_by=actor if getattr(actor, "pk", None) else None,
                                           award_types=codes, subjects=subjects, seconds=round(seconds, 3),
                                           outcome_counts=by_award)
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



LOCAL_QUOTA_FIELDS = ["issuer_id", "award_type_id", "of_award_type_id", "max_share", "rounding", "effective_from",
                      "effective_to", "citation", "note"]


def local_quota_rule_add(*, actor, issuer: Unit, award_type: AwardType, of_award_type: AwardType, max_share,
                         effective_from, rounding: str = "floor", citation: str, note: str = ""):
    """Ghi tỷ lệ khen thưởng do địa phương quy định: "số «award_type» không quá ``max_share`` số «of_award_type»"
    for the units under ``issuer``, from ``effective_from``, cited to the issuer's own decision (from 2024 no national
    cap limits CSTĐCS; a province may set one). The version in force before it is closed the day before (kept as
    history, one audit row each); a version may not start on or before the last one's start. Only those who decide
    awards for the issuer may set its caps."""
    from decimal import Decimal, InvalidOperation

    from tdkt.accounts.access import require
    from tdkt.accounts.permissions import Perm

    from .models import LocalQuotaRule

    require(actor, Perm.DECIDE_AWARDS, issuer)
    errors: dict[str, str | list[str]] = {}
    share: Decimal | None
    try:
        share = Decimal(str(max_share).replace(",", ".").strip().rstrip("%"))
        if str(max_share).strip().endswith("%"):
            share /= 100
    except (InvalidOperation, ValueError):
        share = None
    if share is None or not (0 < share <= 1):
        errors["max_share"] = _("Tỷ lệ tối đa phải lớn hơn 0 và không quá 1 (ví dụ 0,15 hoặc 15%).")
    if not effective_from:
        errors["effective_from"] = _("Hãy nhập ngày bắt đầu có hiệu lực.")
    citation = " ".join((citation or "").split())
    if not citation:
        errors["citation"] = _("Hãy ghi căn cứ: số, ngày quyết định và điều, khoản của cơ quan ban hành.")
    if rounding not in LocalQuotaRule.Rounding.values:
        errors["rounding"] = _("Cách làm tròn không hợp lệ.")
    if award_type.pk == of_award_type.pk:
        errors["of_award_type"] = _("Danh hiệu tính tỷ lệ phải khác danh hiệu bị giới hạn.")
    if errors or share is None:
        raise DomainValidationError(errors)
    with transaction.atomic():
        versions = LocalQuotaRule.objects.select_for_update().filter(issuer=issuer, award_type=award_type)
        last = versions.order_by("-effective_from").first()
        if last is not None and last.effective_from >= effective_from:
            raise DomainValidationError({"effective_from": _(
                "Đã có tỷ lệ của %(issuer)s cho «%(award)s» từ ngày %(date)s; phiên bản mới phải bắt đầu sau ngày "
                "đó.") % {"issuer": issuer.name, "award": award_type.name,
                          "date": format_date_short(last.effective_from)}})
        if last is not None and (last.effective_to is None or last.effective_to >= effective_from):
            before = snapshot(last, LOCAL_QUOTA_FIELDS)
            last.effective_to = effective_from - dt.timedelta(days=1)
            last.save(update_fields=["effective_to"])
            audit_record(actor=actor, event_type="eligibility.local_quota_closed", target=last, unit=issuer,
                         before=before, after=snapshot(last, LOCAL_QUOTA_FIELDS))
        rule = LocalQuotaRule.objects.create(issuer=issuer, award_type=award_type, of_award_type=of_award_type,
                                             max_share=share, rounding=rounding, effective_from=effective_from,
                                             citation=citation[:300], note=(note or "").strip()[:300])
        audit_record(actor=actor, event_type="eligibility.local_quota_added", target=rule, unit=issuer,
                     after=snapshot(rule, LOCAL_QUOTA_FIELDS))
    return rule
