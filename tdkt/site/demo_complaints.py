"""The demo's letters on TĐKT (seed 001: "giải quyết đơn thư khiếu nại, tố cáo về thi đua, khen thưởng"), through
the complaints services: a complaint against one of the ward's 2025-2026 awards, being resolved by the chairman,
and a denunciation just received whose sender only its handler and the chairman see. Runs after
:func:`tdkt.site.demo_year.build_demo_year`; idempotent (nothing is made when the ward already has letters)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.org.models import Unit

from .demo import WARD_CODE

D = dt.date


def build_demo_complaints(*, today: dt.date | None = None) -> dict[str, int]:
    from tdkt.awards.models import DecisionItem
    from tdkt.complaints import services
    from tdkt.complaints.models import Letter
    from tdkt.complaints.reference import load_time_limits

    today = today or timezone.localdate()
    ward = Unit.objects.filter(code=WARD_CODE).first()
    if ward is None or Letter.objects.filter(unit=ward).exists() or today < D(2026, 12, 2):
        return {}
    officer, chairman = User.objects.get(username="tdkt.saigon"), User.objects.get(username="chutich.saigon")
    item = (DecisionItem.objects.filter(decision__issuer=ward, decision__decision_date=D(2026, 6, 20),
                                        person__isnull=False, revoked_on__isnull=True)
            .select_related("decision", "person").order_by("id").first())
    with transaction.atomic():
        load_time_limits()
        complaint = services.letter_receive(
            actor=officer, unit=ward, kind="khieu_nai", channel="truc_tiep", received_on=D(2026, 11, 23),
            subject="Khiếu nại việc công nhận danh hiệu năm học 2025-2026",
            content="Người khiếu nại cho rằng hồ sơ đề nghị không kèm biên bản họp Hội đồng thi đua – khen thưởng "
                    "của trường, đề nghị xem xét lại việc công nhận danh hiệu.",
            sender_name="Phạm Văn Khải", sender_address="25 Lê Thánh Tôn, phường Sài Gòn",
            sender_phone="0908123456", about_item=item, decision_known_on=D(2026, 9, 5))
        services.letter_assign(actor=officer, letter=complaint, handlers=[officer], resolver=chairman)
        complaint.refresh_from_db()
        services.letter_accept(actor=officer, letter=complaint, accepted_on=D(2026, 11, 26))
        denunciation = services.letter_receive(
            actor=officer, unit=ward, kind="to_cao", channel="buu_chinh", received_on=D(2026, 12, 2),
            subject="Tố cáo việc kê khai thành tích không đúng sự thật",
            content="Đơn tố cáo một cá nhân kê khai thành tích sáng kiến không đúng để được đề nghị khen thưởng.",
            sender_name="Hoàng Thị Minh", sender_address="8 Nguyễn Huệ, phường Sài Gòn", sender_phone="0912345678",
            about_item=item)
        services.letter_assign(actor=officer, letter=denunciation, handlers=[officer], resolver=chairman)
    return {"letters": 2}
