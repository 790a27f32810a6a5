"""The impact report: one school year judged by the rows in force on day A and on day B —
who gains or loses a title, the criterion that made the difference, totals per title;
page, XLSX and API, scoped like the eligibility pages, constant queries."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.documents.tests.helpers import xlsx_rows
from tdkt.eligibility import impact
from tdkt.eligibility.models import AwardType, Criterion

from .helpers import person, rate, sy

CODE = "thu-tac-dong"
OLD, NEW = dt.date(2023, 12, 31), dt.date(2024, 1, 1)
Q = {"nam": "2023", "ngay_a": "2023-12-31", "ngay_b": "2024-01-01"}


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def two_periods():
    """A title of our own whose rating threshold rises on 01/01/2024 (HTT → HTXS)."""
    at = AwardType.objects.create(code=CODE, name="Danh hiệu thử tác động", kind="danh_hieu", subject="ca_nhan",
                                  level="co_so", order=1)
    common = {"award_type": at, "code": "xep-loai", "rule": "min_rating", "citation_article": "Điều 9"}
    Criterion.objects.create(**common, params={"min": "htt"}, description="Xếp loại từ Hoàn thành tốt nhiệm vụ",
                             effective_from=dt.date(2018, 1, 1), effective_to=OLD, citation_document="Văn bản cũ")
    Criterion.objects.create(**common, params={"min": "htxs"}, description="Xếp loại Hoàn thành xuất sắc nhiệm vụ",
                             effective_from=NEW, citation_document="Văn bản mới")


def test_report_lists_who_loses_the_title_and_why(w):
    two_periods()
    rate(w.an, 2023, "htt")   # eligible under the old row only
    rate(w.binh, 2023, "htxs")  # eligible under both
    report = impact.impact_report(unit=w.school_a, school_year=sy(2023),
                                  date_a=OLD, date_b=NEW)
    mine = [c for c in report.changes if c.award_code == CODE]
    assert [(c.subject_name, c.kind, c.outcome_a, c.outcome_b) for c in mine if c.subject_id in (w.an.pk, w.binh.pk)] \
        == [("Nguyễn Văn An", impact.LOSS, "du_dieu_kien", "khong_du_dieu_kien")]
    diff = next(c for c in mine if c.subject_id == w.an.pk).differences
    assert [(d.code, d.citation, d.passed_a, d.passed_b) for d in diff] == [
        ("xep-loai", "Điều 9, Văn bản mới", True, False)]
    total = next(t for t in report.totals if t.award_code == CODE)
    assert total.losses >= 1 and total.gains == 0 and total.eligible_a - total.eligible_b == total.losses


def test_page_xlsx_and_api_show_the_same_change(w):
    two_periods()
    rate(w.an, 2023, "htt")
    c = client_for(w.users.officer_a)
    url = reverse("eligibility:impact", args=[w.school_a.pk])
    html = c.get(url, Q).content.decode()
    row = html.split(f'data-testid="change-person-{w.an.pk}-{CODE}"')[1].split("</tr>")[0]
    assert "Đủ điều kiện" in row and "Không đủ điều kiện" in row and "Bị mất" in row
    assert "xep-loai" in row and "Văn bản mới" in row
    assert f'data-testid="total-{CODE}"' in html
    rows = xlsx_rows(c.get(url, {**Q, "xuat": "xlsx"}))
    assert rows[0][:4] == ("STT", "Đối tượng", "Cá nhân / tập thể", "Danh hiệu / hình thức")
    an = next(r for r in rows[1:] if r[1] == "Nguyễn Văn An" and r[3] == "Danh hiệu thử tác động")
    assert an[4:7] == ("Đủ điều kiện", "Không đủ điều kiện", "Bị mất") and "Văn bản mới" in an[7]
    api = c.get(reverse("api:eligibility_impact", args=[w.school_a.pk]),
                {"year": "2023-2024", "date_a": "2023-12-31", "date_b": "2024-01-01"})
    assert api.status_code == 200
    body = api.json()
    change = next(x for x in body["changes"] if x["award_type"] == CODE and x["subject"]["id"] == w.an.pk)
    assert change["change"] == "loss" and change["criteria"][0]["code"] == "xep-loai"
    # The unit's eligibility page links to the report.
    page = c.get(reverse("eligibility:unit", args=[w.school_a.pk]), {"nam": "2023"}).content.decode()
    assert reverse("eligibility:impact", args=[w.school_a.pk]) in page


def test_refused_for_another_school_and_bad_date_named(w):
    two_periods()
    url = reverse("eligibility:impact", args=[w.school_a.pk])
    assert client_for(w.users.officer_b).get(url, Q).status_code == 403
    assert client_for(w.users.staff_a).get(url, Q).status_code == 403
    html = client_for(w.users.officer_a).get(url, {**Q, "ngay_b": "31/13/2024"}).content.decode()
    assert 'data-testid="error-ngay_b"' in html and "Ngày B (quy định mới)" in html and "31/13/2024" in html
    assert 'data-testid="impact-table"' not in html


def test_defaults_are_the_latest_rule_change_and_the_day_before(w):
    two_periods()
    latest = max(Criterion.objects.filter(effective_from__lte=dt.date.today()).values_list("effective_from",
                                                                                            flat=True))
    assert impact.default_dates() == (latest - dt.timedelta(days=1), latest)


def test_queries_do_not_grow_with_people(w):
    two_periods()
    c = client_for(w.users.officer_a)
    url = reverse("eligibility:impact", args=[w.school_a.pk])
    c.get(url, Q)
    with CaptureQueriesContext(connection) as few:
        c.get(url, Q)
    for i in range(5):
        rate(person(w.school_a, f"Thêm {i}"), 2023, "htt")
    with CaptureQueriesContext(connection) as many:
        html = c.get(url, Q).content.decode()
    assert "Thêm 4" in html
    assert len(many) == len(few)


def test_demo_school_page_and_xlsx_render(db):
    call_command("load_reference")
    call_command("demo")
    from tdkt.accounts.models import User
    from tdkt.org.models import Unit

    officer = User.objects.get(username="tdkt.dth")  # the demo school's TĐKT officer
    school = Unit.objects.get(name="Trường Tiểu học Đinh Tiên Hoàng")
    c = client_for(officer)
    url = reverse("eligibility:impact", args=[school.pk])
    page = c.get(url, {"nam": "2024"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="impact-totals"' in html and 'data-testid="impact-table"' in html
    rows = xlsx_rows(c.get(url, {"nam": "2024", "xuat": "xlsx"}))
    assert rows[0][0] == "STT"
