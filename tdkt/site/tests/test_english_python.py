"""English for the words Python produces: form labels and choices, refusals, messages,
eligibility verdicts. Vietnamese stays the default, and what is kept as a record (stored
verdicts, official papers) stays Vietnamese whatever the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tdkt.eligibility.catalogue import load_catalogue
from tdkt.eligibility.choices import SubjectKind
from tdkt.eligibility.tests.helpers import LDTT, register
from tdkt.org.models import SchoolYear
from tdkt.people.models import Person

Y = {"nam": "2025"}


def _client(user, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        response = client.post(reverse("set_language"), {"language": language, "next": reverse("core:home")})
        assert response.status_code == 302
    return client


@pytest.fixture
def cat(world):
    load_catalogue()
    have = set(SchoolYear.objects.values_list("start_year", flat=True))
    SchoolYear.objects.bulk_create([SchoolYear(start_year=y, start_date=dt.date(y, 9, 1),
                                               end_date=dt.date(y + 1, 8, 31))
                                    for y in range(2015, 2027) if y not in have])
    return world


# --- the person form -----------------------------------------------------------------------------


def test_person_form_labels_and_choices_in_english(world):
    html = _client(world.users.officer_a, "en").get(reverse("people:person_create")).content.decode()
    main = html.split("<main", 1)[1]
    for text in ("Family name", "Middle name", "Given name", "Date of birth", "Gender", ">Male<", ">Female<",
                 "Personal ID / citizen ID card number", "Email", "Phone", "Working there since"):
        assert text in main, f"{text!r} missing on the English person form"
    for text in ("Tên đệm", "Ngày sinh", "Giới tính", ">Nữ<", "Thư điện tử", "Công tác từ ngày"):
        assert text not in main, f"{text!r} left in Vietnamese on the English person form"


def test_person_form_stays_vietnamese_by_default(world):
    html = _client(world.users.officer_a).get(reverse("people:person_create")).content.decode()
    main = html.split("<main", 1)[1]
    for text in ("Tên đệm", "Ngày sinh", "Giới tính", ">Nam<", ">Nữ<", "Số định danh cá nhân / CCCD"):
        assert text in main
    assert "Family name" not in main and ">Female<" not in main


def _edit_with_bad_id(world, language):
    an = world.an
    data = {"family_name": an.family_name, "middle_name": an.middle_name, "given_name": an.given_name,
            "birth_date": "1985-03-07", "gender": "nam", "national_id": "12345"}
    return _client(world.users.officer_a, language).post(reverse("people:person_edit", args=[an.pk]), data)


def test_refusal_shown_in_english_and_nothing_saved(world):
    response = _edit_with_bad_id(world, "en")
    assert response.status_code == 200  # the form comes back with its error
    html = response.content.decode()
    assert "A personal ID / citizen ID number has 12 digits (old ID cards: 9 digits)." in html
    assert "gồm 12 chữ số" not in html
    assert Person.objects.get(pk=world.an.pk).national_id == "079085000001"


def test_refusal_shown_in_vietnamese_by_default(world):
    html = _edit_with_bad_id(world, None).content.decode()
    assert "Số định danh / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)." in html
    assert Person.objects.get(pk=world.an.pk).national_id == "079085000001"


def test_success_message_in_english(world):
    an = world.an
    data = {"family_name": an.family_name, "middle_name": an.middle_name, "given_name": an.given_name,
            "birth_date": "1985-03-07", "gender": "nam", "national_id": an.national_id, "phone": "0901234567"}
    response = _client(world.users.officer_a, "en").post(reverse("people:person_edit", args=[an.pk]), data,
                                                          follow=True)
    html = response.content.decode()
    assert "Personal record saved." in html and "Đã lưu hồ sơ cá nhân." not in html
    assert Person.objects.get(pk=an.pk).phone == "0901234567"


def test_refused_page_in_english(world):
    response = _client(world.users.officer_b, "en").get(reverse("people:person_list"), {"unit": world.school_a.pk})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The unit was not found or you do not have permission to view it." in html


# --- eligibility verdicts ------------------------------------------------------------------------


def test_verdict_page_in_english(cat):
    register(cat.an, LDTT, 2025)  # registered, not yet rated: information is missing
    html = _client(cat.users.officer_a, "en").get(reverse("eligibility:person", args=[cat.an.pk]), Y).content.decode()
    section = html.split('data-testid="verdict-lao-dong-tien-tien"')[1].split("</section>")[0]
    assert "Advanced Worker" in section  # the award's English name, kept as data
    assert "Missing information" in section
    assert "No duty-completion rating for school year 2025-2026 yet." in section
    assert "Registered for «Advanced Worker» in school year 2025-2026." in section
    assert "Thiếu thông tin" not in section and "Chưa có xếp loại" not in section
    # The legal citation is data and keeps its official Vietnamese name.
    assert "Luật Thi đua, khen thưởng 2022" in section
    assert "needs the rating for school year 2025-2026" in html.split('data-testid="roadmap"')[1]


def test_verdict_page_stays_vietnamese_by_default(cat):
    register(cat.an, LDTT, 2025)
    html = _client(cat.users.officer_a).get(reverse("eligibility:person", args=[cat.an.pk]), Y).content.decode()
    section = html.split('data-testid="verdict-lao-dong-tien-tien"')[1].split("</section>")[0]
    assert "Lao động tiên tiến" in section and "Thiếu thông tin" in section
    assert "Chưa có xếp loại mức độ hoàn thành nhiệm vụ năm học 2025-2026." in section
    assert "Advanced Worker" not in section and "Missing information" not in section


def test_stored_verdicts_stay_vietnamese_when_run_in_english(cat):
    from tdkt.eligibility.models import Verdict
    from tdkt.eligibility.services import evaluation_run

    register(cat.an, LDTT, 2025)
    with translation.override("en"):
        run = evaluation_run(actor=cat.users.officer_a, unit=cat.school_a, school_year=cat.year,
                             award_types=[LDTT])
    verdict = Verdict.objects.get(run=run, person=cat.an)
    details = " ".join(line["detail"] for line in verdict.full_lines())
    assert "Chưa có xếp loại mức độ hoàn thành nhiệm vụ năm học 2025-2026." in details
    assert "No duty-completion rating" not in details


def test_individual_is_not_people_in_award_contexts():
    # "Cá nhân" is "People" in the menu, "Individual" where it is the opposite of a collective.
    with translation.override("en"):
        assert str(SubjectKind.INDIVIDUAL.label) == "Individual"
        assert str(SubjectKind.COLLECTIVE.label) == "Collective"
        assert translation.gettext("Cá nhân") == "People"
    with translation.override("vi"):
        assert str(SubjectKind.INDIVIDUAL.label) == "Cá nhân"


def test_positions_in_english_on_pages_but_vietnamese_for_imports(world):
    from tdkt.people.choices import Position

    client = _client(world.users.officer_a, "en")
    html = client.get(reverse("people:person_detail", args=[world.an.pk])).content.decode()
    assert ">Teacher<" in html and ">Giáo viên<" not in html
    form = client.get(reverse("people:employment_add", args=[world.an.pk])).content.decode()
    assert ">Principal<" in form and ">Hiệu trưởng<" not in form
    # Excel imports match the Vietnamese words an office types, whatever the reader's language.
    with translation.override("en"):
        assert "Giáo viên" in Position.labels
    html = _client(world.users.officer_a).get(reverse("people:person_detail", args=[world.an.pk])).content.decode()
    assert ">Giáo viên<" in html


def test_dates_money_and_unit_types_follow_the_readers_language(world):
    from django.template import Context, Template

    page = Template("{{ d|ngay }} / {{ m|vnd }}")
    context = Context({"d": dt.date(2024, 2, 5), "m": 1500000})
    with translation.override("en"):
        assert page.render(context) == "5 February 2024 / 1,500,000 VND"
    with translation.override("vi"):
        assert page.render(context) == "ngày 05 tháng 02 năm 2024 / 1.500.000 đồng"
    html = _client(world.users.officer_a, "en").get(reverse("people:person_detail", args=[world.an.pk])).content
    assert "7 March 1985" in html.decode() and "tháng 3 năm 1985" not in html.decode()
    form = _client(world.users.officer_a, "en").get(reverse("org:unit_edit", args=[world.school_a.pk])).content
    assert ">Primary school<" in form.decode() and ">Trường tiểu học<" not in form.decode()


def test_eligibility_export_reads_like_the_english_page(cat):
    from tdkt.documents.tests.helpers import xlsx_rows
    from tdkt.eligibility.tests.helpers import ldtt_ready

    ldtt_ready(cat.an, 2025)
    client = _client(cat.users.officer_a, "en")
    url = reverse("eligibility:unit", args=[cat.school_a.pk])
    rows = xlsx_rows(client.get(url, {**Y, "danh_hieu": LDTT, "xuat": "xlsx"}))
    assert rows[0] == ("No.", "Subject", "Individual / collective", "Title / form of award", "Result", "Reason")
    an = next(r for r in rows[1:] if r[1] == "Nguyễn Văn An")
    assert an[2:5] == ("Individual", "Advanced Worker", "Eligible")
    assert an[5] == "Eligible under the criteria the system can check."


def test_official_documents_are_written_in_vietnamese_for_a_reader_of_english():
    """Choice labels and outcome words pulled into a decision, minutes or report while it is
    written come out in Vietnamese, whatever language the reader chose for the pages."""
    from django.utils import translation

    from tdkt.core.i18n import in_vietnamese
    from tdkt.eligibility.engine import outcome_label

    with translation.override("en"):
        on_page = outcome_label("du_dieu_kien")
        in_document = in_vietnamese(outcome_label)("du_dieu_kien")
        assert translation.get_language() == "en"  # the reader's language is back afterwards
    assert on_page == "Eligible"
    assert in_document == "Đủ điều kiện"
