"""The demo's teacher registers herself (issue 12, item 1), as `tdkt demo` builds the year:
giaovien.dth (Nguyễn Văn An, tổ 1 of Tiểu học Đinh Tiên Hoàng, his staff role on the school)
registers for LĐTT and CSTĐCS and files a Mẫu 1 through the pages of the ward's campaign, and
sees them on the campaign page. Only his own name and individual titles are offered; a
registration of someone else is refused, nothing is written, and what he typed stays on the form.

The demo is built once for the module inside a transaction rolled back at the end."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.campaigns.models import Campaign, InnovationRegistration, RegistrationEntry
from tdkt.eligibility.choices import SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.people.models import Employment, Person
from tdkt.records.models import Registration
from tdkt.site.demo import DEMO_PASSWORD, WARD_CODE, build_demo
from tdkt.site.demo_records import build_demo_records
from tdkt.site.demo_year import DTH, build_demo_year

from . import helpers as h

LONG = ("Thực trạng: học sinh lớp 3 ngại đọc sách. " * 120).strip()  # a Mẫu 1 is pages of text


def fast_hasher():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hasher(), transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        build_demo()
        build_demo_records(out=io.StringIO())
        build_demo_year(out=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def campaign(demo, db):
    return Campaign.objects.filter(unit__code=WARD_CODE, school_year__isnull=False).order_by(
        "-school_year__start_year").first()


@pytest.fixture
def an(demo, db):
    return Person.objects.get(user__username="giaovien.dth")


@pytest.fixture
def teacher(demo, db):
    client = Client()
    with fast_hasher():
        assert client.login(username="giaovien.dth", password=DEMO_PASSWORD)
    return client


def _state():
    return (Registration.objects.count(), RegistrationEntry.objects.count(), InnovationRegistration.objects.count(),
            AuditEvent.objects.count())


def _colleague(an):
    return (Person.objects.filter(employments__unit__code=f"{DTH}-TO1", employments__end_date__isnull=True)
            .exclude(pk=an.pk).first())


def test_the_form_offers_only_herself_and_individual_titles(teacher, campaign, an):
    assert not Registration.objects.filter(person=an, school_year=campaign.school_year).exists()
    form = teacher.get(reverse("campaigns:register", args=[campaign.pk])).context["form"]
    assert list(form.fields["person"].queryset) == [an]
    assert form.initial["person"] == an.pk
    subjects = set(form.fields["award_type"].queryset.values_list("subject", flat=True))
    assert subjects == {SubjectKind.INDIVIDUAL}
    assert "unit" not in form.fields
    mau1 = teacher.get(reverse("campaigns:innovation_create", args=[campaign.pk])).context["form"]
    assert list(mau1.fields["person"].queryset) == [an]


def test_teacher_registers_ldtt_cstdcs_and_a_mau_1_and_sees_them(teacher, campaign, an):
    url = reverse("campaigns:register", args=[campaign.pk])
    for code in ("lao-dong-tien-tien", "chien-si-thi-dua-co-so"):
        response = teacher.post(url, {"award_type": AwardType.objects.get(code=code).pk, "person": an.pk,
                                      "targets": "Hoàn thành xuất sắc nhiệm vụ"})
        assert response.status_code == 302, response.content.decode()[-1500:]
    regs = Registration.objects.filter(person=an, school_year=campaign.school_year)
    assert set(regs.values_list("award_type__code", flat=True)) == {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    entry = RegistrationEntry.objects.get(registration__in=regs, registration__award_type__code="lao-dong-tien-tien")
    assert entry.unit.code == f"{DTH}-TO1" and entry.registered_by.username == "giaovien.dth"

    response = teacher.post(reverse("campaigns:innovation_create", args=[campaign.pk]),
                            {"person": an.pk, **h.INNOVATION, "current_problem": LONG})
    assert response.status_code == 302, response.content.decode()[-1500:]
    mau1 = InnovationRegistration.objects.get(campaign=campaign, person=an)
    assert mau1.current_problem == LONG

    page = teacher.get(reverse("campaigns:campaign_detail", args=[campaign.pk]))
    mine = page.context["mine"]
    assert {r.award_type.code for r in mine["titles"]} == {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    assert mine["innovations"] == [mau1]
    html = page.content.decode()
    assert "Đăng ký của tôi" in html and "Chiến sĩ thi đua cơ sở" in html
    assert reverse("campaigns:innovation_detail", args=[mau1.pk]) in html
    assert teacher.get(reverse("campaigns:innovation_detail", args=[mau1.pk])).status_code == 200


def test_registering_someone_else_is_refused_and_her_text_stays(teacher, campaign, an):
    other = _colleague(an)
    assert other is not None and other.user_id is None
    before = _state()
    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    response = teacher.post(reverse("campaigns:register", args=[campaign.pk]),
                            {"award_type": ldtt.pk, "person": other.pk, "targets": LONG})
    assert response.status_code == 200 and response.context["form"].errors.get("person")
    assert LONG.strip()[:200] in response.content.decode()
    response = teacher.post(reverse("campaigns:innovation_create", args=[campaign.pk]),
                            {"person": other.pk, **h.INNOVATION, "current_problem": LONG})
    assert response.status_code == 200 and response.context["form"].errors.get("person")
    assert LONG.strip()[:200] in response.content.decode()
    assert _state() == before


def test_staff_role_on_the_school_reaches_her_subject_group(an, campaign):
    """The rule itself: his membership is on the school, his employment in tổ 1 below it."""
    from tdkt.campaigns.services import _register_reaches

    user = an.user
    home = Employment.objects.get(person=an, end_date__isnull=True).unit
    assert home.code == f"{DTH}-TO1"
    assert {m.unit.code for m in user.memberships.all()} == {DTH}
    assert _register_reaches(user, home)
    other_school = Employment.objects.exclude(unit__path__startswith=home.path[:-4]).first().unit
    assert not _register_reaches(user, other_school)
