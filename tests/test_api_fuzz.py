"""The whole API, fuzzed from its own OpenAPI schema (schemathesis, in process through WSGI): whatever a client
sends, with a school officer's token, no operation answers a server error (5xx). Bounded: a few cases per
operation, so CI stays within its time; run with TDKT_FUZZ_EXAMPLES=200 for a deeper pass."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("TDKT_FUZZ_EXAMPLES", "4"))


@pytest.fixture
def in_test_transaction():
    """The WSGI handler closes old connections when a request starts and ends; inside the test's transaction
    that would close PostgreSQL's connection under it (Django's test client disconnects the same receivers)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(world, in_test_transaction):
    from tdkt.accounts.models import ApiToken

    raw = ApiToken.new_raw_key()
    ApiToken.objects.create(user=world.users.officer_a, name="fuzz", key_hash=ApiToken.hash_key(raw), prefix=raw[:8])
    return raw


def _schema():
    from django.core.wsgi import get_wsgi_application

    # Read once at collection: the schema route is public and touches no table.
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


schema = _schema()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.django_db
def test_no_operation_answers_a_server_error(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"


@pytest.mark.django_db
def test_the_fuzzing_token_is_accepted(token):
    """Else every fuzzed case would stop at 401 and prove nothing."""
    from django.test import Client

    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["username"] == "officer_a"
