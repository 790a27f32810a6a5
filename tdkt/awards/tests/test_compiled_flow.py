"""Two schools → the office reviews and compiles one dossier → the district (UBND) decides."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import services
from tdkt.awards.choices import DocKind, ItemStatus, ProposalStatus
from tdkt.awards.models import Proposal

from .conftest import PDF

DAY = dt.date(2026, 6, 25)


def district(world):
    """Put the Phòng under a district UBND with its officer, specialist and chairman."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.org.models import Unit, UnitType
    from tdkt.org.services import unit_create, unit_move

    ubnd = unit_create(actor=None, parent=None, code="UBND-QT", name="Ủy ban nhân dân Quận Thử",
                       unit_type=UnitType.objects.get(code="ubnd-huyen"), place_name="Quận Thử")
    unit_move(actor=None, unit=world.phong, new_parent=ubnd)
    # the move rewrote the tree paths: reload what holds them (units, and users' cached memberships)
    for name in ("phong", "school_a", "school_b", "school_c", "group_a"):
        setattr(world, name, Unit.objects.get(pk=getattr(world, name).pk))
    for name, u in vars(world.users).items():
        setattr(world.users, name, User.objects.get(pk=u.pk))
    users = {}
    for username, role, extra in (("ubnd_officer", Role.TDKT_OFFICER, {}),
                                  ("ubnd_specialist", Role.SPECIALIST, {}),
                                  ("chu_tich", Role.HEAD, {})):
        u = User.objects.create_user(username=username, password="pw-test-123", display_name=username)
        Membership.objects.create(user=u, unit=ubnd, role=role, **extra)
        users[username] = u
    return SimpleNamespace(unit=ubnd, **users)


def school_draft(aw, unit, officer, entries):
    p = services.proposal_create(actor=officer, round=aw.round, unit=unit)
    for code, subject, summary in entries:
        kw = {"unit": subject} if code.endswith("tap-the") else {"person": subject}
        services.item_add(actor=officer, proposal=p, award_type=aw.types[code], summary=summary, **kw)
    for kind in (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH):
        services.dossier_upload(actor=officer, proposal=p, doc_kind=kind, filename=f"{kind}.pdf", content=PDF)
    p.refresh_from_db()
    return p


def _do(actor, p, action, reason=""):
    p.refresh_from_db()
    return services.proposal_transition(actor=actor, proposal=p, action=action, reason=reason)


@pytest.fixture
def two_schools(aw, council_passes):
    w = aw.w
    ubnd = district(w)
    aw.proposal.delete()
    aw.round.refresh_from_db()
    a = school_draft(aw, w.school_a, w.users.officer_a, [("giay-khen", w.an, "Giáo viên dạy giỏi cấp quận"),
                                                         ("giay-khen-tap-the", w.group_a, "Tổ dẫn đầu phong trào")])
    b = school_draft(aw, w.school_b, w.users.officer_b, [("giay-khen", w.cuong, "Hoàn thành xuất sắc nhiệm vụ")])
    return SimpleNamespace(aw=aw, w=w, ubnd=ubnd, a=a, b=b)


def test_two_schools_compiled_and_decided_by_ubnd(two_schools):
    t = two_schools
    u = t.w.users
    _do(u.officer_a, t.a, "submit")
    _do(u.officer_b, t.b, "submit")
    for p in (t.a, t.b):
        _do(u.office_officer, p, "receive")
    _do(u.specialist_th, t.b, "return", "Bổ sung biên bản họp Hội đồng")
    _do(u.officer_b, t.b, "resubmit")
    _do(u.office_officer, t.b, "receive")
    for p in (t.a, t.b):
        _do(u.specialist_th, p, "start_review")
        for it in p.items.all():
            services.item_review(actor=u.specialist_th, item=it, accept=True)
        _do(u.specialist_th, p, "finish_review")

    c = Client()
    c.force_login(u.office_officer)
    r = c.post(reverse("awards:proposal_compile", args=[t.a.pk]))
    up = Proposal.objects.get(unit=t.w.phong)
    assert r["Location"].endswith(reverse("awards:proposal_detail", args=[up.pk]))
    assert up.to_unit == t.ubnd.unit
    assert [i.subject_name for i in up.items.all()] == ["Nguyễn Văn An", "Tổ 1", "Lê Quốc Cường"]
    for p in (t.a, t.b):
        p.refresh_from_db()
        assert p.status == ProposalStatus.FORWARDED

    for kind in (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH):
        services.dossier_upload(actor=u.office_officer, proposal=up, doc_kind=kind, filename="x.pdf", content=PDF)
    _do(u.office_officer, up, "submit")
    _do(t.ubnd.ubnd_officer, up, "receive")
    _do(t.ubnd.ubnd_specialist, up, "start_review")
    for it in up.items.all():
        services.item_review(actor=t.ubnd.ubnd_specialist, item=it, accept=True)
    _do(t.ubnd.ubnd_specialist, up, "finish_review")
    d = services.decision_issue(actor=t.ubnd.chu_tich, issuer=t.ubnd.unit, items=list(up.items.all()),
                                decision_date=DAY, signer_name="Nguyễn Văn Chủ", signer_title="Chủ tịch",
                                proposal=up)
    assert d.number_label == "01/QĐ-UBND" and d.total == 710000 * 2 + 1410000
    from tdkt.records.models import AwardRecord

    rec = AwardRecord.objects.get(person=t.w.cuong)
    assert rec.unit == t.w.school_b and rec.issuer == "Ủy ban nhân dân Quận Thử"
    assert set(up.items.values_list("status", flat=True)) == {ItemStatus.DECIDED}
