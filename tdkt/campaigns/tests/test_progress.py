"""Progress against targets: measures the system computes from its own records, values units
report, the units × targets table on the page and in the API, in constant queries."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.eligibility.catalogue import LDTT
from tdkt.records.models import AwardRecord, Initiative, Registration

from .. import selectors, services
from ..choices import SubmissionStatus
from ..models import RegistrationSubmission, TargetReport
from . import helpers as h

D = dt.date


@pytest.fixture
def camp(w):
    return services.campaign_create(
        actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt", school_year=w.year,
        targets=[{"name": "Tỷ lệ đăng ký LĐTT", "target_value": Decimal(80), "measure": "%",
                  "metric": "registered_ldtt"},
                 {"name": "Tỷ lệ đạt LĐTT", "target_value": Decimal(50), "measure": "%", "metric": "awarded_ldtt"},
                 {"name": "Sáng kiến được công nhận", "target_value": Decimal(1), "measure": "sáng kiến",
                  "metric": "initiatives_recognised"},
                 {"name": "Đơn vị nộp đăng ký đúng hạn", "target_value": Decimal(2), "measure": "đơn vị",
                  "metric": "submitted_on_time"},
                 {"name": "Số tiết thao giảng", "target_value": Decimal(10), "measure": "tiết"}])


def _by_unit(camp, units):
    return {u: {c.name: (c.actual, c.met) for c in cells}
            for u, cells in selectors.progress_table(campaign=camp, units=units)}


def test_computed_measures_per_subtree(w, camp):
    ldtt = h.award(code=LDTT)
    Registration.objects.create(award_type=ldtt, school_year=w.year, person=w.an, registered_on=D(2025, 10, 1))
    Registration.objects.create(award_type=ldtt, school_year=w.year, person=w.cuong, registered_on=D(2025, 10, 1))
    AwardRecord.objects.create(award_type=ldtt, school_year=w.year, person=w.an)
    AwardRecord.objects.create(award_type=ldtt, school_year=w.year, person=w.binh, revoked_on=D(2026, 1, 1))
    Initiative.objects.create(title="Dạy đọc qua trò chơi", school_year=w.year, unit=w.group_a, recognized=True)
    Initiative.objects.create(title="Chưa công nhận", school_year=w.year, unit=w.school_b, recognized=False)
    RegistrationSubmission.objects.create(campaign=camp, unit=w.school_a, status=SubmissionStatus.ACCEPTED)
    RegistrationSubmission.objects.create(campaign=camp, unit=w.school_b, status=SubmissionStatus.SUBMITTED,
                                          late=True)
    rows = _by_unit(camp, [w.phong, w.school_a, w.school_b, w.school_c])
    reg, won = "Tỷ lệ đăng ký LĐTT", "Tỷ lệ đạt LĐTT"
    # the Phòng's subtree: 4 people, 2 registered, 1 awarded (a revoked award does not count)
    assert rows[w.phong][reg] == (Decimal("50.0"), False)
    assert rows[w.phong][won] == (Decimal("25.0"), False)
    assert rows[w.school_a][reg] == (Decimal("50.0"), False)  # An (in Tổ 1) of An and Bình
    assert rows[w.school_a][won] == (Decimal("50.0"), True)
    assert rows[w.school_b][reg] == (Decimal("100.0"), True)
    assert rows[w.school_c][reg] == (Decimal("0.0"), False)
    assert rows[w.school_a]["Sáng kiến được công nhận"] == (Decimal(1), True)
    assert rows[w.school_b]["Sáng kiến được công nhận"] == (Decimal(0), False)
    assert rows[w.phong]["Đơn vị nộp đăng ký đúng hạn"] == (Decimal(1), False)  # school B was late
    assert rows[w.phong]["Số tiết thao giảng"] == (None, None)
    cell = selectors.target_progress(campaign=camp, unit=w.school_a)[0]
    assert cell.name == reg and cell.target_value == 80 and cell.measure == "%"
    assert cell.how.startswith("Hệ thống tính: số người đăng ký LĐTT")


def test_units_report_values_the_latest_counts(w, camp):
    manual = camp.targets.get(metric="")
    services.target_report(actor=w.users.officer_a, target=manual, unit=w.school_a, value=6,
                           reported_on=D(2025, 12, 1), note="Học kỳ I")
    services.target_report(actor=w.users.officer_a, target=manual, unit=w.school_a, value=12,
                           reported_on=D(2026, 5, 20), note="Cả năm")
    cell = [c for c in selectors.target_progress(campaign=camp, unit=w.school_a) if c.target == manual][0]
    assert (cell.actual, cell.met, cell.reported_on, cell.note) == (Decimal(12), True, D(2026, 5, 20), "Cả năm")
    assert TargetReport.objects.count() == 2  # the earlier figure stays as history
    computed = camp.targets.get(metric="registered_ldtt")
    with pytest.raises(DomainValidationError, match="do hệ thống tính"):
        services.target_report(actor=w.users.officer_a, target=computed, unit=w.school_a, value=90)
    with pytest.raises(DomainValidationError, match="chưa đến"):
        services.target_report(actor=w.users.officer_a, target=manual, unit=w.school_a, value=1,
                               reported_on=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(DomainValidationError, match="không được âm"):
        services.target_report(actor=w.users.officer_a, target=manual, unit=w.school_a, value=-1)
    with pytest.raises(PermissionRefused):
        services.target_report(actor=w.users.officer_b, target=manual, unit=w.school_a, value=1)
    assert TargetReport.objects.count() == 2


def test_page_and_api_show_units_by_targets(w, camp, client):
    manual = camp.targets.get(metric="")
    client.force_login(w.users.officer_a)
    url = reverse("campaigns:campaign_detail", args=[camp.pk])
    r = client.post(reverse("campaigns:target_report", args=[camp.pk]), {
        "target": manual.pk, "unit": w.school_a.pk, "value": "12,5".replace(",", "."), "reported_on": "2025-12-01",
        "note": "Học kỳ I"})
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="progress-table"' in page and "12,5 tiết" in page and "Học kỳ I" in page
    # a school sees its own row only, the Phòng sees itself and every school
    assert page.count("<tr data-unit=") == 1
    client.force_login(w.users.office_officer)
    page = client.get(url).content.decode()
    assert page.count("<tr data-unit=") == 4
    data = client.get(reverse("api:campaigns_progress", args=[camp.pk])).json()
    assert [row["unit_id"] for row in data] == [w.phong.pk, w.school_a.pk, w.school_b.pk, w.school_c.pk]
    school_a = data[1]["targets"][-1]
    assert school_a["actual"] == "12.50" and school_a["met"] is True and school_a["how"] == "Đơn vị báo cáo"
    client.force_login(w.users.council_a)  # a council member of school A does not report its figures
    r = client.post(reverse("api:campaigns_target_report", args=[camp.pk, manual.pk]),
                    data=json.dumps({"unit_id": w.school_a.pk, "value": "3"}), content_type="application/json")
    assert r.status_code == 403
    client.force_login(w.users.officer_b)
    r = client.post(reverse("api:campaigns_target_report", args=[camp.pk, manual.pk]),
                    data=json.dumps({"unit_id": w.school_b.pk, "value": "3", "reported_on": "2025-12-02"}),
                    content_type="application/json")
    assert r.status_code == 201, r.content
    assert TargetReport.objects.filter(unit=w.school_b, value=3).exists()


def _add_schools(w, n):
    from tdkt.org.services import unit_create
    from tdkt.people.choices import Position
    from tdkt.people.services import employment_add, person_create

    for i in range(n):
        s = unit_create(actor=None, parent=w.phong, code=f"X{i}", name=f"Trường Thử {i}",
                        unit_type=w.types["truong-th"])
        p = person_create(actor=None, family_name="Võ", middle_name="Văn", given_name=f"Tư{i}", gender="nam")
        employment_add(actor=None, person=p, unit=s, position=Position.GIAO_VIEN, start_date=D(2020, 9, 1))


def test_queries_constant_in_the_number_of_units(w, camp, client):
    from tdkt.org.models import Unit

    client.force_login(w.users.office_officer)
    url = reverse("campaigns:campaign_detail", args=[camp.pk])

    def count():
        units = list(Unit.objects.filter(path__startswith=w.phong.path, depth__lte=w.phong.depth + 1))
        with CaptureQueriesContext(connection) as table:
            selectors.progress_table(campaign=camp, units=units)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        return len(units), len(table), len(page)

    small = count()
    _add_schools(w, 8)
    big = count()
    assert big[0] == small[0] + 8
    assert big[1] == small[1] and big[2] == small[2], (small, big)


def test_a_teacher_who_moved_during_the_year_counts_once_where_she_worked_last(w, camp):
    from tdkt.people.choices import Position
    from tdkt.people.models import Employment
    from tdkt.people.services import employment_add

    Employment.objects.filter(person=w.hoa).update(end_date=D(2025, 12, 31))
    employment_add(actor=None, person=w.hoa, unit=w.school_b, position=Position.GIAO_VIEN, start_date=D(2026, 1, 1))
    Registration.objects.create(award_type=h.award(code=LDTT), school_year=w.year, person=w.hoa,
                                registered_on=D(2025, 10, 1))
    rows = _by_unit(camp, [w.phong, w.school_b, w.school_c])
    reg = "Tỷ lệ đăng ký LĐTT"
    assert rows[w.school_b][reg] == (Decimal("50.0"), False)  # Cường and Hoa, Hoa registered
    assert rows[w.school_c][reg] == (None, None)  # nobody left there: no figure rather than 0 %
    assert rows[w.phong][reg] == (Decimal("25.0"), False)  # four people, not five
