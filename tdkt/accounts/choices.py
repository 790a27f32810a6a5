from django.db import models


class Role(models.TextChoices):
    """Vai trò of a user on a unit. Most roles cover the unit's whole subtree."""

    ADMIN = "admin", "Quản trị hệ thống"
    TDKT_OFFICER = "tdkt_officer", "Cán bộ phụ trách TĐKT"
    HEAD = "head", "Thủ trưởng đơn vị"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐKT"
    SPECIALIST = "specialist", "Chuyên viên phụ trách thi đua"
    CLUSTER_LEADER = "cluster_leader", "Khối trưởng / cụm trưởng"
    STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
    PUBLIC = "public", "Công chúng"


# Roles whose reach stops at the unit itself: a teacher sees her own unit's
# page (and, through VIEW_OWN_PERSON, only her own record), not the subtree.
UNIT_ONLY_ROLES = frozenset({Role.STAFF, Role.PUBLIC})
