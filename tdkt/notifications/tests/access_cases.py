"""Permission-walk cases for every notifications route × method (run by
tdkt/accounts/tests/test_permission_map.py). Every signed-in user has notifications (LOGIN), so the
walk tries anonymous only; ``allowed="nobody"`` marks routes a user without any membership may open.
Marking read writes only the reader's own notice, which the walk does not compare and no audit row
records (``writes=False``); another user's notice is a 404 (tests/test_notify.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tdkt.core.testing import Case


def _notice(w):
    from tdkt.notifications.models import Notification

    n, _created = Notification.objects.get_or_create(
        key="access-case", defaults={"kind": "job_finished", "recipient": w.users.nobody, "target_type": "org.unit",
                                     "target_id": w.school_a.pk, "url": "/", "title": "Việc nền đã xong"})
    return n.pk


def case(route: str, method: str, url: Callable, **kw: Any) -> Case:
    """A route every signed-in user may open: only anonymous is refused."""
    return Case(route, method, url, other_unit=None, wrong_role=None, allowed="nobody", **kw)


CASES = [
    case("notifications:list", "get", lambda w: reverse("notifications:list")),
    case("notifications:read", "post", lambda w: reverse("notifications:read", args=[_notice(w)]),
         data=lambda w: {}, allowed_status=(302,), writes=False),
    case("notifications:read_all", "post", lambda w: reverse("notifications:read_all"), data=lambda w: {},
         allowed_status=(302,), writes=False),
    case("notifications:preferences", "get", lambda w: reverse("notifications:preferences")),
    case("notifications:preferences", "post", lambda w: reverse("notifications:preferences"),
         data=lambda w: {"email_kinds": ["proposal_returned"], "reminder_days": "5, 1"}, allowed_status=(302,)),
    case("api:notifications_list", "get", lambda w: reverse("api:notifications_list"), anon_status=(401,)),
    case("api:notifications_read", "post", lambda w: reverse("api:notifications_read", args=[_notice(w)]),
         data=lambda w: {}, json_body=True, anon_status=(401,), writes=False),
    case("api:notifications_read_all", "post", lambda w: reverse("api:notifications_read_all"), data=lambda w: {},
         json_body=True, anon_status=(401,), writes=False),
]
