"""Issue 12 item 7: a decision's symbol comes from its issuer (NĐ 30/2020 Điều 15, Phụ lục I mục II.3),
not a fixed "QĐ-UBND": on the decision, its DOCX, the certificate, the verification page and the form."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import documents, selectors, services
from tdkt.org.models import UnitType

from .conftest import accepted


@pytest.mark.parametrize("type_code, symbol", [
    ("ubnd-xa", "QĐ-UBND"),  # UBND xã/phường
    ("so-gddt", "QĐ-SGDĐT"),  # Sở GD&ĐT
    ("phong-gddt", "QĐ-GDĐT"),  # Phòng GD&ĐT (before 07/2025)
    ("phong-vhxh", "QĐ-VHXH"),
])
def test_symbol_of_each_issuer_kind(world, type_code, symbol):
    unit = world.phong
    unit.unit_type = UnitType.objects.get(code=type_code)
    assert selectors.decision_symbol(unit) == symbol


def test_symbol_of_a_school_and_a_chosen_short_name(world):
    assert selectors.decision_symbol(world.school_a) == "QĐ-THĐTH"  # Trường Tiểu học Đinh Tiên Hoàng
    assert selectors.decision_symbol(world.school_c) == "QĐ-MNBN"  # Trường Mầm non Bé Ngoan
    world.school_a.short_name = "ĐTH"  # the head of the body chooses the abbreviation
    assert selectors.decision_symbol(world.school_a) == "QĐ-ĐTH"


@pytest.mark.parametrize("type_code, symbol, signer_title", [("ubnd-xa", "QĐ-UBND", "Chủ tịch"),
                                                             ("phong-gddt", "QĐ-GDĐT", "Trưởng phòng"),
                                                             ("so-gddt", "QĐ-SGDĐT", "Giám đốc")])
def test_decision_certificate_and_verification_carry_the_issuers_symbol(aw, council_passes, type_code, symbol,
                                                                         signer_title):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    from .test_decisions import _docx_text

    issuer = aw.w.phong
    issuer.unit_type = UnitType.objects.get(code=type_code)
    issuer.save(update_fields=["unit_type"])
    head = User.objects.create_user(username="head_issuer", password="pw-test-123")
    Membership.objects.create(user=head, unit=issuer, role=Role.HEAD)
    p = accepted(aw)
    c = Client()
    c.force_login(head)
    form = c.get(reverse("awards:decision_create", args=[p.pk])).content.decode()
    assert f'value="{symbol}"' in form and 'value="QĐ-UBND"' not in form.replace(f'value="{symbol}"', "")
    d = services.decision_issue(actor=head, issuer=issuer, items=list(p.items.all()),
                                decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                signer_title=signer_title, proposal=p)
    label = f"01/{symbol}"
    assert d.symbol == symbol and d.number_label == label
    text = _docx_text(documents.decision_docx(d))
    assert f"Số: {label}" in text
    item = d.items.get()
    page = documents.certificate_pages([item], lambda i: "https://tdkt.example/x/")[0]
    assert label in page["decision"]
    html = Client().get(reverse("awards:verify", args=[item.public_code])).content.decode()
    assert label in html
    if symbol != "QĐ-UBND":
        assert "QĐ-UBND" not in text and "QĐ-UBND" not in html


def test_api_decision_without_symbol_takes_the_issuers(aw, council_passes):
    import json

    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    head = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    p = accepted(aw)
    c = Client()
    c.force_login(head)
    r = c.post(reverse("api:awards_decision_issue"), data=json.dumps({
        "proposal": p.pk, "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
        "signer_title": "Trưởng phòng"}), content_type="application/json")
    assert r.status_code in (200, 201), r.content
    assert r.json()["number"] == "01/QĐ-GDĐT"
