"""Writes: notify (idempotent by key), mark read, preferences, unsubscribe, an administrator's retry.

A notification is a consequence of an audited event (a proposal returned, a ballot opened ...), so
``notify`` writes no audit row of its own: the event's row already says what happened and to whom the
object belongs. A user's reading of their own notices is not audited either. Preference changes,
unsubscribes and an administrator's retry are."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .audience import Access, allowed, prime
from .choices import EmailStatus, Kind
from .models import Notification, Preference, RequiredKind

UNSUBSCRIBE_SALT = "tdkt.notifications.unsubscribe"
DEFAULT_REMINDER_DAYS = (7, 2)


def target_label(obj: Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def make_key(kind: str, target_type: str, target_id: int, user_id: int, occasion: str = "") -> str:
    key = f"{kind}:{target_type}:{target_id}:{user_id}:{occasion}"
    if len(key) > 250:  # a long occasion: keep it exact, not readable
        key = f"{kind}:{target_type}:{target_id}:{user_id}:h{hashlib.sha256(occasion.encode()).hexdigest()}"
    return key


def required_kinds(day: dt.date | None = None) -> set[str]:
    return set(RequiredKind.objects.in_force(day or timezone.localdate()).values_list("kind", flat=True))


def _email_state(user, kind: str, pref: Preference | None, required: set[str]) -> str:
    if not user.email:
        return EmailStatus.NONE
    if pref is not None and kind in (pref.email_opt_out or []) and kind not in required:
        return EmailStatus.NONE
    if pref is not None and pref.daily_digest:
        return EmailStatus.DIGEST
    return EmailStatus.PENDING


def notify(*, kind: str, target: Model, recipients: Iterable, title: str, url: str, access: Access,
           body: str = "", occasion: str = "", sender_unit=None, due_on: dt.date | None = None,
           now: dt.datetime | None = None) -> list[Notification]:
    """One notification per recipient who may see ``target`` (``access``), at most once per key (kind,
    object, recipient, occasion): called twice, the second call writes nothing. Runs inside the caller's
    transaction, so a refused or rolled-back action leaves no notice behind. Returns the new rows."""
    return notify_each(kind=kind, target=target, recipients=[(u, access) for u in recipients], title=title,
                       url=url, body=body, occasion=occasion, sender_unit=sender_unit, due_on=due_on, now=now)


def notify_each(*, kind: str, target: Model, recipients: Iterable[tuple[Any, Access]], title: str, url: str,
                body: str = "", occasion: str = "", sender_unit=None, due_on: dt.date | None = None,
                now: dt.datetime | None = None) -> list[Notification]:
    """``notify`` with each recipient's own access (a decision: each person sees their own record), in a
    handful of queries whatever the number of recipients."""
    return notify_many([Notice(kind=kind, target=target, recipients=list(recipients), title=title, url=url,
                               body=body, occasion=occasion, sender_unit=sender_unit, due_on=due_on)], now=now)


@dataclass
class Notice:
    """One event for ``notify_many``: who (each with what they must be able to see) and what."""

    kind: str
    target: Model
    recipients: list[tuple[Any, Access]]
    title: str
    url: str
    body: str = ""
    occasion: str = ""
    sender_unit: Any = None
    due_on: dt.date | None = None


def notify_many(notices: Iterable[Notice], *, now: dt.datetime | None = None,
                read_back: bool = True) -> list[Notification]:
    """Many events at once (the scheduler's 10,000 reminders): one look-up of the keys already there and
    of the preferences per 500, one insert per 500, whatever the number of events."""
    now = now or timezone.now()
    wanted: dict[str, tuple[Notice, Any, Access]] = {}
    for notice in notices:
        if notice.kind not in Kind.values:
            raise ValueError(f"unknown notification kind {notice.kind!r}")
        target_type = target_label(notice.target)
        for user, access in notice.recipients:
            pk = getattr(user, "pk", None)
            if pk is None:
                continue
            key = make_key(notice.kind, target_type, notice.target.pk, pk, notice.occasion)
            wanted.setdefault(key, (notice, user, access))
    key_list = list(wanted)
    for i in range(0, len(key_list), 500):
        for key in Notification.objects.filter(key__in=key_list[i:i + 500]).values_list("key", flat=True):
            wanted.pop(key, None)
    prime(u for _n, u, _a in wanted.values())
    chosen = [(key, n, u, a) for key, (n, u, a) in wanted.items() if allowed(u, a)]
    if not chosen:
        return []
    prefs: dict[int, Preference] = {}
    ids = list({u.pk for _k, _n, u, _a in chosen})
    for i in range(0, len(ids), 500):
        prefs.update({p.user_id: p for p in Preference.objects.filter(user_id__in=ids[i:i + 500])})
    required = required_kinds(timezone.localdate(now))
    rows = []
    for key, notice, user, access in chosen:
        state = _email_state(user, notice.kind, prefs.get(user.pk), required)
        rows.append(Notification(
            kind=notice.kind, recipient=user, target_type=target_label(notice.target), target_id=notice.target.pk,
            url=notice.url[:300], title=notice.title[:300], body=notice.body, key=key,
            sender_unit=notice.sender_unit, due_on=notice.due_on, access_perm=str(access.perm or ""),
            access_unit=access.unit, access_person=access.person, email_status=state,
            email_next_try=now if state == EmailStatus.PENDING else None))
    with transaction.atomic():
        # ignore_conflicts: two processes racing on one key keep one row.
        Notification.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    if not read_back or len(rows) > 200:  # set-wise callers (a decision with 2,000 names) do not read back
        return rows
    return list(Notification.objects.filter(key__in=[r.key for r in rows]).order_by("pk"))


def _own(actor, notification: Notification) -> Notification:
    if not getattr(actor, "is_authenticated", False) or notification.recipient_id != actor.pk:
        raise PermissionRefused(_("Thông báo này không phải của bạn."))
    return notification


def mark_read(*, actor, notification: Notification, now: dt.datetime | None = None) -> Notification:
    _own(actor, notification)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, actor, now: dt.datetime | None = None) -> int:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionRefused(_("Hãy đăng nhập."))
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=now or timezone.now())


def parse_days(text: str, *, field: str = "reminder_days") -> tuple[int, ...]:
    """"7, 2" → (7, 2); refused with a message naming the field when a part is not a whole number of days
    between 0 and 365."""
    out = set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 365:
            raise DomainValidationError({field: _(
                "«%(part)s» không phải số ngày hợp lệ: nhập các số ngày từ 0 đến 365, cách nhau bởi dấu phẩy "
                "(ví dụ: 7, 2).") % {"part": part}})
        out.add(int(part))
    return tuple(sorted(out, reverse=True))


def reminder_days_for(user) -> tuple[int, ...]:
    """The user's reminder days (their preference, else the default 7 and 2): the calendar's alarms."""
    pref = Preference.objects.filter(user=user).exclude(reminder_days="").first()
    if pref is not None:
        try:
            return parse_days(pref.reminder_days) or DEFAULT_REMINDER_DAYS
        except DomainValidationError:
            pass
    return DEFAULT_REMINDER_DAYS


def preference_get(user) -> Preference:
    pref = Preference.objects.filter(user=user).first()
    return pref if pref is not None else Preference(user=user)


@transaction.atomic
def preference_update(*, actor, email_opt_out: Iterable[str], daily_digest: bool, reminder_days: str) -> Preference:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionRefused(_("Hãy đăng nhập."))
    days = parse_days(reminder_days)
    kinds = sorted(set(email_opt_out))
    unknown = [k for k in kinds if k not in Kind.values]
    if unknown:
        raise DomainValidationError({"email_opt_out": _("Loại thông báo không có: %(kinds)s.") % {
            "kinds": ", ".join(unknown)}})
    required = required_kinds()
    locked = [Kind(k).label for k in kinds if k in required]
    if locked:
        raise DomainValidationError({"email_opt_out": _(
            "Không thể từ chối nhận «%(kinds)s»: quy định yêu cầu người nhận phải được thông báo.") % {
            "kinds": "», «".join(str(k) for k in locked)}})
    pref, _created = Preference.objects.select_for_update().get_or_create(user=actor)
    before = {"email_opt_out": pref.email_opt_out, "daily_digest": pref.daily_digest,
              "reminder_days": pref.reminder_days}
    pref.email_opt_out, pref.daily_digest = kinds, bool(daily_digest)
    pref.reminder_days = ", ".join(str(d) for d in days)
    pref.save()
    audit_record(actor=actor, event_type="notifications.preference_update", target=pref,
                 before=before, after={"email_opt_out": kinds, "daily_digest": pref.daily_digest,
                                       "reminder_days": pref.reminder_days})
    return pref


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[Any, str]:
    """The user and kind a link names; refused when the link was altered."""
    from tdkt.accounts.models import User

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=data["u"], is_active=True)
        kind = Kind(data["k"])
    except (signing.BadSignature, KeyError, ValueError, TypeError, User.DoesNotExist) as exc:
        raise DomainValidationError(_("Đường dẫn hủy nhận thư không hợp lệ (có thể đã bị sửa hoặc cắt bớt). "
                                      "Hãy mở lại đường dẫn trong thư, hoặc đăng nhập và vào «Tùy chọn thông "
                                      "báo».")) from exc
    return user, kind


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[Any, str, bool]:
    """Opt the link's user out of the link's kind of e-mail (no login: the signed token is the proof).
    Returns (user, kind, done); a kind the law requires stays on (done is False)."""
    user, kind = unsubscribe_read(token)
    if kind in required_kinds():
        return user, kind, False
    pref, _created = Preference.objects.select_for_update().get_or_create(user=user)
    if kind not in pref.email_opt_out:
        before = list(pref.email_opt_out)
        pref.email_opt_out = sorted({*pref.email_opt_out, kind})
        pref.save(update_fields=["email_opt_out"])
        Notification.objects.filter(recipient=user, kind=kind, email_status__in=[
            EmailStatus.PENDING, EmailStatus.DIGEST]).update(email_status=EmailStatus.CANCELLED)
        audit_record(actor=user, event_type="notifications.unsubscribe", target=pref,
                     before={"email_opt_out": before}, after={"email_opt_out": pref.email_opt_out})
    return user, kind, True


@transaction.atomic
def email_retry(*, actor, notifications: Iterable[Notification], now: dt.datetime | None = None) -> int:
    """An administrator sends failed e-mails again (after the server is mended)."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionRefused(_("Chỉ quản trị hệ thống được gửi lại thư."))
    pks = [n.pk for n in notifications]
    n = Notification.objects.filter(pk__in=pks, email_status=EmailStatus.FAILED).update(
        email_status=EmailStatus.PENDING, email_attempts=0, email_next_try=now or timezone.now())
    audit_record(actor=actor, event_type="notifications.email_retry", data={"notifications": pks, "count": n})
    return n
