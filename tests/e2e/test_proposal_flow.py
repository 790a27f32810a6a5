"""Issues 7 and 12 in a browser, on the demo as `tdkt demo` builds it, with its own logins and no stubs:
the school's ad hoc proposal waiting at the ward is returned, sent again, received, reviewed and decided
by the ward's chairman; each role sees only the buttons it may use; the decision carries the issuer's
symbol (QĐ-UBND for the UBND phường) and is public on the verification page."""

import io
from pathlib import Path

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Bổ sung bản sao giấy chứng nhận giải Nhất Hội thi"


@pytest.fixture
def demo(settings):
    from django.core.management import call_command

    from tdkt.site.demo import build_demo
    from tdkt.site.demo_records import build_demo_records
    from tdkt.site.demo_year import build_demo_year

    # The demo hashes its one password once; a fast hasher keeps the logins quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_reference", stdout=io.StringIO())
    build_demo()
    build_demo_records(out=io.StringIO())
    build_demo_year(out=io.StringIO())


def _as(page, username, proposal):
    from tdkt.site.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{proposal.pk}/")


def _act(page, action, reason=""):
    if reason:
        page.fill("main input[name=reason]", reason)
    page.click(f"main button[name=action][value={action}]")
    page.wait_for_load_state()


def _buttons(page) -> set[str]:
    return {b.get_attribute("value") for b in page.locator("main button[name=action]").all()}


def _status(page):
    return page.inner_text("main [data-testid=status]")


def test_demo_proposal_returned_resubmitted_decided_and_verified(page, demo, tmp_path):
    from django.utils import timezone

    from tdkt.awards.models import DecisionItem, Proposal
    from tdkt.site.demo_year import DTH

    p = Proposal.objects.get(unit__code=DTH, round__kind="dot_xuat")
    assert p.status == "da_gui"  # the demo leaves it waiting at the ward

    # The ward's specialist may not receive it, and nobody but the school may withdraw it.
    _as(page, "chuyenvien.th.saigon", p)
    assert "receive" not in _buttons(page) and "withdraw" not in _buttons(page)
    _as(page, "tdkt.saigon", p)
    assert {"receive", "return"} <= _buttons(page) and "withdraw" not in _buttons(page)
    _act(page, "return", REASON)
    assert "Lý do trả lại: " + REASON in page.inner_text("main")

    # The school sees why, and sends it again: the real checks run (engine, council, dossier).
    _as(page, "tdkt.dth", p)
    assert REASON in page.inner_text("main") and "receive" not in _buttons(page)
    _act(page, "resubmit")
    assert _status(page) == "Đã gửi lại"

    _as(page, "tdkt.saigon", p)
    _act(page, "receive")
    _as(page, "chuyenvien.th.saigon", p)
    _act(page, "start_review")
    for _ in range(p.items.count()):
        page.click("main [data-testid=items] button[name=accept][value='1']")
        page.wait_for_load_state()
    _act(page, "finish_review")
    assert "Ra quyết định khen thưởng" not in page.inner_text("main")  # the specialist does not decide

    # The ward's chairman decides; the symbol offered is the ward's own.
    _as(page, "chutich.saigon", p)
    page.click("main a:has-text('Ra quyết định khen thưởng')")
    assert page.input_value("#id_symbol") == "QĐ-UBND"
    page.fill("#id_decision_date", timezone.localdate().isoformat())
    page.fill("#id_signer_name", "Chủ tịch phường")
    page.select_option("#id_signer_title", "Chủ tịch")
    if page.locator("#id_confirm_unverified").count():  # a rule row still unread: the chairman confirms
        page.check("#id_confirm_unverified")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=decision-items]")
    assert "/QĐ-UBND" in page.inner_text("main")
    with page.expect_download() as info:
        page.click("main a:has-text('Tải PDF')")
    saved = tmp_path / "qd.pdf"
    info.value.save_as(saved)
    assert Path(saved).read_bytes().startswith(b"%PDF")

    line = DecisionItem.objects.get(proposal_item__proposal=p)
    page.context.clear_cookies()
    page.goto(page.base_url + f"/khen-thuong/xac-minh/{line.public_code}/")
    award = page.inner_text("main [data-testid=award]")
    assert line.subject_name in award and "Có hiệu lực" in award and line.decision.number_label in award
    assert page.locator("[data-testid=current-user]").count() == 0

    p.refresh_from_db()
    assert p.status == "da_quyet_dinh"
    assert [e.action for e in p.events.all()][-7:] == [
        "submit", "return", "resubmit", "receive", "start_review", "finish_review", "decide"]
