"""Routes of this app and what they need (merged into config/permission_map.py).

Running a meeting (attendance, opening and closing questions, show-of-hands
counts, written opinions, closing the meeting) is open to MANAGE_MEETINGS *or*
VOTE at the middleware: the unit's officers run meetings, and so do the
meeting's own chair and secretary, who are council members. The view then
requires one of the two on this meeting (selectors.can_run).

Casting a ballot is open to any signed-in user at the middleware (LOGIN): one
votes because one sits on the council, whatever one's roles — the principal
chairs it, the TĐKT officer is its secretary, and neither holds VOTE. The view
and the service then refuse (403) anyone without an active seat on *this*
council on the meeting day. The meeting page is LOGIN for the same reason: the
view shows it to those who may view the council's unit and to its members."""

from tdkt.accounts.permissions import Perm

LOGIN = "login"  # config.permission_map.LOGIN (that module imports this one)

VIEW = Perm.VIEW_MEETINGS
MANAGE = Perm.MANAGE_MEETINGS
RUN = (Perm.MANAGE_MEETINGS, Perm.VOTE)

ROUTES: dict[str, object] = {
    # pages
    "meetings:council_list": {"GET": VIEW},
    "meetings:council_create": {"GET": MANAGE, "POST": MANAGE},
    "meetings:rule_list": {"GET": VIEW},
    "meetings:council_detail": {"GET": VIEW},
    "meetings:member_add": {"GET": MANAGE, "POST": MANAGE},
    "meetings:member_replace": {"GET": MANAGE, "POST": MANAGE},
    "meetings:meeting_create": {"GET": MANAGE, "POST": MANAGE},
    "meetings:meeting_detail": LOGIN,
    "meetings:attendance": {"POST": RUN},
    "meetings:agenda_from_registrations": {"POST": MANAGE},
    "meetings:question_create": {"GET": MANAGE, "POST": MANAGE},
    "meetings:meeting_close": {"POST": RUN},
    "meetings:meeting_finalize": {"POST": MANAGE},
    "meetings:meeting_move": {"POST": MANAGE},
    "meetings:minutes_download": {"GET": VIEW},
    "meetings:question_list_split": {"POST": MANAGE},
    "meetings:question_open": {"POST": RUN},
    "meetings:open_count": {"POST": RUN},
    "meetings:question_close": {"POST": RUN},
    "meetings:ballot_cast": LOGIN,
    "meetings:absentee_opinions": {"GET": RUN, "POST": RUN},
    # API
    "api:meetings_rule_list": {"GET": VIEW},
    "api:meetings_council_list": {"GET": VIEW, "POST": MANAGE},
    "api:meetings_council_detail": {"GET": VIEW},
    "api:meetings_member_list": {"POST": MANAGE},
    "api:meetings_member_replace": {"POST": MANAGE},
    "api:meetings_meeting_list": {"POST": MANAGE},
    "api:meetings_meeting_detail": LOGIN,
    "api:meetings_attendance": {"POST": RUN},
    "api:meetings_agenda_from_registrations": {"POST": MANAGE},
    "api:meetings_question_list": {"POST": MANAGE},
    "api:meetings_meeting_close": {"POST": RUN},
    "api:meetings_meeting_finalize": {"POST": MANAGE},
    "api:meetings_results": {"GET": VIEW},
    "api:meetings_question_list_split": {"POST": MANAGE},
    "api:meetings_question_open": {"POST": RUN},
    "api:meetings_open_count": {"POST": RUN},
    "api:meetings_question_close": {"POST": RUN},
    "api:meetings_ballot": LOGIN,
    "api:meetings_absentee_opinions": {"POST": RUN},
}
