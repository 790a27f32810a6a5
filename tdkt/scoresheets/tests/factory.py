"""A small sheet on the test world: the Phòng defines it for primary schools; schools A and B are one cluster."""

from __future__ import annotations

from decimal import Decimal

from tdkt.org.choices import ClusterKind
from tdkt.org.models import Cluster, ClusterMember

from .. import services

TEXT = """1 | Công tác chính trị, tư tưởng
1.1 | Thực hiện cuộc vận động | 10 | | x | Có kế hoạch, báo cáo
1.2 | Xây dựng trường học hạnh phúc | 20
2 | Điểm cộng, điểm trừ | | mục
2.1 | Cụm trưởng tổ chức hoạt động cụm tốt | 5 | cộng
2.2 | Vi phạm chế độ báo cáo | 3 | trừ"""


def sheet(w, *, activate=True, rule="reviewer", threshold=Decimal(3)):
    s = services.sheet_create(actor=w.users.office_officer, owner=w.phong, school_year=w.year,
                              unit_type=w.types["truong-th"], title="Bảng điểm thi đua trường tiểu học",
                              final_rule=rule, gap_threshold=threshold)
    services.criteria_import(actor=w.users.office_officer, sheet=s, rows=services.parse_text(TEXT))
    if activate:
        services.sheet_activate(actor=w.users.office_officer, sheet=s)
    return s


def cluster(w):
    c = Cluster.objects.create(school_year=w.year, organizer=w.phong, kind=ClusterKind.CUM, name="Cụm tiểu học 1",
                               leader=w.school_a)
    for u in (w.school_a, w.school_b):
        ClusterMember.objects.create(cluster=c, unit=u, school_year=w.year, kind=ClusterKind.CUM)
    return c


def crit(s, code):
    return s.criteria.get(code=code)


def filled(w, s, unit=None, user=None, points=None):
    """A submitted self-assessment: 1.1=8 (with evidence), 1.2=18, bonus 2, penalty 1 → 27."""
    unit, user = unit or w.school_a, user or w.users.officer_a
    a = services.assessment_start(actor=user, sheet=s, unit=unit)
    for code, p in (points or {"1.1": "8", "1.2": "18", "2.1": "2", "2.2": "1"}).items():
        services.score_save(actor=user, assessment=a, criterion=crit(s, code), points=Decimal(p),
                            evidence="https://example.org/minh-chung" if code == "1.1" else "")
    return services.assessment_submit(actor=user, assessment=a)
