"""Routes of this app and what they need (merged into config/permission_map.py). Reading takes VIEW_CAMPAIGNS;
defining a sheet and scoring one's own unit take MANAGE_CAMPAIGNS; reviewing takes REVIEW_SUBMISSIONS (the office's
specialist) or MANAGE_CAMPAIGNS (a cluster member cross-scoring); publishing a ranking MANAGE_CAMPAIGNS or
LEAD_CLUSTER. The views and services check the object's own unit again."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_CAMPAIGNS
MANAGE = Perm.MANAGE_CAMPAIGNS
REVIEW = (Perm.REVIEW_SUBMISSIONS, Perm.MANAGE_CAMPAIGNS)
PUBLISH = (Perm.MANAGE_CAMPAIGNS, Perm.LEAD_CLUSTER)

ROUTES: dict[str, object] = {
    "scoresheets:sheet_list": {"GET": VIEW},
    "scoresheets:sheet_new": {"GET": MANAGE, "POST": MANAGE},
    "scoresheets:sheet_detail": {"GET": VIEW},
    "scoresheets:criteria_import": {"POST": MANAGE},
    "scoresheets:sheet_activate": {"POST": MANAGE},
    "scoresheets:sheet_version": {"POST": MANAGE},
    "scoresheets:assessment_start": {"POST": MANAGE},
    "scoresheets:assessment_fill": {"GET": VIEW},
    "scoresheets:score_save": {"POST": MANAGE},
    "scoresheets:assessment_submit": {"POST": MANAGE},
    "scoresheets:assessment_review": {"GET": VIEW, "POST": REVIEW},
    "scoresheets:final_set": {"POST": MANAGE},
    "scoresheets:ranking": {"GET": VIEW},
    "scoresheets:ranking_publish": {"POST": PUBLISH},
    "api:scoresheets_sheet": {"GET": VIEW},
    "api:scoresheets_assessment": {"GET": VIEW},
    "api:scoresheets_ranking": {"GET": VIEW},
}
