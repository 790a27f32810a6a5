"""The pages and the API: upload → findings; refusals store nothing."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.records.models import AwardRecord, Initiative
from tdkt.reportcheck.models import ReportCheck
from tdkt.reportcheck.tests.docs import draft_individual, minimal_individual

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _state():
    return (ReportCheck.objects.count(), AuditEvent.objects.count(), AwardRecord.objects.count(),
            Initiative.objects.count())


def _upload(client, person, data, name="bao-cao.docx", **extra):
    return client.post(reverse("reportcheck:check"),
                       {"person": person.pk, "file": SimpleUploadedFile(name, data), **extra})


def test_upload_then_findings_by_section(rc):
    before = _state()
    response = _upload(_client(rc.w.users.officer_a), rc.w.an, draft_individual(), "ban-thao.docx")
    assert response.status_code == 302
    check = ReportCheck.objects.get()
    assert response["Location"] == reverse("reportcheck:result", args=[check.pk])
    # One check kept and audited; the records untouched.
    assert _state() == (before[0] + 1, before[1] + 1, before[2], before[3])
    event = AuditEvent.objects.latest("id")
    assert event.event_type == "reportcheck.check" and event.target_id == str(check.pk)
    assert check.error_count == 16 and check.warning_count == 2

    page = _client(rc.w.users.officer_a).get(response["Location"]).content.decode()
    assert "Tìm thấy 16 lỗi và 2 cảnh báo" in page
    # Grouped under the part headings, each with its place, the words and the fix.
    assert page.index("<h2 class=\"h6 mt-3\">III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG</h2>") < page.index(
        "Bảng 1, dòng 3 (Mục III)")
    assert "Sửa thành «Quyết định số 120/QĐ-THĐTH»" in page
    assert "Chiến sỹ thi đua cấp cơ sở" in page and "Ghi đúng tên: «Chiến sĩ thi đua cơ sở»" in page


def test_annotated_copy_carries_one_comment_per_finding(rc):
    _upload(_client(rc.w.users.officer_a), rc.w.an, draft_individual())
    check = ReportCheck.objects.get()
    response = _client(rc.w.users.officer_a).get(reverse("reportcheck:annotated", args=[check.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-nhan-xet.docx"')
    comments = list(docx.Document(io.BytesIO(response.content)).comments)
    assert len(comments) == len(check.findings)
    assert any("120/QĐ-THĐTH" in c.text for c in comments)


def test_teacher_checks_her_own_report_only(rc):
    staff = _client(rc.w.users.staff_a)  # staff_a is Nguyễn Văn An
    page = staff.get(reverse("reportcheck:check")).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" not in page
    assert _upload(staff, rc.w.an, minimal_individual()).status_code == 302
    before = _state()
    assert _upload(staff, rc.w.binh, minimal_individual()).status_code == 403
    assert _state() == before
    # ... and cannot open a check made about Bình by an officer.
    _upload(_client(rc.w.users.officer_a), rc.w.binh, minimal_individual("Trần Thị Bình"))
    other = ReportCheck.objects.get(person=rc.w.binh)
    assert staff.get(reverse("reportcheck:result", args=[other.pk])).status_code == 403


def test_officers_reach_follows_their_units(rc):
    before = _state()
    assert _upload(_client(rc.w.users.officer_b), rc.w.an, minimal_individual()).status_code == 403
    assert _upload(_client(rc.w.users.specialist_mn), rc.w.an, minimal_individual()).status_code == 403
    assert _state() == before
    assert _upload(_client(rc.w.users.specialist_th), rc.w.an, minimal_individual()).status_code == 302


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bao-cao.docx", b"%PDF-1.7\n%fake report\n", "là tệp PDF, không phải văn bản Word .docx"),
    ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "văn bản Word cũ (.doc"),
    ("bao-cao.docx", "Báo cáo thành tích".encode(), "không phải văn bản Word .docx"),
    ("bao-cao.docx", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
     "không phải văn bản Word .docx"),
    ("bom.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * (30 * 1024 * 1024)}),
     "không an toàn"),
    ("lon.docx", b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024), "quá lớn"),
])
def test_bad_uploads_are_refused_and_nothing_is_stored(rc, name, data, message):
    before = _state()
    response = _upload(_client(rc.w.users.officer_a), rc.w.an, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _state() == before


def test_exactly_one_subject(rc):
    c = _client(rc.w.users.officer_a)
    before = _state()
    both = c.post(reverse("reportcheck:check"), {"person": rc.w.an.pk, "unit": rc.w.school_a.pk,
                                                 "file": SimpleUploadedFile("a.docx", minimal_individual())})
    neither = c.post(reverse("reportcheck:check"), {"file": SimpleUploadedFile("a.docx", minimal_individual())})
    for r in (both, neither):
        assert "Hãy chọn đúng một đối tượng" in r.content.decode()
    assert _state() == before


def test_generated_report_checks_clean(rc):
    c = _client(rc.w.users.officer_a)
    response = c.post(reverse("reportcheck:generated"), {"person": rc.w.an.pk})
    assert response.status_code == 302
    check = ReportCheck.objects.get()
    assert check.source == "generated" and check.error_count == 0 and check.warning_count == 0
    assert "Không tìm thấy lỗi hay cảnh báo nào" in c.get(response["Location"]).content.decode()
    c.post(reverse("reportcheck:generated"), {"unit": rc.w.school_a.pk, "school_year": rc.years[2024].pk})
    c.post(reverse("reportcheck:generated"), {"unit": rc.w.school_a.pk})  # the year under way
    checks = ReportCheck.objects.filter(unit=rc.w.school_a).order_by("id")
    assert [(k.school_year.start_year, k.error_count, k.warning_count) for k in checks] == [(2024, 0, 0), (2025, 0, 0)]


def test_api_returns_the_findings(rc):
    c = _client(rc.w.users.officer_a)
    url = reverse("api:reportcheck_check")
    response = c.post(url, {"person": rc.w.an.pk, "file": SimpleUploadedFile("d.docx", draft_individual())})
    assert response.status_code == 200
    body = response.json()
    assert body["error_count"] == 16 and body["form_kind"] == "ca_nhan"
    wrong = [f for f in body["findings"] if f["code"] == "quyet-dinh-sai-so"][0]
    assert wrong["location"] == "Bảng 1, dòng 3 (Mục III)" and wrong["severity_label"] == "Lỗi"
    before = _state()
    bad = c.post(url, {"person": rc.w.an.pk, "file": SimpleUploadedFile("d.docx", b"%PDF-1.4\n")})
    assert bad.status_code == 422
    assert "PDF" in json.dumps(bad.json(), ensure_ascii=False)
    refused = _client(rc.w.users.officer_b).post(
        url, {"person": rc.w.an.pk, "file": SimpleUploadedFile("d.docx", minimal_individual())})
    assert refused.status_code == 403
    assert _state() == before


def test_pages_keep_their_query_count(rc, django_assert_max_num_queries):
    from tdkt.people.services import employment_add, person_create

    c = _client(rc.w.users.officer_a)
    _upload(c, rc.w.an, draft_individual())
    check = ReportCheck.objects.get()

    def measure():
        with django_assert_max_num_queries(24) as ctx:
            assert c.get(reverse("reportcheck:check")).status_code == 200
            assert c.get(reverse("reportcheck:result", args=[check.pk])).status_code == 200
        return len(ctx.captured_queries)

    small = measure()
    for i in range(25):
        p = person_create(actor=None, family_name="Võ", middle_name="Văn", given_name=f"Tư {i}")
        employment_add(actor=None, person=p, unit=rc.w.school_a, position="giao_vien",
                       start_date=rc.years[2024].start_date)
        _upload(c, rc.w.an, minimal_individual())
    check.findings = check.findings * 5
    check.save()
    assert measure() == small
