"""Issue 12: the proposal page, the proposal list and the home page of a school officer and of a
specialist run the same number of queries for small data and for ten times as much, with the real
eligibility engine judging every line (no stub: the ``real_engine`` fixture opts out of it)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.awards import services
from tdkt.awards.choices import DocKind, ProposalStatus
from tdkt.awards.models import Proposal
from tdkt.org.services import school_year_get_or_create
from tdkt.people.choices import Position
from tdkt.people.services import employment_add, person_create
from tdkt.records.models import Initiative, InitiativeAuthor, PersonRating, Registration

from .conftest import PDF

_seq = {"n": 0}


def _teacher(aw, unit):
    """A teacher of ``unit`` since 2018 with three years of ratings, registered for LĐTT this year and,
    one in two, with a recognised initiative: what the engine reads for LĐTT, CSTĐCS and Giấy khen."""
    _seq["n"] += 1
    n = _seq["n"]
    p = person_create(actor=None, family_name="Hoàng", middle_name="Minh", given_name=f"Giáo viên {n:03d}",
                      gender="nam")
    employment_add(actor=None, person=p, unit=unit, position=Position.GIAO_VIEN, start_date=dt.date(2018, 9, 1))
    for start in (2023, 2024, 2025):
        PersonRating.objects.create(person=p, school_year=school_year_get_or_create(actor=None, start_year=start),
                                    rating="htxs" if n % 3 else "ht")
    Registration.objects.create(award_type=aw.types["lao-dong-tien-tien"], school_year=aw.w.year, person=p,
                                registered_on=dt.date(2025, 9, 20))
    if n % 2:
        init = Initiative.objects.create(kind="sang_kien", title=f"Sáng kiến {n}", school_year=aw.w.year,
                                         recognized=True, scope="co_so", decision_number=f"{n}/QĐ-TH",
                                         decision_date=dt.date(2026, 5, 20))
        InitiativeAuthor.objects.create(initiative=init, person=p, share=100)
    return p


def _lines(aw, proposal, people):
    """Each teacher proposed for LĐTT and for a Giấy khen (two lines each), the Giấy khen line with the
    teacher's own report of achievements in the dossier."""
    officer = aw.w.users.officer_a
    for p in people:
        services.item_add(actor=officer, proposal=proposal, award_type=aw.types["lao-dong-tien-tien"], person=p,
                          summary="Hoàn thành tốt nhiệm vụ năm học")
        line = services.item_add(actor=officer, proposal=proposal, award_type=aw.types["giay-khen"], person=p,
                                 summary=f"Thành tích năm học của {p}")
        proposal.refresh_from_db()
        services.dossier_upload(actor=officer, proposal=proposal, doc_kind=DocKind.BAO_CAO,
                                filename="bao-cao.pdf", content=PDF, item=line)


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_proposal_page_queries_do_not_grow_with_its_lines(aw, real_engine):
    url = reverse("awards:proposal_detail", args=[aw.proposal.pk])
    c = _client(aw.w.users.officer_a)
    _lines(aw, aw.proposal, [_teacher(aw, aw.w.school_a) for _ in range(2)])
    c.get(url)  # warm the caches a first request fills (sessions, content types)
    small, html = _count(c, url)
    assert html.count("Hoàng Minh Giáo viên") >= 4
    _lines(aw, aw.proposal, [_teacher(aw, aw.w.school_a) for _ in range(18)])
    large, html = _count(c, url)
    assert html.count("data-testid=\"checks\"") == 1 and "Giáo viên" in html
    assert large <= small, (small, large)


def test_specialists_proposal_page_queries_do_not_grow_with_its_lines(aw, real_engine):
    """The specialist reviews a received proposal: a verdict button pair on every line."""
    url = reverse("awards:proposal_detail", args=[aw.proposal.pk])
    _lines(aw, aw.proposal, [_teacher(aw, aw.w.school_a) for _ in range(2)])
    Proposal.objects.filter(pk=aw.proposal.pk).update(status=ProposalStatus.UNDER_REVIEW,
                                                      specialist=aw.w.users.specialist_th)
    c = _client(aw.w.users.specialist_th)
    c.get(url)
    small, html = _count(c, url)
    assert html.count('name="accept" value="1"') == 5
    Proposal.objects.filter(pk=aw.proposal.pk).update(status=ProposalStatus.DRAFT)
    _lines(aw, aw.proposal, [_teacher(aw, aw.w.school_a) for _ in range(18)])
    Proposal.objects.filter(pk=aw.proposal.pk).update(status=ProposalStatus.UNDER_REVIEW)
    large, html = _count(c, url)
    assert html.count('name="accept" value="1"') == 41
    assert large <= small, (small, large)


def _proposals(aw, n, status=None, unit=None, officer=None):
    """``n`` proposals of school A (or ``unit``) in the fixture's round, each with a line and its dossier;
    ``status`` put straight on them (this test is about reading them back, not about the workflow)."""
    unit, officer = unit or aw.w.school_a, officer or aw.w.users.officer_a
    made = []
    for k in range(n):
        p = services.proposal_create(actor=officer, round=aw.round, unit=unit, title=f"Đề nghị số {k}")
        services.item_add(actor=officer, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.an
                          if unit == aw.w.school_a else aw.w.cuong, summary="Hoàn thành xuất sắc nhiệm vụ")
        services.dossier_upload(actor=officer, proposal=p, doc_kind=DocKind.TO_TRINH, filename="tt.pdf", content=PDF)
        made.append(p.pk)
    if status:
        Proposal.objects.filter(pk__in=made).update(status=status, return_reason="Bổ sung biên bản")
    return made


def test_proposal_list_queries_do_not_grow_with_proposals(aw, real_engine):
    url = reverse("awards:proposal_list")
    for user in (aw.w.users.officer_a, aw.w.users.office_officer):
        c = _client(user)
        c.get(url)
        _proposals(aw, 1)
        small, _html = _count(c, url)
        _proposals(aw, 10, status=ProposalStatus.SUBMITTED)
        large, html = _count(c, url)
        assert html.count("Đề nghị số") >= 11
        assert large <= small, (user, small, large)


def test_school_officers_home_page_queries_do_not_grow(aw, real_engine):
    url = reverse("core:home")
    c = _client(aw.w.users.officer_a)
    c.get(url)
    _proposals(aw, 1, status=ProposalStatus.RETURNED)
    small, html = _count(c, url)
    assert "Đề nghị bị trả lại" in html
    _proposals(aw, 10, status=ProposalStatus.RETURNED)
    large, html = _count(c, url)
    assert html.count("Đề nghị bị trả lại") >= 11
    assert large <= small, (small, large)


def test_specialists_home_page_queries_do_not_grow(aw, real_engine):
    url = reverse("core:home")
    c = _client(aw.w.users.specialist_th)
    c.get(url)
    _proposals(aw, 1, status=ProposalStatus.RECEIVED)
    small, html = _count(c, url)
    assert "Hồ sơ chờ thẩm định" in html
    _proposals(aw, 5, status=ProposalStatus.RECEIVED)
    _proposals(aw, 5, status=ProposalStatus.UNDER_REVIEW, unit=aw.w.school_b, officer=aw.w.users.officer_b)
    large, html = _count(c, url)
    assert html.count("Hồ sơ chờ thẩm định") >= 11
    assert large <= small, (small, large)

