"""The engine on real DOCX files: a draft with one known mistake per check, the
system's own reports (clean), and the figures of a collective."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.records.models import AwardRecord, Initiative, PersonRating
from tdkt.reportcheck.checker import check_report
from tdkt.reportcheck.generated import render_report
from tdkt.reportcheck.models import ReportFormSection, ReportRule, TitleNameRule
from tdkt.reportcheck.reference import load_report_forms
from tdkt.reportcheck.tests.docs import HEADER, build, draft_individual


def _find(report, code, location=None):
    hits = [f for f in report.findings if f.code == code and (location is None or f.location == location)]
    assert hits, f"no {code} at {location}: " + "; ".join(f"{f.code}@{f.location}" for f in report.findings)
    return hits


# Each mistake of the draft: (code, location, words the fix must contain).
EXPECTED = [
    ("ngay-sai-dinh-dang", "Phần đầu, đoạn 3", "Quận Thử, ngày 05 tháng 02 năm 2025"),
    ("thieu-muc", "Cả báo cáo", "2. Hình thức khen thưởng"),
    ("sai-thu-tu", "Mục II, tiêu đề", "I. SƠ LƯỢC LÝ LỊCH; II. THÀNH TÍCH ĐẠT ĐƯỢC; III."),
    ("sai-doi-tuong", "Mục I, đoạn 1", "Nguyễn Văn An"),
    ("sai-doi-tuong", "Mục I, đoạn 2", "07/03/1985"),
    ("ngay-khong-co-that", "Mục I, đoạn 3", "Sửa lại ngày"),
    ("quyet-dinh-sai-so", "Bảng 1, dòng 3 (Mục III)", "120/QĐ-THĐTH"),
    ("khen-thuong-sai-nam", "Bảng 1, dòng 4 (Mục III)", "Sửa năm"),
    ("khen-thuong-da-huy", "Bảng 1, dòng 5 (Mục III)", "Bỏ dòng này"),
    ("khen-thuong-khong-co", "Mục III, đoạn 2", "bổ sung hồ sơ"),
    ("quyet-dinh-sai-ngay", "Mục III, đoạn 3", "20/08/2022"),
    ("khen-thuong-bo-sot", "Mục III, tiêu đề", "Thêm vào mục"),
    ("sang-kien-sai-cap", "Mục II, đoạn 4", "cấp cơ sở"),
    ("sang-kien-chua-cong-nhan", "Mục II, đoạn 5", "công nhận"),
    ("sang-kien-sai-nam", "Mục II, đoạn 6", "2023-2024"),
    ("ten-danh-hieu-sai", "Mục II, đoạn 7", "Chiến sĩ thi đua cơ sở"),
    ("ten-danh-hieu-sai", "Mục II, đoạn 7", "Lao động tiên tiến"),
]


@pytest.mark.django_db
def test_draft_with_one_mistake_per_check(rc):
    report = check_report(data=draft_individual(), filename="ban-thao.docx", person=rc.w.an,
                          today=dt.date(2026, 11, 23))
    for code, location, fix in EXPECTED:
        hits = _find(report, code, location)
        assert any(fix in f.fix for f in hits), (code, location, [f.fix for f in hits])
        assert all(f.rule for f in hits), code  # every finding names its rule
    # Nothing else: the correct lines of the draft (CSTĐCS 2022-2023...) raise nothing.
    assert len(report.findings) == len(EXPECTED) + 1  # two records left out: 2022-2023 and 2024-2025 LĐTT
    omitted = _find(report, "khen-thuong-bo-sot")
    assert {("2022-2023" in f.message, "2024-2025" in f.message) for f in omitted} == {(True, False), (False, True)}
    assert all(f.severity == "canh_bao" for f in omitted)
    # The quote is the wrong words themselves, not the whole paragraph.
    assert {f.quote for f in _find(report, "ten-danh-hieu-sai")} == {"Chiến sỹ thi đua cấp cơ sở", "Lao động giỏi"}
    wrong_number = _find(report, "quyet-dinh-sai-so")[0]
    assert wrong_number.quote == "121/QĐ-THĐTH" and "120/QĐ-THĐTH" in wrong_number.message
    assert "Nghị định 98/2023/NĐ-CP" in _find(report, "thieu-muc")[0].rule
    assert report.report_date == dt.date(2025, 2, 5)


@pytest.mark.django_db
def test_generated_report_of_a_person_with_full_records_is_clean(rc):
    data, name = render_report(person=rc.w.an)
    report = check_report(data=data, filename=name, person=rc.w.an)
    assert report.findings == []
    # ... and it did carry the records the checks compare with.
    from tdkt.reportcheck.reading import open_docx, read_blocks

    text = "\n".join(b.text for b in read_blocks(open_docx(data)))
    assert "245/QĐ-UBND" in text and "Ứng dụng học liệu số trong dạy học Tiếng Việt" in text
    assert "99/QĐ-THĐTH" not in text  # the revoked title is not printed


@pytest.mark.django_db
def test_generated_report_checked_against_other_records_is_not(rc):
    """The same clean report fails for someone else: the checks read the subject's records."""
    data, name = render_report(person=rc.w.an)
    report = check_report(data=data, filename=name, person=rc.w.binh)
    assert "sai-doi-tuong" in report.codes() and "khen-thuong-khong-co" in report.codes()


def _collective(lines, table=None):
    items = ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN THỬ", "Quận Thử, ngày 20 tháng 5 năm 2025", "BÁO CÁO THÀNH TÍCH",
             "Trường Tiểu học Đinh Tiên Hoàng", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "1. Đặc điểm, tình hình", *lines,
             "2. Chức năng, nhiệm vụ", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Kết quả thực hiện nhiệm vụ"]
    if table:
        items.append(table)
    items += ["2. Những biện pháp hoặc nguyên nhân đạt được thành tích",
              "3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước",
              "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "1. Danh hiệu thi đua",
              [HEADER, ["2023-2024", "Tập thể lao động tiên tiến",
                        "Quyết định số 300/QĐ-UBND ngày 25/8/2024 của Ủy ban nhân dân Quận Thử"]],
              "2. Hình thức khen thưởng"]
    return build(items)


@pytest.mark.django_db
def test_figures_of_a_collective_against_the_units_data(rc):
    # 2024-2025: An (group 1) and Bình (school) work there; An alone holds LĐTT → 1/2 = 50%.
    right = _collective(["Năm học 2024-2025, trường có 2 cán bộ, giáo viên, nhân viên; 1/2 (50%) cán bộ, giáo viên "
                         "đạt danh hiệu Lao động tiên tiến."])
    report = check_report(data=right, filename="tt.docx", unit=rc.w.school_a, today=dt.date(2026, 11, 23))
    assert report.findings == [], [(f.code, f.message) for f in report.findings]

    wrong = _collective(
        ["Năm học 2024-2025, trường có 58 cán bộ, giáo viên, nhân viên; 40/58 (68,97%) cán bộ, giáo viên đạt danh "
         "hiệu Lao động tiên tiến."],
        table=[["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Kết quả", "Tỷ lệ so với chỉ tiêu (%)", "Đạt / Chưa đạt"],
               ["1", "Học sinh hoàn thành chương trình lớp học", "%", "99", "99,6", "100,6", "Đạt"],
               ["2", "Giáo viên đạt chuẩn nghề nghiệp mức khá trở lên", "%", "95", "93", "102,1", "Đạt"]])
    report = check_report(data=wrong, filename="tt.docx", unit=rc.w.school_a, today=dt.date(2026, 11, 23))
    figures = _find(report, "so-lieu-sai", "Mục I, đoạn 2")
    messages = " ".join(f.message for f in figures)
    assert "2 cán bộ, giáo viên, nhân viên" in messages  # staff: 58 written, 2 in the data
    assert "có 1 người" in messages  # LĐTT: 40 written
    assert "1/2 = 50%" in messages  # the rate the data gives
    assert len(figures) == 4  # staff, LĐTT count, total, rate
    rate = _find(report, "ty-le-sai", "Bảng 1, dòng 3 (Mục II)")
    assert rate[0].quote == "102,1" and "97,9%" in rate[0].fix
    assert len(_find(report, "ty-le-sai")) == 1  # 99,6 / 99 = 100,6% is right


@pytest.mark.django_db
def test_figures_are_not_judged_without_data(rc):
    """No titles entered for 2022-2023 in the unit: a count is not contradicted by missing data."""
    doc = _collective(["Năm học 2022-2023, có 2 cán bộ, giáo viên, nhân viên; 2 người đạt danh hiệu Lao động tiên "
                       "tiến."])
    AwardRecord.objects.filter(school_year__start_year=2022).delete()
    report = check_report(data=doc, filename="tt.docx", unit=rc.w.school_a, today=dt.date(2026, 11, 23))
    assert "so-lieu-sai" not in report.codes()


@pytest.mark.django_db
def test_generated_collective_report_is_clean(rc):
    data, name = render_report(unit=rc.w.school_a, school_year=rc.years[2024])
    report = check_report(data=data, filename=name, unit=rc.w.school_a, school_year=rc.years[2024])
    assert report.findings == []
    from tdkt.reportcheck.reading import open_docx, read_blocks

    text = " ".join(b.text for b in read_blocks(open_docx(data)))
    assert "2 cán bộ, giáo viên, nhân viên; 1 người đạt danh hiệu Lao động tiên tiến" in text


@pytest.mark.django_db
@pytest.mark.parametrize(("line", "code", "fix"), [
    ("Quận Thử, ngày 05 tháng 2 năm 2025", "ngay-sai-dinh-dang", "ngày 05 tháng 02 năm 2025"),
    ("Quận Thử, ngày 15 tháng 03 năm 2025", "ngay-sai-dinh-dang", "ngày 15 tháng 3 năm 2025"),
    ("Quận Thử, ngày 31 tháng 02 năm 2025", "ngay-khong-co-that", "Sửa lại ngày"),
    ("Quận Thử, ngày 05 tháng 02 năm 2027", "ngay-tuong-lai", "Sửa lại ngày"),
    ("Quận Thử, 05/02/2025", "ngay-sai-dinh-dang", "Quận Thử, ngày 05 tháng 02 năm 2025"),
    ("ngày 05 tháng 02 năm 2025", "thieu-dia-danh-ngay", "Thêm địa danh"),
])
def test_place_date_line(rc, line, code, fix):
    report = check_report(data=build([line, "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                                      "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"]),
                          filename="x.docx", person=rc.w.hoa, today=dt.date(2026, 11, 23))
    hits = _find(report, code, "Phần đầu, đoạn 1")
    assert fix in hits[0].fix


@pytest.mark.django_db
def test_missing_place_date_line_and_part(rc):
    report = check_report(data=build(["I. SƠ LƯỢC LÝ LỊCH", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"]),
                          filename="x.docx", person=rc.w.hoa, today=dt.date(2026, 11, 23))
    assert _find(report, "thieu-dia-danh-ngay")[0].location == "Cả báo cáo"
    missing = _find(report, "thieu-muc")
    # Part II is missing once (its two items are not listed again); part III lacks its two items.
    assert [f.message for f in missing] == [
        "Thiếu mục «II. THÀNH TÍCH ĐẠT ĐƯỢC».",
        "Thiếu mục «1. Danh hiệu thi đua» trong phần «III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG».",
        "Thiếu mục «2. Hình thức khen thưởng» trong phần «III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG».",
    ]


@pytest.mark.django_db
def test_old_reports_are_judged_by_the_decree_then_in_force(rc):
    report = check_report(data=build(["Quận Thử, ngày 05 tháng 6 năm 2023", "I. SƠ LƯỢC LÝ LỊCH"]),
                          filename="x.docx", person=rc.w.hoa, today=dt.date(2026, 11, 23))
    assert all("Nghị định 91/2017/NĐ-CP" in f.rule for f in _find(report, "thieu-muc"))


@pytest.mark.django_db
def test_reference_loader_is_idempotent(db):
    first = load_report_forms()
    counts = (ReportFormSection.objects.count(), ReportRule.objects.count(), TitleNameRule.objects.count())
    assert load_report_forms() == first
    assert (ReportFormSection.objects.count(), ReportRule.objects.count(), TitleNameRule.objects.count()) == counts
    assert ReportFormSection.objects.filter(form_kind="ca_nhan", level=1, effective_to__isnull=True).count() == 3
    assert all(r.citation for r in ReportRule.objects.all())


@pytest.mark.django_db
def test_checking_writes_nothing_to_the_records(rc):
    before = (AwardRecord.objects.count(), Initiative.objects.count(), PersonRating.objects.count())
    check_report(data=draft_individual(), filename="x.docx", person=rc.w.an)
    assert (AwardRecord.objects.count(), Initiative.objects.count(), PersonRating.objects.count()) == before


@pytest.mark.django_db
def test_collective_report_must_name_the_collective(rc):
    doc = build(["Quận Thử, ngày 20 tháng 5 năm 2025", "BÁO CÁO THÀNH TÍCH", "Trường Tiểu học Kết Đoàn",
                 "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"])
    report = check_report(data=doc, filename="tt.docx", unit=rc.w.school_a, today=dt.date(2026, 11, 23))
    hit = _find(report, "sai-doi-tuong")[0]
    assert hit.severity == "canh_bao" and "Trường Tiểu học Đinh Tiên Hoàng" in hit.fix


@pytest.mark.django_db
def test_engine_queries_do_not_grow_with_the_report(rc):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.reportcheck.tests.docs import DRAFT_INDIVIDUAL

    def queries(items):
        with CaptureQueriesContext(connection) as ctx:
            check_report(data=build(items), filename="x.docx", person=rc.w.an, today=dt.date(2026, 11, 23))
        return len(ctx.captured_queries)

    body = DRAFT_INDIVIDUAL[-4:]  # initiatives and title names, repeated
    assert queries(DRAFT_INDIVIDUAL) == queries(DRAFT_INDIVIDUAL + body * 20)


@pytest.mark.django_db
@pytest.mark.parametrize(("line", "decree"), [
    ("Quận Thử, ngày 30 tháng 6 năm 2025", "Nghị định 98/2023/NĐ-CP"),
    ("Phường Thử, ngày 01 tháng 7 năm 2025", "Nghị định 152/2025/NĐ-CP"),
])
def test_the_form_in_force_on_the_report_date_is_used_and_named(rc, line, decree):
    """From 01/07/2025 a report is checked against NĐ 152's annex (its outline carried over from NĐ 98, the
    annex itself unread: the checker says which form it used and that it is not yet verified)."""
    report = check_report(data=build([line, "I. SƠ LƯỢC LÝ LỊCH"]), filename="x.docx", person=rc.w.hoa,
                          today=dt.date(2026, 11, 23))
    assert report.form_citation.startswith(decree)
    assert all(f.rule.startswith(decree) for f in _find(report, "thieu-muc"))
    # the static checks cite the decree of the form too, never the repealed one
    assert all("98/2023" not in f.rule for f in report.findings) or decree.endswith("98/2023/NĐ-CP")
    p152 = decree.startswith("Nghị định 152")
    assert ("cần đối chiếu" in report.form_note and "vbpl.vn" in report.form_note) is p152


@pytest.mark.django_db
def test_the_kept_check_and_the_api_say_which_form(rc):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    c = Client()
    c.force_login(rc.w.users.officer_a)
    data = build(["Phường Thử, ngày 10 tháng 12 năm 2025", "I. SƠ LƯỢC LÝ LỊCH"])
    r = c.post("/api/report-check/", {"file": SimpleUploadedFile("x.docx", data), "person": rc.w.an.pk})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["form_citation"].startswith("Nghị định 152/2025/NĐ-CP, Phụ lục") and body["form_unverified"] is True
