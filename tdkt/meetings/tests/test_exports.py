"""«Xuất Excel» on the council list, a council's meetings and members, and a meeting's
results: the rows the page shows for this user, and no vote counts before a vote ends."""

import datetime as dt

import pytest

from tdkt.documents.tests.helpers import xlsx_rows
from tdkt.meetings import services
from tdkt.meetings.choices import Choice
from tdkt.meetings.models import Council

from .helpers import vote_all


@pytest.fixture
def held(world, meeting_of, awards):
    """A meeting of 12 (10 present): a closed secret ballot (10 for), a show of hands still
    open with a count entered, and a question not voted on."""
    c = meeting_of(12, present=10)
    closed = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["cstdcs"],
                                      person=world.an)
    services.question_open(actor=world.users.officer_a, question=closed)
    vote_all(closed, c.users[:10], [Choice.FOR] * 10)
    services.question_close(actor=world.users.officer_a, question=closed)
    running = services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["ldtt"],
                                       person=world.binh)
    services.question_open(actor=world.users.officer_a, question=running)
    services.open_count_record(actor=world.users.officer_a, question=running, votes_for=4, votes_against=6,
                               votes_abstain=0)
    services.question_create(actor=world.users.officer_a, meeting=c.meeting, award_type=awards["giay-khen"],
                             person=world.an)
    return c


def test_council_list_export_is_the_users_scope(world, held, client):
    Council.objects.create(unit=world.school_b, name="Hội đồng Trường Kết Đoàn", decision_number="3/QĐ",
                           decision_date=dt.date(2023, 9, 1), term_start=dt.date(2023, 9, 1))
    client.force_login(world.users.officer_a)
    assert 'data-testid="export-xlsx"' in client.get("/hoi-dong/").content.decode()
    rows = xlsx_rows(client.get("/hoi-dong/", {"xuat": "xlsx"}))
    assert rows[0][:4] == ("STT", "Hội đồng", "Loại", "Đơn vị")
    assert [(r[1], r[3], r[4]) for r in rows[1:]] == [
        ("Hội đồng Thi đua – Khen thưởng", "Trường Tiểu học Đinh Tiên Hoàng", "12/QĐ-THĐTH")]
    client.force_login(world.users.office_officer)  # the Phòng sees both schools' councils
    assert {r[1] for r in xlsx_rows(client.get("/hoi-dong/", {"xuat": "xlsx"}))[1:]} == {
        "Hội đồng Thi đua – Khen thưởng", "Hội đồng Trường Kết Đoàn"}


def test_council_meetings_and_members_export(world, held, client):
    client.force_login(world.users.officer_a)
    url = f"/hoi-dong/{held.council.pk}/"
    html = client.get(url).content.decode()
    assert "bang=thanh-vien&amp;xuat=xlsx" in html and "Xuất Excel danh sách cuộc họp" in html
    meetings = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    assert meetings[0][:4] == ("STT", "Thời gian bắt đầu", "Kết thúc", "Nội dung")
    assert len(meetings) == 2 and meetings[1][5] == "Phòng họp Hội đồng"
    assert meetings[1][1] == dt.datetime(2024, 5, 20, 8, 0)  # local time, a real date-time cell
    members = xlsx_rows(client.get(url, {"xuat": "xlsx", "bang": "thanh-vien"}))
    assert members[0][:3] == ("STT", "Họ và tên", "Chức danh")
    assert [r[1] for r in members[1:]][:2] == ["Đỗ Văn TV00", "Đỗ Văn TV01"] and len(members) - 1 == 12
    assert {r[9] for r in members[1:]} == {"Có"}


def test_council_export_refused_to_another_school(world, held, client):
    client.force_login(world.users.officer_b)
    assert client.get(f"/hoi-dong/{held.council.pk}/", {"xuat": "xlsx"}).status_code == 403


def test_meeting_results_export_hides_running_ballots(world, held, client):
    client.force_login(world.users.officer_a)
    url = f"/hoi-dong/cuoc-hop/{held.meeting.pk}/"
    assert "Xuất Excel kết quả biểu quyết" in client.get(url).content.decode()
    rows = xlsx_rows(client.get(url, {"xuat": "xlsx"}))
    header = rows[0]
    assert header[:2] == ("STT", "Nội dung") and header[8:13] == (
        "Đồng ý", "Không đồng ý", "Trắng / không biểu quyết", "Không hợp lệ", "Kết quả")
    closed, running, pending = rows[1:]
    assert closed[2] == "Nguyễn Văn An" and closed[3] == "Chiến sĩ thi đua cơ sở"
    assert closed[8:13] == (10, 0, 0, 0, "Đạt")
    assert "10/12 thành viên đồng ý = 83,3% ≥ 80% tổng số thành viên: ĐẠT" in closed[13]
    # A vote still running: its count is not a result yet, on the page nor in the file.
    assert running[2] == "Trần Thị Bình" and running[8:14] == (None, None, None, None, None, None)
    assert pending[7] == "Chưa biểu quyết" and pending[12] is None


def test_meeting_results_export_refused_to_another_school(world, held, client):
    client.force_login(world.users.officer_b)
    assert client.get(f"/hoi-dong/cuoc-hop/{held.meeting.pk}/", {"xuat": "xlsx"}).status_code == 403
