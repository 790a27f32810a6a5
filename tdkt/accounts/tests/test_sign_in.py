"""Sign-in (issue 17): throttling per account and per address, the idle session timeout, and API tokens
that expire and can be revoked. The real login page through the test client, axes' real tables."""

import datetime as dt
import json
import time

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tdkt.accounts.models import ApiToken
from tdkt.accounts.services import api_token_issue, api_token_revoke
from tdkt.accounts.session_idle import LAST_SEEN
from tdkt.accounts.throttle import client_ip
from tdkt.audit.models import AuditEvent

LOGIN = "/tai-khoan/dang-nhap/"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_account_is_locked_after_five_wrong_passwords_even_for_the_right_one(world):
    client = Client()
    for _ in range(5):
        response = _login(client, "officer_a", "sai-mat-khau")
        assert not _signed_in(client)
    response = _login(client, "officer_a", "pw-test-123")
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "tạm bị khoá đăng nhập" in page and "Hãy thử lại sau" in page
    assert response["Retry-After"] == str(15 * 60)
    # The same account from another address is locked too; another account from elsewhere is not.
    assert _login(Client(), "officer_a", "pw-test-123", ip="10.0.0.9").status_code == 429
    other = Client()
    assert _login(other, "officer_b", "pw-test-123", ip="10.0.0.9").status_code == 302 and _signed_in(other)


def test_an_address_is_locked_after_twenty_wrong_passwords_on_any_accounts(world):
    # A school behind one address: nineteen typos among its staff lock nobody (the page still answers 200).
    for n in range(19):
        assert _login(Client(), f"giaovien{n}", "sai-mat-khau", ip="10.0.0.2").status_code == 200
    assert _login(Client(), "giaovien19", "sai-mat-khau", ip="10.0.0.2").status_code == 429
    client = Client()
    assert _login(client, "specialist_th", "pw-test-123", ip="10.0.0.2").status_code == 429
    assert not _signed_in(client)
    assert _login(client, "specialist_th", "pw-test-123", ip="10.0.0.3").status_code == 302


def test_the_lock_ends_after_the_cool_off_and_a_success_resets_the_count(world, settings):
    settings.AXES_COOLOFF_TIME = dt.timedelta(seconds=1)
    client = Client()
    for _ in range(5):
        _login(client, "officer_a", "sai-mat-khau")
    assert _login(client, "officer_a", "pw-test-123").status_code == 429
    time.sleep(1.2)
    assert _login(client, "officer_a", "pw-test-123").status_code == 302 and _signed_in(client)
    # The count starts again from zero: four more mistakes do not lock.
    for _ in range(4):
        _login(Client(), "officer_a", "sai-mat-khau")
    assert _login(Client(), "officer_a", "pw-test-123").status_code == 302


def test_four_mistakes_do_not_lock(world):
    for _ in range(4):
        _login(Client(), "officer_a", "sai-mat-khau")
    assert _login(Client(), "officer_a", "pw-test-123").status_code == 302


def test_the_client_address_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "127.0.0.1"  # no proxy configured: the header is anyone's to write
    settings.PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # what our nginx saw, not what the client claimed


# --- idle sessions ---------------------------------------------------------------------------------

def test_sessions_last_thirty_idle_minutes_not_fourteen_days(settings):
    assert settings.SESSION_IDLE_MINUTES == 30 and settings.SESSION_COOKIE_AGE == 30 * 60


def test_an_idle_session_is_signed_out_and_activity_keeps_it(world):
    client = Client()
    assert _login(client, "officer_a", "pw-test-123").status_code == 302
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60  # active 29 minutes ago: still in
    session.save()
    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5  # the activity was recorded
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert not _signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn sau 30 phút không thao tác" in page


# --- API tokens ------------------------------------------------------------------------------------

def test_a_token_expires_after_ninety_days_by_default(world):
    token, raw = api_token_issue(actor=None, user=world.users.officer_a, name="script")
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(minutes=1)
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "đã hết hạn" in response.json()["detail"] and token.prefix in response.json()["detail"]


def test_a_revoked_token_is_refused_with_json_saying_so(world):
    token, raw = api_token_issue(actor=None, user=world.users.officer_a, name="script", days=7)
    api_token_revoke(actor=None, token=token)
    response = Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401 and "đã bị thu hồi" in response.json()["detail"]


def test_the_command_issues_lists_and_revokes(world, capsys):
    call_command("api_token", "officer_a", "--days", "30", "--name", "báo cáo")
    raw = [line for line in capsys.readouterr().out.splitlines() if line.startswith("tdkt_")][0]
    token = ApiToken.objects.get(user=world.users.officer_a)
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    call_command("api_token", "officer_a", "--list")
    assert token.prefix in capsys.readouterr().out
    call_command("api_token", "officer_a", "--revoke", token.prefix)
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert AuditEvent.objects.filter(event_type="api_token.revoked").count() == 1


def test_the_api_takes_no_password(world):
    """Only tokens and sessions sign in to the API: a password in Basic auth is not a way in, so there
    is no second door around the login page's throttling."""
    import base64

    basic = base64.b64encode(b"officer_a:pw-test-123").decode()
    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 401 and json.loads(response.content)["detail"]


def test_the_login_page_offers_the_password_reset(db):
    assert 'href="/tai-khoan/quen-mat-khau/"' in Client().get(LOGIN).content.decode()
