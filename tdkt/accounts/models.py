"""Users, their memberships (user × unit × role) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.org.choices import SchoolLevel

from .choices import UNIT_ONLY_ROLES, Role


class User(AbstractUser):
    """Tài khoản. Custom from day one so later fields need no data migration."""

    display_name = models.CharField(_("tên hiển thị"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class Membership(models.Model):
    """Vai trò của tài khoản tại đơn vị: a role on a unit, usually over its subtree."""

    user = models.ForeignKey(User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    covers_subtree = models.BooleanField(_("áp dụng cho cả đơn vị cấp dưới"), default=True)
    school_levels = models.JSONField(
        _("cấp học phụ trách"), default=list, blank=True,
        help_text=_("Chỉ với chuyên viên: các cấp học được phân công (Hướng dẫn 1382/HD-GDĐT, mục V)."),
    )
    active_from = models.DateField(_("từ ngày"), null=True, blank=True)
    active_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    @property
    def reaches_subtree(self) -> bool:
        return self.covers_subtree and self.role not in UNIT_ONLY_ROLES

    def school_level_labels(self) -> list[str]:
        labels = dict(SchoolLevel.choices)
        return [str(labels.get(level, level)) for level in self.school_levels]

    @staticmethod
    def active_q(day, prefix: str = "") -> Q:
        return (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": day})) & (
            Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": day})
        )


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """Mã truy cập API. Only the hash is stored; the raw key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Empty only on tokens issued before expiry existed (they stay valid until revoked).
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "tdkt_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash_key(raw: str) -> str:
        return _hash_token(raw)
