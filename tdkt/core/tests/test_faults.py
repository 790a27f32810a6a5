"""Faults (issue 17): an unexpected error answers the API's JSON or our Vietnamese 500 page, logged with
a reference; kept database connections are health-checked before reuse."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


class Broken(RuntimeError):
    pass


def _break(*args, **kwargs):
    raise Broken("a bug deep in a selector")


@pytest.fixture
def officer(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users.officer_a)
    return client


def test_an_api_error_answers_json_and_is_logged(officer, monkeypatch, caplog):
    monkeypatch.setattr("tdkt.accounts.access.active_memberships", _break)  # what /api/me reads
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = officer.get("/api/me")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"].startswith("Lỗi hệ thống: yêu cầu chưa thực hiện được.")
    assert body["reference"] in body["detail"]
    logged = [r for r in caplog.records if body["reference"] in r.getMessage()]
    assert logged and logged[0].exc_info[0] is Broken


def test_refusals_and_missing_objects_keep_their_answers(officer):
    assert officer.get("/api/people/999999").status_code == 404
    response = officer.post("/api/people", data=json.dumps({"family_name": ""}), content_type="application/json")
    assert response.status_code == 422


def test_a_page_error_is_our_vietnamese_500_page(officer, monkeypatch):
    monkeypatch.setattr("tdkt.site.views.active_memberships", _break)
    response = officer.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Hệ thống gặp lỗi nên chưa thực hiện được yêu cầu này" in page
    assert "Server Error (500)" not in page


def test_kept_connections_are_health_checked(tmp_path):
    show = "import json, config.settings as s; print(json.dumps(s.DATABASES['default'], default=str))"
    env = {**os.environ, "DATABASE_URL": "postgres://tdkt@db.example:5432/tdkt", "TDKT_VAR_DIR": str(tmp_path)}
    db = json.loads(subprocess.run([sys.executable, "-c", show], cwd=ROOT, env=env, check=True,
                                   capture_output=True, text=True).stdout)
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True
