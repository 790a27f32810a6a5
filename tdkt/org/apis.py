"""Units API: list with filters, detail, create (same scoping as the pages)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from tdkt.accounts.access import require
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.pagination import paginate

from . import selectors, services
from .models import Unit, UnitType

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


@router.get("/{unit_id}", response=UnitOut, url_name="unit_detail", summary="Chi tiết đơn vị")
def unit_detail(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.select_related("unit_type"), pk=unit_id)
    require(request.user, Perm.VIEW_UNIT, unit)
    return _out([unit])[0]
