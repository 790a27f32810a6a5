"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py).

Every route is a read: officers of school A reach school A (and its people), officers of
school B do not; staff reach the look-up and their own history only; a pre-school
specialist does not reach a primary school."""

from django.urls import reverse

from tdkt.core.testing import Case


def _overview(w):
    return reverse("dashboards:overview") + f"?unit={w.school_a.pk}"


def _person(name):
    return lambda w: reverse(name, args=[w.an.pk])


def _unit(name):
    return lambda w: reverse(name, args=[w.school_a.pk])


CASES = [
    Case("dashboards:overview", "get", _overview, wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("dashboards:lookup", "get", lambda w: reverse("dashboards:lookup") + "?q=nguyen", other_unit=None,
         wrong_role="public_a"),
    Case("dashboards:person_history", "get", _person("dashboards:person_history"), allowed="staff_a",
         wrong_role="public_a", extra_refused=["specialist_mn"]),
    Case("dashboards:unit_history", "get", _unit("dashboards:unit_history"), wrong_role="staff_a",
         extra_refused=["specialist_mn"]),
    # API
    Case("api:stats_overview", "get", lambda w: reverse("api:stats_overview") + f"?unit={w.school_a.pk}",
         wrong_role="staff_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:stats_lookup", "get", lambda w: reverse("api:stats_lookup") + "?q=nguyen", other_unit=None,
         wrong_role="public_a", anon_status=(401,)),
    Case("api:stats_person_history", "get", _person("api:stats_person_history"), allowed="staff_a",
         wrong_role="public_a", anon_status=(401,), extra_refused=["specialist_mn"]),
    Case("api:stats_unit_history", "get", _unit("api:stats_unit_history"), wrong_role="staff_a",
         anon_status=(401,), extra_refused=["specialist_mn"]),
]
