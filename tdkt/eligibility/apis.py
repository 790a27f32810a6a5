"""Eligibility API (mounted at /api/eligibility). Thin: parse, check the object's
scope with tdkt.accounts.access, call the engine / selectors / services.

Unknown people, units, titles and years answer 404, malformed input 422, both with
a Vietnamese ``detail``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from tdkt.accounts.access import can, require, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from . import engine, impact, roadmap, selectors, services
from .choices import Outcome
from .models import EvaluationRun

router = Router()
PER_PAGE = 50


# --------------------------------------------------------------------------- schemas


class LineOut(Schema):
    criterion_id: int | None
    code: str
    rule: str = ""
    description: str
    citation: str
    effective_from: str | None
    blocking: bool
    passed: bool | None
    detail: str
    evidence: list[dict]
    need: str = ""


class SubjectOut(Schema):
    kind: str
    id: int
    name: str


class VerdictOut(Schema):
    subject: SubjectOut
    award_type: str
    award_name: str
    year: str
    outcome: str
    outcome_label: str
    summary: str
    lines: list[LineOut]


class VerdictPage(Schema):
    year: str
    count: int
    page: int
    pages: int
    counts: dict[str, int]
    results: list[VerdictOut]


class CriterionOut(Schema):
    id: int
    code: str
    rule: str
    params: dict
    description: str
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str
    blocking: bool
    note: str


class AwardTypeOut(Schema):
    code: str
    name: str
    abbreviation: str
    kind: str
    subject: str
    level: str
    aliases: list[str]
    citation: str
    criteria: list[CriterionOut]


class CatalogueOut(Schema):
    year: str
    day: dt.date
    award_types: list[AwardTypeOut]


class YearFilter(Schema):
    year: str | None = None


class TableFilters(Schema):
    year: str | None = None
    award_type: str | None = None
    outcome: str | None = None
    kind: str | None = None
    page: int = 1


class RunIn(Schema):
    unit_id: int
    year: str
    award_types: list[str] | None = None


class RunOut(Schema):
    id: int
    unit_id: int
    unit: str
    year: str
    created_at: dt.datetime
    created_by: str | None
    award_types: list[str]
    subjects: int
    seconds: float
    counts: dict[str, int]


class RunDetailOut(RunOut):
    count: int
    page: int
    pages: int
    results: list[VerdictOut]


class RunFilters(Schema):
    award_type: str | None = None
    outcome: str | None = None
    page: int = 1


# --------------------------------------------------------------------------- helpers


def _year(value: str | None) -> SchoolYear:
    try:
        return selectors.school_year_from(value)
    except selectors.NotFound as exc:
        raise HttpError(404, str(exc)) from exc
    except ValueError as exc:
        raise DomainValidationError({"year": str(exc)}) from exc


def _person(person_id: int) -> Person:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise HttpError(404, _("Không tìm thấy cá nhân mã %(id)s.") % {"id": person_id})
    return person


def _unit(unit_id: int) -> Unit:
    unit = Unit.objects.select_related("unit_type").filter(pk=unit_id).first()
    if unit is None:
        raise HttpError(404, _("Không tìm thấy đơn vị mã %(id)s.") % {"id": unit_id})
    return unit


def _award(code: str):
    try:
        return selectors.award_type_get(code)
    except selectors.NotFound as exc:
        raise HttpError(404, str(exc)) from exc


def _engine_call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except engine.EligibilityError as exc:
        raise DomainValidationError({"award_type": str(exc)}) from exc


def _check_outcome(outcome: str | None) -> None:
    if outcome and outcome not in Outcome.values:
        raise DomainValidationError({"outcome": _("Kết quả «%(outcome)s» không hợp lệ; chọn một trong: %(values)s.") % {
            "outcome": outcome, "values": ", ".join(Outcome.values)}})


def _page(items, page: int):
    paginator = Paginator(items, PER_PAGE)
    return paginator.get_page(page)


def _run_out(run: EvaluationRun, counts: dict) -> dict:
    return {"id": run.pk, "unit_id": run.unit_id, "unit": run.unit.name, "year": run.school_year.label,
            "created_at": run.created_at, "created_by": run.created_by.get_username() if run.created_by else None,
            "award_types": run.award_types, "subjects": run.subjects, "seconds": run.seconds, "counts": counts}


# --------------------------------------------------------------------------- endpoints


@router.get("/catalogue", response=CatalogueOut, url_name="eligibility_catalogue",
            summary="Danh mục danh hiệu, hình thức và tiêu chuẩn có hiệu lực trong năm học")
def catalogue(request, filters: Query[YearFilter]):
    year = _year(filters.year)
    return {"year": year.label, "day": year.end_date,
            "award_types": selectors.catalogue_in_force(day=year.end_date)}


@router.get("/people/{person_id}/verdicts", response=list[VerdictOut], url_name="eligibility_person_verdicts",
            summary="Xét một cá nhân cho mọi danh hiệu, hình thức khen thưởng")
def person_verdicts(request, person_id: int, filters: Query[YearFilter]):
    person = _person(person_id)
    require_person(request.user, Perm.VIEW_ELIGIBILITY, person)
    year = _year(filters.year)
    return [r.as_dict() for r in _engine_call(engine.evaluate_person, person, year)]


@router.get("/people/{person_id}/verdicts/{award_type}", response=VerdictOut,
            url_name="eligibility_person_verdict", summary="Xét một cá nhân cho một danh hiệu / hình thức")
def person_verdict(request, person_id: int, award_type: str, filters: Query[YearFilter]):
    person = _person(person_id)
    require_person(request.user, Perm.VIEW_ELIGIBILITY, person)
    at = _award(award_type)
    year = _year(filters.year)
    return _engine_call(engine.evaluate, person, at, year).as_dict()


@router.get("/people/{person_id}/roadmap", response=dict, url_name="eligibility_person_roadmap",
            summary="Lộ trình khen cao của cá nhân: danh hiệu trong tầm và điều còn thiếu")
def person_roadmap(request, person_id: int, filters: Query[YearFilter]):
    person = _person(person_id)
    require_person(request.user, Perm.VIEW_ELIGIBILITY, person)
    return roadmap.roadmap_for_person(person, _year(filters.year))


@router.get("/units/{unit_id}/verdicts", response=VerdictPage, url_name="eligibility_unit_table",
            summary="Bảng xét điều kiện của đơn vị và mọi đơn vị, cá nhân trực thuộc")
def unit_table(request, unit_id: int, filters: Query[TableFilters]):
    unit = _unit(unit_id)
    require(request.user, Perm.VIEW_ELIGIBILITY, unit)
    year = _year(filters.year)
    _check_outcome(filters.outcome)
    if filters.award_type:
        _award(filters.award_type)
    if filters.kind and filters.kind not in ("person", "unit"):
        raise DomainValidationError({"kind": _("Đối tượng phải là «person» (cá nhân) hoặc «unit» (tập thể).")})
    eng = engine.subtree_engine(unit, year)
    results = _engine_call(engine.evaluate_subtree, unit, year,
                           [filters.award_type] if filters.award_type else None, engine=eng)
    results = _visible(request.user, unit, eng, results)
    if filters.kind:
        results = [r for r in results if r.subject_kind == filters.kind]
    counts = dict(Counter(r.outcome for r in results))
    if filters.outcome:
        results = [r for r in results if r.outcome == filters.outcome]
    page = _page(results, filters.page)
    return {"year": year.label, "count": page.paginator.count, "page": page.number,
            "pages": page.paginator.num_pages, "counts": counts, "results": [r.as_dict() for r in page.object_list]}


def _visible(user, unit: Unit, eng: engine.Engine, results):
    """Only the people and units the user's VIEW_ELIGIBILITY reaches (a specialist sees
    the schools of their levels, not the whole office subtree)."""
    ids = selectors.visible_unit_ids(user=user, under=unit)
    if ids is None:
        return results
    people = {p.id for p in eng.facts.persons if any(uid in ids for uid, _s, _e in p.employments)}
    return [r for r in results if (r.subject_id in people if r.subject_kind == "person" else r.subject_id in ids)]


@router.get("/units/{unit_id}/quota", response=dict, url_name="eligibility_quota",
            summary="Tỷ lệ CSTĐCS ≤ 15% số LĐTT theo từng trường / cơ quan")
def quota(request, unit_id: int, filters: Query[YearFilter]):
    unit = _unit(unit_id)
    require(request.user, Perm.VIEW_ELIGIBILITY, unit)
    year = _year(filters.year)
    panel = engine.quota_panel(unit, year)
    ids = selectors.visible_unit_ids(user=request.user, under=unit)
    if ids is not None:
        for rule in panel["rules"]:
            rule["groups"] = [g for g in rule["groups"] if g["unit_id"] in ids]
    return panel


class LocalQuotaOut(Schema):
    id: int
    issuer_id: int
    issuer: str
    award_type: str
    award_name: str
    of_award_type: str
    max_share: Decimal
    rounding: str
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str
    note: str
    in_force: bool
    applies: bool


@router.get("/units/{unit_id}/local-quotas", response=list[LocalQuotaOut], url_name="eligibility_local_quotas",
            summary="Tỷ lệ khen thưởng do địa phương quy định áp dụng cho đơn vị (mọi phiên bản, theo ngày)")
def local_quotas(request, unit_id: int, day: dt.date | None = None):
    """The caps issued by the unit or a unit above it (e.g. a province's cap on CSTĐCS from 2024), each with
    its dates and the citation of the issuer's decision; ``applies`` marks the row the quota panel uses on
    ``day`` (default today)."""
    unit = _unit(unit_id)
    require(request.user, Perm.VIEW_ELIGIBILITY, unit)
    return selectors.local_quota_rules_for(unit, day)


@router.get("/units/{unit_id}/roadmap", response=dict, url_name="eligibility_unit_roadmap",
            summary="Lộ trình khen cao của tập thể và các dịp kỷ niệm năm tròn sắp tới")
def unit_roadmap(request, unit_id: int, filters: Query[YearFilter]):
    unit = _unit(unit_id)
    require(request.user, Perm.VIEW_ELIGIBILITY, unit)
    return roadmap.roadmap_for_unit(unit, _year(filters.year))


@router.post("/runs", response={201: RunOut}, url_name="eligibility_runs",
             summary="Chạy và lưu một lượt xét điều kiện cho đơn vị (kèm căn cứ từng dòng)")
def run_create(request, payload: RunIn):
    unit = _unit(payload.unit_id)
    require(request.user, Perm.RUN_ELIGIBILITY, unit)
    year = _year(payload.year)
    for code in payload.award_types or ():
        _award(code)
    run = services.evaluation_run(actor=request.user, unit=unit, school_year=year, award_types=payload.award_types)
    counts = dict(run.verdicts.values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    return Status(201, _run_out(run, counts))


@router.get("/runs/{run_id}", response=RunDetailOut, url_name="eligibility_run_detail",
            summary="Kết quả đã lưu của một lượt xét, đúng như khi xét")
def run_detail(request, run_id: int, filters: Query[RunFilters]):
    run = EvaluationRun.objects.select_related("unit", "school_year", "created_by").filter(pk=run_id).first()
    if run is None:
        raise HttpError(404, _("Không tìm thấy lượt xét mã %(id)s.") % {"id": run_id})
    _check_outcome(filters.outcome)
    qs = selectors.run_verdicts_visible_to(user=request.user, run=run, award_type=filters.award_type,
                                           outcome=filters.outcome)
    if not can(request.user, Perm.VIEW_ELIGIBILITY, run.unit) and not qs.exists():
        raise PermissionRefused(_("Bạn không có quyền xem kết quả xét của đơn vị «%(unit)s».") % {"unit": run.unit})
    counts = dict(qs.order_by().values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    page = _page(qs, filters.page)
    label = run.school_year.label
    return {**_run_out(run, counts), "count": page.paginator.count, "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [selectors.stored_verdict_dict(v, label, run.criteria) for v in page.object_list]}


class ImpactFilters(Schema):
    year: str | None = None
    date_a: dt.date | None = None
    date_b: dt.date | None = None


class DifferenceOut(Schema):
    code: str
    description: str
    citation: str
    side: str
    passed_a: bool | None
    passed_b: bool | None
    detail_a: str
    detail_b: str


class ChangeOut(Schema):
    subject: SubjectOut
    award_type: str
    award_name: str
    outcome_a: str
    outcome_a_label: str
    outcome_b: str
    outcome_b_label: str
    change: str
    change_label: str
    criteria: list[DifferenceOut]


class TitleTotalOut(Schema):
    award_code: str
    award_name: str
    judged: int
    eligible_a: int
    eligible_b: int
    gains: int
    losses: int
    changes: int


class ImpactOut(Schema):
    unit: dict
    year: str
    date_a: dt.date
    date_b: dt.date
    totals: list[TitleTotalOut]
    changes: list[ChangeOut]


@router.get("/units/{unit_id}/impact", response=ImpactOut, url_name="eligibility_impact",
            summary="Báo cáo tác động khi quy định thay đổi: cùng năm học xét theo quy định ngày A và ngày B")
def unit_impact(request, unit_id: int, filters: Query[ImpactFilters]):
    unit = _unit(unit_id)
    require(request.user, Perm.VIEW_ELIGIBILITY, unit)
    year = _year(filters.year)
    default_a, default_b = impact.default_dates()
    report = impact.impact_report(unit=unit, school_year=year, date_a=filters.date_a or default_a,
                                  date_b=filters.date_b or default_b,
                                  visible=lambda results, eng: _visible(request.user, unit, eng, results))
    return report.as_dict()
