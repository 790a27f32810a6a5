"""Writes for accounts: API tokens and memberships, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record
from tdkt.core.actors import is_system
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .choices import Role
from .models import ApiToken, Membership, User
from .permissions import Perm


def api_token_issue(*, actor, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token valid for ``days`` (default settings.API_TOKEN_DAYS, TDKT_API_TOKEN_DAYS); the raw key
    is returned once and never stored."""
    import datetime as dt

    from django.conf import settings

    days = settings.API_TOKEN_DAYS if days is None else days
    if days < 1:
        raise DomainValidationError({"days": _("Thời hạn của mã truy cập phải từ 1 ngày trở lên.")})
    raw = ApiToken.new_raw_key()
    expires_at = timezone.now() + dt.timedelta(days=days)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(raw), prefix=raw[5:13],
                                        expires_at=expires_at)
        audit_record(actor=actor, event_type="api_token.issued", target=token,
                     data={"user": user.pk, "name": name, "expires_at": expires_at})
    return token, raw


def api_token_revoke(*, actor, token: ApiToken, reason: str = "") -> ApiToken:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, event_type="api_token.revoked", target=token, reason=reason)
    return token


# --- accounts and roles (tài khoản, phân quyền) ---------------------------------------------------
# Who manages accounts: a holder of MANAGE_ACCESS (an administrator's membership) over the units
# concerned. A scoped administrator manages the accounts working in their subtree and nothing above,
# so nobody can give themselves or others a role outside their own reach.


def _require_manage(actor, unit) -> None:
    from .access import can

    if not can(actor, Perm.MANAGE_ACCESS, unit):
        raise PermissionRefused(_("Bạn không có quyền phân quyền tại đơn vị «%(unit)s».") % {"unit": unit})


def _require_manage_user(actor, user: User) -> None:
    """A user is managed by whoever reaches every unit the user holds a role on (an account with no
    role yet, by any administrator: it can do nothing until given one)."""
    from .access import has_perm_anywhere, reaches_everything

    if reaches_everything(actor):
        return
    if user.is_superuser:
        raise PermissionRefused(_("Chỉ quản trị toàn hệ thống mới thay đổi được tài khoản quản trị toàn hệ thống."))
    if not has_perm_anywhere(actor, Perm.MANAGE_ACCESS):
        raise PermissionRefused(_("Bạn không có quyền quản lý tài khoản."))
    for membership in user.memberships.select_related("unit"):
        _require_manage(actor, membership.unit)


def _check_password(password: str, user: User) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainValidationError({"password": list(exc.messages)}) from exc


@transaction.atomic
def user_create(*, actor, username: str, display_name: str = "", email: str = "", password: str = "",
                person=None) -> User:
    """Tạo tài khoản. Without a password the account cannot log in until one is set (an unusable
    password), so no default password ever exists."""
    from django.contrib.auth.validators import UnicodeUsernameValidator
    from django.core.exceptions import ValidationError

    from .access import has_perm_anywhere

    if not has_perm_anywhere(actor, Perm.MANAGE_ACCESS):
        raise PermissionRefused(_("Bạn không có quyền tạo tài khoản."))
    username = (username or "").strip()
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = _("Hãy nhập tên đăng nhập.")
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors["username"] = _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không dấu cách).")
        if User.objects.filter(username__iexact=username).exists():
            errors["username"] = _("Tên đăng nhập «%(username)s» đã có người dùng; hãy chọn tên khác.") % {
                "username": username}
    if person is not None and getattr(person, "user_id", None):
        errors["person_id"] = _("Hồ sơ «%(person)s» đã gắn với một tài khoản khác.") % {"person": person}
    if errors:
        raise DomainValidationError(errors)
    user = User(username=username, display_name=display_name.strip() or (str(person) if person else ""),
                email=email.strip())
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    audit_record(actor=actor, event_type="user.created", target=user,
                 data={"username": username, "person": getattr(person, "pk", None), "password_set": bool(password)})
    return user


@transaction.atomic
def user_update(*, actor, user: User, display_name: str | None = None, email: str | None = None,
                is_active: bool | None = None, password: str | None = None, reason: str = "") -> User:
    """Sửa tài khoản; ``is_active=False`` khoá tài khoản (deactivate) without deleting anything it did."""
    _require_manage_user(actor, user)
    if is_active is False and not is_system(actor) and user.pk == actor.pk:
        raise DomainValidationError({"is_active": _("Bạn không thể tự khoá tài khoản của chính mình.")})
    before = {"display_name": user.display_name, "email": user.email, "is_active": user.is_active}
    if display_name is not None:
        user.display_name = display_name.strip()
    if email is not None:
        user.email = email.strip()
    if is_active is not None:
        user.is_active = is_active
    if password:
        _check_password(password, user)
        user.set_password(password)
    user.save()
    after = {"display_name": user.display_name, "email": user.email, "is_active": user.is_active}
    event = "user.deactivated" if before["is_active"] and not user.is_active else (
        "user.reactivated" if not before["is_active"] and user.is_active else "user.updated")
    if not is_active and is_active is not None:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(actor=actor, event_type=event, target=user, before=before,
                 after={**after, "password_changed": bool(password)}, reason=reason)
    return user


@transaction.atomic
def membership_grant(*, actor, user: User, unit, role: str, school_levels: list[str] | None = None,
                     covers_subtree: bool = True, active_from=None, active_to=None) -> Membership:
    """Giao vai trò: give ``user`` a role on ``unit`` (over its subtree unless told otherwise)."""
    from tdkt.core.exceptions import validate_period
    from tdkt.org.choices import SchoolLevel

    _require_manage(actor, unit)
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = _("Vai trò «%(role)s» không có; chọn một trong: %(roles)s.") % {
            "role": role, "roles": ", ".join(f"{value} ({label})" for value, label in Role.choices)}
    levels = [str(level) for level in (school_levels or [])]
    unknown = [level for level in levels if level not in SchoolLevel.values]
    if unknown:
        errors["school_levels"] = _("Cấp học «%(levels)s» không có trong danh mục.") % {"levels": ", ".join(unknown)}
    if levels and role != Role.SPECIALIST:
        errors["school_levels"] = _("Chỉ chuyên viên mới được phân công theo cấp học.")
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        errors["role"] = _("«%(user)s» đã có vai trò này tại «%(unit)s».") % {"user": user, "unit": unit}
    if errors:
        raise DomainValidationError(errors)
    validate_period(active_from, active_to, start_field="active_from", end_field="active_to")
    membership = Membership.objects.create(user=user, unit=unit, role=role, school_levels=levels,
                                           covers_subtree=covers_subtree, active_from=active_from,
                                           active_to=active_to)
    audit_record(actor=actor, event_type="membership.granted", target=membership, unit=unit,
                 data={"user": user.pk, "role": role, "school_levels": levels, "active_from": active_from,
                       "active_to": active_to})
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, on=None, reason: str = "") -> Membership:
    """Thu hồi vai trò: the role ends on ``on`` (default yesterday, so it no longer applies today); the row
    stays, so what the person did under it remains explained."""
    import datetime as dt

    _require_manage(actor, membership.unit)
    on = on or timezone.localdate() - dt.timedelta(days=1)
    if membership.active_from and on < membership.active_from:
        raise DomainValidationError({"on": _("Ngày thu hồi phải từ ngày %(start)s trở đi (ngày vai trò bắt đầu).") % {
            "start": f"{membership.active_from:%d/%m/%Y}"}})
    before = membership.active_to
    membership.active_to = on
    membership.save(update_fields=["active_to"])
    audit_record(actor=actor, event_type="membership.ended", target=membership, unit=membership.unit,
                 before={"active_to": before}, after={"active_to": on}, reason=reason)
    return membership


@transaction.atomic
def password_set_own(*, actor, user: User, password: str, how: str) -> User:
    """Đổi mật khẩu của chính mình: by the password change page (``how="changed"``, the user signed in
    with the old password) or a reset link sent by e-mail (``how="reset"``, the signed link proves the
    mailbox). The form has run Django's password validators already; they run again here, so no other
    caller can set a weak password. Every API token of the account stays valid: they are revoked one by
    one (tdkt api_token --revoke)."""
    if how not in {"changed", "reset"}:
        raise ValueError(how)
    if not is_system(actor) and getattr(actor, "pk", None) != user.pk:
        raise PermissionRefused(_("Chỉ chủ tài khoản mới tự đổi được mật khẩu của mình."))
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, event_type=f"user.password_{how}", target=user)
    return user


@transaction.atomic
def two_factor_confirm(*, actor, device) -> None:
    """Bật xác thực hai lớp: the account typed a right code from its new authenticator (the view checked
    it), so the device counts from now on."""
    if not is_system(actor) and getattr(actor, "pk", None) != device.user_id:
        raise PermissionRefused(_("Chỉ chủ tài khoản mới tự bật được xác thực hai lớp."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=actor, event_type="user.two_factor_enabled", target=device.user)
