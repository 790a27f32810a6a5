"""Passwords (issue 17): Django's validators refuse weak ones with Vietnamese messages, an account
changes its own password, and a forgotten one is reset by a link sent by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent

CHANGE = "/tai-khoan/doi-mat-khau/"


@pytest.fixture
def officer(world):
    client = Client()
    client.force_login(world.users.officer_a)
    return client


@pytest.mark.parametrize("weak, message", [
    ("12345678", "Mật khẩu này hoàn toàn là số."),
    ("password", "Mật khẩu này quá phổ biến."),
    ("aaaaaaaa", "Mật khẩu này quá phổ biến."),
    ("abc12", "Mật khẩu quá ngắn"),
    ("officer_a1", "Mật khẩu quá giống với"),
])
def test_weak_passwords_are_refused_in_vietnamese(world, officer, weak, message):
    before = User.objects.get(pk=world.users.officer_a.pk).password
    response = officer.post(CHANGE, {"old_password": "pw-test-123", "new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.get(pk=world.users.officer_a.pk).password == before
    assert not AuditEvent.objects.filter(event_type="user.password_changed").exists()


def test_the_api_refuses_a_weak_password_for_a_new_account(world):
    client = Client()
    client.force_login(world.users.admin)
    response = client.post("/api/accounts/users", data={"username": "gv.moi", "password": "12345678"},
                           content_type="application/json")
    assert response.status_code == 422
    messages = [item["message"] for item in response.json()["detail"] if item["field"] == "password"]
    assert "Mật khẩu này hoàn toàn là số." in messages
    assert not User.objects.filter(username="gv.moi").exists()


def test_an_account_changes_its_own_password(world, officer):
    page = officer.get(CHANGE).content.decode()
    assert "Đổi mật khẩu" in page and 'name="old_password"' in page
    wrong = officer.post(CHANGE, {"old_password": "khong-dung", "new_password1": "Thi-dua-2026!",
                                  "new_password2": "Thi-dua-2026!"})
    assert wrong.status_code == 200 and not AuditEvent.objects.filter(event_type="user.password_changed").exists()
    response = officer.post(CHANGE, {"old_password": "pw-test-123", "new_password1": "Thi-dua-2026!",
                                     "new_password2": "Thi-dua-2026!"})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/doi-mat-khau/xong/"
    assert "Đã đổi mật khẩu" in officer.get(response["Location"]).content.decode()  # still signed in
    assert officer.get("/").status_code == 200
    user = User.objects.get(pk=world.users.officer_a.pk)
    assert user.check_password("Thi-dua-2026!") and not user.check_password("pw-test-123")
    event = AuditEvent.objects.get(event_type="user.password_changed")
    assert event.actor == user


def test_anonymous_cannot_reach_the_change_page(db):
    response = Client().get(CHANGE)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_a_forgotten_password_is_reset_by_a_link_sent_by_mail(world):
    user = world.users.officer_a
    user.email = "officer.a@truong.edu.vn"
    user.save()
    for _ in range(5):  # the owner forgot it and locked the account trying
        Client().post("/tai-khoan/dang-nhap/", {"username": "officer_a", "password": "doan-mo"})
    client = Client()
    page = client.get("/tai-khoan/quen-mat-khau/").content.decode()
    assert "Quên mật khẩu" in page
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "officer.a@truong.edu.vn"})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer.a@truong.edu.vn"] and message.subject == "Đặt lại mật khẩu TĐKT"
    assert "officer_a" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django moves the token into the session first
    page = client.get(form_url).content.decode()
    assert "Đặt mật khẩu mới" in page and 'name="new_password1"' in page
    weak = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    assert "quá phổ biến" in weak.content.decode()
    done = client.post(form_url, {"new_password1": "Khen-thuong-26", "new_password2": "Khen-thuong-26"})
    assert done.status_code == 302
    assert User.objects.get(pk=user.pk).check_password("Khen-thuong-26")
    assert AuditEvent.objects.filter(event_type="user.password_reset", target_id=str(user.pk)).count() == 1
    # The mailbox's owner may sign in at once, without waiting for the lock to end.
    again = Client()
    assert again.post("/tai-khoan/dang-nhap/", {"username": "officer_a", "password": "Khen-thuong-26"}).status_code == 302
    # The link works once.
    assert "không còn dùng được" in Client().get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world):
    response = Client().post("/tai-khoan/quen-mat-khau/", {"email": "ai.do@example.com"})
    assert response.status_code == 302 and len(mail.outbox) == 0
