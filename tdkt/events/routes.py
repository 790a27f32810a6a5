"""Routes of this app and what they need (merged into config/permission_map.py). Reading takes VIEW_CAMPAIGNS
(every officer and teacher has it; the view shows an event to its organiser's officers and to the units it calls);
sending people and the attendance take MANAGE_CAMPAIGNS, checked again on the unit by the services."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_CAMPAIGNS
MANAGE = Perm.MANAGE_CAMPAIGNS

ROUTES: dict[str, object] = {
    "events:event_list": {"GET": VIEW},
    "events:event_new": {"GET": MANAGE, "POST": MANAGE},
    "events:event_detail": {"GET": VIEW},
    "events:attendee_add": {"POST": MANAGE},
    "events:attendance": {"GET": MANAGE},
    "events:plan": {"GET": VIEW},
    "events:attendee_remove": {"POST": MANAGE},
    "events:attendance_set": {"POST": MANAGE},
    "events:invitation": {"GET": MANAGE},
    "events:check_in": {"GET": MANAGE, "POST": MANAGE},
}
