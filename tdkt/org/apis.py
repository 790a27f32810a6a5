"""Units API: list with filters, detail, create (same scoping as the pages)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.pagination import paginate

from . import selectors, services
from .models import SchoolYear, Unit, UnitType

router = Router()


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    unit_type: str
    unit_type_name: str
    school_level: str
    parent_id: int | None
    depth: int
    active_from: dt.date | None
    active_to: dt.date | None
    successor_id: int | None

    @staticmethod
    def from_unit(u: Unit, parent_id: int | None) -> dict:
        return {
            "id": u.pk, "code": u.code, "name": u.name, "short_name": u.short_name, "unit_type": u.unit_type.code,
            "unit_type_name": u.unit_type.name, "school_level": u.school_level, "parent_id": parent_id,
            "depth": u.depth, "active_from": u.active_from, "active_to": u.active_to, "successor_id": u.successor_id,
        }


class UnitPage(Schema):
    count: int
    page: int
    pages: int
    results: list[UnitOut]


class UnitFilters(Schema):
    under: int | None = None
    q: str = ""
    unit_type: str | None = None
    school_level: str | None = None
    page: int = 1


class UnitIn(Schema):
    parent_id: int
    code: str
    name: str
    unit_type: str
    short_name: str = ""
    school_level: str = ""
    address: str = ""
    founded_on: dt.date | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


def _parent_ids(units: list[Unit]) -> dict[str, int]:
    paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    return dict(Unit.objects.filter(path__in=paths).values_list("path", "pk"))


def _out(units: list[Unit]) -> list[dict]:
    parents = _parent_ids(units)
    return [UnitOut.from_unit(u, parents.get(u.path[: -Unit.steplen])) for u in units]


@router.get("", response=UnitPage, url_name="unit_list", summary="Danh sách đơn vị được phép xem")
def unit_list(request, filters: Query[UnitFilters]):
    under = None
    if filters.under is not None:
        under = selectors.unit_get_visible(user=request.user, pk=filters.under)
        if under is None:
            raise PermissionRefused(_("Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."))
    qs = selectors.unit_list_visible_to(user=request.user, under=under, query=filters.q)
    if filters.unit_type:
        qs = qs.filter(unit_type__code=filters.unit_type)
    if filters.school_level:
        qs = qs.filter(school_level=filters.school_level)
    page = paginate(qs, filters.page)
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "results": _out(list(page.object_list))}


@router.post("", response={201: UnitOut}, url_name="unit_list", summary="Thêm đơn vị trực thuộc")
def unit_create(request, payload: UnitIn):
    parent = Unit.objects.filter(pk=payload.parent_id).first()
    if parent is None:
        raise DomainValidationError({"parent_id": _("Không có đơn vị cấp trên mã %(id)s.") % {"id": payload.parent_id}})
    require(request.user, Perm.CHANGE_UNIT, parent)
    unit_type = UnitType.objects.filter(code=payload.unit_type).first()
    if unit_type is None:
        raise DomainValidationError({"unit_type": _("Loại đơn vị «%(code)s» không có trong danh mục.") % {
            "code": payload.unit_type}})
    unit = services.unit_create(
        actor=request.user, parent=parent, code=payload.code, name=payload.name, unit_type=unit_type,
        short_name=payload.short_name, school_level=payload.school_level, address=payload.address,
        founded_on=payload.founded_on, active_from=payload.active_from, active_to=payload.active_to,
    )
    return Status(201, _out([unit])[0])


@router.get("/roots", response=list[UnitOut], url_name="unit_roots",
            summary="Đơn vị gốc trong phạm vi được xem (điểm bắt đầu duyệt cây với ?under=)")
def unit_roots(request):
    return _out(selectors.unit_roots_visible_to(user=request.user))


@router.get("/{unit_id}", response=UnitOut, url_name="unit_detail", summary="Chi tiết đơn vị")
def unit_detail(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    require(request.user, Perm.VIEW_UNIT, unit)
    return _out([unit])[0]


# --------------------------------------------------------------------------
# School years (năm học), mounted at /api/school-years
# --------------------------------------------------------------------------

years_router = Router()


class SchoolYearOut(Schema):
    id: int
    start_year: int
    label: str
    start_date: dt.date
    end_date: dt.date
    current: bool


class SchoolYearIn(Schema):
    start_year: int
    start_date: dt.date | None = None
    end_date: dt.date | None = None


def _year_out(year: SchoolYear, current: SchoolYear | None) -> dict:
    return {"id": year.pk, "start_year": year.start_year, "label": year.label, "start_date": year.start_date,
            "end_date": year.end_date, "current": current is not None and year.pk == current.pk}


@years_router.get("", response=list[SchoolYearOut], url_name="school_year_list",
                  summary="Các năm học, mới nhất trước; «current» là năm học đang diễn ra")
def school_year_list(request):
    current = selectors.current_school_year()
    return [_year_out(y, current) for y in selectors.school_years()]


@years_router.post("", response={201: SchoolYearOut}, url_name="school_year_list",
                   summary="Thêm năm học (quản trị cấp cao nhất); mặc định từ 01/9 đến 31/8 năm sau")
def school_year_create(request, payload: SchoolYearIn):
    root = Unit.objects.filter(depth=1).order_by("path").first()
    if root is None or not can(request.user, Perm.CHANGE_UNIT, root):
        raise PermissionRefused(_("Chỉ quản trị hệ thống (cấp cao nhất của cây đơn vị) được thêm năm học."))
    if SchoolYear.objects.filter(start_year=payload.start_year).exists():
        raise DomainValidationError({"start_year": _("Năm học %(label)s đã có.") % {
            "label": f"{payload.start_year}-{payload.start_year + 1}"}})
    year = services.school_year_get_or_create(actor=request.user, start_year=payload.start_year,
                                              start_date=payload.start_date, end_date=payload.end_date)
    return Status(201, _year_out(year, selectors.current_school_year()))


# --------------------------------------------------------------------------
# Reorganisation (sắp xếp đơn vị), mounted at /api/org: each call names its decision
# --------------------------------------------------------------------------

reorg_router = Router()


class DecisionIn(Schema):
    number: str
    date: dt.date
    issuer: str
    effective_date: dt.date
    issuer_unit_id: int | None = None
    note: str = ""


class NewUnitIn(Schema):
    code: str
    name: str
    parent_id: int | None = None
    unit_type: str | None = None
    short_name: str = ""


class RenameIn(Schema):
    name: str
    short_name: str | None = None
    decision: DecisionIn


class MoveIn(Schema):
    parent_id: int
    decision: DecisionIn


class MergeIn(Schema):
    """The unit of the path and ``with_ids`` merge into ``target_id`` (sáp nhập) or into ``new_unit``
    (hợp nhất)."""

    with_ids: list[int] = []
    target_id: int | None = None
    new_unit: NewUnitIn | None = None
    decision: DecisionIn


class SplitPartIn(Schema):
    """An existing unit (``unit_id``) or a new one (``code``, ``name``)."""

    unit_id: int | None = None
    code: str = ""
    name: str = ""
    parent_id: int | None = None
    short_name: str = ""


class SplitIn(Schema):
    results: list[SplitPartIn]
    staff_to: dict[int, int] = {}  # person id → position of the part in ``results`` (0 = first)
    subunits_to: dict[int, int] = {}  # subunit id → position of the part
    decision: DecisionIn


class CloseIn(Schema):
    successor_id: int | None = None
    decision: DecisionIn


class EventLinkOut(Schema):
    unit_id: int
    unit: str
    role: str
    role_label: str
    name_before: str
    name_after: str
    parent_before_id: int | None
    parent_after_id: int | None


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    effective_date: dt.date
    decision_number: str
    decision_date: dt.date
    issuer: str
    issuer_unit_id: int | None
    note: str
    links: list[EventLinkOut]


def _event_out(e) -> dict:
    return {"id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(), "effective_date": e.effective_date,
            "decision_number": e.decision_number, "decision_date": e.decision_date, "issuer": e.issuer,
            "issuer_unit_id": e.issuer_unit_id, "note": e.note,
            "links": [{"unit_id": link.unit_id, "unit": link.unit.name, "role": link.role,
                       "role_label": link.get_role_display(), "name_before": link.name_before,
                       "name_after": link.name_after, "parent_before_id": link.parent_before_id,
                       "parent_after_id": link.parent_after_id} for link in e.links.all()]}


def _fresh_event(event) -> dict:
    from .models import UnitEvent

    return _event_out(UnitEvent.objects.prefetch_related("links__unit").get(pk=event.pk))


# The services name the decision's parts and the units as the pages do; the API's bodies nest them.
_API_FIELD = {"decision_number": "decision.number", "decision_date": "decision.date", "issuer": "decision.issuer",
              "effective_date": "decision.effective_date", "parent": "parent_id", "target": "target_id",
              "sources": "with_ids", "successor": "successor_id", "code": "new_unit.code", "name": "name"}


def _call(service, **kwargs):
    """Call a reorganisation service; its refusal comes back naming the API's own fields."""
    try:
        return service(**kwargs)
    except DomainValidationError as exc:
        renamed: dict[str, list] = {}
        for field, msgs in exc.message_dict.items():
            renamed.setdefault(_API_FIELD.get(field, field), []).extend(msgs)
        raise DomainValidationError(renamed) from exc


def _unit(pk: int | None, field: str) -> Unit | None:
    """A unit named in the body, or a refusal naming the field."""
    if pk is None:
        return None
    unit = Unit.objects.select_related("unit_type").filter(pk=pk).first()
    if unit is None:
        raise DomainValidationError({field: _("Không có đơn vị mã số %(id)s.") % {"id": pk}})
    return unit


def _path_unit(request, unit_id: int, perm: Perm = Perm.CHANGE_UNIT) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    require(request.user, perm, unit)
    return unit


def _decision(d: DecisionIn) -> services.UnitDecision:
    return services.UnitDecision(number=d.number, date=d.date, issuer=d.issuer, effective_date=d.effective_date,
                                 issuer_unit=_unit(d.issuer_unit_id, "decision.issuer_unit_id"), note=d.note)


def _unit_type(code: str | None, field: str) -> UnitType | None:
    if not code:
        return None
    unit_type = UnitType.objects.filter(code=code).first()
    if unit_type is None:
        raise DomainValidationError({field: _("Loại đơn vị «%(code)s» không có trong danh mục.") % {"code": code}})
    return unit_type


@reorg_router.post("/units/{unit_id}/rename", response={201: EventOut}, url_name="org_unit_rename",
                   summary="Đổi tên đơn vị (theo quyết định)")
def unit_rename(request, unit_id: int, payload: RenameIn):
    unit = _path_unit(request, unit_id)
    event = _call(services.unit_rename, actor=request.user, unit=unit, name=payload.name, short_name=payload.short_name,
                                 decision=_decision(payload.decision))
    return Status(201, _fresh_event(event))


@reorg_router.post("/units/{unit_id}/move", response={201: EventOut}, url_name="org_unit_move",
                   summary="Chuyển đơn vị sang đơn vị quản lý mới (theo quyết định)")
def unit_move(request, unit_id: int, payload: MoveIn):
    unit = _path_unit(request, unit_id)
    event = _call(services.unit_transfer, actor=request.user, unit=unit, new_parent=_unit(payload.parent_id, "parent_id"),
                                   decision=_decision(payload.decision))
    return Status(201, _fresh_event(event))


@reorg_router.post("/units/{unit_id}/merge", response={201: EventOut}, url_name="org_unit_merge",
                   summary="Sáp nhập vào đơn vị đã có, hoặc hợp nhất thành đơn vị mới (theo quyết định)")
def unit_merge(request, unit_id: int, payload: MergeIn):
    unit = _path_unit(request, unit_id)
    sources = [unit, *[_unit(pk, "with_ids") for pk in payload.with_ids if pk != unit.pk]]
    new_unit = None
    if payload.new_unit is not None:
        n = payload.new_unit
        new_unit = services.NewUnit(code=n.code, name=n.name, parent=_unit(n.parent_id, "new_unit.parent_id"),
                                    unit_type=_unit_type(n.unit_type, "new_unit.unit_type"), short_name=n.short_name)
    event = _call(services.unit_merge, actor=request.user, sources=sources, decision=_decision(payload.decision),
                                target=_unit(payload.target_id, "target_id"), new_unit=new_unit)
    return Status(201, _fresh_event(event))


@reorg_router.post("/units/{unit_id}/split", response={201: EventOut}, url_name="org_unit_split",
                   summary="Chia, tách đơn vị (theo quyết định)")
def unit_split(request, unit_id: int, payload: SplitIn):
    unit = _path_unit(request, unit_id)
    results: list = []
    for i, part in enumerate(payload.results):
        if part.unit_id is not None:
            results.append(_unit(part.unit_id, f"results.{i}.unit_id"))
        elif part.code.strip() and part.name.strip():
            results.append(services.NewUnit(code=part.code, name=part.name, short_name=part.short_name,
                                            parent=_unit(part.parent_id, f"results.{i}.parent_id")))
        else:
            raise DomainValidationError({f"results.{i}": _("Mỗi phần sau khi chia, tách là một đơn vị đã có "
                                                            "(unit_id) hoặc một đơn vị mới (code và name).")})
    event = _call(services.unit_split, actor=request.user, unit=unit, results=results, decision=_decision(payload.decision),
                                staff_to=dict(payload.staff_to), subunits_to=dict(payload.subunits_to))
    return Status(201, _fresh_event(event))


@reorg_router.post("/units/{unit_id}/close", response={201: EventOut}, url_name="org_unit_close",
                   summary="Giải thể đơn vị, có hoặc không có đơn vị kế thừa (theo quyết định)")
def unit_close(request, unit_id: int, payload: CloseIn):
    unit = _path_unit(request, unit_id)
    event = _call(services.unit_dissolve, actor=request.user, unit=unit, decision=_decision(payload.decision),
                                   successor=_unit(payload.successor_id, "successor_id"))
    return Status(201, _fresh_event(event))


@reorg_router.get("/units/{unit_id}/events", response=list[EventOut], url_name="org_unit_events",
                  summary="Quá trình sắp xếp của đơn vị và các đơn vị tiền thân, kế thừa")
def unit_events(request, unit_id: int, line: bool = True):
    unit = _path_unit(request, unit_id, Perm.VIEW_UNIT)
    return [_event_out(e) for e in selectors.unit_events(unit=unit, with_line=line)]


# --------------------------------------------------------------------------
# Clusters (cụm / khối thi đua), mounted at /api/org/clusters
# --------------------------------------------------------------------------


class ClusterOut(Schema):
    id: int
    school_year: int
    organizer_id: int
    kind: str
    kind_label: str
    name: str
    school_level: str
    leader_id: int | None
    deputy_id: int | None
    member_ids: list[int]


class ClusterFilters(Schema):
    organizer_id: int | None = None
    school_year: int | None = None  # its start year, e.g. 2025 for 2025-2026


class ClusterIn(Schema):
    organizer_id: int
    school_year: int
    kind: str
    name: str
    school_level: str = ""
    member_ids: list[int] = []
    leader_id: int | None = None
    deputy_id: int | None = None


class ClusterPatch(Schema):
    name: str | None = None
    school_level: str | None = None
    member_ids: list[int] | None = None
    leader_id: int | None = None
    deputy_id: int | None = None
    reason: str = ""


def _cluster_out(c) -> dict:
    return {"id": c.pk, "school_year": c.school_year.start_year, "organizer_id": c.organizer_id, "kind": c.kind,
            "kind_label": c.get_kind_display(), "name": c.name, "school_level": c.school_level,
            "leader_id": c.leader_id, "deputy_id": c.deputy_id,
            "member_ids": sorted(m.unit_id for m in c.memberships.all())}


_CLUSTER_FIELD = {"members": "member_ids", "leader": "leader_id", "deputy": "deputy_id"}


def _cluster_call(service, **kwargs):
    try:
        return service(**kwargs)
    except DomainValidationError as exc:
        renamed: dict[str, list] = {}
        for field, msgs in exc.message_dict.items():
            renamed.setdefault(_CLUSTER_FIELD.get(field, field), []).extend(msgs)
        raise DomainValidationError(renamed) from exc


def _units(ids: list[int], field: str) -> list[Unit]:
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise DomainValidationError({field: _("Không có đơn vị mã số %(ids)s.") % {"ids": ", ".join(missing)}})
    return [found[pk] for pk in ids]


def _visible_cluster(request, cluster_id: int):
    cluster = selectors.cluster_list_visible_to(user=request.user).filter(pk=cluster_id).first()
    if cluster is None:
        raise PermissionRefused(_("Không tìm thấy cụm/khối hoặc bạn không có quyền xem."))
    return cluster


@reorg_router.get("/clusters", response=list[ClusterOut], url_name="org_cluster_list",
                  summary="Cụm, khối thi đua được phép xem (lọc theo đơn vị tổ chức, năm học)")
def cluster_list(request, filters: Query[ClusterFilters]):
    from .models import SchoolYear

    organizer = _unit(filters.organizer_id, "organizer_id")
    year = None
    if filters.school_year is not None:
        year = SchoolYear.objects.filter(start_year=filters.school_year).first()
        if year is None:
            raise DomainValidationError({"school_year": _("Không có năm học %(y)s.") % {"y": filters.school_year}})
    return [_cluster_out(c) for c in selectors.cluster_list_visible_to(user=request.user, organizer=organizer,
                                                                       school_year=year)]


@reorg_router.post("/clusters", response={201: ClusterOut}, url_name="org_cluster_list",
                   summary="Lập cụm, khối thi đua của một năm học")
def cluster_create(request, payload: ClusterIn):
    from .models import SchoolYear

    organizer = _unit(payload.organizer_id, "organizer_id")
    require(request.user, Perm.MANAGE_CAMPAIGNS, organizer)
    year = SchoolYear.objects.filter(start_year=payload.school_year).first()
    if year is None:
        raise DomainValidationError({"school_year": _("Không có năm học %(y)s.") % {"y": payload.school_year}})
    cluster = _cluster_call(services.cluster_create, actor=request.user, organizer=organizer, school_year=year,
                            kind=payload.kind, name=payload.name, school_level=payload.school_level,
                            members=_units(payload.member_ids, "member_ids"),
                            leader=_unit(payload.leader_id, "leader_id"), deputy=_unit(payload.deputy_id, "deputy_id"))
    return Status(201, _cluster_out(selectors.cluster_list_visible_to(user=request.user).get(pk=cluster.pk)))


@reorg_router.get("/clusters/{cluster_id}", response=ClusterOut, url_name="org_cluster_detail",
                  summary="Một cụm, khối thi đua: thành viên, khối trưởng, khối phó")
def cluster_detail(request, cluster_id: int):
    return _cluster_out(_visible_cluster(request, cluster_id))


@reorg_router.patch("/clusters/{cluster_id}", response=ClusterOut, url_name="org_cluster_detail",
                    summary="Sửa tên, thành viên, khối trưởng, khối phó")
def cluster_update(request, cluster_id: int, payload: ClusterPatch):
    cluster = _visible_cluster(request, cluster_id)
    given = payload.model_fields_set if hasattr(payload, "model_fields_set") else payload.__fields_set__
    changes: dict = {}
    if "leader_id" in given:
        changes["leader"] = _unit(payload.leader_id, "leader_id")
    if "deputy_id" in given:
        changes["deputy"] = _unit(payload.deputy_id, "deputy_id")
    if payload.member_ids is not None:
        changes["members"] = _units(payload.member_ids, "member_ids")
    cluster = _cluster_call(services.cluster_update, actor=request.user, cluster=cluster, name=payload.name,
                            school_level=payload.school_level, reason=payload.reason, **changes)
    return _cluster_out(selectors.cluster_list_visible_to(user=request.user).get(pk=cluster.pk))
