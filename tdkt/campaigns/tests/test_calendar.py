"""What is due for the user's units: overdue first, then upcoming; and the ICS feed."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tdkt.core.vi.dates import format_date_vn

from .. import selectors, services
from ..ics import build_calendar


def _setup(w):
    today = timezone.localdate()
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    camp = services.campaign_create(
        actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt", school_year=w.year,
        registration_deadline=d(10), submission_deadline=d(20),
        milestones=[{"name": "Sơ kết học kỳ I", "due_date": d(-5), "categories": []},
                    {"name": "Tổng kết năm học", "due_date": d(40), "categories": ["school"]},
                    {"name": "Phòng tổng hợp hồ sơ", "due_date": d(50), "categories": ["education_authority"]},
                    {"name": "Hội nghị lần 1", "due_date": d(-30), "categories": []}])
    return camp, today, d


def test_overdue_first_then_upcoming_only_for_my_level(w):
    camp, today, d = _setup(w)
    items = selectors.calendar_items(user=w.users.officer_a)
    assert [(i.title.split(" – ")[0], i.due, i.overdue) for i in items] == [
        ("Hội nghị lần 1", d(-30), True),
        ("Sơ kết học kỳ I", d(-5), True),
        ("Hạn đăng ký thi đua", d(10), False),
        (f"Hạn nộp hồ sơ đăng ký thi đua ({w.school_a.name})", d(20), False),
        ("Tổng kết năm học", d(40), False),
    ]
    office = [i.title.split(" – ")[0] for i in selectors.calendar_items(user=w.users.office_officer)]
    assert "Phòng tổng hợp hồ sơ" in office and "Tổng kết năm học" not in office


def test_calendar_page_writes_vietnamese_dates(w, client):
    camp, today, d = _setup(w)
    client.force_login(w.users.staff_a)
    page = client.get(reverse("campaigns:calendar")).content.decode()
    assert format_date_vn(d(10)) in page  # "ngày 27 tháng 10 năm 2023" style
    assert page.index("Hội nghị lần 1") < page.index("Tổng kết năm học")


def test_date_format():
    assert format_date_vn(dt.date(2023, 10, 27)) == "ngày 27 tháng 10 năm 2023"


def _parse(text: str):
    lines = text.replace("\r\n ", "").split("\r\n")
    events: list[dict[str, str] | None] = []  # None: an END without its BEGIN
    current: dict[str, str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, value = line.split(":", 1)
            current[key] = value
    return lines, events


def test_ics_feed_by_token(w, client):
    camp, today, d = _setup(w)
    token = services.calendar_token_get_or_create(user=w.users.officer_a)
    response = client.get(reverse("campaigns:calendar_ics", args=[token]))  # a calendar app: not signed in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    lines, events = _parse(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert len(events) == 5
    assert [e["DTSTART;VALUE=DATE"] for e in events] == [
        f"{x:%Y%m%d}" for x in (d(-30), d(-5), d(10), d(20), d(40))]
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == 5
    again = _parse(client.get(reverse("campaigns:calendar_ics", args=[token])).content.decode())[1]
    assert [e["UID"] for e in again] == uids  # stable
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_wrong_token_is_404_and_reset_invalidates(w, client):
    old = services.calendar_token_get_or_create(user=w.users.officer_a)
    assert client.get(reverse("campaigns:calendar_ics", args=["khong-dung"])).status_code == 404
    client.force_login(w.users.officer_a)
    assert client.post(reverse("campaigns:calendar_token_reset")).status_code == 302
    client.logout()
    assert client.get(reverse("campaigns:calendar_ics", args=[old])).status_code == 404
    new = services.calendar_token_get_or_create(user=w.users.officer_a)
    assert new != old and client.get(reverse("campaigns:calendar_ics", args=[new])).status_code == 200


def test_ics_escapes_and_folds():
    from types import SimpleNamespace

    item = SimpleNamespace(uid="x-1", due=dt.date(2023, 10, 27), title="Hạn; nộp, hồ sơ\nmới " * 5,
                           unit=SimpleNamespace(name="Trường"), campaign=SimpleNamespace(name="P"))
    text = build_calendar([item])
    assert "Hạn\\; nộp\\, hồ sơ\\nmới" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_old_deadlines_are_history(w):
    today = timezone.localdate()
    services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="Năm trước", school_year=w.year,
                             milestones=[{"name": "Cũ", "due_date": today - dt.timedelta(days=400), "categories": []}])
    assert selectors.calendar_items(user=w.users.officer_a) == []


def test_cluster_leader_sees_its_document_deadline(w):
    from . import helpers as h

    khoi = h.cluster(w)
    due = timezone.localdate() + dt.timedelta(days=7)
    services.cluster_meeting_record(actor=w.users.office_officer, cluster=khoi, number=1, held_on=dt.date(2025, 10, 30),
                                    place="A", agenda="B", required_documents="Biên bản", send_deadline=due)
    titles = [(i.title, i.due) for i in selectors.calendar_items(user=w.users.officer_a)]
    assert (f"Gửi hồ sơ hội nghị lần 1 – {khoi.name}", due) in titles
    assert not selectors.calendar_items(user=w.users.officer_b)  # school B does not lead it
