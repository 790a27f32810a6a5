"""Navigation flags: show a user only the menu entries their roles can open."""

from tdkt.accounts.access import has_perm_anywhere
from tdkt.accounts.permissions import Perm


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    reads_records = has_perm_anywhere(user, Perm.VIEW_RECORDS)
    reads_own = reads_records or has_perm_anywhere(user, Perm.VIEW_OWN_RECORDS)
    return {
        "nav": {
            "units": has_perm_anywhere(user, Perm.VIEW_UNIT),
            "people": has_perm_anywhere(user, Perm.VIEW_PERSON),
            "my_person": person,
            "records": reads_own,
            "dashboards": reads_records,
            "lookup": reads_own,
            "reportcheck": reads_own,
            "campaigns": has_perm_anywhere(user, Perm.VIEW_CAMPAIGNS),
            "meetings": has_perm_anywhere(user, Perm.VIEW_MEETINGS) or has_perm_anywhere(user, Perm.VOTE),
            "awards": has_perm_anywhere(user, Perm.VIEW_PROPOSALS),
            "documents": has_perm_anywhere(user, Perm.VIEW_DOCUMENTS),
            "complaints": has_perm_anywhere(user, Perm.VIEW_COMPLAINTS),
            "events": has_perm_anywhere(user, Perm.MANAGE_CAMPAIGNS),
            "exemplars": has_perm_anywhere(user, Perm.MANAGE_CAMPAIGNS),
            "scoresheets": has_perm_anywhere(user, Perm.VIEW_CAMPAIGNS),
        }
    }
