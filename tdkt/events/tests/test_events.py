"""Seed 004's event: each district office (here: a ward, its successor) sends 15 — 01 leader, 01 TĐKT officer, 13
school staff — and each unit under the department 2; a unit is refused at its limit with the figures and nothing
saved; the plan is the document layer's kế hoạch built from the event's data."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.events import services
from tdkt.events.models import Attendee
from tdkt.org.models import UnitType
from tdkt.people.models import Employment, Person


def _staff(unit, n, start=dt.date(2020, 9, 1)):
    out = []
    for i in range(n):
        p = Person.objects.create(family_name="Nguyễn", middle_name="Thị", given_name=f"GV{unit.pk}x{i:02d}",
                                  national_id=f"0{unit.pk:03d}{i:08d}")
        Employment.objects.create(person=p, unit=unit, start_date=start, position="giao_vien")
        out.append(p)
    return out


@pytest.fixture
def ev(world):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    w = world
    so_officer = User.objects.create_user(username="tdkt_so", password="pw-test-123")
    Membership.objects.create(user=so_officer, unit=w.so, role=Role.TDKT_OFFICER)
    event = services.event_create(
        actor=so_officer, organiser=w.so, scope=w.so, title="Tập huấn công tác thi đua, khen thưởng năm 2026",
        content="Hướng dẫn tiêu chuẩn, hồ sơ khen thưởng\nKỹ năng viết báo cáo thành tích",
        starts_at=timezone.make_aware(dt.datetime(2099, 5, 10, 8, 0)), place="Hội trường Sở",
        registration_deadline=dt.date(2099, 5, 1), budget="Theo chế độ tài chính hiện hành.",
        quotas=[{"unit_type": UnitType.objects.get(code="phong-gddt"), "label": "Phòng GD&ĐT",
                 "parts": services.parse_parts("01 lãnh đạo phụ trách TĐKT; 01 cán bộ phụ trách TĐKT; "
                                               "13 cán bộ quản lý, giáo viên các trường")}])
    leader, officer, staff = event.quotas.get().parts.all()
    return w, event, {"leader": leader, "officer": officer, "staff": staff}, so_officer


def test_a_unit_fills_its_quota_and_is_refused_at_sixteen(ev):
    w, event, parts, _officer = ev
    staff = _staff(w.school_a, 14) + _staff(w.school_b, 2)
    office = w.users.office_officer
    day = dt.date(2099, 4, 1)
    leader_part, officer_part, staff_part = parts["leader"], parts["officer"], parts["staff"]
    assert (leader_part.count, officer_part.count, staff_part.count) == (1, 1, 13)
    for p in staff[:13]:
        services.attendee_add(actor=office, event=event, unit=w.phong, part=staff_part, person=p, today=day)
    with pytest.raises(DomainValidationError, match="đã đủ 13/13"):
        services.attendee_add(actor=office, event=event, unit=w.phong, part=staff_part, person=staff[13], today=day)
    services.attendee_add(actor=office, event=event, unit=w.phong, part=leader_part, person=staff[13], today=day)
    services.attendee_add(actor=office, event=event, unit=w.phong, part=officer_part, person=staff[14], today=day)
    n = Attendee.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.attendee_add(actor=office, event=event, unit=w.phong, part=officer_part, person=staff[15], today=day)
    assert "đủ 1/1" in str(exc.value) and "đã cử 15/15" in str(exc.value)
    assert (Attendee.objects.count(), AuditEvent.objects.count()) == n
    # another unit's officer cannot send people for the office; nobody is sent twice; no one from outside
    with pytest.raises(PermissionRefused):
        services.attendee_add(actor=w.users.officer_b, event=event, unit=w.phong, part=staff_part, person=staff[15],
                              today=day)
    outsider = Person.objects.create(family_name="Lê", given_name="Ngoài", national_id="099000000001")
    with pytest.raises(DomainValidationError, match="không công tác"):
        services.attendee_add(actor=office, event=event, unit=w.phong, part=staff_part, person=outsider, today=day)
    with pytest.raises(DomainValidationError, match="hết hạn"):
        services.attendee_add(actor=office, event=event, unit=w.phong, part=staff_part, person=staff[15],
                              today=dt.date(2099, 5, 2))


def test_pages_show_the_boards_and_the_plan_is_built_from_the_event(ev):
    w, event, parts, so_officer = ev
    office = Client()
    office.force_login(w.users.office_officer)
    page = office.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f'data-testid="board-{w.phong.pk}"' in page and "0/15" in page
    staff = _staff(w.school_a, 1)[0]
    part = parts["staff"]
    r = office.post(reverse("events:attendee_add", args=[event.pk]),
                    {"unit": w.phong.pk, "part": part.pk, "person": staff.pk})
    assert r.status_code == 302 and Attendee.objects.filter(person=staff, unit=w.phong).exists()
    so = Client()
    so.force_login(so_officer)
    assert "1/15" in so.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    sheet = so.get(reverse("events:attendance", args=[event.pk])).content.decode()
    assert staff.full_name in sheet
    a = Attendee.objects.get()
    assert so.post(reverse("events:attendance_set", args=[a.pk]), {"attended": "1"}).status_code == 302
    a.refresh_from_db()
    assert a.attended is True and a.checked_in_at is not None
    plan = so.get(reverse("events:plan", args=[event.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(plan.content)).paragraphs)
    tables = " ".join(c.text for t in docx.Document(io.BytesIO(plan.content)).tables for row in t.rows for c in row.cells)
    assert "Tập huấn công tác thi đua, khen thưởng năm 2026".upper() in text.upper()
    assert "Kỹ năng viết báo cáo thành tích" in text and "Hội trường Sở" in text
    assert "Phòng GD&ĐT" in tables and "15" in tables and "13 cán bộ quản lý, giáo viên các trường" in tables
    # a school outside the quota's unit types sees the event but has no board to fill
    school = Client()
    school.force_login(w.users.officer_a)
    page = school.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "attendee-form" not in page


def test_the_invitation_carries_a_qr_the_organiser_scans_at_the_door(ev):
    w, event, parts, so_officer = ev
    staff = _staff(w.school_a, 1)[0]
    a = services.attendee_add(actor=w.users.office_officer, event=event, unit=w.phong, part=parts["staff"],
                              person=staff, today=dt.date(2099, 4, 1))
    office = Client()
    office.force_login(w.users.office_officer)
    page = office.get(reverse("events:invitation", args=[a.pk])).content.decode()
    assert staff.full_name in page and 'data-testid="check-in-qr"' in page and "data:image/svg+xml;base64," in page
    url = reverse("events:check_in", args=[a.token])
    assert office.get(url).status_code == 403  # the sending office does not check people in: the organiser does
    so = Client()
    so.force_login(so_officer)
    assert 'data-testid="check-in-form"' in so.get(url).content.decode()
    assert so.post(url).status_code == 302
    a.refresh_from_db()
    assert a.attended is True and 'data-testid="present"' in so.get(url).content.decode()
