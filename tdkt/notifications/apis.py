"""Notifications API (mounted at /api/notifications): the caller's own notifications and marking
them read; the same selectors and services as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from . import selectors, services
from .models import Notification

router = Router()


def _out(n: Notification) -> dict:
    return {"id": n.pk, "kind": n.kind, "kind_label": n.get_kind_display(), "title": n.title, "body": n.body,
            "url": n.url, "due_on": n.due_on, "created_at": n.created_at, "read_at": n.read_at,
            "sender_unit": n.sender_unit.name if n.sender_unit else None}


@router.get("/", url_name="notifications_list", summary="Thông báo của tôi (chưa đọc trước)")
def notification_list(request, unread: bool = False):
    rows = selectors.listing(request.user, unread_only=unread)
    return {"unread": selectors.unread_count(request.user), "items": [_out(n) for n in rows]}


@router.post("/{notification_id}/read", url_name="notifications_read", summary="Đánh dấu một thông báo đã đọc")
def notification_read(request, notification_id: int):
    n = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    return _out(services.mark_read(actor=request.user, notification=n))


@router.post("/read-all", url_name="notifications_read_all", summary="Đánh dấu mọi thông báo đã đọc")
def notification_read_all(request):
    return {"marked": services.mark_all_read(actor=request.user)}
