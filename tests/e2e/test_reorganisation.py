"""Issue 18, done means: the reorganisation flows in the browser on the demo ward — merge two schools
through the pages, move a school, and the histories still show the complete line with the decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DTH, NBK, VAN_LANG = "Trường Tiểu học Đinh Tiên Hoàng", "Trường Tiểu học Nguyễn Bỉnh Khiêm", "Trường THCS Văn Lang"


@pytest.fixture
def demo(db, settings):
    from tdkt.site.demo import build_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo()


def _unit(name):
    from tdkt.org.models import Unit

    return Unit.objects.get(name=name)


def _fill_decision(page, number, signed, effective, issuer):
    page.fill("#id_decision_number", number)
    page.fill("#id_decision_date", signed)
    page.fill("#id_issuer", issuer)
    page.fill("#id_effective_date", effective)


def test_merge_two_schools_move_one_and_the_line_stays_complete(page, demo):
    from tdkt.people.models import Employment
    from tdkt.site.demo import DEMO_PASSWORD

    dth, nbk, van_lang = _unit(DTH), _unit(NBK), _unit(VAN_LANG)
    nbk_teacher = Employment.objects.filter(unit=nbk, end_date__isnull=True).select_related("person").first().person

    # The ward's officer merges Nguyễn Bỉnh Khiêm into Đinh Tiên Hoàng from the school's page.
    login(page, "tdkt.saigon", DEMO_PASSWORD)
    page.goto(page.base_url + reverse("org:unit_detail", args=[nbk.pk]))
    page.click("[data-testid=reorg-menu] a[data-kind=merge]")
    # The issuer is proposed (the school's parent); an otherwise empty form shows every problem at once.
    assert page.input_value("#id_issuer") == "Ủy ban nhân dân phường Sài Gòn"
    page.click("[data-testid=reorg-form] button[type=submit]")
    for field in ("decision_number", "decision_date", "effective_date", "target"):
        assert page.locator(f"ul.errorlist[data-field={field}]").count() == 1, field
    page.select_option("#id_target", str(dth.pk))
    _fill_decision(page, "125/QĐ-UBND", "2026-11-20", "2026-12-01", "Ủy ban nhân dân phường Sài Gòn")
    page.click("[data-testid=reorg-form] button[type=submit]")
    page.wait_for_url(f"**{reverse('org:unit_detail', args=[dth.pk])}")
    assert "125/QĐ-UBND" in page.inner_text("main")
    assert NBK in page.inner_text("[data-testid=predecessors]")
    events = page.inner_text("[data-testid=unit-events]")
    assert "125/QĐ-UBND" in events and "Sáp nhập" in events
    page.context.clear_cookies()

    nbk.refresh_from_db()
    assert (nbk.active_to, nbk.successor_id) == (dt.date(2026, 11, 30), dth.pk)
    assert Employment.objects.filter(person=nbk_teacher, unit=dth, start_date=dt.date(2026, 12, 1)).exists()

    # The administrator moves THCS Văn Lang from the ward to the Sở (its new top level is THPT).
    so = _unit("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")
    login(page, "quantri", DEMO_PASSWORD)
    page.goto(page.base_url + reverse("org:unit_reorganise", args=[van_lang.pk, "move"]))
    page.select_option("#id_parent", str(so.pk))
    _fill_decision(page, "4512/QĐ-UBND", "2026-11-25", "2026-12-01", "Ủy ban nhân dân Thành phố Hồ Chí Minh")
    page.click("[data-testid=reorg-form] button[type=submit]")
    page.wait_for_url(f"**{reverse('org:unit_detail', args=[van_lang.pk])}")
    assert "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh" in page.inner_text("nav[aria-label=breadcrumb]")

    # The school's history: both moves, each with its decision and its parents before and after.
    page.goto(page.base_url + reverse("dashboards:unit_history", args=[van_lang.pk]))
    events = page.inner_text("[data-testid=unit-events]")
    assert "Phòng Giáo dục và Đào tạo Quận 1 → Ủy ban nhân dân phường Sài Gòn" in events
    assert "Ủy ban nhân dân phường Sài Gòn → Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh" in events
    assert "4512/QĐ-UBND" in events

    # The receiving school's history: its predecessor, the merger and the 2025 move of both schools.
    page.goto(page.base_url + reverse("dashboards:unit_history", args=[dth.pk]))
    assert NBK in page.inner_text("[data-testid=lineage]")
    events = page.inner_text("[data-testid=unit-events]")
    assert "125/QĐ-UBND" in events and events.count("Phòng Giáo dục và Đào tạo Quận 1 → Ủy ban nhân dân phường Sài Gòn") == 2
    # The merged school's own page is reached from the line, and leads on to its successor.
    page.click(f"[data-testid=lineage] >> text={NBK}")
    assert NBK in page.inner_text("[data-testid=unit-name]")
    assert DTH in page.inner_text("[data-testid=lineage]")

    # A teacher of the merged school: both posts, and the merger that joined them.
    page.goto(page.base_url + reverse("dashboards:person_history", args=[nbk_teacher.pk]))
    posts = page.inner_text("[data-testid=employments]")
    assert NBK in posts and DTH in posts and "30/11/2026" in posts and "01/12/2026" in posts
    assert "125/QĐ-UBND" in page.inner_text("[data-testid=person-unit-events]")


def test_the_ward_office_manages_its_clusters(page, demo):
    """The ward's officer makes a khối of its preschools for the current year from the ward's page; a
    leader who is not a member and a school already in a khối are refused on the page, nothing saved."""
    from tdkt.org.models import Cluster, SchoolYear
    from tdkt.site.demo import DEMO_PASSWORD

    ward = _unit("Ủy ban nhân dân phường Sài Gòn")
    preschools = [_unit(f"Trường Mầm non {n}") for n in ("Tuổi Thơ", "Sơn Ca", "Bé Ngoan")]
    year = SchoolYear.objects.filter(clusters__organizer=ward).order_by("-start_year").first()
    before = Cluster.objects.count()

    login(page, "tdkt.saigon", DEMO_PASSWORD)
    page.goto(page.base_url + reverse("org:unit_detail", args=[ward.pk]))
    page.click("[data-testid=manage-clusters]")
    assert "Cụm thi đua" in page.inner_text("[data-testid=clusters]")  # the ward's cụm of the demo
    page.click("[data-testid=cluster-create]")
    page.select_option("#id_school_year", str(year.pk))
    page.select_option("#id_kind", "khoi")
    page.fill("#id_name", "Khối Mầm non phường Sài Gòn")
    page.select_option("#id_members", [str(u.pk) for u in preschools[:2]])
    page.select_option("#id_leader", str(preschools[2].pk))  # not among the members
    page.click("[data-testid=cluster-form] button[type=submit]")
    assert page.locator("ul.errorlist[data-field=leader]").count() == 1
    assert Cluster.objects.count() == before

    page.select_option("#id_members", [str(u.pk) for u in preschools])
    page.select_option("#id_deputy", str(preschools[1].pk))
    page.click("[data-testid=cluster-form] button[type=submit]")
    page.wait_for_selector("[data-testid=clusters] >> text=Khối Mầm non phường Sài Gòn")
    made = Cluster.objects.get(name="Khối Mầm non phường Sài Gòn", school_year=year)
    assert (made.leader_id, made.deputy_id, made.memberships.count()) == (preschools[2].pk, preschools[1].pk, 3)

    # A second khối the same year cannot take a preschool already in this one.
    page.click("[data-testid=cluster-create]")
    page.select_option("#id_school_year", str(year.pk))
    page.select_option("#id_kind", "khoi")
    page.fill("#id_name", "Khối thứ hai")
    page.select_option("#id_members", [str(preschools[0].pk)])
    page.click("[data-testid=cluster-form] button[type=submit]")
    assert "Khối Mầm non phường Sài Gòn" in page.inner_text("ul.errorlist[data-field=members]")
    assert not Cluster.objects.filter(name="Khối thứ hai").exists()
