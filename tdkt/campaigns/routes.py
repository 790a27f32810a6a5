"""Routes of this app and what they need (merged into config/permission_map.py).

Running a cluster (covenant text, meetings) is open to MANAGE_CAMPAIGNS or LEAD_CLUSTER at
the middleware; the view then requires the organizing office or the leading unit
(services.can_run_cluster). The ICS feed is PUBLIC because calendar apps cannot sign in:
the view answers 404 to a wrong token."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_CAMPAIGNS
MANAGE = Perm.MANAGE_CAMPAIGNS
RUN = (Perm.MANAGE_CAMPAIGNS, Perm.LEAD_CLUSTER)

ROUTES: dict[str, object] = {
    # pages
    "campaigns:campaign_list": {"GET": VIEW},
    "campaigns:campaign_create": {"GET": MANAGE, "POST": MANAGE},
    "campaigns:campaign_detail": {"GET": VIEW},
    "campaigns:campaign_document": {"GET": VIEW},
    "campaigns:campaign_adjust": {"GET": MANAGE, "POST": MANAGE},
    "campaigns:target_report": {"POST": MANAGE},
    "campaigns:register": {"GET": Perm.REGISTER, "POST": Perm.REGISTER},
    "campaigns:innovation_create": {"GET": Perm.REGISTER, "POST": Perm.REGISTER},
    "campaigns:group_create": {"GET": MANAGE, "POST": MANAGE},
    "campaigns:innovation_detail": {"GET": VIEW},
    "campaigns:group_detail": {"GET": VIEW},
    "campaigns:submission_detail": {"GET": VIEW},
    "campaigns:submission_cover": {"GET": VIEW},
    "campaigns:submission_summary": {"GET": VIEW},
    "campaigns:submission_download": {"GET": VIEW},
    "campaigns:submission_submit": {"POST": MANAGE},
    "campaigns:submission_review": {"POST": Perm.REVIEW_SUBMISSIONS},
    "campaigns:calendar": {"GET": VIEW},
    "campaigns:calendar_token_reset": {"POST": VIEW},
    "campaigns:calendar_ics": "public",
    "campaigns:cluster_list": {"GET": VIEW},
    "campaigns:cluster_detail": {"GET": VIEW},
    "campaigns:covenant_edit": {"POST": RUN},
    "campaigns:covenant_sign": {"POST": MANAGE},
    "campaigns:meeting_record": {"GET": RUN, "POST": RUN},
    # API
    "api:campaigns_campaign_list": {"GET": VIEW, "POST": MANAGE},
    "api:campaigns_register": {"POST": Perm.REGISTER},
    "api:campaigns_progress": {"GET": VIEW},
    "api:campaigns_targets": {"POST": MANAGE},
    "api:campaigns_target": {"PATCH": MANAGE, "DELETE": MANAGE},
    "api:campaigns_milestones": {"POST": MANAGE},
    "api:campaigns_milestone": {"PATCH": MANAGE, "DELETE": MANAGE},
    "api:campaigns_deadlines": {"PATCH": MANAGE},
    "api:campaigns_changes": {"GET": VIEW},
    "api:campaigns_target_report": {"POST": MANAGE},
    "api:campaigns_submission_submit": {"POST": MANAGE},
    "api:campaigns_submission_accept": {"POST": Perm.REVIEW_SUBMISSIONS},
    "api:campaigns_submission_return": {"POST": Perm.REVIEW_SUBMISSIONS},
    "api:campaigns_covenant_set": {"POST": RUN},
    "api:campaigns_cluster_detail": {"GET": VIEW},
    "api:campaigns_covenant_sign": {"POST": MANAGE},
    "api:campaigns_meeting_record": {"POST": RUN},
}
