"""Issue 7 edges in Chromium: two officers on one proposal (the second is told, nothing lost), an upload that
is not what its name claims, a decision number already used in the register."""

import datetime as dt

import pytest

from tdkt.core.uploads import blank_pdf

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = blank_pdf()


@pytest.fixture
def draft(world, monkeypatch):
    """A draft from school A (one person, one group) with its dossier; council passed, engine absent.
    The stubs stay: these edges (a lost update, a false upload, a used number) are about the dossier and
    the register, not the year's verdicts, and need a draft the demo does not have (the demo's are sent)."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards import checks, services
    from tdkt.awards.choices import DocKind, RoundKind
    from tdkt.awards.reference import load_money_rules
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    monkeypatch.setattr(checks, "_verdicts", lambda items, school_year: {})
    monkeypatch.setattr(checks, "_passed_pairs",
                        lambda proposal: {(i.subject_key, i.award_type_id) for i in proposal.items.all()})
    load_catalogue()
    load_money_rules()
    from tdkt.awards.tests.pre_reform import district_office_still_decides

    district_office_still_decides()
    from tdkt.awards.bases import load_decision_bases

    load_decision_bases()
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




def _open(context, base_url, username, pk):
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base_url
    login(page, username)
    page.goto(f"{base_url}/khen-thuong/de-nghi/{pk}/")
    return page


def test_second_officer_is_told_and_nothing_is_lost(browser, live_server, world, draft, tmp_path):
    from tdkt.awards.models import DossierFile

    one = browser.new_context(locale="vi-VN")
    two = browser.new_context(locale="vi-VN")
    try:
        first = _open(one, live_server.url, "officer_a", draft.pk)
        second = _open(two, live_server.url, "officer_a", draft.pk)
        report = tmp_path / "bao-cao.pdf"
        report.write_bytes(blank_pdf())
        first.select_option("main select[name=doc_kind]", "bao_cao_thanh_tich")
        first.set_input_files("main input[type=file][name=file]", str(report))
        first.click("main button:has-text('Tải lên')")
        first.wait_for_load_state()
        assert "Đã tải lên «bao-cao.pdf»" in first.inner_text("main")
        # the second officer still has the page as it was, and sends it
        second.click("main button[name=action][value=submit]")
        second.wait_for_load_state()
        assert "vừa được người khác cập nhật" in second.inner_text("main .alert-danger")
        assert second.inner_text("main [data-testid=status]") == "Đang soạn"
        assert DossierFile.objects.filter(proposal=draft, filename="bao-cao.pdf").count() == 1
        draft.refresh_from_db()
        assert draft.status == "nhap"
    finally:
        one.close()
        two.close()


def test_upload_that_is_not_what_it_claims(page, world, draft, tmp_path):
    from tdkt.awards.models import DossierFile

    login(page, "officer_a")
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{draft.pk}/")
    fake = tmp_path / "to-trinh.pdf"
    fake.write_bytes(b"%PDF-1.4\n<script>document.location='//x/'+document.cookie</script>\n")
    before = DossierFile.objects.filter(proposal=draft).count()
    page.set_input_files("main input[type=file][name=file]", str(fake))
    page.click("main button:has-text('Tải lên')")
    page.wait_for_load_state()
    assert "«Tệp hồ sơ»: tệp «to-trinh.pdf» không phải tệp PDF hợp lệ" in page.inner_text("main .alert-danger")
    assert DossierFile.objects.filter(proposal=draft).count() == before


def test_used_decision_number_refused(page, world, draft):
    """The register already holds number 7 of this year: the form says so and no decision is made."""
    from tdkt.awards import services
    from tdkt.awards.models import Decision

    u = world.users
    for who, action in ((u.officer_a, "submit"), (u.office_officer, "receive"), (u.specialist_th, "start_review")):
        draft.refresh_from_db()
        services.proposal_transition(actor=who, proposal=draft, action=action)
    for it in draft.items.all():
        services.item_review(actor=u.specialist_th, item=it, accept=True)
    draft.refresh_from_db()
    services.proposal_transition(actor=u.specialist_th, proposal=draft, action="finish_review")
    items = list(draft.items.all())
    services.decision_issue(actor=None, issuer=world.phong, items=items[:1], decision_date=dt.date(2026, 6, 20),
                            signer_name="Võ Cao Long", signer_title="Trưởng phòng", number=7, proposal=draft)
    login(page, "head_phong")
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{draft.pk}/quyet-dinh/")
    page.fill("#id_number", "7")
    page.fill("#id_decision_date", "2026-06-21")
    page.fill("#id_signer_name", "Võ Cao Long")
    page.select_option("#id_signer_title", "Trưởng phòng")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "đã được dùng" in page.inner_text("main")
    assert Decision.objects.count() == 1
