"""Sending the e-mails: due ones now, the daily digests at 7:00 (Asia/Ho_Chi_Minh).

Each row is claimed (pending → sending, a conditional UPDATE) before its message leaves, so two workers
never send one twice; a failure waits 1, 2, 4, 8 minutes and after the fifth it is ``failed``, which the
administrator sees (Django admin, «Thông báo»: filter «Gửi không được», action «Gửi lại»). A row left
«sending» by a worker that died is marked failed («không rõ đã gửi được chưa»), never sent again on its
own: a retry is the administrator's choice, so a recovered server gets no duplicate."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from email.utils import formataddr
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .audience import may_see, prime
from .choices import EmailStatus, Kind
from .models import Notification, Preference
from .services import required_kinds, unsubscribe_token

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = dt.timedelta(minutes=1)
STALE_SENDING = dt.timedelta(minutes=15)
DIGEST_HOUR = 7
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SYSTEM_NAME = "Hệ thống Thi đua – Khen thưởng"


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0

    def __str__(self) -> str:
        return (f"{self.sent} thư đã gửi, {self.retried} thư sẽ gửi lại, {self.failed} thư gửi không được, "
                f"{self.cancelled} thư hủy")


def site_url() -> str:
    return str(getattr(settings, "TDKT_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else site_url() + path


def backoff(attempts: int) -> dt.timedelta:
    """After the n-th failure: 1, 2, 4, 8 ... minutes."""
    return BACKOFF * (2 ** max(attempts - 1, 0))


def _sender(unit) -> str:
    return formataddr((unit.name if unit is not None else SYSTEM_NAME, settings.DEFAULT_FROM_EMAIL))


def _message_id(key: str) -> str:
    # The same notice always has the same Message-ID: a mail system that sees it twice can drop one.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "tdkt"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _unsubscribe(n_kind: str, user, required: set[str]) -> str:
    if n_kind in required:
        return ""
    return absolute(reverse("notifications:unsubscribe") + "?" + urlencode({"t": unsubscribe_token(user, n_kind)}))


def build_message(n: Notification, *, connection=None, required: set[str] | None = None) -> EmailMultiAlternatives:
    required = required_kinds() if required is None else required
    with translation.override("vi"):
        unsub = _unsubscribe(n.kind, n.recipient, required)
        context = {"n": n, "user": n.recipient, "link": absolute(n.url), "unsubscribe": unsub,
                   "kind_label": Kind(n.kind).label, "sender": n.sender_unit.name if n.sender_unit else SYSTEM_NAME,
                   "required": n.kind in required}
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
        subject = f"[TĐKT] {n.title}"
    headers = {"Message-ID": _message_id(n.key)}
    if unsub:
        headers["List-Unsubscribe"] = f"<{unsub}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg = EmailMultiAlternatives(subject=subject, body=text, from_email=_sender(n.sender_unit),
                                 to=[n.recipient.email], headers=headers, connection=connection)
    msg.attach_alternative(html, "text/html")
    return msg


def _fail(n: Notification, error: str, now: dt.datetime, result: SendResult) -> None:
    attempts = n.email_attempts + 1
    if attempts >= MAX_ATTEMPTS:
        Notification.objects.filter(pk=n.pk).update(email_status=EmailStatus.FAILED, email_attempts=attempts,
                                                    email_last_error=error[:2000], email_next_try=None)
        result.failed += 1
    else:
        Notification.objects.filter(pk=n.pk).update(email_status=EmailStatus.PENDING, email_attempts=attempts,
                                                    email_last_error=error[:2000],
                                                    email_next_try=now + backoff(attempts))
        result.retried += 1


def _still_wanted(n: Notification, prefs: dict[int, Preference], required: set[str]) -> str:
    """Why this e-mail must not leave any more ('' when it may)."""
    if not n.recipient.email:
        return "Người nhận không còn địa chỉ thư điện tử."
    pref = prefs.get(n.recipient_id)
    if pref is not None and n.kind in (pref.email_opt_out or []) and n.kind not in required:
        return "Người nhận đã từ chối nhận loại thư này."
    if not may_see(n):
        return "Người nhận không còn quyền xem nội dung này."
    return ""


def reclaim_stale(now: dt.datetime | None = None) -> int:
    """A row «sending» for too long belonged to a worker that died mid-send: we cannot know whether the
    message left, so it becomes visible to the administrator instead of being sent again."""
    now = now or timezone.now()
    return Notification.objects.filter(email_status=EmailStatus.SENDING, email_next_try__lt=now - STALE_SENDING).update(
        email_status=EmailStatus.FAILED,
        email_last_error="Tiến trình gửi dừng giữa chừng: không rõ thư đã đi chưa. Kiểm tra rồi bấm «Gửi lại» nếu cần.")


def send_due(*, now: dt.datetime | None = None, limit: int = 500) -> SendResult:
    now = now or timezone.now()
    result = SendResult()
    reclaim_stale(now)
    ids = list(Notification.objects.filter(email_status=EmailStatus.PENDING, email_next_try__lte=now)
               .order_by("email_next_try", "pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return result
    required = required_kinds(timezone.localdate(now))
    rows = list(Notification.objects.filter(pk__in=ids).select_related(
        "recipient", "sender_unit", "access_unit", "access_person").order_by("pk"))
    prime([n.recipient for n in rows])
    prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in={n.recipient_id for n in rows})}
    connection = get_connection()
    try:
        for n in rows:
            # Claim: the row stays ours only if nobody else moved it since we read it.
            if not Notification.objects.filter(pk=n.pk, email_status=EmailStatus.PENDING).update(
                    email_status=EmailStatus.SENDING, email_next_try=now):
                continue
            why_not = _still_wanted(n, prefs, required)
            if why_not:
                Notification.objects.filter(pk=n.pk).update(email_status=EmailStatus.CANCELLED,
                                                            email_last_error=why_not)
                result.cancelled += 1
                continue
            try:
                build_message(n, connection=connection, required=required).send()
            except Exception as exc:  # any backend's failure: the row says it, the next cycle retries
                log.warning("notification %s: e-mail failed: %s", n.pk, exc)
                _fail(n, f"{type(exc).__name__}: {exc}", now, result)
                try:
                    connection.close()
                except Exception:  # a broken connection may not close cleanly; the next send reopens it
                    pass
                continue
            Notification.objects.filter(pk=n.pk).update(email_status=EmailStatus.SENT, email_sent_at=timezone.now(),
                                                        email_attempts=n.email_attempts + 1, email_last_error="")
            result.sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # closing a connection that failed to open
            pass
    return result


def send_digests(*, now: dt.datetime | None = None) -> SendResult:
    """One e-mail a day (from 7:00 local time) with each digest user's notices of the day before."""
    now = now or timezone.now()
    result = SendResult()
    local = now.astimezone(VN)
    if local.hour < DIGEST_HOUR:
        return result
    today = local.date()
    required = required_kinds(today)
    users = (Notification.objects.filter(email_status=EmailStatus.DIGEST).values_list("recipient_id", flat=True)
             .distinct())
    for pref in Preference.objects.filter(user_id__in=list(users)).select_related("user"):
        if pref.last_digest_on == today:
            continue
        if not Preference.objects.filter(pk=pref.pk).exclude(last_digest_on=today).update(last_digest_on=today):
            continue  # another worker took it
        rows = list(Notification.objects.filter(recipient_id=pref.user_id, email_status=EmailStatus.DIGEST)
                    .select_related("recipient", "sender_unit").order_by("pk"))
        keep: list[Notification] = []
        drop: list[Notification] = []
        for n in rows:
            (drop if _still_wanted(n, {pref.user_id: pref}, required) else keep).append(n)
        Notification.objects.filter(pk__in=[n.pk for n in drop]).update(email_status=EmailStatus.CANCELLED)
        result.cancelled += len(drop)
        if not keep or not pref.user.email:
            continue
        with translation.override("vi"):
            context = {"user": pref.user, "rows": [(n, absolute(n.url)) for n in keep], "day": today,
                       "settings_link": absolute(reverse("notifications:preferences"))}
            text = render_to_string("notifications/digest.txt", context)
        msg = EmailMultiAlternatives(subject=f"[TĐKT] {len(keep)} thông báo ngày {today:%d/%m/%Y}", body=text,
                                     from_email=_sender(None), to=[pref.user.email],
                                     headers={"Message-ID": _message_id(f"digest:{pref.user_id}:{today}")})
        try:
            msg.send()
        except Exception as exc:  # the day's digest waits for the next cycle
            Preference.objects.filter(pk=pref.pk).update(last_digest_on=pref.last_digest_on)
            log.warning("digest for user %s failed: %s", pref.user_id, exc)
            result.retried += 1
            continue
        Notification.objects.filter(pk__in=[n.pk for n in keep]).update(
            email_status=EmailStatus.SENT, email_sent_at=timezone.now(), email_attempts=1)
        result.sent += 1
    return result
