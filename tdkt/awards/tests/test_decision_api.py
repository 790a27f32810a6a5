"""Decisions through the API: issue, read (scoped), revoke, download."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.awards.models import Decision, DecisionItem
from tdkt.core.uploads import blank_pdf
from tdkt.records.models import AwardRecord

from .test_decisions import ready  # noqa: F401  (fixture)

BODY = {"decision_date": "2026-06-20", "signer_name": "Võ Cao Long", "signer_title": "Trưởng phòng",
        "legal_basis": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"}


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _issue(ready, **extra):  # noqa: F811
    return _post(_client(ready.head_phong), reverse("api:awards_decision_issue"),
                 {"proposal": ready.proposal.pk, **BODY, **extra})


def test_issue_detail_and_scoped_list(ready):  # noqa: F811
    r = _issue(ready)
    assert r.status_code == 201, r.content
    d = r.json()
    assert d["number"] == "01/QĐ-GDĐT" and d["total"] == 2120000

    detail = _client(ready.w.users.office_officer).get(reverse("api:awards_decision_detail", args=[d["id"]])).json()
    assert [(i["subject"], i["amount"]) for i in detail["items"]] == [("Nguyễn Văn An", 710000), ("Tổ 1", 1410000)]
    assert detail["funds"] == [{"fund": "Phòng Giáo dục và Đào tạo Quận Thử", "total": 2120000,
                                "total_text": "2.120.000 đồng"}]
    assert detail["total_words"] == "Hai triệu một trăm hai mươi nghìn đồng"
    assert detail["items"][0]["verify_url"].startswith("http://testserver/khen-thuong/xac-minh/")

    def listed(user):
        return [x["id"] for x in _client(user).get(reverse("api:awards_decision_list")).json()]

    assert listed(ready.w.users.officer_a) == [d["id"]]  # the proposing school sees its decision
    assert listed(ready.w.users.office_officer) == [d["id"]]
    assert listed(ready.w.users.officer_b) == []  # another school does not
    r = _client(ready.w.users.officer_b).get(reverse("api:awards_decision_detail", args=[d["id"]]))
    assert r.status_code == 403


def test_issue_refusals_change_nothing(ready):  # noqa: F811
    assert _issue(ready, number=5).status_code == 201
    before = (Decision.objects.count(), AwardRecord.objects.count(), AuditEvent.objects.count())
    r = _issue(ready)  # the items are decided already
    assert r.status_code == 422
    assert "Đề nghị không có dòng nào đã được chấp nhận" in r.json()["detail"][0]["message"]
    r = _post(_client(ready.head_phong), reverse("api:awards_decision_issue"), {"items": [999999], **BODY})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "items"
    r = _post(_client(ready.w.users.head_a), reverse("api:awards_decision_issue"),
              {"proposal": ready.proposal.pk, **BODY})
    assert r.status_code == 403  # a school head cannot decide for the Phòng
    assert (Decision.objects.count(), AwardRecord.objects.count(), AuditEvent.objects.count()) == before


def test_used_number_refused_by_api(ready, aw):  # noqa: F811
    from tdkt.awards import services

    from .conftest import accepted

    first = _issue(ready, number=12)
    assert first.status_code == 201
    # a second proposal to the same office, decided with the same number
    p2 = services.proposal_create(actor=aw.w.users.officer_a, round=aw.round, unit=aw.w.school_a)
    services.item_add(actor=aw.w.users.officer_a, proposal=p2, award_type=aw.types["giay-khen"], person=aw.w.binh,
                      summary="Hiệu trưởng tiêu biểu", achievement_key="ht25")
    for kind in ("to_trinh", "bien_ban", "danh_sach"):
        services.dossier_upload(actor=aw.w.users.officer_a, proposal=p2, doc_kind=kind, filename="x.pdf",
                                content=blank_pdf())
    aw.proposal = p2
    accepted(aw)
    before = (Decision.objects.count(), AwardRecord.objects.count())
    r = _post(_client(ready.head_phong), reverse("api:awards_decision_issue"),
              {"proposal": p2.pk, **BODY, "number": 12})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "number"
    assert "đã được dùng" in r.json()["detail"][0]["message"]
    assert (Decision.objects.count(), AwardRecord.objects.count()) == before


def test_revoke_states_money_to_recover(ready):  # noqa: F811
    d = _issue(ready).json()
    line = DecisionItem.objects.get(decision_id=d["id"], person=ready.w.an)
    url = reverse("api:awards_award_revoke", args=[line.pk])
    body = {"reason": "Kê khai sai thành tích", "revocation_decision": "45/QĐ-UBND", "revoked_on": "2026-09-01"}
    r = _post(_client(ready.head_phong), url, body)
    assert r.status_code == 200, r.content
    assert r.json()["amount_to_recover"] == 710000 and r.json()["revoked_on"] == "2026-09-01"
    assert AwardRecord.objects.get(pk=line.award_record_id).revocation_reason.endswith("710.000 đồng.")
    detail = _client(ready.head_phong).get(reverse("api:awards_decision_detail", args=[d["id"]])).json()
    assert detail["to_recover"] == 710000
    before = AuditEvent.objects.count()
    r = _post(_client(ready.head_phong), url, {**body, "revocation_decision": "46/QĐ-UBND"})
    assert r.status_code == 422 and "đã bị hủy bỏ" in r.json()["detail"][0]["message"]
    assert AuditEvent.objects.count() == before


def test_downloads(ready):  # noqa: F811
    d = _issue(ready).json()
    c = _client(ready.w.users.officer_a)
    docx = c.get(reverse("api:awards_decision_docx", args=[d["id"]]))
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    pdf = c.get(reverse("api:awards_decision_pdf", args=[d["id"]]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    cert = c.get(reverse("api:awards_certificates_pdf", args=[d["id"]]))
    assert cert["Content-Type"] == "application/pdf" and cert.content.startswith(b"%PDF")


@pytest.mark.parametrize("n", [1, 6])
def test_detail_queries_constant(ready, django_assert_max_num_queries, n):  # noqa: F811
    """The detail costs the same queries for 2 lines or 7."""
    from tdkt.awards.models import ProposalItem
    from tdkt.people.models import Person

    for k in range(n - 1):
        person = Person.objects.create(family_name="Đỗ", middle_name="Thu", given_name=f"Hà {k}")
        ProposalItem.objects.create(proposal=ready.proposal, person=person, award_type=ready.types["giay-khen"],
                                    summary=f"Thành tích {k}", status="chap_nhan")
    d = _issue(ready).json()
    c = _client(ready.w.users.office_officer)
    with django_assert_max_num_queries(14):
        assert len(c.get(reverse("api:awards_decision_detail", args=[d["id"]])).json()["items"]) == n + 1
