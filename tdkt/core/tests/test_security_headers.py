"""Headers (issue 17): a Content-Security-Policy without inline scripts, and the TLS settings by
environment so that ``check --deploy`` is clean with the production variables of docs/security.md."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]

# The production variables as docs/security.md lists them (values for a made-up province).
PRODUCTION = {
    "TDKT_SECRET_KEY": "Rk3p-9vQz_" * 6,
    "TDKT_ALLOWED_HOSTS": "tdkt.sogd.example.gov.vn",
    "TDKT_CSRF_TRUSTED_ORIGINS": "https://tdkt.sogd.example.gov.vn",
    "TDKT_HTTPS": "1",
    "TDKT_PROXY_SSL_HEADER": "1",
    "TDKT_PROXY_COUNT": "1",
    "TDKT_REQUIRE_2FA_ADMINS": "1",
}


def test_pages_and_the_api_carry_the_policy(db):
    for path in ["/tai-khoan/dang-nhap/", "/api/", "/api/docs"]:
        response = Client().get(path)
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", path  # no 'unsafe-inline', no 'unsafe-eval'
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_no_template_carries_inline_javascript():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
    js_url = re.compile(r"href=[\"']\s*javascript:", re.I)
    found = []
    templates = list((ROOT / "templates").rglob("*.html")) + list((ROOT / "tdkt").rglob("templates/**/*.html"))
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for pattern in (inline_script, handler, js_url):
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_https_settings_redirect_and_send_hsts(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/tai-khoan/dang-nhap/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    proxied = Client().get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _settings_env(tmp_path, extra: dict) -> dict:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (tests/e2e/conftest.py) must not leak into a "production" process.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TDKT_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {**env, "TDKT_VAR_DIR": str(tmp_path / "var"), **extra}


def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_settings_env(tmp_path, PRODUCTION), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("variable", ["TDKT_HTTPS", "TDKT_SECRET_KEY"])
def test_check_deploy_complains_without_them(tmp_path, variable):
    env = {k: v for k, v in PRODUCTION.items() if k != variable}
    if variable == "TDKT_SECRET_KEY":
        env["TDKT_LOCAL_SECRET_KEY"] = "1"
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_settings_env(tmp_path, env), capture_output=True, text=True)
    assert result.returncode != 0
    expected = "security.W008" if variable == "TDKT_HTTPS" else "tdkt.W001"
    assert expected in result.stdout + result.stderr
