from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Vai trò of a user on a unit. Most roles cover the unit's whole subtree."""

    ADMIN = "admin", _("Quản trị hệ thống")
    TDKT_OFFICER = "tdkt_officer", _("Cán bộ phụ trách TĐKT")
    HEAD = "head", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    SPECIALIST = "specialist", _("Chuyên viên phụ trách thi đua")
    CLUSTER_LEADER = "cluster_leader", _("Khối trưởng / cụm trưởng")
    STAFF = "staff", _("Cán bộ, giáo viên, nhân viên")
    PUBLIC = "public", _("Công chúng")


# Roles whose reach stops at the unit itself: a teacher sees her own unit's
# page (and, through VIEW_OWN_PERSON, only her own record), not the subtree.
UNIT_ONLY_ROLES = frozenset({Role.STAFF, Role.PUBLIC})
