"""The home page is each role's to-do list (issue 12, item 6), on the demo as `tdkt demo` builds it and
with its own logins: what waits for me, by when, and a link that opens the page where I do it.

The demo is built once for the module inside a transaction rolled back at the end; each test runs in
its own savepoint."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.awards.choices import ProposalStatus
from tdkt.awards.models import Proposal
from tdkt.meetings.choices import QuestionStatus, VotingMethod
from tdkt.meetings.models import Question
from tdkt.site.demo import DEMO_PASSWORD
from tdkt.site.demo_year import DTH, NBK, SONCA, TUOITHO

RETURN_REASON = "Thiếu Biên bản họp Hội đồng Thi đua – Khen thưởng của trường"


def fast_hasher():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hasher(), transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def year(demo, db):
    return None


def _client(username: str) -> Client:
    client = Client()
    with fast_hasher():
        assert client.login(username=username, password=DEMO_PASSWORD), username
    return client


def _todo(username: str, kind: str | None = None) -> list[dict]:
    """The home page's to-do lines of ``username`` (kind, link, text), as the page shows them."""
    import re

    html = _client(username).get(reverse("core:home")).content.decode()
    block = html.split('data-testid="attention"', 1)[1].split("</ul>", 1)[0]
    lines = []
    for m in re.finditer(r'<li class="list-group-item[^"]*" data-kind="([^"]*)"><a href="([^"]+)">(.*?)</li>',
                         block, re.S):
        lines.append({"kind": m.group(1), "url": m.group(2), "text": re.sub(r"<[^>]+>", " ", m.group(3))})
    return [line for line in lines if kind is None or line["kind"] == kind]


def _proposal(code: str) -> Proposal:
    return Proposal.objects.select_related("unit", "to_unit").get(unit__code=code, round__kind="dot_xuat")


def _open_ballot() -> Question:
    return Question.objects.get(meeting__council__unit__code=DTH, status=QuestionStatus.VOTING,
                                method=VotingMethod.SECRET)


def _transition(username: str, proposal: Proposal, action: str, **kw) -> None:
    from tdkt.awards.services import proposal_transition

    proposal.refresh_from_db()
    proposal_transition(actor=User.objects.get(username=username), proposal=proposal, action=action, **kw)


# --------------------------------------------------------------------------- council members


@pytest.mark.parametrize("username", ["hoidong1.dth", "hoidong2.dth", "hieutruong.dth", "tdkt.dth"])
def test_a_council_member_sees_the_ballot_waiting_and_its_link_opens_the_ballot(year, username):
    ballot = _open_ballot()
    [line] = _todo(username, "ballot")
    assert line["url"] == reverse("meetings:ballot_cast", args=[ballot.pk])
    assert ballot.title in line["text"]
    assert "Hạn:" in line["text"]
    page = _client(username).get(line["url"])
    assert page.status_code == 200
    assert ballot.title in page.content.decode()


def test_the_ballot_leaves_the_list_once_cast_and_only_for_that_member(year):
    ballot = _open_ballot()
    response = _client("hoidong1.dth").post(reverse("meetings:ballot_cast", args=[ballot.pk]), {"choice": "dong_y"},
                                            follow=True)
    assert "Đã ghi nhận phiếu của bạn" in response.content.decode()
    assert _todo("hoidong1.dth", "ballot") == []
    assert len(_todo("hoidong2.dth", "ballot")) == 1


@pytest.mark.parametrize("username", ["giaovien.dth", "tdkt.nbk", "chuyenvien.th.saigon", "chutich.saigon"])
def test_someone_not_on_the_council_sees_no_ballot(year, username):
    assert _todo(username, "ballot") == []


def test_a_closed_question_is_no_longer_waiting(year):
    ballot = _open_ballot()
    Question.objects.filter(pk=ballot.pk).update(status=QuestionStatus.CLOSED)
    assert _todo("hoidong3.dth", "ballot") == []


# --------------------------------------------------------------------------- specialists


def test_the_preschool_specialist_sees_the_received_proposal_waiting_for_review(year):
    sonca = _proposal(SONCA)
    assert sonca.status == ProposalStatus.RECEIVED
    [line] = _todo("chuyenvien.mn.saigon", "review")
    assert line["url"] == reverse("awards:proposal_detail", args=[sonca.pk])
    assert sonca.unit.name in line["text"]
    page = _client("chuyenvien.mn.saigon").get(line["url"])
    assert page.status_code == 200
    assert "Bắt đầu thẩm định" in page.content.decode()


def test_each_specialist_sees_only_the_levels_they_review(year):
    assert _todo("chuyenvien.th.saigon", "review") == []  # Đinh Tiên Hoàng's proposal is not received yet
    dth = _proposal(DTH)
    _transition("tdkt.saigon", dth, "receive")
    [line] = _todo("chuyenvien.th.saigon", "review")
    assert line["url"] == reverse("awards:proposal_detail", args=[dth.pk])
    assert _todo("chuyenvien.thcs.saigon", "review") == []
    assert [x["url"] for x in _todo("chuyenvien.mn.saigon", "review")] == [
        reverse("awards:proposal_detail", args=[_proposal(SONCA).pk])]


# --------------------------------------------------------------------------- the school's officer


def test_the_school_officer_sees_the_returned_proposal_with_the_reason(year):
    nbk = _proposal(NBK)
    assert nbk.status == ProposalStatus.RETURNED
    [line] = _todo("tdkt.nbk", "returned")
    assert line["url"] == reverse("awards:proposal_detail", args=[nbk.pk])
    assert RETURN_REASON in line["text"]
    assert _client("tdkt.nbk").get(line["url"]).status_code == 200
    # The ward that returned it does not have it on its own to-do as "returned".
    assert _todo("tdkt.saigon", "returned") == []


def test_a_proposal_returned_to_dinh_tien_hoang_shows_on_its_officers_home(year):
    assert _todo("tdkt.dth", "returned") == []
    dth = _proposal(DTH)
    _transition("tdkt.saigon", dth, "return", reason="Bổ sung Báo cáo thành tích có xác nhận của Hiệu trưởng.")
    [line] = _todo("tdkt.dth", "returned")
    assert line["url"] == reverse("awards:proposal_detail", args=[dth.pk])
    assert "Bổ sung Báo cáo thành tích có xác nhận của Hiệu trưởng." in line["text"]
    page = _client("tdkt.dth").get(line["url"]).content.decode()
    assert "Gửi lại sau khi bổ sung" in page
    assert _todo("tdkt.nbk", "returned")[0]["url"] != line["url"]


def test_the_ward_officer_sees_the_proposal_waiting_to_be_received(year):
    dth = _proposal(DTH)
    [line] = _todo("tdkt.saigon", "receive")
    assert line["url"] == reverse("awards:proposal_detail", args=[dth.pk])
    assert "Tiếp nhận hồ sơ" in _client("tdkt.saigon").get(line["url"]).content.decode()
    assert _todo("tdkt.dth", "receive") == []


# --------------------------------------------------------------------------- the teacher


def test_the_teacher_sees_the_open_registration_until_she_registers(year):
    from tdkt.campaigns.models import Campaign
    from tdkt.site.demo_year import WARD_CAMPAIGN

    campaign = Campaign.objects.get(name__startswith=WARD_CAMPAIGN.split("{")[0])
    [line] = _todo("giaovien.dth", "register")
    assert line["url"] == reverse("campaigns:register", args=[campaign.pk])
    assert campaign.name in line["text"]
    assert f"{campaign.registration_deadline:%d/%m/%Y}" in line["text"]
    client = _client("giaovien.dth")
    form = client.get(line["url"])
    assert form.status_code == 200
    from tdkt.eligibility.models import AwardType

    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    me = User.objects.get(username="giaovien.dth").person
    response = client.post(line["url"], {"person": me.pk, "award_type": ldtt.pk, "targets": "Hoàn thành tốt"},
                           follow=True)
    assert "Đã đăng ký" in response.content.decode(), response.content.decode()[:2000]
    assert _todo("giaovien.dth", "register") == []


# --------------------------------------------------------------------------- the chairman


def test_the_chairman_sees_the_reviewed_proposal_waiting_for_his_decision(year):
    tuoitho = _proposal(TUOITHO)
    assert tuoitho.status == ProposalStatus.REVIEWED
    [line] = _todo("chutich.saigon", "decide")
    assert line["url"] == reverse("awards:decision_create", args=[tuoitho.pk])
    page = _client("chutich.saigon").get(line["url"])
    assert page.status_code == 200
    assert "Ra quyết định khen thưởng" in page.content.decode()
    for username in ("tdkt.saigon", "chuyenvien.mn.saigon", "hieutruong.dth"):
        assert _todo(username, "decide") == [], username


# --------------------------------------------------------------------------- queries


def _home_queries(username: str) -> int:
    client = _client(username)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home")).status_code == 200
    return len(ctx)


def test_home_page_queries_do_not_grow_with_the_number_of_ballots(year):
    from tdkt.meetings.services import question_create, question_open

    before = _home_queries("hoidong2.dth")
    ballot = _open_ballot()
    from tdkt.people.models import Person

    officer = User.objects.get(username="tdkt.dth")
    seated = ballot.meeting.council.members.values("person_id")
    others = (Person.objects.filter(employments__unit__code__startswith=DTH, user__isnull=True)
              .exclude(pk__in=seated).exclude(pk=ballot.person_id).distinct().order_by("pk")[:5])
    for i, person in enumerate(others):
        q = question_create(actor=officer, meeting=ballot.meeting, award_type=ballot.award_type,
                            person=person, method=VotingMethod.SECRET, title=f"Nội dung thêm {i}")
        question_open(actor=officer, question=q)
    assert len(_todo("hoidong2.dth", "ballot")) == 6
    assert _home_queries("hoidong2.dth") == before


def test_home_page_queries_do_not_grow_with_the_number_of_proposals(year):
    before = _home_queries("chutich.saigon")
    sonca = _proposal(SONCA)
    from tdkt.awards.services import item_review

    specialist = User.objects.get(username="chuyenvien.mn.saigon")
    _transition("chuyenvien.mn.saigon", sonca, "start_review")
    for item in sonca.items.all():
        item_review(actor=specialist, item=item, accept=True, note="Đủ điều kiện.")
    _transition("chuyenvien.mn.saigon", sonca, "finish_review")
    assert len(_todo("chutich.saigon", "decide")) == 2
    assert _home_queries("chutich.saigon") == before
