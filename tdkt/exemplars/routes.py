"""Routes of this app and what they need (merged into config/permission_map.py). The register is read with
VIEW_CAMPAIGNS and kept with MANAGE_CAMPAIGNS (checked again on the unit by the services); proposing needs
PREPARE_PROPOSALS, checked by awards.services; the honour page is public and shows no personal identifiers."""

from tdkt.accounts.permissions import Perm

VIEW = Perm.VIEW_CAMPAIGNS
MANAGE = Perm.MANAGE_CAMPAIGNS

ROUTES: dict[str, object] = {
    "exemplars:exemplar_list": {"GET": VIEW},
    "exemplars:exemplar_new": {"GET": MANAGE, "POST": MANAGE},
    "exemplars:exemplar_detail": {"GET": VIEW},
    "exemplars:exemplar_advance": {"POST": MANAGE},
    "exemplars:exemplar_public": {"POST": MANAGE},
    "exemplars:exemplar_propose": {"POST": Perm.PREPARE_PROPOSALS},
    "exemplars:pledge_list": {"GET": VIEW, "POST": MANAGE},
    "exemplars:pledge_check": {"POST": MANAGE},
    "exemplars:public_page": "public",
}
