"""What needs a user's attention on the home page.

Each app contributes a provider; providers are plain functions listed here so
the flow stays explicit (no signals, no registry magic)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str
    url: str
    level: str = "info"  # info | warning | danger


def _units_closing_soon(user) -> list[AttentionItem]:
    """Units in the user's reach that close within 60 days (a merger is coming)."""
    from tdkt.org.selectors import unit_list_visible_to

    today = timezone.localdate()
    soon = today + timezone.timedelta(days=60)
    items = []
    for unit in unit_list_visible_to(user=user).filter(active_to__gte=today, active_to__lte=soon)[:20]:
        items.append(AttentionItem(
            title=_("%(unit)s sắp ngừng hoạt động") % {"unit": unit.name},
            detail=_("Đến ngày %(date)s; kiểm tra đơn vị kế thừa và chuyển hồ sơ.") % {
                "date": f"{unit.active_to:%d/%m/%Y}"},
            url=reverse("org:unit_detail", args=[unit.pk]), level="warning",
        ))
    return items


def _profile_without_account(user) -> list[AttentionItem]:
    if getattr(user, "is_superuser", False):
        return []
    from tdkt.accounts.access import active_memberships
    from tdkt.accounts.choices import Role

    if any(m.role == Role.STAFF for m in active_memberships(user)) and not hasattr(user, "person"):
        return [AttentionItem(title=_("Tài khoản chưa gắn với hồ sơ cá nhân"),
                              detail=_("Liên hệ cán bộ phụ trách TĐKT của đơn vị để gắn hồ sơ."),
                              url=reverse("core:home"), level="danger")]
    return []


PROVIDERS = [_units_closing_soon, _profile_without_account]


def attention_items(*, user) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in PROVIDERS:
        items.extend(provider(user))
    return items
