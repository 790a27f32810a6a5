"""A campaign reaches its launching unit's subtree; lower units launch their own under it."""

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .. import selectors, services
from ..models import Campaign


def _launch(w, actor, unit, name, **kw):
    return services.campaign_create(actor=actor, unit=unit, name=name, school_year=w.year, **kw)


def test_campaign_visible_down_the_tree_not_sideways(w):
    so = _launch(w, None, w.so, "Phong trào của Sở")
    phong = _launch(w, w.users.office_officer, w.phong, "Dạy tốt – Học tốt")
    school_b = _launch(w, w.users.officer_b, w.school_b, "Phong trào riêng trường B")
    seen = lambda user: set(selectors.campaign_list_visible_to(user=user).values_list("pk", flat=True))  # noqa: E731
    assert seen(w.users.officer_a) == {so.pk, phong.pk}
    assert seen(w.users.staff_a) == {so.pk, phong.pk}  # a teacher of a tổ under school A
    assert seen(w.users.office_officer) == {so.pk, phong.pk, school_b.pk}  # its own subtree too
    assert seen(w.users.nobody) == set()


def test_lower_unit_launches_under_parent(w, client):
    parent = _launch(w, w.users.office_officer, w.phong, "Dạy tốt – Học tốt")
    client.force_login(w.users.officer_a)
    response = client.post(reverse("campaigns:campaign_create"), {
        "unit": w.school_a.pk, "parent": parent.pk, "name": "Dạy tốt – Học tốt ở trường A", "kind": "thuong_xuyen",
        "targets": "Tỷ lệ giáo viên đạt LĐTT; 80; %\nHọc sinh hoàn thành chương trình; 98,5; %",
        "milestones": "Nộp đăng ký thi đua; 27/10/2025; school\nSơ kết học kỳ I; 26/01/2026",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Campaign.objects.get(parent=parent)
    assert child.unit == w.school_a and child.school_year == w.year  # year taken from the parent
    assert [str(t) for t in child.targets.all()] == ["Tỷ lệ giáo viên đạt LĐTT ≥ 80 %",
                                                     "Học sinh hoàn thành chương trình ≥ 98.5 %"]
    assert [(m.name, m.categories) for m in child.milestones.all()] == [
        ("Nộp đăng ký thi đua", ["school"]), ("Sơ kết học kỳ I", [])]
    assert AuditEvent.objects.filter(event_type="campaign.create", target_id=str(child.pk)).exists()
    page = client.get(reverse("campaigns:campaign_detail", args=[parent.pk])).content.decode()
    assert "Dạy tốt – Học tốt ở trường A" in page


def test_launch_refusals_change_nothing(w):
    other = _launch(w, w.users.officer_b, w.school_b, "Phong trào riêng trường B")
    before = (Campaign.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError, match="không áp dụng cho đơn vị"):
        _launch(w, w.users.officer_a, w.school_a, "Theo phong trào trường B", parent=other)
    with pytest.raises(PermissionRefused):
        _launch(w, w.users.officer_a, w.school_b, "Không phải đơn vị mình")
    with pytest.raises(DomainValidationError):
        services.campaign_create(actor=w.users.officer_a, unit=w.school_a, name="Không năm học")
    with pytest.raises(DomainValidationError, match="Dòng 1"):
        services.parse_targets("Tỷ lệ; tám mươi; %")
    with pytest.raises(DomainValidationError, match="Ngày không hợp lệ"):
        services.parse_milestones("Nộp; 31/02/2025")
    assert (Campaign.objects.count(), AuditEvent.objects.count()) == before


def test_other_unit_cannot_open_a_school_campaign(w, client):
    camp = _launch(w, w.users.officer_a, w.school_a, "Phong trào trường A")
    client.force_login(w.users.officer_b)
    assert client.get(reverse("campaigns:campaign_detail", args=[camp.pk])).status_code == 403
    client.force_login(w.users.staff_a)
    assert client.get(reverse("campaigns:campaign_detail", args=[camp.pk])).status_code == 200
