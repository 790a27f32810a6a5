"""Reads of score sheets: who sees a sheet (its office's reach, and the units under it), an assessment with its
reviews side by side and the gap flag, and a cluster's ranking computed from the final scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from tdkt.accounts.access import active_memberships, can, reaches_everything, unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.org.models import Cluster, Unit

from . import calc
from .models import Assessment, Criterion, CriterionKind, Ranking, ReviewKind, Sheet
from .services import cluster_of, reviewer_role


def _ancestor_paths(path: str) -> list[str]:
    step = Unit.steplen
    return [path[:i] for i in range(step, len(path) + 1, step)]


def sheets_visible_to(user) -> QuerySet[Sheet]:
    qs = Sheet.objects.select_related("owner", "school_year", "unit_type")
    if reaches_everything(user):
        return qs
    paths = {p for m in active_memberships(user) for p in _ancestor_paths(m.unit.path)}
    return qs.filter(Q(owner__in=Unit.objects.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS)))
                     | Q(owner__path__in=paths))


def may_see_assessment(user, a: Assessment) -> bool:
    return (can(user, Perm.VIEW_CAMPAIGNS, a.unit) or can(user, Perm.REVIEW_SUBMISSIONS, a.unit)
            or can(user, Perm.MANAGE_CAMPAIGNS, a.sheet.owner) or reviewer_role(user, a) is not None)


def assessments_of(sheet: Sheet, user) -> list[Assessment]:
    qs = sheet.assessments.select_related("unit", "sheet__owner", "sheet__school_year")
    return [a for a in qs if may_see_assessment(user, a)]


@dataclass
class Line:
    criterion: Criterion
    depth: int
    self_points: Decimal | None = None
    evidence: str = ""
    note: str = ""
    reviews: list[Decimal | None] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        return self.criterion.kind == CriterionKind.SECTION


def criteria_tree(sheet: Sheet) -> list[tuple[Criterion, int]]:
    """The sheet's criteria in order with their depth in the tree (sections and their items)."""
    crits = list(sheet.criteria.order_by("order"))
    depth: dict[int, int] = {}
    out = []
    for c in crits:
        depth[c.pk] = depth.get(c.parent_id, -1) + 1 if c.parent_id else 0
        out.append((c, depth[c.pk]))
    return out


@dataclass
class Board:
    assessment: Assessment
    lines: list[Line]
    reviews: list
    gap: Decimal
    flagged: bool
    computed_final: Decimal | None
    totals: calc.Totals


def board(a: Assessment) -> Board:
    """The self-assessment beside each reviewer's scores (every review kept), the gap and its flag."""
    from .services import computed_final, items_of

    scores = {s.criterion_id: s for s in a.scores.all()}
    reviews = list(a.reviews.select_related("reviewer", "reviewer_unit").prefetch_related("scores"))
    by_review = [{rs.criterion_id: rs.points for rs in r.scores.all()} for r in reviews]
    lines = []
    for c, d in criteria_tree(a.sheet):
        s = scores.get(c.pk)
        lines.append(Line(c, d, s.points if s else None, s.evidence if s else "", s.note if s else "",
                          [m.get(c.pk) for m in by_review]))
    g = calc.gap(a.self_total, [r.total for r in reviews])
    t = calc.totals(items_of(a.sheet), {k: v.points for k, v in scores.items()})
    return Board(a, lines, reviews, g, bool(reviews) and g > a.sheet.gap_threshold, computed_final(a), t)


def clusters_for(sheet: Sheet) -> QuerySet[Cluster]:
    """The clusters of the sheet's year whose members are units of the sheet's type under its office."""
    return (Cluster.objects.filter(school_year=sheet.school_year, memberships__unit__unit_type=sheet.unit_type,
                                   memberships__unit__path__startswith=sheet.owner.path)
            .select_related("leader", "organizer").distinct().order_by("name"))


def ranking_entries(cluster: Cluster, sheet: Sheet) -> list[tuple[int | None, calc.Entry]]:
    """The cluster's members ranked by final score (calc.TIE_BREAK): one query for the members, one for the
    assessments on any version of the sheet, one for their penalty points."""
    from django.db.models import Sum

    members = list(Unit.objects.filter(cluster_memberships__cluster=cluster, unit_type=sheet.unit_type)
                   .order_by("name"))
    family = Sheet.objects.filter(owner=sheet.owner, school_year=sheet.school_year, unit_type=sheet.unit_type)
    found = {a.unit_id: a for a in Assessment.objects.filter(sheet__in=family, unit__in=members)}
    penalties = dict(Assessment.objects.filter(pk__in=[a.pk for a in found.values()],
                                               scores__criterion__kind=CriterionKind.PENALTY)
                     .values("unit_id").annotate(p=Sum("scores__points")).values_list("unit_id", "p"))
    entries = []
    for u in members:
        a = found.get(u.pk)
        entries.append(calc.Entry(u.pk, u.name, a.final_total if a else None, penalties.get(u.pk) or calc.ZERO,
                                  a.submitted_at if a else None))
    return calc.rank(entries)


def rankings_of(cluster: Cluster, sheet: Sheet) -> list[Ranking]:
    return list(Ranking.objects.filter(cluster=cluster, sheet__owner=sheet.owner,
                                       sheet__school_year=sheet.school_year, sheet__unit_type=sheet.unit_type)
                .select_related("published_by").prefetch_related("rows__unit").order_by("-version"))


def may_see_cluster(user, cluster: Cluster) -> bool:
    if can(user, Perm.VIEW_CAMPAIGNS, cluster.organizer) or (cluster.leader and can(user, Perm.LEAD_CLUSTER,
                                                                                     cluster.leader)):
        return True
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    return any(m.unit_id in members for m in active_memberships(user)) or Unit.objects.filter(
        unit_scope_q(user, Perm.REVIEW_SUBMISSIONS), pk__in=members).exists()


def own_units_for(user, sheet: Sheet) -> list[Unit]:
    """The user's own units (a membership there that may score) that the sheet applies to: the office's reach
    over its schools does not make it score for them."""
    from tdkt.accounts.permissions import roles_with

    roles = roles_with(Perm.MANAGE_CAMPAIGNS)
    return [m.unit for m in active_memberships(user) if m.role in roles and m.unit.unit_type_id == sheet.unit_type_id
            and m.unit.path.startswith(sheet.owner.path) and m.unit.active_to is None]


__all__ = ["ReviewKind", "cluster_of"]
