"""Public pages (no login): verification and disclosure show no birth date, no identifier."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import services

from .conftest import accepted


@pytest.fixture
def decided(aw, council_passes):
    accepted(aw)
    d = services.decision_issue(actor=None, issuer=aw.w.phong, items=list(aw.proposal.items.all()),
                                decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                signer_title="Trưởng phòng", number=123)
    return aw, d


def _private_absent(html, w):
    assert w.an.national_id not in html
    assert "07/03/1985" not in html and "1985" not in html


def test_verification_page_is_public_and_private_data_free(decided):
    aw, d = decided
    item = d.items.get()
    response = Client().get(reverse("awards:verify", args=[item.public_code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "123/QĐ-GDĐT" in html and "Có hiệu lực" in html
    _private_absent(html, aw.w)
    assert "710.000" not in html


def test_verification_shows_revocation(decided):
    aw, d = decided
    item = d.items.get()
    services.award_revoke(actor=None, item=item, reason="Sai thành tích", revocation_decision="45/QĐ-UBND",
                          revoked_on=dt.date(2026, 9, 1))
    html = Client().get(reverse("awards:verify", args=[item.public_code])).content.decode()
    assert "Đã bị hủy bỏ" in html and "45/QĐ-UBND" in html


def test_unknown_or_malformed_code(db):
    assert "Không tìm thấy" in Client().get(reverse("awards:verify") + "?ma=khong-phai-uuid").content.decode()
    assert Client().get(reverse("awards:verify")).status_code == 200


def test_disclosure_lists_without_private_data(decided):
    aw, d = decided
    response = Client().get(reverse("awards:disclosure"), {"don-vi": aw.w.school_a.pk, "dot": aw.round.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "123/QĐ-GDĐT" in html and "Giấy khen" in html
    _private_absent(html, aw.w)


def test_disclosure_hides_drafts(aw):
    html = Client().get(reverse("awards:disclosure"), {"don-vi": aw.w.school_a.pk}).content.decode()
    assert "Nguyễn Văn An" not in html
    assert Client().get(reverse("awards:disclosure")).status_code == 200


def test_public_pages_open_to_signed_in_users_without_role(aw):
    client = Client()
    client.force_login(aw.w.users.nobody)
    assert client.get(reverse("awards:disclosure")).status_code == 200
    assert client.get(reverse("awards:verify")).status_code == 200
