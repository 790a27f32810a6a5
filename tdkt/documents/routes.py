"""Routes of this app and what they need (merged into config/permission_map.py)."""

from tdkt.accounts.permissions import Perm

ROUTES: dict[str, object] = {
    "documents:sample_list": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:sample_download": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:template_list": {"GET": Perm.MANAGE_TEMPLATES},
    "documents:template_upload": {"GET": Perm.MANAGE_TEMPLATES, "POST": Perm.MANAGE_TEMPLATES},
    "documents:template_toggle": {"POST": Perm.MANAGE_TEMPLATES},
    "documents:template_download": {"GET": Perm.MANAGE_TEMPLATES},
    "documents:template_starter": {"GET": Perm.MANAGE_TEMPLATES},
    "documents:number_list": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:number_export": {"GET": Perm.VIEW_DOCUMENTS},
    # Background documents: the view lets only the requester (or an administrator) see a job.
    "documents:job_list": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:job_detail": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:job_progress": {"GET": Perm.VIEW_DOCUMENTS},
    "documents:job_download": {"GET": Perm.VIEW_DOCUMENTS},
    "api:document_types": {"GET": Perm.VIEW_DOCUMENTS},
    "api:document_render": {"POST": Perm.VIEW_DOCUMENTS},
    "api:document_job": {"GET": Perm.VIEW_DOCUMENTS},  # the owner only (jobs.job_of)
    "api:document_job_file": {"GET": Perm.VIEW_DOCUMENTS},
}
