"""«Xuất Excel» on the audit log: every event of the filtered list (not one page), with local times."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.documents.tests.helpers import xlsx_rows


def test_export_has_the_filtered_events_only(world):
    client = Client()
    client.force_login(world.users.admin)
    page = client.get("/nhat-ky/", {"type": "unit.created"}).content.decode()
    assert 'data-testid="export-xlsx"' in page and "type=unit.created&amp;xuat=xlsx" in page
    rows = xlsx_rows(client.get("/nhat-ky/", {"type": "unit.created", "xuat": "xlsx"}))
    assert rows[0] == ("Thời điểm", "Người thực hiện", "Sự kiện", "Loại đối tượng", "Mã đối tượng", "Đối tượng",
                       "Đơn vị", "Lý do")
    assert {r[2] for r in rows[1:]} == {"unit.created"}
    assert len(rows) - 1 == 6  # the six units of the fixture, not the people or employments
    newest = AuditEvent.objects.filter(event_type="unit.created").order_by("-created_at", "-id").first()
    assert rows[1][5] == newest.target_repr
    local = timezone.localtime(newest.created_at).replace(tzinfo=None, microsecond=0)
    assert abs(rows[1][0] - local) < dt.timedelta(seconds=1)  # shown in local time, as on the page


def test_export_reaches_past_the_first_page(world, settings, django_assert_max_num_queries):
    from django.db import transaction

    from tdkt.audit.services import audit_record

    settings.PAGE_SIZE = 5
    with transaction.atomic():
        for i in range(30):
            audit_record(actor=world.users.admin, event_type="test.bulk", unit=world.school_a, reason=f"lần {i}")
    client = Client()
    client.force_login(world.users.admin)
    page = client.get("/nhat-ky/", {"type": "test.bulk"}).content.decode()
    assert page.count("test.bulk</a>") == 5
    with django_assert_max_num_queries(8):
        rows = xlsx_rows(client.get("/nhat-ky/", {"type": "test.bulk", "page": 2, "xuat": "xlsx"}))
    assert [r[7] for r in rows[1:]] == [f"lần {i}" for i in reversed(range(30))]
    assert {r[6] for r in rows[1:]} == {"Trường Tiểu học Đinh Tiên Hoàng"}


def test_export_refused_to_an_officer(world):
    client = Client()
    client.force_login(world.users.officer_a)
    assert client.get("/nhat-ky/", {"xuat": "xlsx"}).status_code == 403
