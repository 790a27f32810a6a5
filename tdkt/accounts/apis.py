"""Accounts API: users and their roles (tài khoản, phân quyền), so another system or a script can
create accounts, give and end roles and lock an account, as the Django admin did alone before.

Scoped like everything else: a user is visible to whoever may manage access over one of the units
the user holds a role on; the services refuse what the actor does not reach."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.pagination import paginate
from tdkt.core.vi import fold

from . import services
from .access import has_perm_anywhere, unit_scope_q
from .models import Membership, User
from .permissions import Perm

router = Router()


class MembershipOut(Schema):
    id: int
    unit_id: int
    unit: str
    role: str
    role_label: str
    school_levels: list[str]
    covers_subtree: bool
    active_from: dt.date | None
    active_to: dt.date | None


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    is_active: bool
    person_id: int | None
    memberships: list[MembershipOut]


class UserPage(Schema):
    count: int
    page: int
    pages: int
    results: list[UserOut]


class UserFilters(Schema):
    q: str = ""
    unit_id: int | None = None
    active: bool | None = None
    page: int = 1


class UserIn(Schema):
    username: str
    display_name: str = ""
    email: str = ""
    password: str = ""
    person_id: int | None = None


class UserPatch(Schema):
    display_name: str | None = None
    email: str | None = None
    is_active: bool | None = None
    password: str | None = None
    reason: str = ""


class MembershipIn(Schema):
    unit_id: int
    role: str
    school_levels: list[str] = []
    covers_subtree: bool = True
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class MembershipEndIn(Schema):
    on: dt.date | None = None
    reason: str = ""


def _membership_out(m: Membership) -> dict:
    return {"id": m.pk, "unit_id": m.unit_id, "unit": m.unit.name, "role": m.role, "role_label": m.get_role_display(),
            "school_levels": list(m.school_levels or []), "covers_subtree": m.covers_subtree,
            "active_from": m.active_from, "active_to": m.active_to}


def _user_out(u: User) -> dict:
    person = getattr(u, "person", None)  # a reverse one-to-one: None when no record is linked
    return {"id": u.pk, "username": u.username, "display_name": u.display_name, "email": u.email,
            "is_active": u.is_active, "person_id": getattr(person, "pk", None),
            "memberships": [_membership_out(m) for m in u.memberships.all()]}


def _visible_users(user):
    """Users holding a role on a unit the actor may manage access over (all, for a superuser)."""
    qs = User.objects.all()
    if not getattr(user, "is_superuser", False):
        scope = unit_scope_q(user, Perm.MANAGE_ACCESS, prefix="unit__")
        qs = qs.filter(Exists(Membership.objects.filter(scope, user=OuterRef("pk"))))
    return _with_memberships(qs)


def _with_memberships(qs):
    return qs.select_related("person").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("unit").order_by("unit__path", "role")))


def _get_user(request, user_id: int) -> User:
    user = _visible_users(request.user).filter(pk=user_id).first()
    if user is None:
        raise PermissionRefused(_("Không tìm thấy tài khoản hoặc bạn không có quyền quản lý tài khoản này."))
    return user


def _refresh(user_id: int) -> dict:
    """The account as it is after a write (the actor may not reach all of it, yet made the change)."""
    return _user_out(_with_memberships(User.objects.all()).get(pk=user_id))


@router.get("/users", response=UserPage, url_name="user_list", summary="Danh sách tài khoản được quản lý")
def user_list(request, filters: Query[UserFilters]):
    if not has_perm_anywhere(request.user, Perm.MANAGE_ACCESS):
        raise PermissionRefused(_("Bạn không có quyền quản lý tài khoản."))
    qs = _visible_users(request.user)
    if filters.q:
        needle = fold(filters.q)
        # Accent-insensitive on the username and on the linked person's folded name.
        qs = qs.filter(Q(username__icontains=filters.q) | Q(person__search_name__contains=needle)
                       | Q(display_name__icontains=filters.q))
    if filters.unit_id is not None:
        qs = qs.filter(memberships__unit_id=filters.unit_id).distinct()
    if filters.active is not None:
        qs = qs.filter(is_active=filters.active)
    page = paginate(qs.order_by("username"), filters.page)
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "results": [_user_out(u) for u in page.object_list]}


@router.post("/users", response={201: UserOut}, url_name="user_list", summary="Tạo tài khoản")
def user_create(request, payload: UserIn):
    person = None
    if payload.person_id is not None:
        from tdkt.people.selectors import person_get_visible

        person = person_get_visible(user=request.user, pk=payload.person_id)
        if person is None:
            raise DomainValidationError({"person_id": _("Không tìm thấy hồ sơ cá nhân mã %(id)s trong phạm vi của bạn.") % {
                "id": payload.person_id}})
    user = services.user_create(actor=request.user, username=payload.username, display_name=payload.display_name,
                                email=payload.email, password=payload.password, person=person)
    return Status(201, _refresh(user.pk))


@router.get("/users/{user_id}", response=UserOut, url_name="user_detail", summary="Chi tiết tài khoản")
def user_detail(request, user_id: int):
    return _user_out(_get_user(request, user_id))


@router.patch("/users/{user_id}", response=UserOut, url_name="user_detail",
              summary="Sửa, khoá hoặc mở khoá tài khoản")
def user_update(request, user_id: int, payload: UserPatch):
    user = _get_user(request, user_id)
    services.user_update(actor=request.user, user=user, display_name=payload.display_name, email=payload.email,
                         is_active=payload.is_active, password=payload.password, reason=payload.reason)
    return _refresh(user.pk)


@router.post("/users/{user_id}/memberships", response={201: UserOut}, url_name="membership_list",
             summary="Giao vai trò tại một đơn vị")
def membership_grant(request, user_id: int, payload: MembershipIn):
    from tdkt.org.models import Unit

    target = User.objects.filter(pk=user_id).first()
    if target is None:
        raise PermissionRefused(_("Không tìm thấy tài khoản hoặc bạn không có quyền quản lý tài khoản này."))
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainValidationError({"unit_id": _("Không có đơn vị mã %(id)s.") % {"id": payload.unit_id}})
    services.membership_grant(actor=request.user, user=target, unit=unit, role=payload.role,
                              school_levels=payload.school_levels, covers_subtree=payload.covers_subtree,
                              active_from=payload.active_from, active_to=payload.active_to)
    return Status(201, _refresh(target.pk))


@router.post("/memberships/{membership_id}/end", response=UserOut, url_name="membership_end",
             summary="Thu hồi vai trò (giữ lịch sử)")
def membership_end(request, membership_id: int, payload: MembershipEndIn):
    membership = get_object_or_404(Membership.objects.select_related("unit", "user"), pk=membership_id)
    services.membership_end(actor=request.user, membership=membership, on=payload.on, reason=payload.reason)
    return _refresh(membership.user_id)
