"""The server-rendered eligibility pages: a person's verdicts and roadmap, a unit's
table and quota panel, scoping, and a constant number of queries."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .helpers import LDTT, ldtt_ready, person, register

Y = {"nam": "2025"}


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_person_page_shows_verdicts_citations_and_missing_info(w):
    register(w.an, LDTT, 2025)  # registered, not yet rated: information is missing
    page = client_for(w.users.officer_a).get(reverse("eligibility:person", args=[w.an.pk]), Y)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="verdict-lao-dong-tien-tien"' in html
    assert "Thiếu thông tin" in html
    assert "Chưa có xếp loại mức độ hoàn thành nhiệm vụ năm học 2025-2026." in html
    assert "Luật Thi đua, khen thưởng 2022" in html  # a criterion's citation
    assert 'data-testid="roadmap"' in html and "cần nhập xếp loại năm học 2025-2026" in html
    assert reverse("eligibility:unit", args=[w.group_a.pk]) in html  # An works in Tổ 1


def test_person_page_shows_eligible_verdict(w):
    ldtt_ready(w.an, 2025)
    html = client_for(w.users.head_a).get(reverse("eligibility:person", args=[w.an.pk]), Y).content.decode()
    section = html.split('data-testid="verdict-lao-dong-tien-tien"')[1].split("</section>")[0]
    assert "Đủ điều kiện" in section and "Không đủ điều kiện" not in section


def test_staff_see_their_own_page_only(w):
    c = client_for(w.users.staff_a)
    assert c.get(reverse("eligibility:person", args=[w.an.pk]), Y).status_code == 200
    assert c.get(reverse("eligibility:person", args=[w.binh.pk]), Y).status_code == 403
    assert c.get(reverse("eligibility:unit", args=[w.school_a.pk]), Y).status_code == 403


def test_unknown_year_is_404(w):
    c = client_for(w.users.officer_a)
    assert c.get(reverse("eligibility:person", args=[w.an.pk]), {"nam": "2040"}).status_code == 404


def test_unit_table_filters_by_outcome(w):
    ldtt_ready(w.an, 2025)
    c = client_for(w.users.officer_a)
    url = reverse("eligibility:unit", args=[w.school_a.pk])
    everything = c.get(url, {**Y, "danh_hieu": LDTT}).content.decode()
    assert f'data-testid="row-person-{w.an.pk}"' in everything
    assert f'data-testid="row-person-{w.binh.pk}"' in everything
    only = c.get(url, {**Y, "danh_hieu": LDTT, "ket_qua": "du_dieu_kien"}).content.decode()
    assert f'data-testid="row-person-{w.an.pk}"' in only
    assert f'data-testid="row-person-{w.binh.pk}"' not in only
    assert reverse("eligibility:person", args=[w.an.pk]) in only
    assert 'data-testid="quota"' in only  # the quota panel says no cap is in force (none from 2024)
    refused = c.get(url, {**Y, "danh_hieu": LDTT, "ket_qua": "khong_du_dieu_kien"}).content.decode()
    table = refused.split('data-testid="quota"')[0]
    assert f'data-testid="row-person-{w.an.pk}"' not in table and f'data-testid="row-person-{w.binh.pk}"' in table


def test_unit_page_is_paginated(w):
    for i in range(10):
        person(w.school_a, f"Người {i}")
    c = client_for(w.users.officer_a)
    url = reverse("eligibility:unit", args=[w.school_a.pk])
    first = c.get(url, Y).content.decode()
    assert first.count('data-testid="row-') == 50 and "Sau »" in first
    assert c.get(url, {**Y, "page": 2}).status_code == 200


def _queries(c, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url, Y).status_code == 200
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_people(w):
    c = client_for(w.users.officer_a)
    unit_url = reverse("eligibility:unit", args=[w.school_a.pk])
    person_url = reverse("eligibility:person", args=[w.an.pk])
    for i in range(5):
        ldtt_ready(person(w.school_a, f"Ít {i}"), 2025)
    _queries(c, unit_url)  # warm-up
    few, few_person = _queries(c, unit_url), _queries(c, person_url)
    for i in range(25):
        ldtt_ready(person(w.school_a, f"Nhiều {i}"), 2025)
    assert _queries(c, unit_url) == few
    assert _queries(c, person_url) == few_person


def test_a_row_nobody_has_read_is_flagged_on_screen_with_what_to_read(w):
    """2025-2026 is judged under NĐ 152 / TT 15/2025, whose LĐTT time rule is still unread: the officer sees
    «chưa đối chiếu» and the source on that line only; lines read from the text carry no flag."""
    from tdkt.eligibility import engine

    from .helpers import line, sy

    ldtt_ready(w.an, 2025)
    r = engine.evaluate(w.an, LDTT, sy(2025))
    time, rating = line(r, "thoi-gian-cong-tac"), line(r, "xep-loai")
    assert time["unverified"] and "Thông tư 15/2025/TT-BNV" in time["verify_note"] and "vbpl.vn" in time["verify_note"]
    assert not rating["unverified"] and rating["verify_note"] == ""
    html = client_for(w.users.officer_a).get(reverse("eligibility:person", args=[w.an.pk]), Y).content.decode()
    assert 'data-testid="unverified"' in html and "chưa đối chiếu" in html


def test_evidence_reads_dates_the_vietnamese_way(w):
    """Issue 12 item 12: the evidence under a verdict read "ngày 2025-06-25" (the stored ISO form)."""
    import datetime as dt

    from .helpers import discipline

    ldtt_ready(w.an, 2025)
    discipline(w.an, "khien_trach", dt.date(2026, 3, 2))
    html = client_for(w.users.officer_a).get(reverse("eligibility:person", args=[w.an.pk]), Y).content.decode()
    evidence = " ".join(part.split("</div>")[0] for part in html.split('data-testid="evidence"')[1:])
    assert "ngày 02/03/2026" in evidence
    assert "2026-03-02" not in html
