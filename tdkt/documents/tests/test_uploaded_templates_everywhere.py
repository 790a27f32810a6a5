"""Issue 13: every app prints through ``render_document``, so an administrator's uploaded DOCX template is what
a decision, the minutes of a council's meeting and a generated achievement report come out in; without a
template (or once it is turned off) they come out in the built-in layout, as before."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document

from tdkt.awards import documents as award_documents
from tdkt.awards import services as award_services
from tdkt.awards.tests.conftest import _no_engine, accepted, aw, council_passes  # noqa: F401  (fixtures)
from tdkt.campaigns.documents import DOWNLOADS
from tdkt.documents.builders import get_builder
from tdkt.documents.services import template_set_active, template_upload
from tdkt.meetings.minutes import CODES as MINUTES_CODES
from tdkt.meetings.minutes import render_minutes
from tdkt.meetings.tests.conftest import awards, council_of, meeting_of  # noqa: F401  (fixtures)
from tdkt.reportcheck.generated import INDIVIDUAL_CODE, render_report
from tdkt.reportcheck.tests.conftest import rc  # noqa: F401  (fixture)

from .helpers import docx_text

DECISION_CODE = award_documents.DECISION_CODE


def make_docx(*paragraphs: str) -> bytes:
    """A real .docx, as an administrator saves it from Word, with the template's placeholders."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


DECISION_TEMPLATE = make_docx("MẪU RIÊNG CỦA PHÒNG – QUYẾT ĐỊNH {{ dong_so }}", "{{ ngay_thang }}",
                              "{% for r in danh_sach %}{{ r.stt }}. {{ r.ho_ten }} – {{ r.so_tien_so }}{% endfor %}",
                              "{{ nguoi_ky.ho_ten }}")
MINUTES_TEMPLATE = make_docx("MẪU RIÊNG CỦA TRƯỜNG – BIÊN BẢN {{ issuer_council }}", "{{ ngay_thang }}",
                             "Có mặt {{ quorum.present }}/{{ quorum.total }}: {{ quorum.text }}",
                             "{% for m in members_present %}{{ m.name }}; {% endfor %}",
                             # the names of the documents layer's own «Biên bản họp Hội đồng» work too
                             "Chủ trì: {{ chu_tri.ho_ten }}, {{ so_co_mat }}/{{ tong_so_thanh_vien }} có mặt")
REPORT_TEMPLATE = make_docx("MẪU RIÊNG CỦA HỆ THỐNG – BÁO CÁO THÀNH TÍCH {{ ho_ten }}", "{{ ngay_thang }}",
                            "{% for d in danh_hieu %}{{ d.nam }}: {{ d.danh_hieu }}; {% endfor %}")


def _upload(admin, code, content, unit=None):
    return template_upload(actor=admin, code=code, name="Mẫu riêng", filename="mau.docx", content=content, unit=unit)


def _body(content: bytes) -> bytes:
    """The document's own XML (the package's time stamps left out)."""
    return zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")


def _decision(aw):  # noqa: F811
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User

    head = User.objects.create_user(username="head_phong", password="pw-test-123")
    Membership.objects.create(user=head, unit=aw.w.phong, role=Role.HEAD)
    p = accepted(aw)
    return award_services.decision_issue(actor=head, issuer=aw.w.phong, items=list(p.items.all()),
                                         decision_date=dt.date(2026, 6, 20), signer_name="Võ Cao Long",
                                         signer_title="Trưởng phòng", number=123, proposal=p)


def test_the_apps_documents_are_registered_codes():
    for code in (DECISION_CODE, *MINUTES_CODES.values(), INDIVIDUAL_CODE):
        builder = get_builder(code)
        assert builder.sample() and builder.keys


def test_a_decision_comes_out_in_the_issuers_uploaded_template(aw, council_passes):  # noqa: F811
    d = _decision(aw)
    before = award_documents.decision_docx(d)
    text = docx_text(before)
    assert "Số: 123/QĐ-GDĐT" in text and "MẪU RIÊNG" not in text
    template = _upload(aw.w.users.admin, DECISION_CODE, DECISION_TEMPLATE, unit=aw.w.phong)

    rendered = award_documents.render_decision(d, "docx")
    assert rendered.source == "uploaded" and rendered.template_id == template.pk
    text = docx_text(award_documents.decision_docx(d))
    assert "MẪU RIÊNG CỦA PHÒNG – QUYẾT ĐỊNH Số: 123/QĐ-GDĐT" in text
    assert "Quận Thử, ngày 20 tháng 6 năm 2026" in text
    assert "1. Nguyễn Văn An – 710.000" in text and "Võ Cao Long" in text
    assert award_documents.decision_pdf(d).startswith(b"%PDF")  # LibreOffice, else the built-in layout

    template_set_active(actor=aw.w.users.admin, template=template, active=False)
    assert _body(award_documents.decision_docx(d)) == _body(before)


def test_a_template_of_another_unit_does_not_apply(aw, council_passes):  # noqa: F811
    d = _decision(aw)
    _upload(aw.w.users.admin, DECISION_CODE, DECISION_TEMPLATE, unit=aw.w.school_b)
    assert award_documents.render_decision(d, "docx").source == "builtin"


@pytest.mark.parametrize("kind", sorted(MINUTES_CODES))
def test_minutes_come_out_in_the_councils_unit_template(world, meeting_of, kind):  # noqa: F811
    c = meeting_of(5, present=4)
    before, content_type, name = render_minutes(c.meeting, kind, "docx")
    assert "MẪU RIÊNG" not in docx_text(before)
    _upload(world.users.admin, MINUTES_CODES[kind], MINUTES_TEMPLATE, unit=world.school_a)

    content, content_type_after, name_after = render_minutes(c.meeting, kind, "docx")
    text = docx_text(content)
    assert "MẪU RIÊNG CỦA TRƯỜNG – BIÊN BẢN HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in text
    assert "Quận Thử, ngày 20 tháng 5 năm 2024" in text
    assert "Có mặt 4/5:" in text and "Đỗ Văn TV00; " in text
    assert "Chủ trì: Đỗ Văn TV00, 4/5 có mặt" in text
    assert (content_type_after, name_after) == (content_type, name)

    other_kind = next(k for k in MINUTES_CODES if k != kind)  # one code's template leaves the other alone
    assert "MẪU RIÊNG" not in docx_text(render_minutes(c.meeting, other_kind, "docx")[0])


def test_a_generated_report_comes_out_in_the_systems_template(rc):  # noqa: F811
    before, name = render_report(person=rc.w.an)
    assert "MẪU RIÊNG" not in docx_text(before)
    template = _upload(rc.w.users.admin, INDIVIDUAL_CODE, REPORT_TEMPLATE)  # for the whole system

    content, name_after = render_report(person=rc.w.an)
    text = docx_text(content)
    assert "MẪU RIÊNG CỦA HỆ THỐNG – BÁO CÁO THÀNH TÍCH Nguyễn Văn An" in text
    assert "Lao động tiên tiến" in text
    assert name_after == name == "bao-cao-thanh-tich-ca-nhan.docx"

    template_set_active(actor=rc.w.users.admin, template=template, active=False)
    assert _body(render_report(person=rc.w.an)[0]) == _body(before)


def test_a_units_registration_papers_come_out_in_its_template(world, client):
    from django.urls import reverse

    from tdkt.campaigns.tests.test_submission_workflow import _prepared

    camp, _sub = _prepared(world)
    client.force_login(world.users.officer_a)
    url = reverse("campaigns:submission_download", args=[camp.pk, world.school_a.pk, "to-trinh", "docx"])
    before = client.get(url).content
    assert "MẪU RIÊNG" not in docx_text(before)
    _upload(world.users.admin, DOWNLOADS["to-trinh"],
            make_docx("MẪU RIÊNG CỦA TRƯỜNG – TỜ TRÌNH {{ co_quan_ban_hanh }} năm học {{ nam_hoc }}"),
            unit=world.school_a)
    text = docx_text(client.get(url).content)
    assert "MẪU RIÊNG CỦA TRƯỜNG – TỜ TRÌNH Trường Tiểu học Đinh Tiên Hoàng năm học 2025-2026" in text
    other = reverse("campaigns:submission_download", args=[camp.pk, world.school_a.pk, "bang-tong-hop", "docx"])
    assert "MẪU RIÊNG" not in docx_text(client.get(other).content)
