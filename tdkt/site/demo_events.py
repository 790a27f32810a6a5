"""The demo's training (seed 004, on today's map): the Sở GD&ĐT TP.HCM calls every ward and commune (15 each:
01 leader, 01 TĐKT officer, 13 school managers and teachers) and every unit under it (2 each) to a training on TĐKT
at the end of December 2026. Phường Sài Gòn has already sent its 13 school staff; its leader and officer are for
the officer to add. Idempotent: nothing is made when the Sở already has the event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.org.models import Unit, UnitType

from .demo import SO_CODE, WARD_CODE

TITLE = "Tập huấn công tác thi đua, khen thưởng năm 2026 theo Nghị định 152/2025/NĐ-CP"


def build_demo_events(*, today: dt.date | None = None) -> dict[str, int]:
    from tdkt.events import services
    from tdkt.events.models import Event
    from tdkt.people.models import Employment
    from tdkt.people.selectors import employed_q

    today = today or timezone.localdate()
    so, ward = Unit.objects.filter(code=SO_CODE).first(), Unit.objects.filter(code=WARD_CODE).first()
    if so is None or ward is None or Event.objects.filter(organiser=so, title=TITLE).exists():
        return {}
    starts = timezone.make_aware(dt.datetime.combine(max(today, dt.date(2026, 12, 1)) + dt.timedelta(days=21),
                                                     dt.time(8, 0)))
    officer = User.objects.get(username="tdkt.sgddt")
    with transaction.atomic():
        event = services.event_create(
            actor=officer, organiser=so, scope=Unit.objects.get_parent(so) or so, title=TITLE,
            purpose="Giúp cán bộ quản lý, giáo viên nắm được các quy định mới về thi đua, khen thưởng.\n"
                    "Tháo gỡ vướng mắc, nâng cao chất lượng hồ sơ đề nghị khen thưởng.",
            content="Những điểm mới của Nghị định 152/2025/NĐ-CP và thẩm quyền khen thưởng sau sắp xếp chính quyền "
                    "hai cấp\nTiêu chuẩn, hồ sơ, thủ tục xét khen thưởng các cấp\nKỹ năng viết báo cáo thành tích, "
                    "lỗi thường gặp",
            starts_at=starts, place="Hội trường Sở Giáo dục và Đào tạo, 66-68 Lê Thánh Tôn, phường Sài Gòn",
            speakers="Ban Thi đua – Khen thưởng Thành phố", registration_deadline=starts.date() - dt.timedelta(days=7),
            budget="Kinh phí ăn, nghỉ, đi lại của cán bộ, giáo viên thực hiện theo chế độ tài chính hiện hành.",
            quotas=[
                {"unit_type": UnitType.objects.get(code="ubnd-xa"), "label": "UBND xã, phường",
                 "parts": [("lãnh đạo phụ trách công tác thi đua, khen thưởng", 1),
                           ("cán bộ phụ trách công tác thi đua, khen thưởng", 1),
                           ("cán bộ quản lý, giáo viên phụ trách thi đua, khen thưởng của các trường trên địa bàn", 13)]},
                {"unit_type": UnitType.objects.get(code="truong-thpt"), "label": "Các trường THPT thuộc Sở",
                 "parts": [("cán bộ quản lý", 1), ("giáo viên phụ trách thi đua, khen thưởng", 1)]},
            ])
        staff_part = event.quotas.get(unit_type__code="ubnd-xa").parts.order_by("id").last()
        assert staff_part is not None
        ward_officer = User.objects.get(username="tdkt.saigon")
        # The schools' managers and teachers (their posts sit in the schools and their groups, not in the ward).
        people = (Employment.objects.filter(employed_q(ward, starts.date()))
                  .filter(unit__unit_type__category__in=["school", "subunit"])
                  .order_by("unit__path", "person__sort_name").values_list("person_id", flat=True))
        from tdkt.people.models import Person

        sent = 0
        for pid in list(dict.fromkeys(people))[:13]:
            services.attendee_add(actor=ward_officer, event=event, unit=ward, part=staff_part,
                                  person=Person.objects.get(pk=pid), today=today)
            sent += 1
    return {"events": 1, "attendees": sent}
