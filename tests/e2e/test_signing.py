"""Issue 20 in Chromium with the demo's own accounts (nothing stubbed): the ward's chairman opens the
decision his ward issued on 20/06/2026, signs it with his demo key ("Ký số"), and the verification page
shows both signatures (his and the ward's), intact, trusted by the demo CA, with the time from the server."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from tdkt.signatures.keys import DEMO_CA_NAME

from .conftest import as_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def keys_dir(settings, tmp_path):
    """The demo's keys in this test's own directory (listed before ``demo``, which makes them)."""
    settings.VAR_DIR = tmp_path
    settings.TDKT_SIGNING_TRUST_ROOTS = [str(tmp_path / "signing" / "demo" / "demo-ca.pem")]
    return tmp_path


def test_the_chairman_signs_the_wards_decision_and_sees_it_verified(page, keys_dir, demo, tmp_path):
    from tdkt.awards.models import Decision
    from tdkt.site.demo import WARD_CODE

    d = Decision.objects.get(issuer__code=WARD_CODE, decision_date=dt.date(2026, 6, 20))
    as_user(page, "chutich.saigon")
    page.goto(page.base_url + f"/khen-thuong/quyet-dinh/{d.pk}/")
    page.click("[data-testid=decision-sign]")
    page.wait_for_url("**/kiem-tra-chu-ky/")
    main = page.inner_text("main")
    assert "Đã ký số Quyết định số" in main
    cards = page.locator("[data-testid=verify-signature]")
    assert cards.count() == 2
    for i in range(2):
        card = cards.nth(i).inner_text()
        assert "Nguyên vẹn" in card and "Chứng thư được tin cậy" in card and DEMO_CA_NAME in card
    assert "Phường Sài Gòn".lower() in main.lower()
    assert "chưa cấu hình dịch vụ cấp dấu thời gian" in page.inner_text("[data-testid=verify-time-source]")

    # The decision page now offers the signed file instead of the button; the file is what pdfsig reads.
    page.goto(page.base_url + f"/khen-thuong/quyet-dinh/{d.pk}/")
    assert "Đã ký số" in page.inner_text("[data-testid=decision-signature]")
    assert page.locator("[data-testid=decision-sign]").count() == 0
    with page.expect_download() as download:
        page.click("text=Tải bản đã ký số (PDF)")
    path = tmp_path / "signed.pdf"
    download.value.save_as(path)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature #") == 2 and "Signature is Valid" in out, out
