"""A year-end meeting run through the pages, as the office and the members would."""

import datetime as dt

from tdkt.audit.models import AuditEvent
from tdkt.meetings.choices import MeetingStatus, QuestionStatus
from tdkt.meetings.models import Ballot, Council, Meeting
from tdkt.people.services import employment_add, person_create
from tdkt.records.models import Registration


def test_year_end_meeting_through_the_pages(world, council_of, awards, client):
    c = council_of(3)
    Registration.objects.create(award_type=awards["cstdcs"], school_year=world.year, person=world.an,
                                registered_on=dt.date(2025, 10, 1))
    Registration.objects.create(award_type=awards["ldtt"], school_year=world.year, person=world.an,
                                registered_on=dt.date(2025, 10, 1))
    client.force_login(world.users.officer_a)
    assert "Hội đồng Thi đua – Khen thưởng" in client.get("/hoi-dong/").content.decode()
    html = client.get(f"/hoi-dong/{c.council.pk}/").content.decode()
    assert "Đỗ Văn TV00" in html and "Chủ tịch Hội đồng" in html
    response = client.post(f"/hoi-dong/{c.council.pk}/cuoc-hop/them/", {
        "title": "Họp xét thi đua cuối năm", "school_year": world.year.pk, "starts_at": "2026-05-20T08:00",
        "place": "Phòng họp"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.chair == c.members[0] and meeting.secretary == c.members[1]
    url = f"/hoi-dong/cuoc-hop/{meeting.pk}/"
    client.post(f"{url}diem-danh/", {f"m{c.members[0].pk}": "1", f"m{c.members[1].pk}": "0",
                                     f"r{c.members[1].pk}": "Ốm", f"m{c.members[2].pk}": "0"})
    assert "Cần thêm 1 thành viên có mặt" in client.get(url).content.decode()
    client.post(f"{url}diem-danh/", {f"m{c.members[1].pk}": "1"})
    client.post(f"{url}chuong-trinh/tu-dang-ky/", {})
    assert set(meeting.questions.values_list("award_type__code", flat=True)) == {"cstdcs", "ldtt"}
    cstd = meeting.questions.get(award_type__code="cstdcs")
    ldtt = meeting.questions.get(award_type__code="ldtt")

    # the chair (a council member, not an officer) runs the vote
    chair = c.users[0]
    client.force_login(chair)
    client.post(f"/hoi-dong/noi-dung/{cstd.pk}/mo-bieu-quyet/")
    cstd.refresh_from_db()
    assert cstd.status == QuestionStatus.VOTING
    for user in c.users[:2]:
        client.force_login(user)
        assert "Bỏ phiếu kín" in client.get(url).content.decode()
        client.post(f"/hoi-dong/noi-dung/{cstd.pk}/bo-phieu/", {"choice": "dong_y"})
    client.force_login(chair)
    client.post(f"/hoi-dong/noi-dung/{cstd.pk}/ket-thuc-bieu-quyet/")
    cstd.refresh_from_db()
    # 2 of 3: 66,7% < 70% of the whole council until the absent member writes in
    assert cstd.passed is False and cstd.tally["arithmetic"].startswith("2/3 ")

    client.force_login(world.users.officer_a)
    client.post(f"/hoi-dong/noi-dung/{ldtt.pk}/mo-bieu-quyet/")
    client.post(f"/hoi-dong/noi-dung/{ldtt.pk}/ket-qua-gio-tay/", {"votes_for": 2, "votes_against": 0,
                                                                  "votes_abstain": 0})
    client.post(f"/hoi-dong/noi-dung/{ldtt.pk}/ket-thuc-bieu-quyet/")
    client.post(f"{url}ket-thuc/")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    response = client.post(f"/hoi-dong/noi-dung/{cstd.pk}/y-kien-vang-mat/", {
        f"m{c.members[2].pk}": "dong_y", "document_date": "2026-05-21", "document_ref": "01/YK"})
    assert response.status_code == 302
    cstd.refresh_from_db()
    assert cstd.passed is True and cstd.tally["arithmetic"].startswith("3/3 ")
    client.post(f"{url}chot-ket-qua/")
    html = client.get(url).content.decode()
    assert "Đã chốt kết quả" in html and "Nguyễn Văn An – Chiến sĩ thi đua cơ sở" in html
    assert Ballot.objects.count() == 3
    assert AuditEvent.objects.filter(event_type__startswith="meetings.").count() >= 10


def test_council_and_members_through_the_pages(world, awards, client):
    client.force_login(world.users.officer_a)
    response = client.post("/hoi-dong/them/", {
        "unit": world.school_a.pk, "kind": "tdkt", "name": "Hội đồng TĐKT Trường TH Đinh Tiên Hoàng",
        "decision_number": "05/QĐ-THĐTH", "decision_date": "2025-09-05", "term_start": "2025-09-05"})
    council = Council.objects.get()
    assert response.status_code == 302
    client.post(f"/hoi-dong/{council.pk}/thanh-vien/them/", {"person": world.binh.pk, "role": "chu_tich",
                                                             "start_date": "2025-09-05"})
    client.post(f"/hoi-dong/{council.pk}/thanh-vien/them/", {"person": world.an.pk, "role": "thu_ky",
                                                             "start_date": "2025-09-05"})
    an_seat = council.members.get(person=world.an)
    yen = person_create(actor=None, family_name="Vũ", middle_name="Thị", given_name="Yến")
    employment_add(actor=None, person=yen, unit=world.group_a, position="giao_vien", start_date=dt.date(2021, 9, 1))
    assert "Thay thế thành viên" in client.get(f"/hoi-dong/thanh-vien/{an_seat.pk}/thay-the/").content.decode()
    refused = client.post(f"/hoi-dong/thanh-vien/{an_seat.pk}/thay-the/", {
        "person": yen.pk, "role": "thu_ky", "start_date": "2025-09-01", "decision_number": "9/QĐ",
        "decision_date": "2025-09-01"})
    assert refused.status_code == 200 and "Ngày thay thế phải sau ngày" in refused.content.decode()
    response = client.post(f"/hoi-dong/thanh-vien/{an_seat.pk}/thay-the/", {
        "person": yen.pk, "role": "thu_ky", "start_date": "2026-01-05", "decision_number": "9/QĐ",
        "decision_date": "2026-01-04"})
    assert response.status_code == 302
    assert council.members.get(person=yen).replaces == an_seat
    # officer of school B sees neither the council nor its pages
    client.force_login(world.users.officer_b)
    assert "Đinh Tiên Hoàng" not in client.get("/hoi-dong/").content.decode()
    assert client.get(f"/hoi-dong/{council.pk}/").status_code == 403


def test_meeting_page_queries_do_not_grow_with_the_agenda(world, meeting_of, awards, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.meetings import services
    from tdkt.people.models import Person

    c = meeting_of(5)
    client.force_login(c.users[0])
    url = f"/hoi-dong/cuoc-hop/{c.meeting.pk}/"

    def add(n):
        for _ in range(n):
            p = Person.objects.create(family_name="Lý", given_name=f"Ứng viên {Person.objects.count()}")
            for code in ("cstdcs", "ldtt"):
                q = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards[code],
                                             person=p)
                services.question_open(actor=world.users.officer_a, question=q)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(2)
    few = count()
    add(6)
    assert count() == few
