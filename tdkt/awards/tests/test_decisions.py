"""Decisions: number register, money by the decision date, AwardRecords, refusals."""

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.awards import services
from tdkt.awards.choices import ItemStatus, ProposalStatus
from tdkt.awards.models import Decision
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.documents.tests.helpers import need_tool
from tdkt.records.models import AwardRecord

from .conftest import accepted, advance


def _issue(aw, items, day=dt.date(2026, 6, 20), number=None, actor=None, confirm_unverified=False):
    return services.decision_issue(actor=actor or aw.head_phong, issuer=aw.w.phong, items=items, decision_date=day,
                                   signer_name="Võ Cao Long", signer_title="Trưởng phòng", number=number,
                                   legal_basis="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                                   proposal=items[0].proposal, confirm_unverified=confirm_unverified)


@pytest.fixture
def ready(aw, council_passes):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    aw.head_phong = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=aw.head_phong, unit=aw.w.phong, role=Role.HEAD)
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen-tap-the"],
                      unit=aw.w.group_a, summary="Tổ dẫn đầu phong trào")
    accepted(aw)
    return aw


def test_decision_creates_records_and_money(ready):
    items = list(ready.proposal.items.all())
    d = _issue(ready, items)
    assert d.number == 1 and d.number_label == "01/QĐ-GDĐT"
    assert d.base_salary == D("2340000")
    lines = {i.award_type.code: i for i in d.items.all()}
    assert lines["giay-khen"].amount == D("710000")  # 0.3 × 2,340,000 = 702,000 → 710,000
    assert lines["giay-khen-tap-the"].amount == D("1410000")  # 0.6 × 2,340,000 = 1,404,000 → 1,410,000
    assert d.total == D("2120000")
    rec = AwardRecord.objects.get(person=ready.w.an, award_type__code="giay-khen")
    assert rec.decision_number == "01/QĐ-GDĐT" and rec.decision_date == dt.date(2026, 6, 20)
    assert rec.school_year == ready.w.year and rec.unit == ready.w.school_a and not rec.thematic
    assert AwardRecord.objects.filter(unit=ready.w.group_a, person__isnull=True).exists()
    ready.proposal.refresh_from_db()
    assert ready.proposal.status == ProposalStatus.DECIDED
    assert set(ready.proposal.items.values_list("status", flat=True)) == {ItemStatus.DECIDED}


def test_money_uses_salary_on_decision_date(ready):
    from tdkt.awards.models import Round
    from tdkt.org.services import school_year_get_or_create

    # a decision of June 2024 belongs to the 2023-2024 school year (a record cannot predate its year)
    Round.objects.filter(pk=ready.round.pk).update(school_year=school_year_get_or_create(actor=None, start_year=2023))
    items = list(ready.proposal.items.all())
    # June 2024 rests on rows nobody has read (NĐ 24/2023's article, NĐ 98's Giấy khen money): refused until the
    # officer confirms having read them, and nothing is written
    from tdkt.awards.models import Decision
    from tdkt.core.exceptions import DomainValidationError

    with pytest.raises(DomainValidationError) as exc:
        _issue(ready, items, day=dt.date(2024, 6, 30))
    assert "Nghị định 24/2023/NĐ-CP" in str(exc.value) and "Tôi đã đối chiếu" in str(exc.value)
    assert not Decision.objects.exists()
    d = _issue(ready, items, day=dt.date(2024, 6, 30), confirm_unverified=True)
    assert d.base_salary == D("1800000")
    from tdkt.audit.models import AuditEvent

    event = AuditEvent.objects.get(event_type="awards.decision_issue")
    assert any("24/2023" in rule for rule in event.after["unverified_confirmed"])
    assert d.items.get(award_type__code="giay-khen").amount == D("540000")


def test_number_register_refuses_used_number(ready):
    items = list(ready.proposal.items.all())
    _issue(ready, items[:1], number=123)
    before = (Decision.objects.count(), AwardRecord.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError, match="đã được dùng"):
        _issue(ready, items[1:], number=123)
    assert (Decision.objects.count(), AwardRecord.objects.count(), AuditEvent.objects.count()) == before
    assert _issue(ready, items[1:]).number == 124


def test_number_taken_in_shared_register_refused(ready):
    pytest.importorskip("tdkt.documents.services")
    from tdkt.documents.services import number_reserve

    number_reserve(actor=None, issuer=ready.w.phong, doc_type="QĐ", year=2026, number=50,
                   issued_on=dt.date(2026, 3, 1), title="Quyết định khác", issuer_abbreviation_override="UBND")
    with pytest.raises(DomainValidationError, match="đã được cấp"):
        _issue(ready, list(ready.proposal.items.all()), number=50)
    assert not Decision.objects.exists() and not AwardRecord.objects.exists()


def test_withdrawn_item_refused(ready):
    item = ready.proposal.items.first()
    services.item_withdraw(actor=ready.w.users.officer_a, item=item, reason="Chuyển công tác")
    before = (Decision.objects.count(), AwardRecord.objects.count())
    with pytest.raises(DomainValidationError, match="đã được rút"):
        _issue(ready, [item])
    assert (Decision.objects.count(), AwardRecord.objects.count()) == before


def test_not_accepted_item_refused(aw, council_passes):
    p = advance(aw, "submit")
    with pytest.raises(DomainValidationError, match="chưa kết thúc thẩm định"):
        services.decision_issue(actor=None, issuer=aw.w.phong, items=list(p.items.all()),
                                decision_date=dt.date(2026, 6, 20), signer_name="A", signer_title="B")


def test_rejected_item_refused(aw, council_passes):
    p = advance(aw, "submit", "receive", "start_review")
    services.item_review(actor=aw.w.users.specialist_th, item=p.items.get(), accept=False, note="Thiếu minh chứng")
    p = advance(aw, "finish_review")
    with pytest.raises(DomainValidationError, match="chưa được chấp nhận"):
        services.decision_issue(actor=None, issuer=aw.w.phong, items=list(p.items.all()),
                                decision_date=dt.date(2026, 6, 20), signer_name="A", signer_title="B")
    assert not Decision.objects.exists()


def test_school_cannot_decide_for_office(ready):
    with pytest.raises(PermissionRefused):
        _issue(ready, list(ready.proposal.items.all()), actor=ready.w.users.head_a)
    assert not Decision.objects.exists()


def _docx_text(content):
    import io

    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = []

    def walk(tables):
        for t in tables:
            for r in t.rows:
                for c in r.cells:
                    cells.append(c.text)
                    walk(c.tables)

    walk(doc.tables)
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(cells)


def _pdf_text(content, tmp_path):
    import subprocess

    path = tmp_path / "qd.pdf"
    path.write_bytes(content)
    return subprocess.run([need_tool("pdftotext", "poppler-utils"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_documents_docx_and_pdf(ready, tmp_path):
    """The decision's papers come from the shared layout (tdkt.documents): header block, number, the
    Danh sách with each line's award, unit and amount, the total in figures and in words."""
    from tdkt.awards import documents

    d = _issue(ready, list(ready.proposal.items.all()), number=123)
    amounts = {i.subject_name: i.amount for i in d.items.all()}
    assert amounts == {"Nguyễn Văn An": D("710000"), "Tổ 1": D("1410000")}
    docx = _docx_text(documents.decision_docx(d))
    pdf = documents.decision_pdf(d)
    assert pdf.startswith(b"%PDF-")
    pdf_text = _pdf_text(pdf, tmp_path)
    common = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 123/QĐ-GDĐT",
              "Quận Thử, ngày 20 tháng 6 năm 2026", "DANH SÁCH",
              "Kèm theo Quyết định số 123/QĐ-GDĐT ngày 20 tháng 6 năm 2026 của", "Nguyễn Văn An", "Tổ 1",
              "710.000", "1.410.000", "2.120.000", "Hai triệu một trăm hai mươi nghìn đồng", "mức lương cơ sở")
    pdf_text = " ".join(pdf_text.split())
    for needle in common:
        assert needle in docx, needle
        assert needle in pdf_text, needle
    # the Danh sách: one row per line with its unit, award and amount
    from django.utils import translation
    from docx import Document

    with translation.override("en"):  # the reader's language stays out of the official paper
        content = documents.decision_docx(d)
    rows = [[c.text for c in r.cells] for t in Document(io.BytesIO(content)).tables for r in t.rows]
    an = next(r for r in rows if "Nguyễn Văn An" in r)
    assert "Trường Tiểu học Đinh Tiên Hoàng" in an and "Giấy khen" in an and "710.000" in an
    assert "Giáo viên" in an  # the post held on the decision's date, even for a reader of English
    group = next(r for r in rows if "Tổ 1" in r[1:2])
    assert "1.410.000" in group and group[2] == ""  # a collective has no post
    # coefficients read the Vietnamese way ("0,3"), never as the stored "0.30"
    assert not any(re.fullmatch(r"\d+\.\d{1,2}", c.strip()) for r in rows for c in r)
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(ready.head_phong)
    page = client.get(reverse("awards:decision_detail", args=[d.pk])).content.decode()
    assert ">0,3<" in page and ">0.30<" not in page


def test_revocation(ready):
    d = _issue(ready, list(ready.proposal.items.all()))
    item = d.items.get(award_type__code="giay-khen")
    services.award_revoke(actor=ready.head_phong, item=item, reason="Kê khai sai thành tích",
                          revocation_decision="45/QĐ-UBND", revoked_on=dt.date(2026, 9, 1))
    rec = AwardRecord.objects.get(pk=item.award_record_id)
    assert rec.revoked_on == dt.date(2026, 9, 1) and rec.revocation_decision == "45/QĐ-UBND"
    assert rec.revocation_reason == "Kê khai sai thành tích Thu hồi tiền thưởng: 710.000 đồng."
    item.refresh_from_db()
    assert item.amount_to_recover == D("710000")
    assert AuditEvent.objects.filter(event_type="awards.award_revoke").count() == 1
    # the record side wrote its own audit row, as for any revoked record
    assert AuditEvent.objects.get(event_type="records.award_revoked", target_id=str(rec.pk)).reason.startswith(
        "Kê khai sai")
    # the other line of the decision is untouched
    other = d.items.exclude(pk=item.pk).get()
    assert other.revoked_on is None and AwardRecord.objects.get(pk=other.award_record_id).revoked_on is None
    with pytest.raises(DomainValidationError, match="đã bị hủy bỏ"):
        services.award_revoke(actor=ready.head_phong, item=item, reason="x", revocation_decision="46",
                              revoked_on=dt.date(2026, 9, 2))


def test_records_made_through_records_service(ready):
    """Each decided award is an AwardRecord with the records app's audit row (same as a hand-entered one)."""
    d = _issue(ready, list(ready.proposal.items.all()))
    recs = AwardRecord.objects.filter(decision_number=d.number_label)
    assert recs.count() == 2 and set(recs.values_list("source", flat=True)) == {"awards"}
    for rec in recs:
        ev = AuditEvent.objects.get(event_type="records.award_added", target_id=str(rec.pk))
        assert ev.after["decision_number"] == "01/QĐ-GDĐT" and ev.actor == ready.head_phong


def test_duplicate_record_refuses_the_whole_decision(ready):
    """A live record of the same award and decision already exists: the decision is refused, nothing written."""
    from tdkt.awards.models import DecisionItem
    from tdkt.records.services import award_record_add

    award_record_add(actor=None, award_type=ready.types["giay-khen"], person=ready.w.an, school_year=ready.w.year,
                     decision_number="01/QĐ-GDĐT", decision_date=dt.date(2026, 6, 20), issuer="Phòng GDĐT")
    items = list(ready.proposal.items.all())
    before = (Decision.objects.count(), DecisionItem.objects.count(), AwardRecord.objects.count(),
              AuditEvent.objects.count())
    with pytest.raises(DomainValidationError, match="Nguyễn Văn An đã có «Giấy khen» năm học 2025-2026") as exc:
        _issue(ready, items)
    assert "Dòng 1" in str(exc.value) and "Không ghi trùng" in str(exc.value)
    assert (Decision.objects.count(), DecisionItem.objects.count(), AwardRecord.objects.count(),
            AuditEvent.objects.count()) == before
    assert set(ready.proposal.items.values_list("status", flat=True)) == {ItemStatus.ACCEPTED}


def test_revocation_refusals_change_nothing(ready):
    d = _issue(ready, list(ready.proposal.items.all()))
    item = d.items.get(award_type__code="giay-khen")
    before = AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.award_revoke(actor=ready.head_phong, item=item, reason=" ", revocation_decision="",
                              revoked_on=dt.date(2026, 6, 1))
    assert set(exc.value.message_dict) == {"reason", "revocation_decision", "revoked_on"}
    assert "trước ngày quyết định khen thưởng (20/06/2026)" in exc.value.message_dict["revoked_on"][0]
    with pytest.raises(PermissionRefused):
        services.award_revoke(actor=ready.w.users.officer_a, item=item, reason="x", revocation_decision="45/QĐ",
                              revoked_on=dt.date(2026, 9, 1))
    item.refresh_from_db()
    assert item.revoked_on is None and item.amount_to_recover is None
    assert AwardRecord.objects.get(pk=item.award_record_id).revoked_on is None
    assert AuditEvent.objects.count() == before


def test_decision_date_in_future_or_before_the_year_refused(ready):
    from tdkt.awards.models import DecisionItem

    items = list(ready.proposal.items.all())
    before = (Decision.objects.count(), DecisionItem.objects.count(), AwardRecord.objects.count())
    with pytest.raises(DomainValidationError, match="không được sau ngày hôm nay") as exc:
        _issue(ready, items, day=dt.date(2099, 1, 1))
    assert set(exc.value.message_dict) == {"decision_date"}
    with pytest.raises(DomainValidationError, match="trước khi năm học 2025-2026 bắt đầu"):
        _issue(ready, items, day=dt.date(2025, 8, 1))
    assert (Decision.objects.count(), DecisionItem.objects.count(), AwardRecord.objects.count()) == before


def test_decision_list_exports_for_payment(ready):
    """The finance office pays from the decision's list: one row per line, amounts as numbers, a revoked
    line kept with its date and the sum to recover."""
    from django.test import Client
    from django.urls import reverse

    from tdkt.documents.tests.helpers import xlsx_rows

    d = _issue(ready, list(ready.proposal.items.all()), number=123)
    item = d.items.get(award_type__code="giay-khen")
    services.award_revoke(actor=ready.head_phong, item=item, reason="Kê khai sai thành tích",
                          revocation_decision="45/QĐ-UBND", revoked_on=dt.date(2026, 9, 1))
    client = Client()
    client.force_login(ready.head_phong)
    page = client.get(reverse("awards:decision_detail", args=[d.pk])).content.decode()
    assert 'data-testid="decision-xlsx"' in page
    response = client.get(reverse("awards:decision_detail", args=[d.pk]), {"xuat": "xlsx"})
    assert "danh-sach-khen-thuong-123-" in response["Content-Disposition"]
    rows = xlsx_rows(response)
    header = next(r for r in rows if r[0] == "STT")
    lines = {r[1]: dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1:]}
    assert set(lines) == {"Nguyễn Văn An", "Tổ 1"}
    an, group = lines["Nguyễn Văn An"], lines["Tổ 1"]
    assert an["Tiền thưởng (đồng)"] == 710000 and group["Tiền thưởng (đồng)"] == 1410000
    assert an["Đơn vị"] == "Trường Tiểu học Đinh Tiên Hoàng" and an["Danh hiệu / hình thức"] == "Giấy khen"
    assert an["Ngày hủy bỏ"].date() == dt.date(2026, 9, 1) and an["Số tiền phải thu hồi (đồng)"] == 710000
    assert group["Ngày hủy bỏ"] is None
    # someone without access to the decision gets no file
    other = Client()
    other.force_login(ready.w.users.officer_b)
    assert other.get(reverse("awards:decision_detail", args=[d.pk]), {"xuat": "xlsx"}).status_code in (403, 404)
