"""Đăng ký thi đua: who may register whom, the deadline, Mẫu 1 and Mẫu 2."""

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.eligibility.choices import SubjectKind
from tdkt.records.models import Registration

from .. import services
from ..models import InnovationRegistration, RegistrationEntry, TeacherGroup
from . import helpers as h


def _campaign(w, **kw):
    return services.campaign_create(actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt",
                                    school_year=w.year, registration_deadline=dt.date(2025, 10, 27), **kw)


def _state():
    return (Registration.objects.count(), RegistrationEntry.objects.count(), AuditEvent.objects.count())


def test_staff_registers_herself_and_officer_registers_colleagues_and_unit(w):
    camp = _campaign(w)
    on = dt.date(2025, 10, 20)
    reg = services.registration_register(actor=w.users.staff_a, campaign=camp, award_type=h.award(), person=w.an,
                                         targets="Dạy tốt, 100% học sinh hoàn thành", on=on)
    assert (reg.person, reg.school_year, reg.registered_on) == (w.an, w.year, on)
    assert reg.entry.unit == w.group_a and reg.entry.registered_by == w.users.staff_a
    services.registration_register(actor=w.users.officer_a, campaign=camp, award_type=h.award(), person=w.binh, on=on)
    coll = services.registration_register(actor=w.users.officer_a, campaign=camp, on=on, unit=w.school_a,
                                          award_type=h.award("tt-ldtt", SubjectKind.COLLECTIVE))
    assert coll.unit == w.school_a and coll.person is None


def test_registration_refusals_change_nothing(w):
    camp = _campaign(w)
    on = dt.date(2025, 10, 20)
    services.registration_register(actor=w.users.staff_a, campaign=camp, award_type=h.award(), person=w.an, on=on)
    before = _state()
    with pytest.raises(PermissionRefused):  # a teacher registers only herself
        services.registration_register(actor=w.users.staff_a, campaign=camp, award_type=h.award(), person=w.binh,
                                       on=on)
    with pytest.raises(PermissionRefused):  # another school's officer
        services.registration_register(actor=w.users.officer_b, campaign=camp, award_type=h.award(), person=w.binh,
                                       on=on)
    with pytest.raises(DomainValidationError, match="đã đăng ký"):
        services.registration_register(actor=w.users.officer_a, campaign=camp, award_type=h.award(), person=w.an,
                                       on=on)
    with pytest.raises(DomainValidationError, match="dành cho"):
        services.registration_register(actor=w.users.officer_a, campaign=camp, award_type=h.award(), unit=w.school_a,
                                       on=on)
    assert _state() == before


def test_registration_after_deadline_refused_with_the_date(w, client):
    camp = _campaign(w)
    before = _state()
    with pytest.raises(DomainValidationError) as exc:
        services.registration_register(actor=w.users.staff_a, campaign=camp, award_type=h.award(), person=w.an,
                                       on=dt.date(2025, 10, 28))
    assert "hạn chót là ngày 27 tháng 10 năm 2025" in str(exc.value)
    assert _state() == before
    client.force_login(w.users.staff_a)  # today is long after the deadline
    response = client.post(reverse("campaigns:register", args=[camp.pk]),
                           {"award_type": h.award().pk, "person": w.an.pk})
    assert response.status_code == 200
    assert "ngày 27 tháng 10 năm 2025" in response.content.decode()
    assert _state() == before


def test_late_registration_accepted_when_campaign_allows(w):
    camp = _campaign(w, refuse_late_registrations=False)
    services.registration_register(actor=w.users.staff_a, campaign=camp, award_type=h.award(), person=w.an,
                                   on=dt.date(2025, 11, 2))
    assert Registration.objects.count() == 1


def test_innovation_form_mau_1_and_printable_page(w, client):
    camp = h.school_campaign(w)
    client.force_login(w.users.staff_a)
    response = client.post(reverse("campaigns:innovation_create", args=[camp.pk]), {"person": w.an.pk, **h.INNOVATION})
    assert response.status_code == 302
    obj = InnovationRegistration.objects.get()
    page = client.get(response["Location"]).content.decode()
    for text in ("Đổi mới, sáng tạo trong dạy và học", "Nguyễn Văn An", "Phương pháp giảng dạy", "Học sinh ngại đọc",
                 "Phạm vi công bố và nhân rộng kết quả đổi mới", "Tổ khối 3"):
        assert text in page
    assert obj.unit == w.group_a
    missing = dict(h.INNOVATION, goal="")
    response = client.post(reverse("campaigns:innovation_create", args=[camp.pk]), {"person": w.an.pk, **missing})
    assert response.status_code == 200 and InnovationRegistration.objects.count() == 1


def test_teacher_group_mau_2(w, client):
    camp = h.school_campaign(w)
    client.force_login(w.users.officer_a)
    url = reverse("campaigns:group_create", args=[camp.pk])
    response = client.post(url, {"unit": w.school_a.pk, "members": [w.an.pk, w.binh.pk], **h.GROUP})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    for text in ("Nhóm nhà giáo cùng nhau phát triển", "Nguyễn Văn An", "Trần Thị Bình", "Giải toán có lời văn",
                 "Hướng giải quyết của nhóm"):
        assert text in page
    before = (TeacherGroup.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainValidationError, match="ít nhất 2"):
        services.teacher_group_register(actor=w.users.officer_a, campaign=camp, unit=w.school_a, members=[w.an],
                                        **h.GROUP)
    phong_camp = h.campaign(w)
    with pytest.raises(DomainValidationError, match="Không thuộc đơn vị"):
        services.teacher_group_register(actor=w.users.office_officer, campaign=phong_camp, unit=w.school_a,
                                        members=[w.an, w.cuong], **h.GROUP)
    assert (TeacherGroup.objects.count(), AuditEvent.objects.count()) == before


def test_officer_registers_a_collective_title_on_the_page(w, client):
    camp = h.school_campaign(w)
    client.force_login(w.users.officer_a)
    at = h.award("tt-ldtt", SubjectKind.COLLECTIVE)
    url = reverse("campaigns:register", args=[camp.pk])
    response = client.post(url, {"award_type": at.pk})
    assert response.status_code == 200 and "Hãy chọn tập thể" in response.content.decode()
    response = client.post(url, {"award_type": at.pk, "unit": w.group_a.pk, "targets": "Tổ lao động tiên tiến"})
    assert response.status_code == 302
    reg = Registration.objects.get()
    assert (reg.unit, reg.person, reg.entry.campaign) == (w.group_a, None, camp)
