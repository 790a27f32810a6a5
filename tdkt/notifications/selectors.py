"""Reads: a user's own notifications (nobody reads another's), unread first."""

from __future__ import annotations

from django.db.models import QuerySet

from .choices import EmailStatus
from .models import Notification


def for_user(user) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return (Notification.objects.filter(recipient=user).select_related("sender_unit")
            .order_by("-created_at", "-pk"))


def listing(user, *, unread_only: bool = False) -> list[Notification]:
    qs = for_user(user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    unread = list(qs.filter(read_at__isnull=True).order_by("-created_at", "-pk")[:200])
    if unread_only:
        return unread
    read = list(qs.filter(read_at__isnull=False).order_by("-read_at", "-pk")[:100])
    return unread + read


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def failed_emails() -> QuerySet[Notification]:
    return Notification.objects.filter(email_status=EmailStatus.FAILED).select_related("recipient")


def open_reminders(user, *, today) -> list[Notification]:
    """The user's deadline reminders still in force (the unit has not yet sent what is due), one per
    deadline and unit (the latest), overdue first then by date."""
    from .choices import Kind

    if not getattr(user, "is_authenticated", False):
        return []
    rows = (Notification.objects.filter(recipient=user, kind__in=[Kind.DEADLINE_SOON, Kind.DEADLINE_PASSED],
                                        resolved_at__isnull=True, due_on__isnull=False)
            .select_related("sender_unit").order_by("-pk"))
    latest: dict[tuple[str, int, str], Notification] = {}
    for n in rows[:200]:
        latest.setdefault((n.target_type, n.target_id, n.key.rsplit(":u", 1)[-1]), n)
    return sorted(latest.values(), key=lambda n: (n.due_on is None or n.due_on >= today, n.due_on, n.pk))
