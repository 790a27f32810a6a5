"""The demo's score sheet (seed 003, on today's map): UBND phường Sài Gòn defines the self-assessment sheet for
the primary schools of its cụm thi đua for the current school year, with a few criteria (one needs evidence, the
cluster leader's bonus capped at 5, a penalty) and puts it in use; Tiểu học Đinh Tiên Hoàng has started scoring.
Idempotent: nothing is made when the ward already has a sheet for the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.org.models import Cluster, SchoolYear, Unit, UnitType

from .demo import WARD_CODE, school_code

TITLE = "Bảng điểm tự đánh giá thi đua trường tiểu học"
CRITERIA = """1 | Thực hiện nhiệm vụ chính trị, tư tưởng | | mục
1.1 | Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh | 10 | | x | Có kế hoạch, báo cáo sơ kết, tổng kết
1.2 | Thực hiện quy chế dân chủ, «Dân chủ - Kỷ cương - Tình thương - Trách nhiệm» | 10
2 | Chất lượng giáo dục | | mục
2.1 | Triển khai Chương trình GDPT 2018 | 20 | | x | Kết quả kiểm tra chuyên môn, minh chứng lưu tại trường
2.2 | Chuyển đổi số, ứng dụng CNTT trong dạy học | 10
3 | Công tác thi đua, khen thưởng | | mục
3.1 | Đăng ký thi đua, ký kết giao ước, nộp hồ sơ đúng hạn | 10
3.2 | Cụm trưởng tổ chức hoạt động cụm có cách làm tốt, đổi mới, sáng tạo | 5 | cộng | | Tối đa 5 điểm (Hướng dẫn 1382/HD-GDĐT, mục IV.2.2)
3.3 | Nộp hồ sơ, báo cáo trễ hạn | 5 | trừ | | Mỗi lần trễ hạn trừ 1 điểm"""


def build_demo_scores(*, today: dt.date | None = None) -> dict[str, int]:
    from tdkt.org.choices import SchoolLevel
    from tdkt.scoresheets import services
    from tdkt.scoresheets.models import Sheet

    today = today or timezone.localdate()
    ward = Unit.objects.filter(code=WARD_CODE).first()
    year = SchoolYear.objects.filter(start_date__lte=today, end_date__gte=today).first()
    dth = Unit.objects.filter(code=school_code("Đinh Tiên Hoàng", SchoolLevel.TIEU_HOC)).first()
    if ward is None or year is None or dth is None or not Cluster.objects.filter(school_year=year,
                                                                                 organizer=ward).exists():
        return {}
    if Sheet.objects.filter(owner=ward, school_year=year).exists():
        return {}
    officer, school = User.objects.get(username="tdkt.saigon"), User.objects.get(username="tdkt.dth")
    with transaction.atomic():
        sheet = services.sheet_create(actor=officer, owner=ward, school_year=year,
                                      unit_type=UnitType.objects.get(code="truong-th"), title=TITLE,
                                      final_rule="reviewer", gap_threshold=Decimal(5))
        services.criteria_import(actor=officer, sheet=sheet, rows=services.parse_text(CRITERIA))
        services.sheet_activate(actor=officer, sheet=sheet)
        a = services.assessment_start(actor=school, sheet=sheet, unit=dth)
        for code, points, evidence in (("1.1", "9", "Kế hoạch số 12/KH-THĐTH; báo cáo sơ kết học kỳ I"),
                                       ("1.2", "10", "")):
            services.score_save(actor=school, assessment=a, criterion=sheet.criteria.get(code=code),
                                points=Decimal(points), evidence=evidence)
    return {"score_sheets": 1, "score_assessments": 1}
