"""Walk the permission map: every route is declared, and every declared route is
tried as anonymous, as another unit, as the same unit with the wrong role and
with the right role. Every refusal leaves the database exactly as it was."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.permission_map import NAMESPACE_RULES, PERMISSION_MAP
from tdkt.accounts.models import Membership
from tdkt.audit.models import AuditEvent
from tdkt.core.testing import Case
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person


def all_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns)
    return names


def db_state():
    """Everything a refused request could have touched."""
    return (
        list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "code", "active_to")),
        list(Person.objects.order_by("pk").values_list("pk", "family_name", "given_name", "national_id")),
        list(Employment.objects.order_by("pk").values_list("pk", "person_id", "unit_id", "start_date", "end_date")),
        list(Membership.objects.order_by("pk").values_list("pk", "user_id", "unit_id", "role")),
        AuditEvent.objects.count(),
    )


def unit_form(w, **over):
    data = {"name": "Tổ Tiếng Anh", "code": "TH-A-TA", "unit_type": w.types["to-chuyen-mon"].pk}
    data.update(over)
    return data


def person_form(w):
    return {"family_name": "Vũ", "middle_name": "Thị", "given_name": "Yến", "unit": w.group_a.pk,
            "position": "giao_vien", "start_date": "2025-09-05"}


CASES = [
    Case("org:unit_tree", "get", lambda w: reverse("org:unit_tree"), other_unit=None, wrong_role="public_a"),
    Case("org:unit_detail", "get", lambda w: reverse("org:unit_detail", args=[w.school_a.pk]),
         allowed="council_a", wrong_role="public_a"),
    Case("org:unit_create", "get", lambda w: reverse("org:unit_create", args=[w.school_a.pk])),
    Case("org:unit_create", "post", lambda w: reverse("org:unit_create", args=[w.school_a.pk]),
         data=unit_form, allowed_status=(302,)),
    Case("org:unit_edit", "get", lambda w: reverse("org:unit_edit", args=[w.school_a.pk])),
    Case("org:unit_edit", "post", lambda w: reverse("org:unit_edit", args=[w.school_a.pk]),
         data=lambda w: unit_form(w, name="Trường TH Đinh Tiên Hoàng (mới)", code="TH-A",
                                  unit_type=w.types["truong-th"].pk),
         allowed_status=(302,)),
    Case("org:unit_staff_year", "get", lambda w: reverse("org:unit_staff_year", args=[w.school_a.pk]),
         allowed="council_a", wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("people:person_list", "get", lambda w: reverse("people:person_list"), other_unit=None,
         wrong_role="staff_a"),
    Case("people:person_detail", "get", lambda w: reverse("people:person_detail", args=[w.an.pk]),
         allowed="council_a", wrong_role="public_a", extra_refused=["specialist_mn"]),
    Case("people:person_create", "get", lambda w: reverse("people:person_create"), other_unit=None),
    Case("people:person_create", "post", lambda w: reverse("people:person_create"), data=person_form,
         allowed_status=(302,), other_unit=None, extra_refused=["staff_a", "council_a"]),
    Case("people:person_edit", "get", lambda w: reverse("people:person_edit", args=[w.an.pk])),
    Case("people:person_edit", "post", lambda w: reverse("people:person_edit", args=[w.an.pk]),
         data=lambda w: {"family_name": "Nguyễn", "middle_name": "Văn", "given_name": "Ân"}, allowed_status=(302,)),
    Case("people:employment_add", "get", lambda w: reverse("people:employment_add", args=[w.an.pk])),
    Case("people:employment_add", "post", lambda w: reverse("people:employment_add", args=[w.an.pk]),
         data=lambda w: {"unit": w.school_a.pk, "position": "to_truong", "start_date": "2025-09-05"},
         allowed_status=(302,)),
    Case("audit:event_list", "get", lambda w: reverse("audit:event_list"), allowed="admin", other_unit=None,
         wrong_role="officer_a"),
    # API
    Case("api:unit_list", "get", lambda w: reverse("api:unit_list"), other_unit=None, wrong_role="public_a",
         anon_status=(401,)),
    Case("api:unit_list", "post", lambda w: reverse("api:unit_list"), json_body=True, anon_status=(401,),
         data=lambda w: {"parent_id": w.school_a.pk, "code": "TH-A-TA", "name": "Tổ Tiếng Anh",
                         "unit_type": "to-chuyen-mon"}, allowed_status=(201,)),
    Case("api:unit_detail", "get", lambda w: reverse("api:unit_detail", args=[w.school_a.pk]),
         allowed="council_a", wrong_role="public_a", anon_status=(401,)),
    Case("api:person_list", "get", lambda w: reverse("api:person_list"), other_unit=None, wrong_role="staff_a",
         anon_status=(401,)),
    Case("api:person_list", "post", lambda w: reverse("api:person_list"), json_body=True, anon_status=(401,),
         data=lambda w: {"family_name": "Vũ", "given_name": "Yến", "unit_id": w.group_a.pk,
                         "start_date": "2025-09-05"}, allowed_status=(201,)),
    Case("api:person_detail", "get", lambda w: reverse("api:person_detail", args=[w.an.pk]),
         allowed="staff_a", wrong_role="public_a", anon_status=(401,)),
    Case("api:person_detail", "patch", lambda w: reverse("api:person_detail", args=[w.an.pk]), json_body=True,
         data=lambda w: {"phone": "0909000111"}, anon_status=(401,), extra_refused=["staff_a"]),
    Case("api:employment_list", "post", lambda w: reverse("api:employment_list", args=[w.an.pk]),
         json_body=True, anon_status=(401,), allowed_status=(201,),
         data=lambda w: {"unit_id": w.school_a.pk, "position": "to_truong", "start_date": "2025-09-05"}),
    Case("api:me", "get", lambda w: reverse("api:me"), other_unit=None, wrong_role=None, anon_status=(401,),
         allowed="nobody"),
    Case("core:home", "get", lambda w: reverse("core:home"), other_unit=None, wrong_role=None, allowed="nobody"),
]

def _app_cases():
    """Apps contribute their own cases in ``tdkt/<app>/tests/access_cases.py`` (``CASES``)."""
    import importlib

    extra = []
    for app in ("accounts", "org", "records", "eligibility", "documents", "meetings", "campaigns", "awards",
                "notifications", "reportcheck", "dashboards", "complaints", "events", "exemplars", "scoresheets",
                "signatures"):
        try:
            module = importlib.import_module(f"tdkt.{app}.tests.access_cases")
        except ModuleNotFoundError:
            continue
        extra.extend(module.CASES)
    return extra


CASES += _app_cases()

PUBLIC_ROUTES = ["notifications:unsubscribe", "awards:verify", "awards:disclosure", "accounts:login", "core:health", "core:favicon", "api:api-root", "api:openapi-json", "api:openapi-view",
                 "accounts:password_reset", "accounts:password_reset_done", "accounts:password_reset_complete"]
# Public routes whose URL needs arguments: the reset link's signed token (tdkt/accounts/tests/test_passwords.py).
PUBLIC_WITH_ARGS = {"accounts:password_reset_confirm"}


@pytest.fixture
def w(world):
    return world


def test_every_route_is_in_the_map():
    routes = all_route_names()
    missing = {r for r in routes if r not in PERMISSION_MAP and r.split(":", 1)[0] not in NAMESPACE_RULES}
    assert not missing, f"routes without a declared permission: {sorted(missing)}"
    stale = set(PERMISSION_MAP) - routes
    assert not stale, f"map entries for routes that do not exist: {sorted(stale)}"


def test_every_guarded_route_has_a_case():
    covered = ({c.route for c in CASES} | set(PUBLIC_ROUTES) | PUBLIC_WITH_ARGS | set(PUBLIC_OBJECT_PAGES)
               | {"accounts:logout", "set_language"})
    assert set(PERMISSION_MAP) <= covered, sorted(set(PERMISSION_MAP) - covered)
    for route, rule in PERMISSION_MAP.items():
        if isinstance(rule, dict):
            methods = {c.method.upper() for c in CASES if c.route == route}
            assert methods == set(rule), f"{route}: cases for {methods}, map declares {set(rule)}"


def _send(client: Client, case: Case, w):
    url = case.url(w)
    fn = getattr(client, case.method)
    if case.data is None:
        return fn(url)
    data = case.data(w)
    if case.json_body:
        return fn(url, data=json.dumps(data), content_type="application/json")
    return fn(url, data=data)


def _client_for(w, who: str | None) -> Client:
    client = Client()
    if who:
        client.force_login(getattr(w.users, who))
    return client


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.route}-{c.method}")
def test_route_access(w, case: Case):
    refused: list[tuple[str, str | None, tuple[int, ...]]] = [("anonymous", None, case.anon_status)]
    if case.other_unit:
        refused.append(("other unit", case.other_unit, (403,)))
    if case.wrong_role:
        refused.append(("wrong role", case.wrong_role, (403,)))
    refused += [("outside scope", who, (403,)) for who in case.extra_refused]
    if case.allowed != "nobody":  # pages every signed-in user has (home, api:me, notifications)
        refused.append(("no membership", "nobody", (403,)))
    for label, who, statuses in refused:
        before = db_state()
        response = _send(_client_for(w, who), case, w)
        assert response.status_code in statuses, f"{label} ({who}): got {response.status_code}"
        if response.status_code == 302:
            assert "/tai-khoan/dang-nhap/" in response["Location"]
        assert db_state() == before, f"{label} ({who}) changed the database"
    before = db_state()
    response = _send(_client_for(w, case.allowed), case, w)
    assert response.status_code in case.allowed_status, (
        f"allowed ({case.allowed}): got {response.status_code}: {response.content[:500]!r}")
    if case.method != "get" and not case.writes:
        assert db_state() == before, "a POST that only computes changed the database"
    elif case.method != "get":
        assert db_state() != before, "the allowed write changed nothing"
        assert AuditEvent.objects.count() > before[-1], "the allowed write left no audit row"


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_public_routes_open(db, route):
    assert Client().get(reverse(route)).status_code == 200


# Public pages of one object: the URL takes the world.
PUBLIC_OBJECT_PAGES = {"exemplars:public_page": lambda w: reverse("exemplars:public_page", args=[w.school_a.pk])}


@pytest.mark.parametrize("route", sorted(PUBLIC_OBJECT_PAGES))
def test_public_pages_of_an_object_open(w, route):
    assert Client().get(PUBLIC_OBJECT_PAGES[route](w)).status_code == 200


def test_refusal_page_is_vietnamese(w):
    client = _client_for(w, "officer_b")
    response = client.get(reverse("org:unit_detail", args=[w.school_a.pk]))
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()
