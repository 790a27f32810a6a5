"""A school council meets in the browser: roll call to quorum, a secret ballot on a
Chiến sĩ thi đua cơ sở candidate, the count with its arithmetic, and the minutes."""

import datetime as dt

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(world):
    from types import SimpleNamespace

    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.meetings import services
    from tdkt.meetings.choices import MemberRole, VotingMethod
    from tdkt.meetings.reference import load_voting_rules
    from tdkt.meetings.tests.helpers import at, make_award_types
    from tdkt.people.services import employment_add, person_create

    load_voting_rules()
    awards = make_award_types()
    start = dt.date(2025, 9, 5)
    c = services.council_create(actor=world.users.officer_a, unit=world.school_a,
                                name="Hội đồng Thi đua – Khen thưởng", decision_number="12/QĐ-THĐTH",
                                decision_date=start, term_start=start)
    roles = [MemberRole.CHU_TICH, MemberRole.THU_KY, MemberRole.UY_VIEN, MemberRole.UY_VIEN, MemberRole.UY_VIEN]
    members, users = [], []
    for i, role in enumerate(roles):
        person = person_create(actor=None, family_name="Đỗ", middle_name="Văn", given_name=f"TV{i:02d}")
        employment_add(actor=None, person=person, unit=world.school_a, position="giao_vien",
                       start_date=dt.date(2020, 9, 1))
        user = User.objects.create_user(username=f"tv{i:02d}", password="pw-test-123", display_name=f"tv{i:02d}")
        Membership.objects.create(user=user, unit=world.school_a, role=Role.COUNCIL_MEMBER)
        person.user = user
        person.save()
        members.append(services.council_member_add(actor=world.users.officer_a, council=c, person=person,
                                                   role=role, user=user, start_date=start))
        users.append(user)
    meeting = services.meeting_create(actor=world.users.officer_a, council=c, school_year=world.year,
                                      starts_at=at(dt.date(2026, 5, 20)), place="Phòng họp Hội đồng",
                                      title="Họp xét thi đua cuối năm")
    question = services.question_create(actor=world.users.officer_a, meeting=meeting, award_type=awards["cstdcs"],
                                        person=world.an, method=VotingMethod.SECRET)
    return SimpleNamespace(council=c, members=members, users=users, meeting=meeting, question=question)


def test_council_meeting_from_roll_call_to_minutes(page, world, council):
    from tdkt.meetings import services
    from tdkt.meetings.choices import QuestionStatus

    c, meeting, q = council, council.meeting, council.question
    url = page.base_url + f"/hoi-dong/cuoc-hop/{meeting.pk}/"
    row = f"main tr[data-question='{q.pk}']"

    # The officer takes the roll: two present first, the page says how many more are needed.
    login(page, "officer_a")
    page.goto(url)
    assert "Chưa đủ điều kiện biểu quyết" in page.inner_text("[data-testid=quorum]")
    page.check(f"#p{c.members[0].pk}")
    page.check(f"#p{c.members[1].pk}")
    page.check(f"#a{c.members[2].pk}")
    page.fill(f"input[name=r{c.members[2].pk}]", "Đi công tác")
    page.click("main [data-testid=attendance-form] button[type=submit]")
    quorum = page.inner_text("[data-testid=quorum]")
    assert "2/5 thành viên có mặt" in quorum and "Cần thêm 2 thành viên có mặt" in quorum
    assert page.is_disabled(f"{row} button[type=submit]")

    # The rest arrive; the quorum is reached and the secret ballot is opened.
    for m in c.members[2:]:
        page.check(f"#p{m.pk}")
    page.click("main [data-testid=attendance-form] button[type=submit]")
    quorum = page.inner_text("[data-testid=quorum]")
    assert "Đủ điều kiện hợp lệ" in quorum and "5/5 thành viên có mặt" in quorum and "Cần thêm" not in quorum
    page.click(f"{row} button:has-text('Mở biểu quyết')")
    assert "Đã mở biểu quyết" in page.inner_text("main")
    q.refresh_from_db()
    assert q.status == QuestionStatus.VOTING

    # The chair votes through the page; the others vote by the service.
    page.context.clear_cookies()
    login(page, "tv00")
    page.goto(url)
    page.click(f"{row} a:has-text('Bỏ phiếu kín')")
    page.check("main [data-testid=ballot-form] input[value=dong_y]")
    page.click("main [data-testid=ballot-form] button[type=submit]")
    assert "Đã ghi nhận phiếu của bạn" in page.inner_text("main")
    assert "Bạn đã bỏ phiếu" in page.inner_text(row)
    for user, choice in zip(c.users[1:], ["dong_y", "dong_y", "dong_y", "khong_dong_y"], strict=True):
        services.ballot_cast(actor=user, question=q, choice=choice)

    # The officer closes the vote; the count shows its arithmetic.
    page.context.clear_cookies()
    login(page, "officer_a")
    page.goto(url)
    assert "5 phiếu đã bỏ" in page.inner_text(row)
    page.click(f"{row} button:has-text('Kết thúc biểu quyết')")
    arithmetic = page.inner_text(f"{row} [data-testid=arithmetic]")
    q.refresh_from_db()
    assert q.status == QuestionStatus.CLOSED and q.passed is True
    assert arithmetic.startswith("4/5 ") and arithmetic == q.tally["arithmetic"]
    assert "Đồng ý 4 · Không đồng ý 1" in page.inner_text(row)
    assert "Nguyễn Văn An – Chiến sĩ thi đua cơ sở" in page.inner_text("[data-testid=results]")

    # The minutes download as a Word file.
    with page.expect_download() as info:
        page.click("main a:has-text('Biên bản họp (DOCX)')")
    with open(info.value.path(), "rb") as f:
        assert f.read(2) == b"PK"
