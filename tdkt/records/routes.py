"""Routes of this app and what they need (merged into config/permission_map.py).

Reads take VIEW_RECORDS *or* VIEW_OWN_RECORDS at the middleware, so staff reach
their own record; the view then requires the person (own record, or a unit the
reader's role covers) with tdkt.accounts.access.require_person. Writes take
CHANGE_RECORDS and the view requires it over the person's units (or the unit)."""

from tdkt.accounts.permissions import Perm

READ = (Perm.VIEW_RECORDS, Perm.VIEW_OWN_RECORDS)
VIEW = Perm.VIEW_RECORDS
CHANGE = Perm.CHANGE_RECORDS
FORM = {"GET": CHANGE, "POST": CHANGE}

ROUTES: dict[str, object] = {
    # pages
    "records:home": {"GET": READ},
    "records:person_record": {"GET": READ},
    "records:rating_set": FORM,
    "records:discipline_add": FORM,
    "records:discipline_case_open": FORM,
    "records:discipline_case_close": FORM,
    "records:absence_add": FORM,
    "records:initiative_add": FORM,
    "records:award_add": FORM,
    "records:registration_add": FORM,
    "records:award_revoke": FORM,
    "records:unit_year": {"GET": VIEW},
    "records:unit_rating_set": FORM,
    "records:unit_discipline_case_open": FORM,
    # Excel import: a job belongs to its uploader (another user gets 404); the staff
    # list also needs CHANGE_PERSON, checked in the view.
    "records:import": {"GET": CHANGE},
    "records:import_upload": FORM,
    "records:import_job": {"GET": CHANGE},
    "records:import_job_progress": {"GET": CHANGE},
    "records:import_job_commit": {"POST": CHANGE},
    "records:import_template": {"GET": CHANGE},
    # API
    "api:records_person_record": {"GET": READ},
    "api:records_rating_list": {"POST": CHANGE},
    "api:records_discipline_list": {"POST": CHANGE},
    "api:records_discipline_case_list": {"POST": CHANGE},
    "api:records_discipline_case_close": {"POST": CHANGE},
    "api:records_unit_discipline_case_list": {"POST": CHANGE},
    "api:records_absence_list": {"POST": CHANGE},
    "api:records_initiative_list": {"POST": CHANGE},
    "api:records_award_list": {"POST": CHANGE},
    "api:records_unit_award_list": {"POST": CHANGE},
    "api:records_award_revoke": {"POST": CHANGE},
    "api:records_registration_list": {"POST": CHANGE},
    "api:records_unit_rating_list": {"POST": CHANGE},
    "api:records_import_list": {"POST": CHANGE},
    "api:records_import_job": {"GET": CHANGE},
    "api:records_import_job_commit": {"POST": CHANGE},
}
