"""Cases of the permission-map walk for the accounts API (users and roles). Only an administrator
may manage access; the world's administrator is the superuser."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tdkt.core.testing import Case

# Options shared by several Cases, spread in with **: typed as Any, since a dict of mixed values is a
# dict[str, object] to mypy, which no Case field accepts.
_ADMIN: dict[str, Any] = dict(allowed="admin", other_unit=None, wrong_role="officer_a", anon_status=(401,),
              extra_refused=["head_a"])

CASES = [
    Case("api:user_list", "get", lambda w: reverse("api:user_list"), **_ADMIN),
    Case("api:user_list", "post", lambda w: reverse("api:user_list"), json_body=True, allowed_status=(201,),
         data=lambda w: {"username": "giaovien.moi", "display_name": "Giáo viên mới"}, **_ADMIN),
    Case("api:user_detail", "get", lambda w: reverse("api:user_detail", args=[w.users.staff_a.pk]), **_ADMIN),
    Case("api:user_detail", "patch", lambda w: reverse("api:user_detail", args=[w.users.staff_a.pk]),
         json_body=True, data=lambda w: {"is_active": False, "reason": "nghỉ việc"}, **_ADMIN),
    Case("api:membership_list", "post", lambda w: reverse("api:membership_list", args=[w.users.staff_a.pk]),
         json_body=True, allowed_status=(201,),
         data=lambda w: {"unit_id": w.school_a.pk, "role": "council_member"}, **_ADMIN),
    Case("api:membership_end", "post",
         lambda w: reverse("api:membership_end", args=[w.users.council_a.memberships.get().pk]),
         json_body=True, data=lambda w: {"reason": "hết nhiệm kỳ"}, **_ADMIN),
]

# Every signed-in account changes its own password (nobody included: an account with no role yet).
_OWN: dict[str, Any] = dict(allowed="nobody", other_unit=None, wrong_role=None)
CASES += [
    Case("accounts:password_change", "get", lambda w: reverse("accounts:password_change"), **_OWN),
    Case("accounts:password_change", "post", lambda w: reverse("accounts:password_change"), allowed_status=(302,),
         data=lambda w: {"old_password": "pw-test-123", "new_password1": "Thi-dua-2026!", "new_password2": "Thi-dua-2026!"},
         **_OWN),
    Case("accounts:password_change_done", "get", lambda w: reverse("accounts:password_change_done"), **_OWN),
    Case("accounts:two_factor_setup", "get", lambda w: reverse("accounts:two_factor_setup"), **_OWN),
    Case("accounts:two_factor_verify", "get", lambda w: reverse("accounts:two_factor_verify"), **_OWN),
]
