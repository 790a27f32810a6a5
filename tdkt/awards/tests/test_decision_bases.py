"""A decision cites the texts in force on its own date and is signed by a title of its issuer.

* «Căn cứ» lines are dated rows (tdkt.awards.bases): a 2026 decision of a ward cites NĐ 152/2025 and the
  local-government law, a 2024 decision NĐ 98/2023; the boundary is 30/06/2025 / 01/07/2025.
* A decision issued without bases (form left empty, API without them) gets those in force on its date.
* The signer's title is chosen from the issuer's titles; any other is refused with nothing written.
* A deputy signs «KT. TRƯỞNG PHÒNG» / «PHÓ TRƯỞNG PHÒNG» (Nghị định 30/2020).
* A decision for individuals and collectives says «cho 03 cá nhân và 01 tập thể»."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards import bases, documents, services
from tdkt.awards.choices import ItemStatus
from tdkt.awards.models import Decision, LegalBasis, ProposalItem, SignerTitle
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.models import UnitType
from tdkt.records.models import AwardRecord

from .conftest import DAY, accepted
from .test_decisions import _docx_text

pytestmark = pytest.mark.django_db

ND98 = "Nghị định số 98/2023/NĐ-CP"
ND152 = "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025"
ND129 = "Nghị định số 129/2025/NĐ-CP"
LOCAL_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"


def _as(unit, code):
    unit.unit_type = UnitType.objects.get(code=code)
    unit.save(update_fields=["unit_type"])
    return unit


def _has(lines, text) -> bool:
    return any(text in line for line in lines)


# --------------------------------------------------------------------------- the lines, by date and issuer


def test_a_ward_cites_nd152_from_the_reform_and_nd98_before(aw):
    ward = _as(aw.w.phong, "ubnd-xa")
    lines_2026 = bases.proposed_bases(ward, dt.date(2026, 6, 20))
    assert _has(lines_2026, ND152) and not _has(lines_2026, ND98)
    assert LOCAL_2025 in lines_2026 and _has(lines_2026, ND129) and LAW_2022 in lines_2026
    # the organisation law comes first, then the Law on emulation, then the decrees
    assert lines_2026.index(LOCAL_2025) < lines_2026.index(LAW_2022)
    on_30_june = bases.proposed_bases(ward, dt.date(2025, 6, 30))
    on_1_july = bases.proposed_bases(ward, dt.date(2025, 7, 1))
    assert _has(on_30_june, ND98) and not _has(on_30_june, ND152) and not _has(on_30_june, ND129)
    assert _has(on_1_july, ND152) and not _has(on_1_july, ND98)
    lines_2024 = bases.proposed_bases(ward, dt.date(2024, 6, 5))
    assert _has(lines_2024, ND98) and LAW_2022 in lines_2024
    lines_2023 = bases.proposed_bases(ward, dt.date(2023, 6, 5))
    assert _has(lines_2023, "Nghị định số 91/2017/NĐ-CP") and not _has(lines_2023, "Luật Thi đua, khen thưởng ngày 15")


def test_the_district_office_cites_the_old_local_government_law_only_before_the_reform(aw):
    phong = aw.w.phong  # a Phòng GD&ĐT
    before = bases.proposed_bases(phong, dt.date(2024, 6, 5))
    assert _has(before, "Luật Tổ chức chính quyền địa phương năm 2015") and _has(before, ND98)
    after = bases.proposed_bases(phong, dt.date(2026, 6, 20))
    assert not _has(after, "Tổ chức chính quyền địa phương") and not _has(after, ND129) and _has(after, ND152)


def test_the_lines_printed_never_carry_a_review_note(aw):
    # the notes are for the officer's screen: the printed text of every row is the law only
    assert LegalBasis.objects.exclude(note="").exists()
    assert not any("đối chiếu" in b.text for b in LegalBasis.objects.all())
    assert bases.basis_notes(_as(aw.w.phong, "ubnd-xa"), dt.date(2026, 6, 20))


def test_loading_twice_adds_nothing(aw):
    counts = (LegalBasis.objects.count(), SignerTitle.objects.count())
    bases.load_decision_bases()
    assert (LegalBasis.objects.count(), SignerTitle.objects.count()) == counts


def test_load_reference_loads_them():
    import io

    from django.core.management import call_command

    call_command("load_reference", stdout=io.StringIO())
    assert LegalBasis.objects.filter(code="nd-152-2025").exists()
    assert SignerTitle.objects.filter(unit_type__code="ubnd-xa", title="Chủ tịch").exists()


# --------------------------------------------------------------------------- a decision is never without them


def _issue(aw, p, **kw):
    kw.setdefault("signer_title", "Trưởng phòng")
    return services.decision_issue(actor=None, issuer=aw.w.phong, items=list(p.items.all()), decision_date=DAY,
                                   signer_name="Võ Cao Long", proposal=p, **kw)


def test_service_without_bases_cites_the_texts_of_its_date(aw, council_passes):
    d = _issue(aw, accepted(aw))
    lines = d.basis_lines
    assert LAW_2022 in lines and _has(lines, ND152) and not _has(lines, ND98)
    assert lines[-1] == f"Xét đề nghị của {aw.proposal.unit.name}."
    text = _docx_text(documents.decision_docx(d))
    assert "Nghị định số 152/2025/NĐ-CP" in text and ND98 not in text


def test_given_bases_are_kept(aw, council_passes):
    d = _issue(aw, accepted(aw), legal_basis=f"{LAW_2022}\n\nCăn cứ Quy chế thi đua của Phòng;")
    assert d.basis_lines == [LAW_2022, "Căn cứ Quy chế thi đua của Phòng;"]


def test_bases_without_any_law_are_refused(aw, council_passes):
    p = accepted(aw)
    LegalBasis.objects.all().delete()
    with pytest.raises(DomainValidationError) as exc:
        _issue(aw, p)
    assert "legal_basis" in exc.value.message_dict and "Căn cứ" in str(exc.value)
    assert not Decision.objects.exists()


def test_api_without_bases_gets_them(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    head = User.objects.create_user(username="head_bases", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    p = accepted(aw)
    c = Client()
    c.force_login(head)
    r = c.post(reverse("api:awards_decision_issue"), data=json.dumps({
        "proposal": p.pk, "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
        "signer_title": "Trưởng phòng"}), content_type="application/json")
    assert r.status_code == 201, r.content
    detail = c.get(reverse("api:awards_decision_detail", args=[r.json()["id"]])).json()
    assert _has(detail["legal_basis"], ND152) and not _has(detail["legal_basis"], ND98)


# --------------------------------------------------------------------------- the signer's title


def test_a_title_of_another_issuer_is_refused_and_nothing_is_written(aw, council_passes):
    p = accepted(aw)
    records = AwardRecord.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        _issue(aw, p, signer_title="Chủ tịch")
    message = str(exc.value)
    assert "signer_title" in exc.value.message_dict
    assert "Chức vụ người ký" in message and "«Trưởng phòng»" in message and "«Phó Trưởng phòng»" in message
    assert not Decision.objects.exists() and AwardRecord.objects.count() == records
    assert set(ProposalItem.objects.filter(proposal=p).values_list("status", flat=True)) == {ItemStatus.ACCEPTED}


def test_api_refuses_a_wrong_title_with_the_allowed_ones(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    head = User.objects.create_user(username="head_title", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    p = accepted(aw)
    c = Client()
    c.force_login(head)
    r = c.post(reverse("api:awards_decision_issue"), data=json.dumps({
        "proposal": p.pk, "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
        "signer_title": "Chủ tịch Phòng GD&ĐT"}), content_type="application/json")
    assert r.status_code in (400, 422), r.content
    detail = r.json()["detail"][0]
    assert detail["field"] == "signer_title" and "«Trưởng phòng»" in detail["message"]
    assert not Decision.objects.exists()


def test_form_offers_the_issuers_titles_and_proposes_todays_bases(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    ward = _as(aw.w.phong, "ubnd-xa")
    head = User.objects.create_user(username="chutich_form", password="pw-test-123")
    Membership.objects.create(user=head, unit=ward, role=Role.HEAD)
    p = accepted(aw)
    c = Client()
    c.force_login(head)
    url = reverse("awards:decision_create", args=[p.pk])
    page = c.get(url).content.decode()
    assert '<select name="signer_title"' in page
    assert '<option value="Chủ tịch"' in page and '<option value="Phó Chủ tịch"' in page
    assert "Trưởng phòng" not in page
    assert "Nghị định số 152/2025/NĐ-CP" in page and ND98 not in page  # today is after 01/07/2025
    # a title that is not offered is refused by the form; nothing is written
    r = c.post(url, {"decision_date": "2026-06-20", "signer_name": "Nguyễn Văn Chủ", "signer_title": "Trưởng phòng",
                     "legal_basis": ""})
    assert r.status_code == 200 and not Decision.objects.exists()
    r = c.post(url, {"decision_date": "2026-06-20", "signer_name": "Nguyễn Văn Chủ", "signer_title": "Phó Chủ tịch",
                     "legal_basis": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    d = Decision.objects.get()
    assert d.signer_title == "Phó Chủ tịch" and _has(d.basis_lines, ND152) and LOCAL_2025 in d.basis_lines


def test_a_deputy_signs_for_the_head(aw, council_passes):
    d = _issue(aw, accepted(aw), signer_title="Phó Trưởng phòng")
    text = _docx_text(documents.decision_docx(d))
    assert "KT. TRƯỞNG PHÒNG" in text and "PHÓ TRƯỞNG PHÒNG" in text
    # the authority that decides is still the head's
    assert "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in text and "PHÓ TRƯỞNG PHÒNG GIÁO DỤC" not in text
    page = documents.certificate_pages([d.items.get()], lambda i: "https://tdkt.example/x/")[0]
    assert page["signer_title"].splitlines() == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]


def test_the_head_signs_without_kt(aw, council_passes):
    d = _issue(aw, accepted(aw))
    text = _docx_text(documents.decision_docx(d))
    assert "TRƯỞNG PHÒNG" in text and "KT." not in text


# --------------------------------------------------------------------------- counts of a mixed list


def test_builder_counts_individuals_and_collectives():
    from tdkt.documents.builders import get_builder
    from tdkt.documents.render_docx import render_docx
    from tdkt.documents.tests.helpers import docx_text

    builder = get_builder("quyet-dinh-khen-thuong")
    ctx = builder.sample(4)
    ctx["so_doi_tuong"] = {"cá nhân": 3, "tập thể": 1}
    text = docx_text(render_docx(builder.spec(ctx)))
    assert "cho 03 cá nhân và 01 tập thể" in text
    assert "Danh sách này có 03 cá nhân và 01 tập thể./." in text


def test_a_decision_for_people_and_a_collective_counts_each(aw, council_passes):
    from tdkt.awards import services as s

    u = aw.w.users
    p = aw.proposal
    s.item_add(actor=u.officer_a, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.binh,
               summary="Hoàn thành xuất sắc nhiệm vụ năm học", achievement_key="nh25b")
    s.item_add(actor=u.officer_a, proposal=p, award_type=aw.types["giay-khen-tap-the"], unit=aw.w.school_a,
               summary="Tập thể hoàn thành xuất sắc nhiệm vụ năm học", achievement_key="nh25t")
    p.refresh_from_db()
    d = _issue(aw, accepted(aw))
    text = _docx_text(documents.decision_docx(d))
    assert "cho 02 cá nhân và 01 tập thể" in text
    assert "cá nhân, tập thể (có danh sách" not in text



# --------------------------------------------------------------------------- no review note in print


def test_the_base_salary_rows_review_note_stays_off_the_decision(aw, council_passes):
    from tdkt.awards.models import BaseSalary
    from tdkt.core.vi import fold
    from tdkt.documents.tests.helpers import pdf_text

    row = BaseSalary.objects.filter(effective_from__lte=DAY).order_by("-effective_from").first()
    row.note = "cần đối chiếu: chưa đối chiếu văn bản quy định"
    row.save(update_fields=["note"])
    d = _issue(aw, accepted(aw), confirm_unverified=True)
    assert d.base_salary_citation == row.citation
    for text in (_docx_text(documents.decision_docx(d)), pdf_text(documents.decision_pdf(d))):
        assert "doi chieu" not in fold(text).lower()
        assert row.citation in " ".join(text.split())


def test_an_untouched_proposal_follows_the_date_typed_in_the_form(aw, council_passes, monkeypatch):
    """The page proposes the lines of the day it is opened; an officer who changes only the date gets the
    lines of that date, not those of the day the page was opened."""
    from types import SimpleNamespace

    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards import views

    head = User.objects.create_user(username="head_dates", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    p = accepted(aw)
    opened = dt.date(2025, 6, 30)  # the page as it was proposed before the reform: NĐ 98
    monkeypatch.setattr(views, "timezone", SimpleNamespace(localdate=lambda *a: opened))
    c = Client()
    c.force_login(head)
    url = reverse("awards:decision_create", args=[p.pk])
    page = c.get(url).content.decode()
    assert ND98 in page and "Nghị định số 152/2025" not in page
    prefilled = "\n".join(bases.proposed_bases(aw.w.phong, opened, p))
    r = c.post(url, {"decision_date": "2026-06-20", "signer_name": "Võ Cao Long", "signer_title": "Trưởng phòng",
                     "legal_basis": prefilled})
    assert r.status_code == 302, r.content.decode()[:2000]
    d = Decision.objects.get()
    assert _has(d.basis_lines, ND152) and not _has(d.basis_lines, ND98)


def test_the_documents_sample_cites_what_the_rows_say_for_its_date():
    """The Quyết định sample (a preview dated 05/06/2024) is kept in step with the rows of that date."""
    from tdkt.documents.builders import quyet_dinh

    assert quyet_dinh.SAMPLE_BASES == bases.lines_in_force(quyet_dinh.SAMPLE_DAY, "phong-gddt")
    assert quyet_dinh.sample()["ngay"] == quyet_dinh.SAMPLE_DAY


def test_unread_rules_are_named_and_need_the_confirmation(aw, council_passes, client):
    """A CSTĐCS decision of 2026 rests on the NĐ 152 pass mark nobody has read: the form names it and the
    decision is refused until the officer ticks «Tôi đã đối chiếu»; nothing is written before."""
    from tdkt.awards.models import Decision, ProposalItem
    from tdkt.awards.selectors import unverified_rules
    from tdkt.meetings.reference import load_voting_rules

    load_voting_rules()
    p = accepted(aw)
    ProposalItem.objects.filter(proposal=p, person__isnull=False).update(award_type=aw.types["chien-si-thi-dua-co-so"])
    rules = unverified_rules(list(p.items.select_related("award_type")), DAY)
    assert any("Nghị định 152/2025/NĐ-CP" in r for r in rules)
    with pytest.raises(DomainValidationError) as exc:
        _issue(aw, p)
    assert "confirm_unverified" in exc.value.message_dict
    assert not Decision.objects.exists()
    assert _issue(aw, p, confirm_unverified=True).pk
