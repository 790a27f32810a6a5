"""The demo's council meets in the browser, with the demo's own accounts and data as
`tdkt demo` builds them — no monkeypatching, no stubs (issue 12, items 2 and 3).

Today Tiểu học Đinh Tiên Hoàng's Hội đồng TĐKT has a secret ballot open: each of its five
members — the principal who chairs, the TĐKT officer who is secretary, three members —
logs in and casts it; the secretary closes it and the count shows its arithmetic. Then
the secretary takes this year's registrations onto the agenda with Lao động tiên tiến as
one list; all five members are on it, so the list is voted by show of hands with each
member standing aside from their own line only, and the minutes download."""

import io

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MEMBERS = ["hieutruong.dth", "tdkt.dth", "hoidong1.dth", "hoidong2.dth", "hoidong3.dth"]


@pytest.fixture
def demo(db, settings):
    from django.core.management import call_command

    from tdkt.site.demo import build_demo
    from tdkt.site.demo_records import build_demo_records
    from tdkt.site.demo_year import build_demo_year

    # The demo hashes its one password once per run; a fast hasher keeps the test quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", stdout=io.StringIO())
    build_demo()
    build_demo_records(out=io.StringIO())
    build_demo_year(out=io.StringIO())


def _open_ballot():
    from tdkt.meetings.models import Question
    from tdkt.site.demo_year import DTH

    return Question.objects.select_related("meeting").get(meeting__council__unit__code=DTH, status="dang_bieu_quyet",
                                                          method="bo_phieu_kin")


def _to_meeting(page, meeting):
    """From the menu's council list to today's meeting, as a member would find it."""
    page.goto(page.base_url + "/hoi-dong/")
    page.click(f"main [data-testid=councils] a:has-text('{meeting.council.name}')")
    page.click(f"main [data-testid=meetings] a[href='/hoi-dong/cuoc-hop/{meeting.pk}/']")


def test_every_member_votes_and_the_list_is_voted_with_own_lines_recused(page, demo):
    from tdkt.meetings.choices import QuestionKind, QuestionStatus
    from tdkt.meetings.models import BallotReceipt
    from tdkt.site.demo import DEMO_PASSWORD

    q = _open_ballot()
    meeting = q.meeting
    row = f"main tr[data-question='{q.pk}']"
    assert not BallotReceipt.objects.filter(question=q).exists()

    # Each of the five members casts the secret ballot from their own login.
    for i, username in enumerate(MEMBERS, start=1):
        login(page, username, DEMO_PASSWORD)
        _to_meeting(page, meeting)
        page.click(f"{row} a:has-text('Bỏ phiếu kín')")
        page.check("main [data-testid=ballot-form] input[value=dong_y]")
        page.click("main [data-testid=ballot-form] button[type=submit]")
        assert "Đã ghi nhận phiếu của bạn" in page.inner_text("main"), username
        assert "Bạn đã bỏ phiếu" in page.inner_text(row), username
        assert BallotReceipt.objects.filter(question=q).count() == i
        page.context.clear_cookies()

    # A teacher of the school who is not on the council is refused, and says why.
    login(page, "giaovien.dth", DEMO_PASSWORD)
    page.goto(page.base_url + f"/hoi-dong/noi-dung/{q.pk}/bo-phieu/")
    assert "không phải là thành viên của Hội đồng" in page.inner_text("main")
    page.context.clear_cookies()

    # The secretary closes the vote: five ballots, the sum written out.
    login(page, "tdkt.dth", DEMO_PASSWORD)
    _to_meeting(page, meeting)
    assert "5 phiếu đã bỏ" in page.inner_text(row)
    page.click(f"{row} button:has-text('Kết thúc biểu quyết')")
    q.refresh_from_db()
    assert q.status == QuestionStatus.CLOSED and q.passed is True
    assert page.inner_text(f"{row} [data-testid=arithmetic]") == q.tally["arithmetic"]
    assert q.tally["arithmetic"].startswith("5/5 ")

    # This year's registrations onto the agenda, Lao động tiên tiến as one list.
    page.select_option("main #id_list_award_types", label="Lao động tiên tiến")
    page.click("main button:has-text('Lấy từ đăng ký thi đua')")
    assert "Đã thêm" in page.inner_text("main")
    lst = meeting.questions.get(kind=QuestionKind.LIST, award_type__code="lao-dong-tien-tien")
    member_people = set(meeting.council.members.values_list("person_id", flat=True))
    on_list = set(lst.items.values_list("person_id", flat=True))
    assert member_people <= on_list and len(on_list) > 20
    lrow = f"main tr[data-question='{lst.pk}']"
    page.click(f"{lrow} button:has-text('Mở biểu quyết')")
    assert "Đã mở biểu quyết" in page.inner_text("main")
    recused = page.inner_text(f"{lrow} [data-testid=recused-lines]")
    for member in meeting.council.members.select_related("person"):
        assert member.person.full_name in recused
    # Show of hands: all five for the list (the count the issue saw refused, "5 > 0").
    page.fill(f"{lrow} input[name=votes_for]", "5")
    page.fill(f"{lrow} input[name=votes_against]", "0")
    page.fill(f"{lrow} input[name=votes_abstain]", "0")
    page.click(f"{lrow} button:has-text('Ghi kết quả giơ tay')")
    assert "Đã ghi kết quả biểu quyết giơ tay" in page.inner_text("main")
    page.click(f"{lrow} button:has-text('Kết thúc biểu quyết')")
    lst.refresh_from_db()
    assert lst.passed and lst.tally["arithmetic"].startswith("5/5 ")
    assert len(lst.tally["lines"]) == 5 and all(x["arithmetic"].startswith("4/4 ") for x in lst.tally["lines"])
    assert page.inner_text(f"{lrow} [data-testid=recused-lines]").count("4/4 ") == 5
    results = page.inner_text("[data-testid=results]")
    for member in meeting.council.members.select_related("person"):
        assert f"{member.person.full_name} – Lao động tiên tiến" in results

    # The minutes download as a Word file.
    with page.expect_download() as info:
        page.click("main a:has-text('Biên bản họp (DOCX)')")
    with open(info.value.path(), "rb") as f:
        assert f.read(2) == b"PK"


def test_the_meeting_page_fits_a_phone(page, demo):
    """A member opens the meeting on a phone (390 px): the page does not scroll sideways."""
    from tdkt.site.demo import DEMO_PASSWORD

    meeting = _open_ballot().meeting
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "hoidong1.dth", DEMO_PASSWORD)
    page.goto(page.base_url + f"/hoi-dong/cuoc-hop/{meeting.pk}/")
    assert page.locator("main a:has-text('Bỏ phiếu kín')").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px screen"
