"""Writes on score sheets: keyword-only, one transaction, one audit row per state change. A refusal names the
criterion and saves nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import active_memberships, can, require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import Cluster, ClusterMember, Unit

from . import calc
from .models import (
    Assessment,
    AssessmentStatus,
    Criterion,
    CriterionKind,
    FinalChange,
    FinalRule,
    Ranking,
    RankingRow,
    Review,
    ReviewKind,
    ReviewScore,
    Score,
    Sheet,
    SheetStatus,
)

SHEET_FIELDS = ["owner_id", "school_year_id", "unit_type_id", "title", "version", "status", "final_rule",
                "gap_threshold", "previous_id"]
ASSESSMENT_FIELDS = ["sheet_id", "unit_id", "status", "self_total", "final_total", "final_reason"]
_KINDS = {"": CriterionKind.NORMAL, "tieu chi": CriterionKind.NORMAL, "tiêu chí": CriterionKind.NORMAL,
          "normal": CriterionKind.NORMAL, "cộng": CriterionKind.BONUS, "cong": CriterionKind.BONUS,
          "điểm cộng": CriterionKind.BONUS, "bonus": CriterionKind.BONUS, "trừ": CriterionKind.PENALTY,
          "tru": CriterionKind.PENALTY, "điểm trừ": CriterionKind.PENALTY, "penalty": CriterionKind.PENALTY,
          "mục": CriterionKind.SECTION, "muc": CriterionKind.SECTION, "section": CriterionKind.SECTION}
_YES = {"x", "có", "co", "1", "yes", "true", "bắt buộc"}


def items_of(sheet: Sheet) -> list[calc.Item]:
    return [calc.Item(c.pk, c.code, c.kind, c.limit, c.evidence_required)
            for c in sheet.criteria.exclude(kind=CriterionKind.SECTION).order_by("order")]


# --- the sheet ---------------------------------------------------------------------------------------------------

def sheet_create(*, actor, owner: Unit, school_year, unit_type, title: str, final_rule: str = FinalRule.REVIEWER,
                 gap_threshold: Decimal = Decimal(5)) -> Sheet:
    require(actor, Perm.MANAGE_CAMPAIGNS, owner)
    errors: dict[str, str | list[str]] = {}
    if not (title or "").strip():
        errors["title"] = _("Hãy nhập tên bảng điểm.")
    if final_rule not in FinalRule.values:
        errors["final_rule"] = _("Hãy chọn cách tính điểm cuối cùng.")
    if gap_threshold is None or gap_threshold < 0:
        errors["gap_threshold"] = _("Ngưỡng chênh lệch phải là số điểm không âm.")
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        last = Sheet.objects.filter(owner=owner, school_year=school_year, unit_type=unit_type).aggregate(
            v=Max("version"))["v"] or 0
        sheet = Sheet.objects.create(owner=owner, school_year=school_year, unit_type=unit_type, title=title.strip(),
                                     version=last + 1, final_rule=final_rule, gap_threshold=gap_threshold,
                                     created_by=actor)
        audit_record(actor=actor, event_type="scoresheets.sheet_created", target=sheet, unit=owner,
                     after=snapshot(sheet, SHEET_FIELDS))
    return sheet


@dataclass(frozen=True)
class Row:
    """One criterion as typed or imported: code | title | points | kind | evidence | guidance."""

    code: str
    title: str
    points: str = ""
    kind: str = ""
    evidence: str = ""
    guidance: str = ""


def parse_text(text: str) -> list[Row]:
    """One criterion per line, fields split by «|» or tabs: «1.1 | Nội dung | 10 | | x | Hướng dẫn»."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"\t|\|", line)] + [""] * 6
        rows.append(Row(*parts[:6]))
    return rows


def parse_xlsx(file) -> list[Row]:
    """The same columns from the first sheet of a workbook; the first row is the header."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        raise DomainValidationError({"file": _("Tệp không phải là bảng tính Excel (.xlsx) đọc được.")}) from exc
    rows = []
    ws = wb.worksheets[0]
    for values in ws.iter_rows(min_row=2, values_only=True):
        cells = ["" if v is None else str(v).strip() for v in values][:6] + [""] * 6
        if any(cells[:2]):
            rows.append(Row(*cells[:6]))
    return rows


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", ".")) if str(text).strip() else None
    except InvalidOperation:
        return None


def criteria_import(*, actor, sheet: Sheet, rows: Sequence[Row]) -> int:
    """Add ``rows`` to a draft sheet. A code «2.1» goes under the section «2» when there is one. A row without
    points is a section; bonus and penalty rows take their points as their cap. Any bad row refuses them all."""
    require(actor, Perm.MANAGE_CAMPAIGNS, sheet.owner)
    if sheet.locked:
        raise DomainValidationError({"rows": _("Bảng điểm «%(sheet)s» đang áp dụng nên đã khóa; hãy tạo phiên bản "
                                               "mới để sửa.") % {"sheet": sheet}})
    existing = {c.code: c for c in sheet.criteria.all()}
    errors, seen = [], set(existing)
    planned = []
    for i, r in enumerate(rows, start=1):
        code, title = r.code.strip(), r.title.strip()
        kind = _KINDS.get(r.kind.strip().lower())
        points = _decimal(r.points)
        if not code or not title:
            errors.append(_("Dòng %(n)s: cần có mã và nội dung tiêu chí.") % {"n": i})
            continue
        if code in seen:
            errors.append(_("Dòng %(n)s: mã «%(code)s» bị trùng.") % {"n": i, "code": code})
        seen.add(code)
        if kind is None:
            errors.append(_("Dòng %(n)s (%(code)s): loại «%(kind)s» không hiểu; dùng trống, «cộng», «trừ» hoặc «mục».")
                          % {"n": i, "code": code, "kind": r.kind})
            continue
        if r.points.strip() and points is None:
            errors.append(_("Dòng %(n)s (%(code)s): điểm «%(p)s» không phải là số.") % {"n": i, "code": code,
                                                                                     "p": r.points})
            continue
        if points is None and kind == CriterionKind.NORMAL:
            kind = CriterionKind.SECTION
        if kind != CriterionKind.SECTION and (points is None or points <= 0):
            errors.append(_("Dòng %(n)s (%(code)s): điểm tối đa phải lớn hơn 0.") % {"n": i, "code": code})
            continue
        planned.append((code, title, kind, points, r.evidence.strip().lower() in _YES, r.guidance.strip()))
    if errors:
        raise DomainValidationError({"rows": errors})
    with transaction.atomic():
        order = (sheet.criteria.aggregate(m=Max("order"))["m"] or 0)
        by_code = dict(existing)
        for code, title, kind, points, evidence, guidance in planned:
            order += 1
            parent_code = code.rsplit(".", 1)[0] if "." in code else None
            parent = by_code.get(parent_code) if parent_code else None
            c = Criterion.objects.create(
                sheet=sheet, parent=parent, order=order, code=code, title=title[:500], kind=kind,
                max_points=points if kind == CriterionKind.NORMAL and points is not None else Decimal(0),
                cap=points if kind in (CriterionKind.BONUS, CriterionKind.PENALTY) else None,
                evidence_required=evidence, guidance=guidance)
            by_code[code] = c
        audit_record(actor=actor, event_type="scoresheets.criteria_imported", target=sheet, unit=sheet.owner,
                     after={"codes": [p[0] for p in planned]})
    return len(planned)


def sheet_activate(*, actor, sheet: Sheet) -> Sheet:
    """Put a draft in use (locked). The version it replaces is retired; units scoring on it keep it."""
    require(actor, Perm.MANAGE_CAMPAIGNS, sheet.owner)
    if sheet.status != SheetStatus.DRAFT:
        raise DomainValidationError({"status": _("Bảng điểm đã áp dụng.")})
    if not sheet.criteria.exclude(kind=CriterionKind.SECTION).exists():
        raise DomainValidationError({"status": _("Bảng điểm chưa có tiêu chí nào để chấm.")})
    with transaction.atomic():
        for old in Sheet.objects.select_for_update().filter(
                owner=sheet.owner, school_year=sheet.school_year, unit_type=sheet.unit_type,
                status=SheetStatus.IN_USE):
            old.status = SheetStatus.RETIRED
            old.save(update_fields=["status"])
            audit_record(actor=actor, event_type="scoresheets.sheet_retired", target=old, unit=old.owner,
                         before={"status": SheetStatus.IN_USE}, after={"status": SheetStatus.RETIRED})
        before = snapshot(sheet, SHEET_FIELDS)
        sheet.status = SheetStatus.IN_USE
        sheet.save(update_fields=["status"])
        audit_record(actor=actor, event_type="scoresheets.sheet_activated", target=sheet, unit=sheet.owner,
                     before=before, after=snapshot(sheet, SHEET_FIELDS))
    return sheet


def sheet_new_version(*, actor, sheet: Sheet) -> Sheet:
    """A draft copy of a locked sheet, to change; the sheet in use stays as it is until the copy is put in use."""
    require(actor, Perm.MANAGE_CAMPAIGNS, sheet.owner)
    if not sheet.locked:
        raise DomainValidationError({"status": _("Bảng điểm còn đang soạn: sửa trực tiếp, không cần phiên bản mới.")})
    with transaction.atomic():
        last = Sheet.objects.filter(owner=sheet.owner, school_year=sheet.school_year,
                                    unit_type=sheet.unit_type).aggregate(v=Max("version"))["v"] or 0
        new = Sheet.objects.create(owner=sheet.owner, school_year=sheet.school_year, unit_type=sheet.unit_type,
                                   title=sheet.title, version=last + 1, previous=sheet, final_rule=sheet.final_rule,
                                   gap_threshold=sheet.gap_threshold, created_by=actor)
        copies: dict[int, Criterion] = {}
        for c in sheet.criteria.order_by("order"):
            parent = copies.get(c.parent_id) if c.parent_id else None
            copies[c.pk] = Criterion.objects.create(
                sheet=new, parent=parent, order=c.order, code=c.code, title=c.title, kind=c.kind,
                max_points=c.max_points, cap=c.cap, guidance=c.guidance, evidence_required=c.evidence_required)
        audit_record(actor=actor, event_type="scoresheets.sheet_versioned", target=new, unit=sheet.owner,
                     after=snapshot(new, SHEET_FIELDS))
    return new


# --- self-assessment ---------------------------------------------------------------------------------------------

def assessment_start(*, actor, sheet: Sheet, unit: Unit) -> Assessment:
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    existing = Assessment.objects.filter(sheet__owner=sheet.owner, sheet__school_year=sheet.school_year,
                                         sheet__unit_type=sheet.unit_type, unit=unit).first()
    if existing is not None:
        return existing  # a unit already scoring keeps its version
    if sheet.status != SheetStatus.IN_USE:
        raise DomainValidationError({"sheet": _("Bảng điểm «%(sheet)s» chưa áp dụng (hoặc đã thay bằng phiên bản "
                                                "mới).") % {"sheet": sheet}})
    if unit.unit_type_id != sheet.unit_type_id or not unit.path.startswith(sheet.owner.path):
        raise DomainValidationError({"unit": _("Bảng điểm «%(sheet)s» không áp dụng cho %(unit)s.") % {
            "sheet": sheet, "unit": unit.name}})
    with transaction.atomic():
        a = Assessment.objects.create(sheet=sheet, unit=unit, created_by=actor)
        audit_record(actor=actor, event_type="scoresheets.assessment_started", target=a, unit=unit,
                     after=snapshot(a, ASSESSMENT_FIELDS))
    return a


def _refresh_total(a: Assessment) -> None:
    points = dict(a.scores.values_list("criterion_id", "points"))
    a.self_total = calc.totals(items_of(a.sheet), points).total
    a.save(update_fields=["self_total"])


def score_save(*, actor, assessment: Assessment, criterion: Criterion, points: Decimal | None,
               evidence: str = "", note: str = "") -> Score:
    """Save one criterion of a self-assessment in progress (the page saves each field as it is typed)."""
    require(actor, Perm.MANAGE_CAMPAIGNS, assessment.unit)
    if assessment.status != AssessmentStatus.DRAFT:
        raise DomainValidationError({"points": _("Bảng tự chấm đã nộp; không sửa được nữa.")})
    if criterion.sheet_id != assessment.sheet_id or criterion.kind == CriterionKind.SECTION:
        raise DomainValidationError({"criterion": _("Tiêu chí không thuộc bảng điểm này.")})
    err = calc.point_error(calc.Item(criterion.pk, criterion.code, criterion.kind, criterion.limit), points)
    if err:
        raise DomainValidationError({"points": err})
    with transaction.atomic():
        Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        score, _created = Score.objects.get_or_create(assessment=assessment, criterion=criterion)
        before = snapshot(score, ["points", "evidence", "note"])
        score.points, score.evidence, score.note = points, (evidence or "").strip()[:500], (note or "").strip()[:500]
        score.save()
        _refresh_total(assessment)
        audit_record(actor=actor, event_type="scoresheets.score_saved", target=score, unit=assessment.unit,
                     before=before, after={**snapshot(score, ["points", "evidence", "note"]),
                                           "criterion": criterion.code})
    return score


def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Nộp: refused, naming each criterion, on a missing score, a score out of range or a missing evidence."""
    require(actor, Perm.MANAGE_CAMPAIGNS, assessment.unit)
    if assessment.status != AssessmentStatus.DRAFT:
        raise DomainValidationError({"__all__": _("Bảng tự chấm đã nộp.")})
    scores = list(assessment.scores.all())
    errors = calc.submit_errors(items_of(assessment.sheet), {s.criterion_id: s.points for s in scores},
                                {s.criterion_id: s.evidence for s in scores})
    if errors:
        raise DomainValidationError({"__all__": errors})
    with transaction.atomic():
        before = snapshot(assessment, ASSESSMENT_FIELDS)
        assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, timezone.now()
        assessment.save(update_fields=["status", "submitted_at"])
        _refresh_total(assessment)
        audit_record(actor=actor, event_type="scoresheets.assessment_submitted", target=assessment,
                     unit=assessment.unit, before=before, after=snapshot(assessment, ASSESSMENT_FIELDS))
    return assessment


# --- review ------------------------------------------------------------------------------------------------------

def _own_unit(user, unit: Unit) -> bool:
    """The reviewer works in the unit (or inside it): never their own unit."""
    return any(m.unit.path.startswith(unit.path) for m in active_memberships(user))


def cluster_of(unit: Unit, school_year) -> Cluster | None:
    m = ClusterMember.objects.filter(unit=unit, school_year=school_year).select_related("cluster").first()
    return m.cluster if m else None


def reviewer_role(user, assessment: Assessment) -> tuple[str, Unit | None] | None:
    """How ``user`` may review: as the office's specialist, or cross-scoring from another member of the unit's
    cluster; None when they may not (including their own unit)."""
    unit = assessment.unit
    if _own_unit(user, unit):
        return None
    if can(user, Perm.REVIEW_SUBMISSIONS, unit):
        return ReviewKind.SPECIALIST, None
    cluster = cluster_of(unit, assessment.sheet.school_year)
    if cluster is None:
        return None
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    for m in active_memberships(user):
        if m.unit_id in members and m.unit_id != unit.pk and can(user, Perm.MANAGE_CAMPAIGNS, m.unit):
            return ReviewKind.CROSS, m.unit
    return None


def review_save(*, actor, assessment: Assessment, points: Mapping[int, Decimal | None], note: str = "") -> Review:
    """One reviewer's full scoring (saved again replaces theirs). Every normal item scored, each within its range."""
    if _own_unit(actor, assessment.unit):
        raise PermissionRefused(_("Không được chấm bảng điểm của chính đơn vị mình (%(unit)s).") % {
            "unit": assessment.unit.name})
    role = reviewer_role(actor, assessment)
    if role is None:
        raise PermissionRefused(_("Bạn không phải chuyên viên phụ trách hoặc đơn vị cùng cụm với %(unit)s.") % {
            "unit": assessment.unit.name})
    if assessment.status == AssessmentStatus.DRAFT:
        raise DomainValidationError({"__all__": _("Đơn vị chưa nộp bảng tự chấm.")})
    items = items_of(assessment.sheet)
    errors = []
    for it in items:
        p = points.get(it.id)
        if p is None and it.kind == "normal":
            errors.append(_("Tiêu chí %(code)s: chưa chấm điểm.") % {"code": it.code})
        err = calc.point_error(it, p)
        if err:
            errors.append(err)
    if errors:
        raise DomainValidationError({"__all__": errors})
    kind, unit = role
    with transaction.atomic():
        review, created = Review.objects.get_or_create(assessment=assessment, reviewer=actor,
                                                       defaults={"kind": kind, "reviewer_unit": unit})
        before = None if created else {"total": str(review.total)}
        review.scores.all().delete()
        ReviewScore.objects.bulk_create([ReviewScore(review=review, criterion_id=it.id, points=points.get(it.id) or 0)
                                         for it in items])
        review.total = calc.totals(items, points).total
        review.note = (note or "").strip()
        review.save(update_fields=["total", "note"])
        audit_record(actor=actor, event_type="scoresheets.review_saved", target=review, unit=assessment.unit,
                     before=before, after={"total": str(review.total), "kind": kind})
    return review


def computed_final(assessment: Assessment) -> Decimal | None:
    reviews = list(assessment.reviews.order_by("created_at"))
    return calc.rule_total(assessment.sheet.final_rule, [r.total for r in reviews if r.kind == ReviewKind.SPECIALIST],
                           [r.total for r in reviews])


def final_set(*, actor, assessment: Assessment, total: Decimal | None = None, reason: str = "") -> Assessment:
    """Fix the final score: the sheet's rule, or ``total`` with a reason (always for a council decision and for
    any change of a final score already fixed)."""
    require(actor, Perm.MANAGE_CAMPAIGNS, assessment.sheet.owner)
    reason = (reason or "").strip()
    if assessment.status == AssessmentStatus.DRAFT:
        raise DomainValidationError({"total": _("Đơn vị chưa nộp bảng tự chấm.")})
    by_rule = computed_final(assessment)
    new = total if total is not None else by_rule
    if new is None:
        raise DomainValidationError({"total": _("Chưa có điểm theo cách tính của bảng; hãy nhập điểm cuối cùng và "
                                                "lý do (quyết định của hội đồng).")})
    if new < 0:
        raise DomainValidationError({"total": _("Điểm cuối cùng không được âm.")})
    if not reason and (assessment.final_total is not None or new != by_rule):
        raise DomainValidationError({"reason": _("Hãy ghi lý do khi điểm cuối cùng khác điểm theo cách tính của bảng "
                                                 "hoặc khi sửa điểm đã chốt.")})
    with transaction.atomic():
        before = snapshot(assessment, ASSESSMENT_FIELDS)
        old = assessment.final_total
        assessment.final_total = new
        assessment.final_reason = reason or str(FinalRule(assessment.sheet.final_rule).label)
        assessment.status = AssessmentStatus.FINAL
        assessment.save(update_fields=["final_total", "final_reason", "status"])
        FinalChange.objects.create(assessment=assessment, before=old, after=new, reason=assessment.final_reason,
                                   actor=actor)
        audit_record(actor=actor, event_type="scoresheets.final_set", target=assessment, unit=assessment.unit,
                     before=before, after=snapshot(assessment, ASSESSMENT_FIELDS))
    return assessment


# --- ranking -----------------------------------------------------------------------------------------------------

def may_publish(user, cluster: Cluster) -> bool:
    return can(user, Perm.MANAGE_CAMPAIGNS, cluster.organizer) or (
        cluster.leader is not None and can(user, Perm.LEAD_CLUSTER, cluster.leader))


def ranking_publish(*, actor, cluster: Cluster, sheet: Sheet, entries: Iterable[tuple[int | None, calc.Entry]],
                    reason: str = "") -> Ranking:
    """Freeze the ranking (rows computed by selectors.ranking_entries). Publishing again needs a reason; the
    earlier versions stay as the history."""
    if not may_publish(actor, cluster):
        raise PermissionRefused(_("Bạn không có quyền công bố xếp hạng của %(cluster)s.") % {"cluster": cluster})
    reason = (reason or "").strip()
    with transaction.atomic():
        Cluster.objects.select_for_update().filter(pk=cluster.pk).first()
        last = Ranking.objects.filter(cluster=cluster, sheet=sheet).order_by("-version").first()
        if last is not None and not reason:
            raise DomainValidationError({"reason": _("Xếp hạng đã công bố; hãy ghi lý do thay đổi.")})
        ranking = Ranking.objects.create(cluster=cluster, sheet=sheet, version=(last.version + 1) if last else 1,
                                         reason=reason, published_by=actor)
        rows = [RankingRow(ranking=ranking, unit_id=e.unit_id, rank=r, total=e.total) for r, e in entries]
        RankingRow.objects.bulk_create(rows)
        audit_record(actor=actor, event_type="scoresheets.ranking_published", target=ranking,
                     unit=cluster.organizer, after={"version": ranking.version, "reason": reason,
                                                    "rows": [[r.unit_id, r.rank, str(r.total)] for r in rows]})
    return ranking
