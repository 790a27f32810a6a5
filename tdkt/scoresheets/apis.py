"""Score sheets API (mounted at /api/scoresheets): a sheet with its criteria, an assessment with its scores and
reviews, and a cluster's ranking — the same selectors and access checks as the pages."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from . import calc, selectors
from .models import Assessment, Sheet

router = Router()


class SheetCriterionOut(Schema):
    id: int
    parent_id: int | None
    code: str
    title: str
    kind: str
    max_points: Decimal
    cap: Decimal | None
    evidence_required: bool
    guidance: str


class SheetOut(Schema):
    id: int
    owner_id: int
    school_year: int
    unit_type: str
    title: str
    version: int
    status: str
    final_rule: str
    gap_threshold: Decimal
    criteria: list[SheetCriterionOut]


class ScoreOut(Schema):
    criterion: str
    points: Decimal | None
    evidence: str
    note: str
    reviews: list[Decimal | None]


class ReviewOut(Schema):
    reviewer: str
    kind: str
    total: Decimal


class AssessmentOut(Schema):
    id: int
    sheet_id: int
    unit_id: int
    unit: str
    status: str
    self_total: Decimal
    final_total: Decimal | None
    final_reason: str
    gap: Decimal
    gap_flagged: bool
    reviews: list[ReviewOut]
    scores: list[ScoreOut]


class RankOut(Schema):
    rank: int | None
    unit_id: int
    unit: str
    total: Decimal | None


class RankingOut(Schema):
    cluster_id: int
    sheet_id: int
    tie_break: str
    published_version: int | None
    rows: list[RankOut]


def _sheet(user, sheet_id: int) -> Sheet:
    sheet = get_object_or_404(Sheet.objects.select_related("owner", "school_year", "unit_type"), pk=sheet_id)
    if not selectors.sheets_visible_to(user).filter(pk=sheet_id).exists():
        raise PermissionDenied(_("Bạn không có quyền xem bảng điểm này."))
    return sheet


@router.get("/sheets/{sheet_id}", response=SheetOut, url_name="scoresheets_sheet")
def sheet_detail(request, sheet_id: int):
    s = _sheet(request.user, sheet_id)
    return {"id": s.pk, "owner_id": s.owner_id, "school_year": s.school_year.start_year,
            "unit_type": s.unit_type.code, "title": s.title, "version": s.version, "status": s.status,
            "final_rule": s.final_rule, "gap_threshold": s.gap_threshold,
            "criteria": [c for c, _d in selectors.criteria_tree(s)]}


@router.get("/assessments/{assessment_id}", response=AssessmentOut, url_name="scoresheets_assessment")
def assessment_detail(request, assessment_id: int):
    a = get_object_or_404(Assessment.objects.select_related("unit", "sheet__owner", "sheet__school_year"),
                          pk=assessment_id)
    if not selectors.may_see_assessment(request.user, a):
        raise PermissionDenied(_("Bạn không có quyền xem bảng điểm này."))
    b = selectors.board(a)
    return {"id": a.pk, "sheet_id": a.sheet_id, "unit_id": a.unit_id, "unit": a.unit.name, "status": a.status,
            "self_total": a.self_total, "final_total": a.final_total, "final_reason": a.final_reason,
            "gap": b.gap, "gap_flagged": b.flagged,
            "reviews": [{"reviewer": str(r.reviewer), "kind": r.kind, "total": r.total} for r in b.reviews],
            "scores": [{"criterion": line.criterion.code, "points": line.self_points, "evidence": line.evidence,
                        "note": line.note, "reviews": line.reviews} for line in b.lines if not line.is_section]}


@router.get("/sheets/{sheet_id}/clusters/{cluster_id}/ranking", response=RankingOut,
            url_name="scoresheets_ranking")
def ranking(request, sheet_id: int, cluster_id: int):
    s = _sheet(request.user, sheet_id)
    c = get_object_or_404(selectors.clusters_for(s), pk=cluster_id)
    if not selectors.may_see_cluster(request.user, c):
        raise PermissionDenied(_("Bạn không có quyền xem bảng điểm này."))
    history = selectors.rankings_of(c, s)
    return {"cluster_id": c.pk, "sheet_id": s.pk, "tie_break": str(calc.TIE_BREAK),
            "published_version": history[0].version if history else None,
            "rows": [{"rank": rk, "unit_id": e.unit_id, "unit": e.name, "total": e.total}
                     for rk, e in selectors.ranking_entries(c, s)]}
