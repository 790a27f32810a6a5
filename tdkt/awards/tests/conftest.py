"""Fixtures of the awards tests: money rules, a round at the Phòng, a draft proposal
from school A with one Giấy khen item and its dossier."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tdkt.awards.tests.pre_reform import district_office_still_decides
from tdkt.core.uploads import blank_pdf

PDF = blank_pdf()


def make_docx() -> bytes:
    """A real Word file (python-docx): the upload checks the package's content types."""
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


@pytest.fixture
def real_engine():
    """Ask for this fixture to have the submit checks judged by the real eligibility engine."""


@pytest.fixture(autouse=True)
def _no_engine(request, monkeypatch):
    """Most awards tests are about the workflow, the dossier and the money, not the year's verdicts: their
    eligibility check says «chưa xét được» unless the test asks for ``real_engine``."""
    if "real_engine" in request.fixturenames:
        return
    from tdkt.awards import checks

    monkeypatch.setattr(checks, "_verdicts", lambda items, school_year: {})


@pytest.fixture
def aw(world):
    from tdkt.awards import services
    from tdkt.awards.bases import load_decision_bases
    from tdkt.awards.choices import DocKind, RoundKind
    from tdkt.awards.reference import load_money_rules
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()
    load_money_rules()
    load_decision_bases()
    district_office_still_decides()
    types = {t.code: t for t in AwardType.objects.all()}
    rnd = services.round_create(actor=world.users.office_officer, unit=world.phong, kind=RoundKind.ANNUAL,
                                name="Tổng kết năm học 2025-2026", school_year=world.year,
                                deadline=dt.date(2099, 6, 3))
    p = services.proposal_create(actor=world.users.officer_a, round=rnd, unit=world.school_a)
    item = services.item_add(actor=world.users.officer_a, proposal=p, award_type=types["giay-khen"],
                             person=world.an, summary="Hoàn thành xuất sắc nhiệm vụ năm học", achievement_key="nh25")
    for kind in (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH):
        services.dossier_upload(actor=world.users.officer_a, proposal=p, doc_kind=kind, filename=f"{kind}.pdf",
                                content=PDF)
    p.refresh_from_db()
    return SimpleNamespace(w=world, types=types, round=rnd, proposal=p, item=item)


@pytest.fixture
def council_passes(monkeypatch):
    """The council of the proposing unit passed every item (the meetings app is another engineer's)."""
    from tdkt.awards import checks

    def passed(proposal):
        return {(i.subject_key, i.award_type_id) for i in proposal.items.all()}

    monkeypatch.setattr(checks, "_passed_pairs", passed)


def advance(aw, *to: str, version=None):
    """Walk the proposal through actions with the right actors."""
    from tdkt.awards import services

    u = aw.w.users
    who = {"submit": u.officer_a, "resubmit": u.officer_a, "withdraw": u.officer_a, "receive": u.office_officer,
           "start_review": u.specialist_th, "finish_review": u.specialist_th, "return": u.office_officer}
    p = aw.proposal
    for action in to:
        p.refresh_from_db()
        services.proposal_transition(actor=who[action], proposal=p, action=action,
                                     reason="Bổ sung biên bản" if action in ("return", "withdraw") else "")
    p.refresh_from_db()
    return p


def accepted(aw):
    """Submit, receive, review (accept every item), finish."""
    from tdkt.awards import services

    p = advance(aw, "submit", "receive", "start_review")
    for it in p.items.all():
        services.item_review(actor=aw.w.users.specialist_th, item=it, accept=True)
    return advance(aw, "finish_review")


DAY = dt.date(2026, 6, 20)


def _decide(aw, head, unit, officer, entries, number):
    """A proposal of ``unit`` with ``entries`` [(award code, person or unit, summary)], reviewed and decided."""
    from tdkt.awards import services

    p = services.proposal_create(actor=officer, round=aw.round, unit=unit)
    for code, subject, summary in entries:
        kw = {"unit": subject} if code.endswith("tap-the") else {"person": subject}
        services.item_add(actor=officer, proposal=p, award_type=aw.types[code], summary=summary, **kw)
    for kind in ("to_trinh", "bien_ban", "danh_sach"):
        services.dossier_upload(actor=officer, proposal=p, doc_kind=kind, filename=f"{kind}.pdf", content=PDF)
    u = aw.w.users
    for who, action in ((officer, "submit"), (u.office_officer, "receive"), (u.specialist_th, "start_review")):
        p.refresh_from_db()
        services.proposal_transition(actor=who, proposal=p, action=action)
    for it in p.items.all():
        services.item_review(actor=u.specialist_th, item=it, accept=True)
    p.refresh_from_db()
    services.proposal_transition(actor=u.specialist_th, proposal=p, action="finish_review")
    return services.decision_issue(actor=head, issuer=aw.w.phong, items=list(p.items.all()), decision_date=DAY,
                                   signer_name="Võ Cao Long", signer_title="Trưởng phòng", number=number,
                                   proposal=p)


@pytest.fixture
def three(aw, council_passes):
    """Three decisions of the Phòng: 11 (school A: An, revoked, and Tổ 1), 12 (school A: Bình), 13 (school B:
    Cường) — for the certificate batch, its background job and its export."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards import services

    head = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    w = aw.w
    aw.proposal.delete()  # the fixture's draft is not needed here
    d1 = _decide(aw, head, w.school_a, w.users.officer_a,
                 [("giay-khen", w.an, "Giáo viên dạy giỏi cấp huyện"), ("giay-khen-tap-the", w.group_a, "Tổ xuất sắc")],
                 number=11)
    d2 = _decide(aw, head, w.school_a, w.users.officer_a, [("giay-khen", w.binh, "Hiệu trưởng tiêu biểu")], 12)
    d3 = _decide(aw, head, w.school_b, w.users.officer_b, [("giay-khen", w.cuong, "Cứu bạn đuối nước")], 13)
    an = d1.items.get(person=w.an)
    services.award_revoke(actor=head, item=an, reason="Kê khai sai", revocation_decision="45/QĐ-UBND",
                          revoked_on=dt.date(2026, 9, 1))
    return aw, (d1, d2, d3)
