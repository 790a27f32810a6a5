"""Routes of this app and what they need (merged into config/permission_map.py).

Reading a person's verdicts or roadmap is open to VIEW_ELIGIBILITY or
VIEW_OWN_RECORDS at the middleware; the view then calls ``require_person`` with
VIEW_ELIGIBILITY, which lets staff through for their own record only. A stored
run is shown to those who may see its unit, and to staff for their own verdicts."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_ELIGIBILITY
VIEW_OR_OWN = (Perm.VIEW_ELIGIBILITY, Perm.VIEW_OWN_RECORDS)

ROUTES: dict[str, object] = {
    "api:eligibility_catalogue": {"GET": VIEW_OR_OWN},
    "api:eligibility_person_verdicts": {"GET": VIEW_OR_OWN},
    "api:eligibility_person_verdict": {"GET": VIEW_OR_OWN},
    "api:eligibility_person_roadmap": {"GET": VIEW_OR_OWN},
    "api:eligibility_unit_table": {"GET": VIEW},
    "api:eligibility_quota": {"GET": VIEW},
    "api:eligibility_local_quotas": {"GET": VIEW},
    "api:eligibility_unit_roadmap": {"GET": VIEW},
    "api:eligibility_impact": {"GET": VIEW},
    "api:eligibility_runs": {"POST": Perm.RUN_ELIGIBILITY},
    "api:eligibility_run_detail": {"GET": VIEW_OR_OWN},
    "eligibility:person": {"GET": VIEW_OR_OWN},
    "eligibility:unit": {"GET": VIEW},
    # A fresh stored run of the unit's subtree (inline when small, else a background job), and its progress
    # bar, which anyone who reads the unit's verdicts may watch (it shows counts only).
    "eligibility:run": {"POST": Perm.RUN_ELIGIBILITY},
    "eligibility:run_progress": {"GET": VIEW},
    "eligibility:impact": {"GET": VIEW},
    # Anyone who reads the unit's verdicts sees the caps reaching it; setting the unit's own caps needs
    # DECIDE_AWARDS over it (the service checks the unit).
    "eligibility:local_quotas": {"GET": VIEW, "POST": Perm.DECIDE_AWARDS},
}
