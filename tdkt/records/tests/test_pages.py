import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.records import services
from tdkt.records.models import Absence, AwardRecord, Discipline, Initiative, PersonRating, Registration

from .helpers import counts

D = dt.date


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def history(rec):
    services.person_rating_set(actor=None, person=rec.an, school_year=rec.years[2023], rating="htxs")
    services.award_record_add(actor=None, award_type=rec.awards["lao-dong-tien-tien"], person=rec.an,
                              school_year=rec.years[2023], decision_number="125/QĐ-GDĐT", decision_date=D(2024, 2, 5),
                              issuer="Phòng GD&ĐT Quận Thử")
    services.initiative_create(actor=None, title="Trò chơi học tập môn Toán", school_year=rec.years[2023],
                               authors=[(rec.an, 60), (rec.w.binh, 40)])
    return rec


def test_record_page_shows_years_and_vietnamese_dates(history):
    html = _client(history.officer).get(reverse("records:person_record", args=[history.an.pk])).content.decode()
    assert "Hồ sơ thành tích – Nguyễn Văn An" in html
    assert 'data-testid="year-2023"' in html and "Năm học 2023-2024" in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert "Số 125/QĐ-GDĐT ngày 05 tháng 02 năm 2024" in html
    assert "Trò chơi học tập môn Toán" in html and "60%" in html and "Trần Thị Bình (40%)" in html
    assert 'data-testid="record-actions"' in html


def test_staff_sees_own_record_read_only(history):
    client = _client(history.w.users.staff_a)
    html = client.get(reverse("records:person_record", args=[history.an.pk])).content.decode()
    assert "125/QĐ-GDĐT" in html and 'data-testid="record-actions"' not in html and "Hủy bỏ" not in html
    assert client.get(reverse("records:person_record", args=[history.w.binh.pk])).status_code == 403
    assert client.get(reverse("records:award_add", args=[history.an.pk])).status_code == 403
    # the records home sends staff to their own record
    response = client.get(reverse("records:home"))
    assert response.status_code == 302 and response["Location"] == reverse("records:person_record",
                                                                           args=[history.an.pk])


def test_person_page_links_to_the_record(history):
    html = _client(history.officer).get(reverse("people:person_detail", args=[history.an.pk])).content.decode()
    assert reverse("records:person_record", args=[history.an.pk]) in html


@pytest.mark.parametrize("route, data, model", [
    ("records:rating_set", lambda r: {"school_year": r.years[2024].pk, "rating": "htt"}, PersonRating),
    ("records:discipline_add", lambda r: {"form": "khien_trach", "decision_number": "3/QĐ-THĐTH",
                                          "decision_date": "2024-11-05"}, Discipline),
    ("records:absence_add", lambda r: {"kind": "om_dau", "start_date": "2024-10-01", "end_date": "2024-10-30",
                                       "training_result_good": "unknown"}, Absence),
    ("records:initiative_add", lambda r: {"title": "Sáng kiến mới", "kind": "sang_kien",
                                          "school_year": r.years[2024].pk, "scope": "co_so", "recognized": "on",
                                          "share": "50", "coauthor_1": r.w.binh.pk, "share_1": "50"}, Initiative),
    ("records:award_add", lambda r: {"award_type": r.awards["giay-khen"].pk, "school_year": r.years[2024].pk,
                                     "decision_number": "77/QĐ-GDĐT", "decision_date": "2025-05-10"}, AwardRecord),
    ("records:registration_add", lambda r: {"award_type": r.awards["lao-dong-tien-tien"].pk,
                                            "school_year": r.years[2025].pk, "registered_on": "2025-09-20"},
     Registration),
])
def test_add_forms_save_and_return_to_the_record(rec, route, data, model):
    client = _client(rec.officer)
    url = reverse(route, args=[rec.an.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, data(rec))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("records:person_record", args=[rec.an.pk])
    assert model.objects.count() == 1


def test_refusal_shown_on_the_form_in_vietnamese(rec):
    client = _client(rec.officer)
    before = counts()
    response = client.post(reverse("records:initiative_add", args=[rec.an.pk]), {
        "title": "Sáng kiến", "kind": "sang_kien", "school_year": rec.years[2024].pk, "scope": "co_so",
        "share": "80", "coauthor_1": rec.w.binh.pk, "share_1": "40"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tổng tỷ lệ đóng góp của các tác giả là 120%" in html
    response = client.post(reverse("records:discipline_add", args=[rec.an.pk]), {
        "form": "khien_trach", "decision_number": "3/QĐ", "decision_date": "2024-11-05",
        "effective_from": "2024-11-05", "effective_to": "2024-01-01"})
    assert 'data-field="effective_to"' in response.content.decode()
    assert counts() == before


def test_rating_form_prefilled_for_a_year_and_changed(history):
    client = _client(history.officer)
    url = reverse("records:rating_set", args=[history.an.pk])
    html = client.get(url + "?nam=2023").content.decode()
    assert '<option value="htxs" selected>' in html
    client.post(url, {"school_year": history.years[2023].pk, "rating": "htt", "note": "Điều chỉnh"})
    assert PersonRating.objects.get(person=history.an).rating == "htt"


def test_revoke_page(history):
    award = AwardRecord.objects.get()
    client = _client(history.officer)
    url = reverse("records:award_revoke", args=[award.pk])
    assert "Hủy bỏ «Lao động tiên tiến»" in client.get(url).content.decode()
    response = client.post(url, {"revoked_on": "2024-09-01", "revocation_decision": "5/QĐ-GDĐT", "reason": "Sai"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Đã hủy bỏ 01/09/2024 (5/QĐ-GDĐT: Sai)" in html
    assert _client(history.w.users.officer_b).get(url).status_code == 403


def test_unit_year_page_and_unit_rating(history):
    client = _client(history.officer)
    html = client.get(reverse("records:unit_year", args=[history.w.school_a.pk]) + "?nam=2023").content.decode()
    assert "Năm học 2023-2024" in html and "Nguyễn Văn An" in html and "LĐTT" in html
    response = client.post(reverse("records:unit_rating_set", args=[history.w.school_a.pk]),
                           {"school_year": history.years[2023].pk, "rating": "htxs"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Trường Tiểu học Đinh Tiên Hoàng: Hoàn thành xuất sắc nhiệm vụ" in html
    assert _client(history.w.users.officer_b).get(
        reverse("records:unit_year", args=[history.w.school_a.pk])).status_code == 403


def test_records_home_lists_units(rec):
    html = _client(rec.w.users.office_officer).get(reverse("records:home")).content.decode()
    assert "Phòng Giáo dục và Đào tạo Quận Thử" in html and "Trường Tiểu học Kết Đoàn" in html
    assert reverse("records:import") in html


def test_unit_year_page_queries_do_not_grow_with_staff(rec):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.people.services import employment_add, person_create

    client = _client(rec.officer)
    url = reverse("records:unit_year", args=[rec.w.school_a.pk]) + "?nam=2024"

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(8):
        p = person_create(actor=None, family_name="Lý", given_name=f"Số{i}")
        employment_add(actor=None, person=p, unit=rec.w.group_a, position="giao_vien", start_date=D(2020, 9, 1))
        services.person_rating_set(actor=None, person=p, school_year=rec.years[2024], rating="htt")
        services.award_record_add(actor=None, award_type=rec.awards["lao-dong-tien-tien"], person=p,
                                  school_year=rec.years[2024], decision_number="1/QĐ", decision_date=D(2025, 6, 1))
    assert queries() == few
