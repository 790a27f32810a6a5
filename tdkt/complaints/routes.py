"""Routes of this app and what they need (merged into config/permission_map.py). Reading takes VIEW_COMPLAINTS on
some unit, then the view requires the letter's unit; a protected sender is shown only to the letter's handlers and
resolver (selectors.can_see_identity). Actions take HANDLE_COMPLAINTS; the services check the letter's handlers."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_COMPLAINTS
HANDLE = Perm.HANDLE_COMPLAINTS

ROUTES: dict[str, object] = {
    "complaints:letter_list": {"GET": VIEW},
    "complaints:letter_new": {"GET": HANDLE, "POST": HANDLE},
    "complaints:letter_detail": {"GET": VIEW},
    "complaints:letter_assign": {"POST": HANDLE},
    "complaints:letter_accept": {"POST": HANDLE},
    "complaints:letter_not_accept": {"POST": HANDLE},
    "complaints:letter_extend": {"POST": HANDLE},
    "complaints:letter_resolve": {"POST": HANDLE},
    "complaints:letter_decision": {"GET": VIEW},
    "complaints:letter_suspend": {"POST": HANDLE},
    "complaints:letter_resume": {"POST": HANDLE},
    "api:complaints_letter_list": {"GET": VIEW, "POST": HANDLE},
    "api:complaints_letter_detail": {"GET": VIEW},
    "api:complaints_letter_accept": {"POST": HANDLE},
    "api:complaints_letter_resolve": {"POST": HANDLE},
}
