"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the e-mail tests, and Django pointed at it."""

from __future__ import annotations

import email
import email.policy
import socket

import pytest

from tdkt.awards.tests.conftest import _no_engine, aw, council_passes  # noqa: F401  (the awards' fixtures)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What the server received: each message raw (bytes as sent) and parsed."""

    def __init__(self, refuse: bool = False):
        self.raw: list[bytes] = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.7.1 Mailbox unavailable (test server refuses)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in self.raw]


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "tdkt@phong.example.vn"
    settings.TDKT_SITE_URL = "https://tdkt.example.vn"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def with_emails(world):
    for name in ("officer_a", "officer_b", "head_a", "staff_a", "office_officer", "council_a", "specialist_th"):
        user = getattr(world.users, name)
        user.email = f"{name}@truong.example.vn"
        user.save(update_fields=["email"])
    return world
