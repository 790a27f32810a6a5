"""Routes of this app and what they need (merged into config/permission_map.py).

Transitions are open at the middleware to any of PREPARE / REVIEW / APPROVE: the
service then checks the side (sender, receiver, reviewer) on the proposal's units."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_PROPOSALS
ACT = (Perm.PREPARE_PROPOSALS, Perm.REVIEW_PROPOSALS, Perm.APPROVE_PROPOSALS)
PUBLIC = "public"

ROUTES: dict[str, object] = {
    "awards:proposal_list": {"GET": VIEW},
    "awards:round_create": {"GET": Perm.PREPARE_PROPOSALS, "POST": Perm.PREPARE_PROPOSALS},
    "awards:proposal_create": {"GET": Perm.PREPARE_PROPOSALS, "POST": Perm.PREPARE_PROPOSALS},
    "awards:item_add": {"GET": Perm.PREPARE_PROPOSALS, "POST": Perm.PREPARE_PROPOSALS},
    "awards:proposal_compile": {"POST": Perm.PREPARE_PROPOSALS},
    "awards:decision_create": {"GET": Perm.DECIDE_AWARDS, "POST": Perm.DECIDE_AWARDS},
    "awards:award_revoke": {"GET": Perm.DECIDE_AWARDS, "POST": Perm.DECIDE_AWARDS},
    "awards:proposal_detail": {"GET": VIEW},
    "awards:proposal_action": {"POST": ACT},
    "awards:dossier_upload": {"POST": Perm.PREPARE_PROPOSALS},
    "awards:dossier_file": {"GET": VIEW},
    "awards:item_review": {"POST": Perm.REVIEW_PROPOSALS},
    "awards:decision_detail": {"GET": VIEW},
    "awards:decision_docx": {"GET": VIEW},
    "awards:decision_pdf": {"GET": VIEW},
    # Ký số: the service checks DECIDE_AWARDS over the decision's issuer (tdkt/signatures).
    "awards:decision_sign": {"POST": Perm.DECIDE_AWARDS},
    "awards:decision_signed_pdf": {"GET": VIEW},
    "awards:decision_verify": {"GET": VIEW},
    "awards:certificates_pdf": {"GET": VIEW},
    "awards:certificates_batch": {"GET": VIEW},
    "awards:certificates_batch_pdf": {"GET": VIEW},
    "awards:verify": PUBLIC,
    "awards:disclosure": PUBLIC,
    # API
    "api:awards_proposal_list": {"GET": VIEW, "POST": Perm.PREPARE_PROPOSALS},
    "api:awards_proposal_detail": {"GET": VIEW},
    "api:awards_proposal_action": {"POST": ACT},
    "api:awards_decision_list": {"GET": VIEW},
    "api:awards_decision_detail": {"GET": VIEW},
    "api:awards_decision_issue": {"POST": Perm.DECIDE_AWARDS},
    "api:awards_award_revoke": {"POST": Perm.DECIDE_AWARDS},
    "api:awards_decision_docx": {"GET": VIEW},
    "api:awards_decision_pdf": {"GET": VIEW},
    "api:awards_certificates_pdf": {"GET": VIEW},
    "api:awards_round_list": {"GET": VIEW, "POST": Perm.PREPARE_PROPOSALS},
    "api:awards_item_add": {"POST": Perm.PREPARE_PROPOSALS},
    "api:awards_dossier_upload": {"POST": Perm.PREPARE_PROPOSALS},
    "api:awards_dossier_file": {"GET": VIEW},
    "api:awards_item_review": {"POST": Perm.REVIEW_PROPOSALS},
}
