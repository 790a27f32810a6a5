"""Issue 7 in a browser: a school's proposal goes up, is returned, comes back, is decided and made public."""

import datetime as dt
from pathlib import Path

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%test\n"
REASON = "Bổ sung biên bản họp Hội đồng"


@pytest.fixture
def draft(world, monkeypatch):
    """A draft from school A (one person, one group) with its dossier; council passed, engine absent."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards import checks, services
    from tdkt.awards.choices import DocKind, RoundKind
    from tdkt.awards.reference import load_money_rules
    from tdkt.eligibility.models import AwardType

    monkeypatch.setattr(checks, "_engine_module", lambda: None)
    monkeypatch.setattr(checks, "_passed_pairs",
                        lambda proposal: {(i.subject_key, i.award_type_id) for i in proposal.items.all()})
    load_money_rules()
    types = {t.code: t for t in AwardType.objects.all()}
    officer = world.users.officer_a
    rnd = services.round_create(actor=world.users.office_officer, unit=world.phong, kind=RoundKind.ANNUAL,
                                name="Tổng kết năm học 2025-2026", school_year=world.year,
                                deadline=dt.date(2099, 6, 3))
    p = services.proposal_create(actor=officer, round=rnd, unit=world.school_a)
    services.item_add(actor=officer, proposal=p, award_type=types["giay-khen"], person=world.an,
                      summary="Hoàn thành xuất sắc nhiệm vụ năm học", achievement_key="nh25")
    services.item_add(actor=officer, proposal=p, award_type=types["giay-khen-tap-the"], unit=world.group_a,
                      summary="Tổ dẫn đầu phong trào")
    for kind in (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH):
        services.dossier_upload(actor=officer, proposal=p, doc_kind=kind, filename=f"{kind}.pdf", content=PDF)
    head_phong = User.objects.create_user(username="head_phong", password="pw-test-123", display_name="head_phong")
    Membership.objects.create(user=head_phong, unit=world.phong, role=Role.HEAD)
    p.refresh_from_db()
    return p


def _as(page, username, proposal):
    page.context.clear_cookies()
    login(page, username)
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{proposal.pk}/")


def _act(page, action, reason=""):
    if reason:
        page.fill("main input[name=reason]", reason)
    page.click(f"main button[name=action][value={action}]")
    page.wait_for_load_state()


def _status(page):
    return page.inner_text("main [data-testid=status]")


def test_proposal_returned_resubmitted_decided_and_disclosed(page, world, draft, tmp_path):
    from tdkt.awards.models import DecisionItem

    _as(page, "officer_a", draft)
    _act(page, "submit")
    assert _status(page) == "Đã gửi"

    _as(page, "office_officer", draft)
    _act(page, "receive")
    _as(page, "specialist_th", draft)
    _act(page, "return", REASON)
    assert "Lý do trả lại: " + REASON in page.inner_text("main")

    _as(page, "officer_a", draft)
    assert REASON in page.inner_text("main")
    _act(page, "resubmit")
    _as(page, "office_officer", draft)
    _act(page, "receive")

    _as(page, "specialist_th", draft)
    _act(page, "start_review")
    for _ in range(2):
        page.click("main [data-testid=items] button[name=accept][value='1']")
        page.wait_for_load_state()
    _act(page, "finish_review")

    _as(page, "head_phong", draft)
    page.click("main a:has-text('Ra quyết định khen thưởng')")
    page.fill("#id_decision_date", "2026-06-20")
    page.fill("#id_signer_name", "Võ Cao Long")
    page.fill("#id_signer_title", "Trưởng phòng")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=decision-items]")
    main = page.inner_text("main")
    assert "710.000" in main and "1.410.000" in main and "2.120.000" in main
    assert "hai mươi nghìn đồng" in main.lower()
    with page.expect_download() as info:
        page.click("main a:has-text('Tải PDF')")
    saved = tmp_path / "qd.pdf"
    info.value.save_as(saved)
    assert Path(saved).read_bytes().startswith(b"%PDF")

    code = DecisionItem.objects.get(person=world.an).public_code
    page.context.clear_cookies()
    page.goto(page.base_url + f"/khen-thuong/xac-minh/{code}/")
    award = page.inner_text("main [data-testid=award]")
    assert "Nguyễn Văn An" in award and "Có hiệu lực" in award
    assert "1985" not in page.inner_text("body") and world.an.national_id not in page.content()
    assert page.locator("[data-testid=current-user]").count() == 0

    draft.refresh_from_db()
    assert draft.status == "da_quyet_dinh"
    assert [e.action for e in draft.events.all()] == [
        "submit", "receive", "return", "resubmit", "receive", "start_review", "finish_review", "decide"]
