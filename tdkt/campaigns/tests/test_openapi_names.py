"""Two API schemas must not share a name (issue 12): django-ninja files every body and response
model of the one NinjaAPI (config/api.py) under its class name in ``components.schemas`` of
/api/openapi.json, so a second class of the same name silently replaces the first and an
endpoint is documented with another endpoint's body (the cluster meeting's ``MeetingIn`` once
documented the council meeting)."""

from __future__ import annotations

import json

import pydantic
import pytest
from django.test import Client

# Duplicates in other apps' apis.py, left to their owners (reported to the lead); remove a line
# when its schemas are renamed. Campaigns has none.
ELSEWHERE = {"DecisionIn", "RevokeIn"}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _classes_by_name() -> dict[str, set[type]]:
    import config.api  # noqa: F401  every app's router, so every schema class, is imported

    by_name: dict[str, set[type]] = {}
    for cls in set(_subclasses(pydantic.BaseModel)):
        if cls.__module__.startswith("tdkt."):
            by_name.setdefault(cls.__name__, set()).add(cls)
    return by_name


@pytest.fixture(scope="module")
def openapi():
    return Client().get("/api/openapi.json").json()


def _fields(cls) -> str:
    return json.dumps(cls.model_json_schema(), sort_keys=True, default=str)


def test_no_two_schemas_of_the_api_share_a_name_with_different_fields(openapi, db):
    components = set(openapi["components"]["schemas"])
    clashes = {name: sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
               for name, classes in _classes_by_name().items()
               if name in components and len({_fields(c) for c in classes}) > 1}
    campaigns = {n: where for n, where in clashes.items() if any(w.startswith("tdkt.campaigns.") for w in where)}
    assert not campaigns, f"schemas of the campaigns API sharing a name: {campaigns}"
    assert set(clashes) <= ELSEWHERE, f"schemas sharing a name: {clashes}"


def _body_ref(openapi, path: str) -> str:
    body = openapi["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return body["$ref"].rsplit("/", 1)[-1]


def test_cluster_and_council_meetings_document_their_own_bodies(openapi, db):
    cluster = _body_ref(openapi, "/api/campaigns/clusters/{cluster_id}/meetings")
    council = _body_ref(openapi, "/api/meetings/councils/{council_id}/meetings")
    assert cluster == "ClusterMeetingIn" and council != cluster
    schemas = openapi["components"]["schemas"]
    assert {"number", "held_on", "place", "agenda", "votes"} <= set(schemas[cluster]["properties"])
    assert "number" not in schemas[council]["properties"]
