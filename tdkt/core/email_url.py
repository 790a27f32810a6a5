"""E-mail settings from the environment: ``TDKT_EMAIL_URL`` (``smtp://user:pass@host:port?tls=1``,
``smtps://`` for implicit TLS, ``console://``), else the usual ``EMAIL_HOST`` / ``EMAIL_PORT`` /
``EMAIL_HOST_USER`` / ``EMAIL_HOST_PASSWORD`` / ``EMAIL_USE_TLS`` / ``EMAIL_USE_SSL`` variables, else
the console backend (the demo prints its e-mails). Imported by ``config/settings.py``; pure."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
_TRUE = {"1", "true", "yes", "on"}
_BACKENDS = {"console": CONSOLE, "locmem": "django.core.mail.backends.locmem.EmailBackend",
             "dummy": "django.core.mail.backends.dummy.EmailBackend"}


def email_settings(env: Mapping[str, str]) -> dict[str, object]:
    url = (env.get("TDKT_EMAIL_URL") or "").strip()
    if url:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in _BACKENDS:
            return {"EMAIL_BACKEND": _BACKENDS[scheme]}
        if scheme not in ("smtp", "smtps"):
            raise ValueError(f"TDKT_EMAIL_URL: unknown scheme {scheme!r} (smtp, smtps, console, locmem, dummy)")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        ssl = scheme == "smtps" or query.get("ssl", "").lower() in _TRUE
        return {
            "EMAIL_BACKEND": SMTP,
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if ssl else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": not ssl and query.get("tls", "").lower() in _TRUE,
            "EMAIL_USE_SSL": ssl,
            "EMAIL_TIMEOUT": int(query.get("timeout", "20")),
        }
    if env.get("EMAIL_HOST"):
        ssl = env.get("EMAIL_USE_SSL", "").lower() in _TRUE
        return {
            "EMAIL_BACKEND": SMTP,
            "EMAIL_HOST": env["EMAIL_HOST"],
            "EMAIL_PORT": int(env.get("EMAIL_PORT") or (465 if ssl else 25)),
            "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": not ssl and env.get("EMAIL_USE_TLS", "").lower() in _TRUE,
            "EMAIL_USE_SSL": ssl,
            "EMAIL_TIMEOUT": int(env.get("EMAIL_TIMEOUT") or 20),
        }
    return {"EMAIL_BACKEND": CONSOLE}
