"""Reads of the eligibility app: the catalogue in force, school years, stored runs —
always scoped through tdkt.accounts.access."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.accounts.access import person_scope_q, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.audit.models import AuditEvent
from tdkt.core.vi import parse_school_year
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person

from .engine import outcome_label, summarize
from .models import AwardType, Criterion, EvaluationRun, LocalQuotaRule, Verdict


class NotFound(LookupError):
    """Something the user named does not exist (message in Vietnamese)."""


def school_year_from(value: str | int | None) -> SchoolYear:
    """"2025-2026", "2025" or None (the current school year). Raises ValueError on a bad
    label and NotFound when the year is not in the system."""
    if value is None or value == "":
        today = timezone.localdate()
        current = SchoolYear.objects.filter(start_date__lte=today, end_date__gte=today).first()
        if current is not None:
            return current
        start = today.year if today.month >= 9 else today.year - 1
    elif isinstance(value, int) or str(value).strip().isdigit():
        start = int(value)
    else:
        start = parse_school_year(str(value))
    year = SchoolYear.objects.filter(start_year=start).first()
    if year is None:
        raise NotFound(_("Chưa có năm học %(year)s trong hệ thống.") % {"year": f"{start}-{start + 1}"})
    return year


def award_type_get(code: str) -> AwardType:
    at = AwardType.objects.filter(code=code).first()
    if at is None:
        raise NotFound(_("Không có danh hiệu / hình thức khen thưởng mã «%(code)s».") % {"code": code})
    return at


def catalogue_in_force(*, day: dt.date) -> list[dict]:
    """Active award types with the criterion rows in force on ``day`` (two queries)."""
    types = list(AwardType.objects.filter(active=True))
    rows = Criterion.objects.in_force(day).filter(award_type__in=types).order_by("award_type_id", "order", "code", "-effective_from")
    by_type: dict[int, list[Criterion]] = {}
    seen = set()
    for c in rows:
        if (c.award_type_id, c.code) in seen:
            continue
        seen.add((c.award_type_id, c.code))
        by_type.setdefault(c.award_type_id, []).append(c)
    return [
        {"code": at.code, "name": at.name, "abbreviation": at.abbreviation, "kind": at.kind, "subject": at.subject,
         "level": at.level, "aliases": list(at.aliases or []), "citation": at.citation,
         "criteria": [
             {"id": c.pk, "code": c.code, "rule": c.rule, "params": c.params, "description": c.description,
              "effective_from": c.effective_from, "effective_to": c.effective_to, "citation": c.citation,
              "blocking": c.blocking, "note": c.note}
             for c in by_type.get(at.pk, [])
         ]}
        for at in sorted(types, key=lambda a: (a.subject, a.order, a.code))
    ]


def visible_unit_ids(*, user, under: Unit, perm: Perm = Perm.VIEW_ELIGIBILITY) -> set[int] | None:
    """Units under ``under`` that ``perm`` reaches for this user (None = all: superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    return set(Unit.objects.filter(unit_scope_q(user, perm), path__startswith=under.path).values_list("id", flat=True))


def run_list_visible_to(*, user) -> QuerySet[EvaluationRun]:
    return EvaluationRun.objects.filter(unit__in=Unit.objects.filter(unit_scope_q(user, Perm.VIEW_ELIGIBILITY)))


def run_verdicts_visible_to(*, user, run: EvaluationRun, award_type: str | None = None,
                            outcome: str | None = None) -> QuerySet[Verdict]:
    """Stored verdicts of a run the user may see: people and units in their reach, or —
    for staff — only their own."""
    qs = Verdict.objects.filter(run=run).select_related("award_type", "person", "unit")
    if not getattr(user, "is_superuser", False):
        people = Person.objects.filter(person_scope_q(user, Perm.VIEW_ELIGIBILITY)).values("pk")
        units = Unit.objects.filter(unit_scope_q(user, Perm.VIEW_ELIGIBILITY)).values("pk")
        qs = qs.filter(Q(person__in=people) | Q(unit__in=units))
    if award_type:
        qs = qs.filter(award_type__code=award_type)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("award_type__subject", "award_type__order", "person__sort_name", "unit__path", "id")


def stored_verdict_dict(v: Verdict, year_label: str, criteria: dict | None = None) -> dict:
    """A stored verdict exactly as it was given: its own lines with the criterion headers kept
    on its run (``criteria``, read once for a page of verdicts), not today's criteria."""
    lines = v.full_lines(criteria)
    if v.person is not None:
        subject = {"kind": "person", "id": v.person_id, "name": v.person.full_name}
    else:
        unit = v.unit
        assert unit is not None  # a verdict judges one person or one unit
        subject = {"kind": "unit", "id": v.unit_id, "name": unit.name}
    return {"subject": subject, "award_type": v.award_type.code, "award_name": v.award_type.name,
            "year": year_label, "outcome": v.outcome, "outcome_label": outcome_label(v.outcome),
            "summary": _stored_summary(v.outcome, lines), "lines": lines}


def _stored_summary(outcome: str, lines: list[dict]) -> str:
    # The stored lines are in Vietnamese (see services.evaluation_run): the sentence around them too.
    with translation.override("vi"):
        return summarize(outcome, lines)


def local_quota_rules_for(unit: Unit, day: dt.date | None = None) -> list[dict]:
    """The local caps (LocalQuotaRule) that reach ``unit``: those issued by the unit or a unit above it, every
    version, newest first; ``in_force`` says which apply on ``day`` (default today), and ``applies`` marks, per
    award, the one the engine uses — the nearest issuer's row in force."""
    day = day or timezone.localdate()
    step = Unit.steplen
    paths = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
    rows = list(LocalQuotaRule.objects.filter(issuer__path__in=paths)
                .select_related("issuer", "award_type", "of_award_type")
                .order_by("award_type__order", "-issuer__depth", "-effective_from", "-id"))
    chosen: dict[str, int] = {}
    for r in rows:
        if r.is_in_force(day) and r.award_type.code not in chosen:
            chosen[r.award_type.code] = r.pk
    return [{"id": r.pk, "issuer_id": r.issuer_id, "issuer": r.issuer.name, "award_type": r.award_type.code,
             "award_name": r.award_type.name, "of_award_type": r.of_award_type.code, "max_share": r.max_share,
             "rounding": r.rounding, "effective_from": r.effective_from, "effective_to": r.effective_to,
             "citation": r.citation, "note": r.note, "in_force": r.is_in_force(day),
             "applies": chosen.get(r.award_type.code) == r.pk} for r in rows]


# --------------------------------------------------------------------------- stored runs on the unit page


def subtree_is_small(root: Unit, year: SchoolYear, *, limit: int) -> bool:
    """Fewer than ``limit`` people worked under ``root`` during the year (a school, a small office): its
    page may judge live. Reads at most ``limit`` distinct people, so a province costs no more than a school."""
    people = (Employment.objects.filter(unit__path__startswith=root.path, start_date__lte=year.end_date)
              .exclude(end_date__lt=year.start_date).order_by().values_list("person_id", flat=True).distinct())
    return len(people[:limit]) < limit


def latest_run(root: Unit, year: SchoolYear) -> EvaluationRun | None:
    """The newest stored run of ``root``'s subtree for the year (one indexed read)."""
    return (EvaluationRun.objects.filter(unit=root, school_year=year).select_related("created_by")
            .order_by("-created_at", "-id").first())


# Changes to what the engine reads (ratings, awards and decisions, registrations, disciplines, people, their
# posts, units, local caps): the audit rows that count as "changed since the run".
FACT_EVENTS = ("records.", "awards.decision_issue", "awards.award_revoke", "person.", "employment.", "unit.",
               "eligibility.local_quota")


def changes_since(root: Unit, when: dt.datetime) -> int:
    """How many recorded changes of facts (audit rows) under ``root`` came after ``when``. The audit's
    time index makes it one range read of the rows after the run, not a scan of the subtree."""
    facts = Q()
    for prefix in FACT_EVENTS:
        facts |= Q(event_type__startswith=prefix)
    return (AuditEvent.objects.filter(facts, created_at__gt=when, unit__path__startswith=root.path)
            .exclude(event_type="records.import_checked").count())


def reaches_whole_subtree(*, user, root: Unit) -> bool:
    """The user's VIEW_ELIGIBILITY reaches every unit under ``root`` (so every verdict of its runs)."""
    ids = visible_unit_ids(user=user, under=root)
    return ids is None or len(ids) == Unit.objects.filter(path__startswith=root.path).count()


def run_verdict_page_qs(*, user, run: EvaluationRun, award_type: str | None, outcome: str | None,
                        whole: bool = False) -> QuerySet[Verdict]:
    """The verdicts of a stored run the user may see, in the order the run judged them (its primary
    key: the engine's own order, award by award), so a page is an index range, not a sort of a
    province's million rows. ``whole``: the user reaches the whole subtree (no scope filter needed)."""
    if whole:
        qs = Verdict.objects.filter(run=run).select_related("award_type", "person", "unit")
        if award_type:
            qs = qs.filter(award_type__code=award_type)
        if outcome:
            qs = qs.filter(outcome=outcome)
        return qs.order_by("id")
    return run_verdicts_visible_to(user=user, run=run, award_type=award_type, outcome=outcome).order_by("id")


def run_outcome_counts(*, user, run: EvaluationRun, award_type: str | None, whole: bool = False) -> dict[str, int]:
    """Per outcome, the verdicts of the run the user may see: counted when the run was stored for a
    reader of the whole subtree, else one grouped query."""
    if whole and run.outcome_counts:
        out: dict[str, int] = {}
        for code, counts in run.outcome_counts.items():
            if not award_type or code == award_type:
                for outcome, n in counts.items():
                    out[outcome] = out.get(outcome, 0) + n
        return out
    qs = run_verdicts_visible_to(user=user, run=run, award_type=award_type).order_by()
    return dict(qs.values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
