"""The demo's register of exemplars (seeds 001, 002): at Tiểu học Đinh Tiên Hoàng a good deed just found, followed
by a council member, and the models the school registered in September 2026 for its year-end review. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Employment, Person
from tdkt.people.selectors import employed_q

from .demo_year import DTH

GOOD_DEED = "Cô giáo trả lại ví tiền nhặt được cho phụ huynh"


def build_demo_exemplars(*, today: dt.date | None = None) -> dict[str, int]:
    from tdkt.exemplars import services
    from tdkt.exemplars.models import Exemplar

    today = today or timezone.localdate()
    school = Unit.objects.filter(code=DTH).first()
    year = SchoolYear.objects.filter(start_date__lte=today, end_date__gte=today).first()
    if school is None or year is None or Exemplar.objects.filter(unit=school).exists():
        return {}
    officer, member = User.objects.get(username="tdkt.dth"), User.objects.get(username="hoidong1.dth")
    # A teacher without a login, the last by name (the ad-hoc round's teacher is the first).
    teacher = (Person.objects.filter(pk__in=Employment.objects.filter(employed_q(school, today)).values("person_id"),
                                     user__isnull=True).order_by("-sort_name").first())
    if teacher is None:
        return {}
    with transaction.atomic():
        services.exemplar_create(
            actor=officer, unit=school, kind="nguoi_tot_viec_tot", person=teacher, title=GOOD_DEED,
            movement="Phong trào «Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo»",
            description=f"Ngày 25/11/2026, {teacher.full_name} nhặt được ví có 12.500.000 đồng trước cổng trường và "
                        "trả lại cho phụ huynh học sinh lớp 3A.",
            evidence="Thư cảm ơn của phụ huynh ngày 26/11/2026", followers=[member], day=dt.date(2026, 11, 26))
        for title in ("Mô hình «Thư viện thân thiện»", "Giải pháp «Sổ liên lạc điện tử với phụ huynh»"):
            services.pledge_create(actor=officer, unit=school, school_year=year, title=title,
                                   registered_on=dt.date(year.start_year, 9, 20))
    return {"exemplars": 1, "pledges": 2}
