"""Routes of the accounts app and what they need (merged into config/permission_map.py). The services
check that the actor reaches the units concerned."""

from tdkt.accounts.permissions import Perm

ROUTES: dict[str, object] = {
    "api:user_list": {"GET": Perm.MANAGE_ACCESS, "POST": Perm.MANAGE_ACCESS},
    "api:user_detail": {"GET": Perm.MANAGE_ACCESS, "PATCH": Perm.MANAGE_ACCESS},
    "api:membership_list": {"POST": Perm.MANAGE_ACCESS},
    "api:membership_end": {"POST": Perm.MANAGE_ACCESS},
}
