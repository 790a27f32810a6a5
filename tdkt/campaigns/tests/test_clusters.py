"""Cluster year: covenant signatures, three meetings, leading unit, next year's leader, edges."""

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.org.models import Cluster, ClusterMember, SchoolYear

from .. import selectors, services
from ..models import ClusterMeeting, ClusterRanking, CovenantSignature, LeaderChange
from . import helpers as h

D = dt.date


@pytest.fixture
def khoi(w):
    return h.cluster(w, members=("school_a", "school_b", "school_c"))


def _state():
    return (ClusterMeeting.objects.count(), ClusterRanking.objects.count(), CovenantSignature.objects.count(),
            LeaderChange.objects.count(), Cluster.objects.count(), ClusterMember.objects.count(),
            SchoolYear.objects.count(), AuditEvent.objects.count(),
            list(Cluster.objects.order_by("pk").values_list("leader_id", flat=True)))


def _meet(w, khoi, number, held_on, actor=None, **kw):
    return services.cluster_meeting_record(actor=actor or w.users.office_officer, cluster=khoi, number=number,
                                           held_on=held_on, place="Trường TH Đinh Tiên Hoàng",
                                           agenda=f"Hội nghị lần {number}", **kw)


def test_covenant_signatures_record_who_and_when(w, khoi, client):
    services.covenant_set(actor=w.users.office_officer, cluster=khoi, text="Các đơn vị cam kết thi đua ...")
    sig = services.covenant_sign(actor=w.users.officer_a, cluster=khoi, unit=w.school_a,
                                 works="Công trình măng non", topics="Chuyên đề đọc sách")
    assert sig.signed_by == w.users.officer_a and sig.signed_at is not None
    services.covenant_sign(actor=w.users.officer_b, cluster=khoi, unit=w.school_b)
    before = _state()
    with pytest.raises(PermissionRefused):
        services.covenant_sign(actor=w.users.officer_a, cluster=khoi, unit=w.school_b)
    with pytest.raises(DomainValidationError, match="đã ký"):
        services.covenant_sign(actor=w.users.officer_a, cluster=khoi, unit=w.school_a)
    with pytest.raises(DomainValidationError, match="không phải thành viên"):
        services.covenant_sign(actor=w.users.office_officer, cluster=khoi, unit=w.phong)
    with pytest.raises(DomainValidationError, match="không sửa được"):
        services.covenant_set(actor=w.users.office_officer, cluster=khoi, text="Nội dung khác")
    assert _state() == before
    progress = selectors.cluster_progress(khoi)
    assert (progress["signed"], progress["members"]) == (2, 3)
    client.force_login(w.users.officer_a)
    page = client.get(reverse("campaigns:cluster_detail", args=[khoi.pk])).content.decode()
    assert "Công trình măng non" in page and "Chuyên đề đọc sách" in page and "chưa ký" in page


def test_three_meetings_leader_voted_and_next_year_leader(w, khoi, client):
    _meet(w, khoi, 1, D(2025, 10, 30), attendees=[w.school_a, w.school_b, w.school_c],
          required_documents="Quy chế, kế hoạch, bảng giao ước, biên bản", send_deadline=D(2025, 11, 10),
          documents_sent_on=D(2025, 11, 8))
    _meet(w, khoi, 2, D(2026, 1, 20), actor=w.users.officer_a, attendees=[w.school_a, w.school_b])  # the leader runs it
    m3 = _meet(w, khoi, 3, D(2026, 5, 30), attendees=[w.school_a, w.school_b, w.school_c],
               votes={w.school_a: 3, w.school_b: 5, w.school_c: 1}, leading_unit=w.school_b,
               commendations=["Trường TH Kết Đoàn", "Cô Trần Thị Bình"], next_leader=w.school_b)
    assert [(r.unit, r.votes, r.rank) for r in m3.rankings.all()] == [
        (w.school_b, 5, 1), (w.school_a, 3, 2), (w.school_c, 1, 3)]
    nxt = Cluster.objects.get(school_year__start_year=2026, name=khoi.name)
    assert nxt.leader == w.school_b and nxt.memberships.filter(unit=w.school_b).exists()
    assert LeaderChange.objects.get().new_leader == w.school_b
    # the meeting changes its mind: next year's leader is updated, history kept
    _meet(w, khoi, 3, D(2026, 5, 30), votes={w.school_a: 3, w.school_b: 5}, leading_unit=w.school_b,
          next_leader=w.school_c)
    nxt.refresh_from_db()
    assert nxt.leader == w.school_c
    assert [(c.previous_leader, c.new_leader) for c in LeaderChange.objects.all()] == [
        (None, w.school_b), (w.school_b, w.school_c)]
    client.force_login(w.users.office_officer)
    page = client.get(reverse("campaigns:cluster_detail", args=[khoi.pk])).content.decode()
    assert "Luân phiên khối trưởng" in page and "Năm học 2026-2027" in page
    overview = client.get(reverse("campaigns:cluster_list")).content.decode()
    assert "30/10/2025" in overview and "đã gửi hồ sơ" in overview and "30/05/2026" in overview


def test_meeting_page_records_meeting_3_with_votes(w, khoi, client):
    _meet(w, khoi, 1, D(2025, 10, 30))
    _meet(w, khoi, 2, D(2026, 1, 20))
    client.force_login(w.users.office_officer)
    url = reverse("campaigns:meeting_record", args=[khoi.pk])
    assert client.get(url + "?lan=3").status_code == 200
    response = client.post(url, {"number": 3, "held_on": "2026-05-30", "place": "Trường A", "agenda": "Tổng kết",
                                 "attendees": [w.school_a.pk, w.school_b.pk], f"votes_{w.school_a.pk}": 4,
                                 f"votes_{w.school_b.pk}": 2, "leading_unit": w.school_a.pk,
                                 "next_leader": w.school_a.pk, "commendations": "Tổ 1\nCô Bình"})
    assert response.status_code == 302, response.content.decode()[:3000]
    m3 = khoi.meetings.get(number=3)
    assert m3.commendations == ["Tổ 1", "Cô Bình"] and m3.rankings.first().unit == w.school_a


@pytest.mark.parametrize("number,held_on,kw,message", [
    (2, D(2026, 1, 20), {}, "Chưa ghi nhận hội nghị lần 1"),
    (1, D(2026, 9, 15), {}, "nằm ngoài năm học"),  # a past school year, beyond its end
    (1, D(2025, 8, 1), {}, "nằm ngoài năm học"),  # before the cluster's year exists
    (1, D(2025, 10, 30), {"votes": {"a": 1}}, "chỉ ghi ở lần 3"),
    (1, D(2025, 10, 30), {"attendees": ["phong"]}, "phải là thành viên"),
])
def test_meeting_refusals_change_nothing(w, khoi, number, held_on, kw, message):
    unit = lambda k: getattr(w, {"a": "school_a", "phong": "phong"}[k])  # noqa: E731
    if "votes" in kw:
        kw = {"votes": {unit(k): v for k, v in kw["votes"].items()}}
    if "attendees" in kw:
        kw = {"attendees": [unit(k) for k in kw["attendees"]]}
    before = _state()
    with pytest.raises(DomainValidationError, match=message):
        _meet(w, khoi, number, held_on, **kw)
    assert _state() == before


def test_meeting_3_edges_change_nothing(w, khoi):
    _meet(w, khoi, 1, D(2025, 10, 30))
    _meet(w, khoi, 2, D(2026, 1, 20))
    votes = {w.school_a: 3, w.school_b: 5}
    before = _state()
    with pytest.raises(DomainValidationError, match="Khối trưởng năm sau phải là thành viên"):
        _meet(w, khoi, 3, D(2026, 5, 30), votes=votes, leading_unit=w.school_b, next_leader=w.phong)
    with pytest.raises(DomainValidationError, match="không có số phiếu cao nhất"):
        _meet(w, khoi, 3, D(2026, 5, 30), votes=votes, leading_unit=w.school_a, next_leader=w.school_a)
    with pytest.raises(DomainValidationError, match="phải ghi đơn vị dẫn đầu"):
        _meet(w, khoi, 3, D(2026, 5, 30), votes=votes, leading_unit=w.school_b)
    with pytest.raises(DomainValidationError, match="phải sau lần 2"):
        _meet(w, khoi, 3, D(2026, 1, 1), votes=votes, leading_unit=w.school_b, next_leader=w.school_b)
    with pytest.raises(PermissionRefused):  # a member that does not lead the cluster
        _meet(w, khoi, 3, D(2026, 5, 30), actor=w.users.officer_b, votes=votes, leading_unit=w.school_b,
              next_leader=w.school_b)
    assert _state() == before
    # next year school_b already sits in another khối: one cluster of a kind per year
    next_year = SchoolYear.objects.create(start_year=2026, start_date=D(2026, 9, 1), end_date=D(2027, 8, 31))
    h.cluster(w, name="Khối Tiểu học 2", members=("school_b",), leader="school_b", year=next_year)
    before = _state()
    with pytest.raises(DomainValidationError, match="đã thuộc một khối"):
        _meet(w, khoi, 3, D(2026, 5, 30), votes=votes, leading_unit=w.school_b, next_leader=w.school_b)
    assert _state() == before


def test_office_sees_what_is_late(w, khoi, client):
    _meet(w, khoi, 1, D(2025, 10, 30), required_documents="Biên bản", send_deadline=D(2025, 11, 10))
    progress = selectors.cluster_progress(khoi, today=D(2025, 11, 20))
    assert progress["late"] == ["Lần 1: chưa gửi hồ sơ (hạn 10/11/2025, quá hạn 10 ngày)"]
    client.force_login(w.users.office_officer)
    page = client.get(reverse("campaigns:cluster_list")).content.decode()
    assert "1 cụm/khối chậm gửi hồ sơ về đơn vị tổ chức" in page and "quá hạn gửi hồ sơ" in page
    assert f'<tr class="table-danger" data-cluster="{khoi.pk}">' in page
    # sent after the deadline: still shown as late, with by how much
    _meet(w, khoi, 1, D(2025, 10, 30), required_documents="Biên bản", send_deadline=D(2025, 11, 10),
          documents_sent_on=D(2025, 11, 13))
    assert selectors.cluster_progress(khoi)["late"] == [
        "Lần 1: gửi hồ sơ muộn 3 ngày (hạn 10/11/2025, gửi 13/11/2025)"]
    assert "gửi hồ sơ muộn 3 ngày" in client.get(reverse("campaigns:cluster_list")).content.decode()
    # sent in time: nothing late
    _meet(w, khoi, 1, D(2025, 10, 30), required_documents="Biên bản", send_deadline=D(2025, 11, 10),
          documents_sent_on=D(2025, 11, 10))
    page = client.get(reverse("campaigns:cluster_list")).content.decode()
    assert "Không có cụm/khối nào chậm gửi hồ sơ" in page and "đã gửi hồ sơ 10/11/2025" in page
    client.force_login(w.users.officer_b)  # a member sees its cluster, not to run it
    assert client.get(reverse("campaigns:meeting_record", args=[khoi.pk])).status_code == 403


def test_cluster_leader_role_runs_its_cluster_only(w, khoi, client):
    from tdkt.accounts.models import Membership, User

    leader = User.objects.create_user(username="khoi_truong", password="pw-test-123")
    Membership.objects.create(user=leader, unit=w.school_a, role="cluster_leader")
    other = h.cluster(w, name="Khối Mầm non 1", members=(), leader=None)
    assert services.can_run_cluster(leader, khoi) and not services.can_run_cluster(leader, other)
    client.force_login(leader)
    response = client.post(reverse("campaigns:meeting_record", args=[khoi.pk]),
                           {"number": 1, "held_on": "2025-10-30", "place": "Trường A", "agenda": "Giao ước",
                            "attendees": [w.school_a.pk, w.school_b.pk]})
    assert response.status_code == 302
    assert list(khoi.meetings.get().attendees.order_by("pk")) == [w.school_a, w.school_b]


def test_cluster_overview_queries_constant_in_the_number_of_clusters(w, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(w.users.office_officer)

    from tdkt.org.services import school_year_get_or_create

    made = []

    def count(n):
        for _ in range(n):
            start = 2010 + len(made)  # a unit is in one khối per year: one cluster per year here
            year = school_year_get_or_create(actor=None, start_year=start)
            c = h.cluster(w, name="Khối Tiểu học 1", members=("school_a", "school_b"), year=year)
            services.covenant_set(actor=None, cluster=c, text="Giao ước")
            services.covenant_sign(actor=None, cluster=c, unit=w.school_a)
            _meet(w, c, 1, D(start, 10, 30), send_deadline=D(start, 11, 10))
            made.append(c)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("campaigns:cluster_list")).content.decode()
        assert page.count("<td>1/2</td>") == len(made)
        return len(ctx)

    assert count(2) == count(6)
