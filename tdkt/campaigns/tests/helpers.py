"""Plain-ORM set-up shared by the tests (no audit rows, idempotent: the permission walk
calls its URL builders several times per case)."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility.choices import AwardKind, AwardLevel, SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.models import Cluster, ClusterMember
from tdkt.records.models import Registration

from ..models import (
    Campaign,
    Covenant,
    InnovationRegistration,
    RegistrationEntry,
    RegistrationSubmission,
    TeacherGroup,
)


def award(code="ldtt", subject=SubjectKind.INDIVIDUAL, name=None):
    return AwardType.objects.get_or_create(code=code, defaults={
        "name": name or ("Lao động tiên tiến" if subject == SubjectKind.INDIVIDUAL else "Tập thể lao động tiên tiến"),
        "kind": AwardKind.TITLE, "subject": subject, "level": AwardLevel.CO_SO})[0]


def campaign(w, unit=None, name="Dạy tốt – Học tốt", **extra):
    unit = unit or w.phong
    return Campaign.objects.get_or_create(unit=unit, name=name, defaults={"school_year": w.year, **extra})[0]


def school_campaign(w):
    return campaign(w, unit=w.school_a, name="Phong trào của trường A")


def entry(w, camp=None, person=None, unit=None):
    camp = camp or campaign(w)
    person = person or w.an
    reg = Registration.objects.get_or_create(award_type=award(), school_year=w.year, person=person,
                                             defaults={"registered_on": dt.date(2025, 10, 1)})[0]
    return RegistrationEntry.objects.get_or_create(registration=reg, defaults={"campaign": camp,
                                                                               "unit": unit or w.group_a})[0]


def submission(w, status="submitted"):
    entry(w)
    return RegistrationSubmission.objects.get_or_create(campaign=campaign(w), unit=w.school_a,
                                                        defaults={"status": status})[0]


def cluster(w, name="Khối Tiểu học 1", members=("school_a", "school_c"), leader="school_a", year=None):
    c = Cluster.objects.get_or_create(school_year=year or w.year, organizer=w.phong, name=name,
                                      defaults={"kind": "khoi", "leader": getattr(w, leader) if leader else None})[0]
    for m in members:
        unit = getattr(w, m)
        ClusterMember.objects.get_or_create(cluster=c, unit=unit, defaults={"school_year": c.school_year,
                                                                            "kind": c.kind})
    return c


def covenant(w, c=None):
    c = c or cluster(w)
    return Covenant.objects.get_or_create(cluster=c, defaults={"text": "Giao ước thi đua năm học."})[0]


INNOVATION = {"assigned_task": "Chủ nhiệm lớp 3A", "field": "Phương pháp giảng dạy",
              "current_problem": "Học sinh ngại đọc", "goal": "Tăng hứng thú đọc", "expected_results": "80% đọc tốt",
              "timeline": "Tháng 10/2025 – tháng 4/2026", "steps": "Khảo sát; thử nghiệm; đánh giá",
              "dissemination_scope": "Tổ khối 3"}

GROUP = {"shared_task": "Dạy Toán lớp 3", "issue": "Giải toán có lời văn", "situation": "Học sinh còn yếu",
         "strengths": "Nhiệt tình", "weaknesses": "Ít thời gian", "approach": "Sinh hoạt chuyên môn theo nghiên cứu bài học",
         "expected_results": "Tỷ lệ đạt tăng 10%", "timeline": "Học kỳ I"}


def innovation(w):
    camp = school_campaign(w)
    return InnovationRegistration.objects.get_or_create(campaign=camp, person=w.an,
                                                        defaults={"unit": w.group_a, **INNOVATION})[0]


def group(w):
    camp = school_campaign(w)
    g, created = TeacherGroup.objects.get_or_create(campaign=camp, unit=w.school_a, defaults=GROUP)
    if created:
        g.members.set([w.an, w.binh])
    return g
