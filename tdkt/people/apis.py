"""People API: list with search and filters, detail with employment, create, update."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from tdkt.accounts.access import require, require_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.pagination import paginate
from tdkt.org.models import Unit
from tdkt.org.selectors import unit_get_visible

from . import selectors, services
from .models import Person

router = Router()


class EmploymentOut(Schema):
    id: int
    unit_id: int
    unit: str
    position: str
    position_label: str
    start_date: dt.date
    end_date: dt.date | None


class PersonOut(Schema):
    id: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    birth_date: dt.date | None


class PersonDetailOut(PersonOut):
    national_id: str | None
    employments: list[EmploymentOut]


class PersonPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PersonOut]


class PersonFilters(Schema):
    q: str = ""
    unit: int | None = None
    current: bool = False
    page: int = 1


class PersonIn(Schema):
    family_name: str
    middle_name: str = ""
    given_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    national_id: str | None = None
    email: str = ""
    phone: str = ""
    unit_id: int
    position: str = "giao_vien"
    start_date: dt.date


class PersonPatch(Schema):
    family_name: str | None = None
    middle_name: str | None = None
    given_name: str | None = None
    birth_date: dt.date | None = None
    gender: str | None = None
    national_id: str | None = None
    email: str | None = None
    phone: str | None = None


class EmploymentIn(Schema):
    unit_id: int
    position: str
    start_date: dt.date
    end_date: dt.date | None = None
    title_note: str = ""


def _person_out(p: Person) -> dict:
    return {"id": p.pk, "full_name": p.full_name, "family_name": p.family_name, "middle_name": p.middle_name,
            "given_name": p.given_name, "gender": p.gender, "birth_date": p.birth_date}


def _detail(p: Person) -> dict:
    data = _person_out(p)
    data["national_id"] = p.national_id
    data["employments"] = [
        {"id": e.pk, "unit_id": e.unit_id, "unit": e.unit.name, "position": e.position,
         "position_label": e.get_position_display(), "start_date": e.start_date, "end_date": e.end_date}
        for e in selectors.employment_history(person=p)
    ]
    return data


def _unit_for_write(request, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise DomainValidationError({"unit_id": _("Không có đơn vị mã %(id)s.") % {"id": unit_id}})
    require(request.user, Perm.CHANGE_PERSON, unit)
    return unit


@router.get("", response=PersonPage, url_name="person_list", summary="Danh sách cá nhân (tìm không dấu)")
def person_list(request, filters: Query[PersonFilters]):
    unit = None
    if filters.unit is not None:
        unit = unit_get_visible(user=request.user, pk=filters.unit)
        if unit is None:
            raise PermissionRefused(_("Không tìm thấy đơn vị hoặc bạn không có quyền xem đơn vị này."))
    qs = selectors.person_list_visible_to(user=request.user, unit=unit, query=filters.q,
                                          current_only=filters.current)
    page = paginate(qs, filters.page)
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "results": [_person_out(p) for p in page.object_list]}


@router.post("", response={201: PersonDetailOut}, url_name="person_list", summary="Thêm cá nhân vào đơn vị")
def person_create(request, payload: PersonIn):
    from django.db import transaction

    unit = _unit_for_write(request, payload.unit_id)
    data = payload.dict()
    for key in ("unit_id", "position", "start_date"):
        data.pop(key)
    # Person and first post are one user action: both land or neither does.
    with transaction.atomic():
        person = services.person_create(actor=request.user, unit=unit, **data)
        services.employment_add(actor=request.user, person=person, unit=unit, position=payload.position,
                                start_date=payload.start_date)
    return Status(201, _detail(person))


@router.get("/{person_id}", response=PersonDetailOut, url_name="person_detail", summary="Hồ sơ cá nhân")
def person_detail(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    require_person(request.user, Perm.VIEW_PERSON, person)
    return _detail(person)


@router.patch("/{person_id}", response=PersonDetailOut, url_name="person_detail", summary="Sửa hồ sơ cá nhân")
def person_update(request, person_id: int, payload: PersonPatch):
    person = get_object_or_404(Person, pk=person_id)
    require_person(request.user, Perm.CHANGE_PERSON, person)
    changes = payload.dict(exclude_unset=True)
    person = services.person_update(actor=request.user, person=person, **changes)
    return _detail(person)


@router.post("/{person_id}/employments", response={201: PersonDetailOut}, url_name="employment_list",
             summary="Thêm quá trình công tác")
def employment_create(request, person_id: int, payload: EmploymentIn):
    person = get_object_or_404(Person, pk=person_id)
    require_person(request.user, Perm.CHANGE_PERSON, person)
    unit = _unit_for_write(request, payload.unit_id)
    services.employment_add(actor=request.user, person=person, unit=unit, position=payload.position,
                            start_date=payload.start_date, end_date=payload.end_date, title_note=payload.title_note)
    return Status(201, _detail(person))
