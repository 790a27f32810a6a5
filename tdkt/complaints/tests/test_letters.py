"""A complaint about an award, received, accepted, resolved within its limit with the award revoked; a
denunciation whose sender nobody but its handlers and resolver can find — in the list, the detail, the API, the
Excel export, the search and the audit trail; refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.complaints import services
from tdkt.complaints.models import Letter, LetterStep
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

D = dt.date
SECRET = "Trần Thị Tốcáo"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _denunciation(kn) -> Letter:
    return services.letter_receive(
        actor=kn.officer, unit=kn.w.phong, kind="to_cao", channel="buu_chinh", received_on=D(2026, 11, 2),
        subject="Tố cáo kê khai sai thành tích để được khen", content="Hồ sơ đề nghị Giấy khen của ông An kê khai sai.",
        sender_name=SECRET, sender_address="12 Lê Lợi, phường Sài Gòn", sender_phone="0909000111",
        sender_id_number="079123456789", about_item=kn.item)


def test_a_complaint_resolved_in_time_revokes_the_award(kn):
    letter = services.letter_receive(
        actor=kn.officer, unit=kn.w.phong, kind="khieu_nai", channel="truc_tiep", received_on=D(2026, 7, 6),
        subject="Khiếu nại Quyết định khen thưởng", content="Người được khen không đủ tiêu chuẩn.",
        sender_name="Lê Văn Khiếu", about_item=kn.item, decision_known_on=D(2026, 6, 25))
    assert letter.number == "KN-2026-001" and letter.about_decision == kn.decision
    services.letter_assign(actor=kn.officer, letter=letter, handlers=[kn.officer], resolver=kn.head)
    letter = services.letter_accept(actor=kn.officer, letter=letter, accepted_on=D(2026, 7, 9))
    dues = {d.step: d for d in __import__("tdkt.complaints.selectors", fromlist=["x"]).deadlines(letter)}
    assert dues["thu_ly"].done and dues["giai_quyet"].day == D(2026, 8, 10)  # 08/08 is a Saturday
    # the officer handles but is not the resolver and does not decide awards: refused, nothing changes
    with pytest.raises(PermissionRefused):
        services.letter_resolve(actor=kn.officer, letter=letter, outcome="dung", resolution_number="5/QĐ-GQKN",
                                resolved_on=D(2026, 8, 3), summary="Có cơ sở", revoke_award=True)
    kn.item.refresh_from_db()
    assert kn.item.revoked_on is None and Letter.objects.get(pk=letter.pk).status == "thu_ly"
    letter = services.letter_resolve(actor=kn.head, letter=letter, outcome="dung", resolution_number="5/QĐ-GQKN",
                                     resolved_on=D(2026, 8, 3), summary="Khiếu nại đúng; hủy bỏ Giấy khen.",
                                     revoke_award=True)
    kn.item.refresh_from_db()
    assert letter.status == "da_giai_quyet" and letter.revoked_item == kn.item
    assert kn.item.revoked_on == D(2026, 8, 3) and kn.item.revocation_decision == "5/QĐ-GQKN"
    assert kn.item.award_record.revoked_on == D(2026, 8, 3)
    assert kn.item.amount_to_recover == kn.item.amount > 0
    page = _client(kn.head).get(reverse("complaints:letter_detail", args=[letter.pk])).content.decode()
    assert 'data-testid="revoked"' in page and "Quá hạn" not in page


def test_refusals_name_the_field_and_save_nothing(kn):
    n = Letter.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainValidationError) as exc:
        services.letter_receive(actor=kn.officer, unit=kn.w.phong, kind="khieu_nai", channel="truc_tiep",
                                received_on=D(2099, 1, 1), subject="", content="", sender_name="")
    assert {"received_on", "subject", "content", "sender_name"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionRefused):  # another school's officer receives for the district office
        services.letter_receive(actor=kn.w.users.officer_b, unit=kn.w.phong, kind="khieu_nai", channel="truc_tiep",
                                received_on=D(2026, 7, 1), subject="x", content="y", sender_name="z")
    assert (Letter.objects.count(), AuditEvent.objects.count()) == n
    letter = _denunciation(kn)
    services.letter_accept(actor=kn.officer, letter=letter, accepted_on=D(2026, 11, 4))
    letter.refresh_from_db()
    services.letter_extend(actor=kn.officer, letter=letter, day=D(2026, 11, 20), reason="Phải xác minh nhiều nơi")
    letter.refresh_from_db()
    with pytest.raises(DomainValidationError, match="gia hạn một lần"):
        services.letter_extend(actor=kn.officer, letter=letter, day=D(2026, 11, 21), reason="Thêm")
    assert Letter.objects.get(pk=letter.pk).extensions == 1


def test_a_denouncer_is_hidden_from_everyone_but_the_handlers(kn):
    letter = _denunciation(kn)
    services.letter_assign(actor=kn.officer, letter=letter, handlers=[kn.officer], resolver=kn.head)
    assert letter.identity_protected
    handler, resolver, other, admin = (_client(u) for u in (kn.officer, kn.head, kn.other_officer, kn.w.users.admin))
    detail = reverse("complaints:letter_detail", args=[letter.pk])
    for c in (handler, resolver):
        assert SECRET in c.get(detail).content.decode()
        assert _client_api(c, letter)["sender_phone"] == "0909000111"
    outputs = {}
    for name, c in (("other officer", other), ("administrator", admin)):
        outputs[f"{name}: list"] = c.get(reverse("complaints:letter_list")).content.decode()
        outputs[f"{name}: detail"] = c.get(detail).content.decode()
        outputs[f"{name}: search"] = c.get(reverse("complaints:letter_list") + "?q=tran thi tocao").content.decode()
        outputs[f"{name}: api list"] = c.get("/api/complaints/letters").content.decode()
        outputs[f"{name}: api search"] = c.get("/api/complaints/letters?q=0909000111").content.decode()
        outputs[f"{name}: api detail"] = c.get(f"/api/complaints/letters/{letter.pk}").content.decode()
        xlsx = c.get(reverse("complaints:letter_list") + "?xuat=xlsx")
        book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        outputs[f"{name}: xlsx"] = " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row)
        outputs[f"{name}: audit"] = c.get(reverse("audit:event_list")).content.decode()
    assert "Được giữ bí mật" in outputs["other officer: detail"] and letter.number in outputs["other officer: list"]
    assert letter.number not in outputs["other officer: search"]  # the name does not find the letter
    for where, text in outputs.items():
        for secret in (SECRET, "Tốcáo", "0909000111", "079123456789", "12 Lê Lợi"):
            assert secret not in text, where
    stored = json.dumps([[e.before, e.after, e.data, e.reason, e.target_repr if hasattr(e, "target_repr") else ""]
                         for e in AuditEvent.objects.filter(event_type__startswith="complaints.")],
                        ensure_ascii=False, default=str)
    assert SECRET not in stored and "0909000111" not in stored
    assert not LetterStep.objects.filter(text__contains="Tốcáo").exists()


def _client_api(c, letter) -> dict:
    return c.get(f"/api/complaints/letters/{letter.pk}").json()


def test_the_resolution_decision_is_a_real_document(kn):
    import docx

    letter = services.letter_receive(
        actor=kn.officer, unit=kn.w.phong, kind="khieu_nai", channel="truc_tiep", received_on=D(2026, 7, 6),
        subject="Khiếu nại Quyết định khen thưởng", content="Người được khen không đủ tiêu chuẩn.",
        sender_name="ông Lê Văn Khiếu", sender_address="5 Hai Bà Trưng", about_item=kn.item)
    services.letter_assign(actor=kn.officer, letter=letter, handlers=[kn.officer], resolver=kn.head)
    letter = services.letter_accept(actor=kn.officer, letter=letter, accepted_on=D(2026, 7, 9))
    c = _client(kn.head)
    assert c.get(reverse("complaints:letter_decision", args=[letter.pk])).status_code == 404  # not resolved yet
    services.letter_resolve(actor=kn.head, letter=letter, outcome="dung", resolution_number="5/QĐ-GQKN",
                            resolved_on=D(2026, 8, 3), summary="Hồ sơ thiếu biên bản họp Hội đồng.", revoke_award=True)
    r = c.get(reverse("complaints:letter_decision", args=[letter.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "giải quyết khiếu nại lần đầu của ông Lê Văn Khiếu" in text
    assert "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;" in text
    assert "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân" in text  # in force 01/07/2026
    assert "Xét đơn khiếu nại ngày 06 tháng 7 năm 2026 của ông Lê Văn Khiếu" in text
    assert "Hủy bỏ «Giấy khen»" in text and "Thu hồi tiền thưởng" in text
    assert "Trong thời hạn 30 ngày" in text and "cần đối chiếu" not in text


def test_suspension_stops_the_clock_from_01_07_2026_only(kn):
    from tdkt.complaints import selectors

    letter = services.letter_receive(
        actor=kn.officer, unit=kn.w.phong, kind="khieu_nai", channel="truc_tiep", received_on=D(2026, 7, 6),
        subject="Khiếu nại", content="Nội dung", sender_name="Lê Văn Khiếu")
    letter = services.letter_accept(actor=kn.officer, letter=letter, accepted_on=D(2026, 7, 9))
    due = selectors.deadlines(letter)[1].day
    assert due == D(2026, 8, 10)
    with pytest.raises(DomainValidationError, match="01/07/2026"):
        services.letter_suspend(actor=kn.officer, letter=letter, day=D(2026, 6, 30), reason="Chờ giám định")
    letter = services.letter_suspend(actor=kn.officer, letter=letter, day=D(2026, 7, 20), reason="Chờ giám định")
    assert letter.status == "tam_dinh_chi"
    with pytest.raises(DomainValidationError):
        services.letter_resolve(actor=kn.head, letter=letter, outcome="sai", resolution_number="1/QĐ",
                                resolved_on=D(2026, 7, 21), summary="x")
    letter = services.letter_resume(actor=kn.officer, letter=letter, day=D(2026, 7, 30))
    assert letter.status == "thu_ly" and letter.paused_days == 10
    assert selectors.deadlines(letter)[1].day == D(2026, 8, 20)  # ten days later
