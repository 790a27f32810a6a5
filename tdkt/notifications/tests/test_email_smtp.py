"""E-mails through a real SMTP server (aiosmtpd on 127.0.0.1): headers, the Vietnamese subject, the
plain-text part and its link; access lost before sending; a refusing server; unsubscribing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.notifications.choices import EmailStatus, Kind
from tdkt.notifications.emails import MAX_ATTEMPTS, send_due
from tdkt.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("council_passes")


def _returned(aw):
    from tdkt.awards import services

    w = aw.w
    p = services.proposal_transition(actor=w.users.officer_a, proposal=aw.proposal, action="submit")
    services.proposal_transition(actor=w.users.office_officer, proposal=p, action="return",
                                 reason="Thiếu biên bản họp Hội đồng Thi đua – Khen thưởng")
    return p


def test_email_headers_subject_text_and_link(aw, with_emails, smtp):
    p = _returned(aw)
    result = send_due()
    # the office officer (submitted), the school's officer and head (returned)
    assert result.sent == 3 and result.failed == 0
    by_to = {m["To"]: (m, raw) for m, raw in zip(smtp.messages, smtp.raw, strict=True)}
    msg, raw = by_to["officer_a@truong.example.vn"]
    # Django folds a long encoded subject onto the next line; unfolding leaves one blank, which mail
    # clients do not show.
    assert msg["Subject"].strip() == f"[TĐKT] Phòng Giáo dục và Đào tạo Quận Thử trả lại «{p.title}» để bổ sung"
    header = re.search(rb"^Subject: (.*(?:\r?\n[ \t].*)*)", raw, re.M).group(1)
    assert b"=?utf-8?" in header.lower()  # RFC 2047: the accents travel encoded
    assert msg["From"].addresses[0].display_name == "Phòng Giáo dục và Đào tạo Quận Thử"
    assert msg["From"].addresses[0].addr_spec == "tdkt@phong.example.vn"
    assert msg["Message-ID"] and msg["List-Unsubscribe"].strip().startswith("<https://tdkt.example.vn/thong-bao/huy-nhan/?t=")
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert "Thiếu biên bản họp Hội đồng Thi đua – Khen thưởng" in text
    assert f"https://tdkt.example.vn/khen-thuong/de-nghi/{p.pk}/" in text
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert f'href="https://tdkt.example.vn/khen-thuong/de-nghi/{p.pk}/"' in html
    n = Notification.objects.get(recipient=aw.w.users.officer_a)
    assert n.email_status == EmailStatus.SENT and n.email_attempts == 1
    # a second cycle sends nothing again
    assert send_due().sent == 0 and len(smtp.raw) == 3


def test_a_recipient_who_lost_access_gets_nothing(aw, with_emails, smtp):
    from tdkt.accounts.models import Membership

    _returned(aw)
    w = aw.w
    Membership.objects.filter(user=w.users.officer_a).update(active_to=timezone.localdate() - dt.timedelta(days=1))
    send_due()
    assert "officer_a@truong.example.vn" not in [m["To"] for m in smtp.messages]
    n = Notification.objects.get(recipient=w.users.officer_a)
    assert n.email_status == EmailStatus.CANCELLED and "không còn quyền" in n.email_last_error


def test_refusing_server_retries_with_backoff_then_fails_visibly_and_recovers_once(aw, with_emails, smtp, admin_client):
    _returned(aw)
    n = Notification.objects.get(recipient=aw.w.users.officer_a)
    Notification.objects.exclude(pk=n.pk).update(email_status=EmailStatus.NONE)
    smtp.refuse = True
    now = timezone.now()
    result = send_due(now=now)
    assert result.retried == 1 and smtp.raw == []
    n.refresh_from_db()
    assert n.email_status == EmailStatus.PENDING and n.email_attempts == 1
    assert n.email_next_try == now + dt.timedelta(minutes=1) and "550" in n.email_last_error
    assert send_due(now=now + dt.timedelta(seconds=30)).retried == 0  # not yet due
    waits = []
    for _attempt in range(MAX_ATTEMPTS - 1):
        n.refresh_from_db()
        waits.append(n.email_next_try - now)
        now = n.email_next_try
        send_due(now=now)
    assert waits == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    n.refresh_from_db()
    assert n.email_status == EmailStatus.FAILED and n.email_attempts == MAX_ATTEMPTS
    page = admin_client.get(reverse("admin:notifications_notification_changelist") + "?email_status=failed")
    assert n.title in page.content.decode()
    # the server is mended; the administrator sends it again: exactly one e-mail
    smtp.refuse = False
    admin_client.post(reverse("admin:notifications_notification_changelist"),
                      {"action": "retry", "_selected_action": [n.pk]})
    assert send_due().sent == 1
    assert send_due().sent == 0
    assert len(smtp.raw) == 1


def test_unsubscribe_link_works_without_login(aw, with_emails, smtp):
    from tdkt.notifications.models import Preference

    _returned(aw)
    send_due()
    msg = next(m for m in smtp.messages if m["To"] == "office_officer@truong.example.vn")
    link = msg["List-Unsubscribe"].strip().strip("<>").replace("https://tdkt.example.vn", "")
    client = Client()
    asked = client.get(link)
    assert asked.status_code == 200 and "Xác nhận hủy nhận thư" in asked.content.decode()
    assert not Preference.objects.filter(user=aw.w.users.office_officer).exists()
    done = client.post(link)
    assert "Đã hủy" in done.content.decode()
    pref = Preference.objects.get(user=aw.w.users.office_officer)
    assert pref.email_opt_out == [Kind.PROPOSAL_SUBMITTED]
    assert client.get(link[:-3] + "xyz").status_code == 400


def test_required_kind_has_no_unsubscribe_link(aw, with_emails, smtp):
    from tdkt.notifications.reference import load_required_kinds

    load_required_kinds()
    _returned(aw)
    send_due()
    msg = next(m for m in smtp.messages if m["To"] == "officer_a@truong.example.vn")
    assert msg["List-Unsubscribe"] is None
    assert "bắt buộc gửi đến người nhận theo quy định" in msg.get_body(preferencelist=("plain",)).get_content()


def test_email_url_settings():
    from tdkt.core.email_url import CONSOLE, SMTP, email_settings

    assert email_settings({}) == {"EMAIL_BACKEND": CONSOLE}
    s = email_settings({"TDKT_EMAIL_URL": "smtp://th%40so.vn:p%2Fw@mail.so.vn:587?tls=1"})
    assert s["EMAIL_BACKEND"] == SMTP and s["EMAIL_HOST"] == "mail.so.vn" and s["EMAIL_PORT"] == 587
    assert s["EMAIL_HOST_USER"] == "th@so.vn" and s["EMAIL_HOST_PASSWORD"] == "p/w" and s["EMAIL_USE_TLS"]
    assert email_settings({"TDKT_EMAIL_URL": "smtps://mail.so.vn"})["EMAIL_PORT"] == 465
    env = {"EMAIL_HOST": "smtp.example.vn", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "1"}
    assert email_settings(env)["EMAIL_PORT"] == 2525 and email_settings(env)["EMAIL_USE_TLS"]
