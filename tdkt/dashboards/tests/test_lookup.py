"""Look-up: accent-insensitive search within the reader's scope, and the histories."""

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.dashboards import selectors

pytestmark = pytest.mark.django_db


def _le_loi(world):
    from tdkt.org.services import unit_create

    return unit_create(actor=None, parent=world.phong, code="THCS-LL", name="Trường THCS Lê Lợi",
                       unit_type=world.types["truong-thcs"])


def test_search_ignores_accents_and_case(world):
    le_loi = _le_loi(world)
    user = world.users.office_officer
    assert list(selectors.lookup_people(user=user, query="nguyen van an")) == [world.an]
    assert list(selectors.lookup_people(user=user, query="NGUYỄN an")) == [world.an]
    assert selectors.lookup_units(user=user, query="le loi") == [le_loi]
    assert selectors.lookup_units(user=user, query="LÊ LỢI") == [le_loi]
    # The school first; its team "Tổ 1" after it, found through the school's name.
    assert selectors.lookup_units(user=user, query="dinh tien hoang")[0] == world.school_a
    assert all(u.match_via_parent for u in selectors.lookup_units(user=user, query="dinh tien hoang")[1:])


def test_people_sorted_by_vietnamese_name_order(world):
    from tdkt.people.services import employment_add, person_create

    for family, middle, given in (("Trần", "Văn", "Ánh"), ("Lê", "Thị", "Anh"), ("Hồ", "Thị", "Ân")):
        p = person_create(actor=None, family_name=family, middle_name=middle, given_name=given)
        employment_add(actor=None, person=p, unit=world.school_a, position="giao_vien",
                       start_date=dt.date(2022, 9, 1))
    names = [p.full_name for p in selectors.lookup_people(user=world.users.office_officer, query="an")]
    # Whole word "an" first (An < Ân), then words beginning so (Anh < Ánh), then "an" inside
    # "Trần"; in each group given name first, then middle, then family name.
    assert names == ["Nguyễn Văn An", "Hồ Thị Ân", "Lê Thị Anh", "Trần Văn Ánh", "Trần Thị Bình"]


def test_exact_and_whole_word_matches_come_first_and_say_why(client, world):
    """Issue 12 item 10: "nguyen van an" listed Nguyễn Văn Bảo ("an" inside "Văn") among the
    first, with nothing to say why."""
    from tdkt.people.services import employment_add, person_create

    for family, middle, given in (("Nguyễn", "Văn", "Bảo"), ("Nguyễn", "Văn", "Anh"), ("Nguyễn", "An", "Văn")):
        p = person_create(actor=None, family_name=family, middle_name=middle, given_name=given)
        employment_add(actor=None, person=p, unit=world.school_a, position="giao_vien",
                       start_date=dt.date(2022, 9, 1))
    found = list(selectors.lookup_people(user=world.users.office_officer, query="nguyen van an"))
    assert [p.full_name for p in found] == ["Nguyễn Văn An", "Nguyễn An Văn", "Nguyễn Văn Anh", "Nguyễn Văn Bảo"]
    client.force_login(world.users.office_officer)
    r = client.get(reverse("dashboards:lookup"), {"q": "nguyen van an"}, HTTP_ACCEPT_LANGUAGE="vi")
    html = r.content.decode()
    assert html.index("Nguyễn Văn An<") < html.index("Nguyễn Văn Bảo<")
    assert "Trùng khớp toàn bộ họ tên" in html and "Chỉ khớp một phần trong từ" in html
    data = client.get(reverse("api:stats_lookup"), {"q": "nguyen van an"}).json()
    assert [(p["full_name"], p["match_rank"]) for p in data["people"]] == [
        ("Nguyễn Văn An", 0), ("Nguyễn An Văn", 1), ("Nguyễn Văn Anh", 2), ("Nguyễn Văn Bảo", 3)]


def test_a_team_is_found_and_shown_with_its_school(client, world):
    from tdkt.org.models import UnitType
    from tdkt.org.services import unit_create

    team_type = UnitType.objects.filter(category="subunit").first() or UnitType.objects.create(
        code="to-chuyen-mon", name="Tổ chuyên môn", category="subunit")
    unit_create(actor=None, parent=world.school_a, code="TVP-A", name="Tổ Văn phòng", unit_type=team_type)
    unit_create(actor=None, parent=world.school_b, code="TVP-B", name="Tổ Văn phòng", unit_type=team_type)
    units = selectors.lookup_units(user=world.users.office_officer, query="to van phong " + world.school_b.name)
    assert [u.display_label for u in units] == [f"Tổ Văn phòng – {world.school_b.name}"]
    client.force_login(world.users.office_officer)
    html = client.get(reverse("dashboards:lookup"), {"q": "to van phong"}).content.decode()
    assert f"Tổ Văn phòng – {world.school_a.name}" in html and f"Tổ Văn phòng – {world.school_b.name}" in html


def test_officer_of_school_a_does_not_find_school_b(world):
    user = world.users.officer_a
    assert list(selectors.lookup_people(user=user, query="le quoc cuong")) == []
    assert selectors.lookup_units(user=user, query="ket doan") == []
    assert list(selectors.lookup_people(user=world.users.officer_b, query="cuong")) == [world.cuong]


def test_staff_find_only_themselves(world):
    user = world.users.staff_a
    assert list(selectors.lookup_people(user=user, query="an")) == [world.an]
    assert list(selectors.lookup_people(user=user, query="binh")) == []
    assert selectors.lookup_units(user=user, query="dinh") == []


def test_lookup_page_lists_people_and_units(client, world):
    _le_loi(world)
    client.force_login(world.users.office_officer)
    r = client.get(reverse("dashboards:lookup"), {"q": "le"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Trường THCS Lê Lợi" in html and "Lê Quốc Cường" in html
    r = client.get(reverse("dashboards:lookup"), {"q": "le"}, HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.users.officer_a)
    html = client.get(reverse("dashboards:lookup"), {"q": "le"}).content.decode()
    assert "Lê Quốc Cường" not in html and "Lê Lợi" not in html


def test_person_history_across_units_and_years(stats):
    from tdkt.org.services import school_year_get_or_create
    from tdkt.people.models import Employment
    from tdkt.records.models import AwardRecord, Discipline, Initiative, InitiativeAuthor

    w = stats.w
    y24 = school_year_get_or_create(actor=None, start_year=2024)
    # Bình moved from school B to school A: the history shows both units.
    Employment.objects.create(person=w.binh, unit=w.school_b, start_date=dt.date(2018, 9, 1),
                              end_date=dt.date(2020, 8, 31))
    AwardRecord.objects.create(award_type=stats.t["lao-dong-tien-tien"], person=w.binh, unit=w.school_b,
                               school_year=school_year_get_or_create(actor=None, start_year=2019),
                               decision_number="5/QĐ-TH")
    ini = Initiative.objects.create(title="Dạy học theo dự án", school_year=y24, unit=w.school_a,
                                    decision_number="30/QĐ-TH")
    InitiativeAuthor.objects.create(initiative=ini, person=w.binh, share=100)
    Discipline.objects.create(person=w.binh, form="khien_trach", decision_number="9/QĐ-TH",
                              decision_date=dt.date(2024, 10, 1), effective_from=dt.date(2024, 10, 1),
                              effective_to=dt.date(2025, 3, 31))
    h = selectors.person_history(w.binh)
    years = {y.school_year.start_year: y for y in h.years}
    assert [y.school_year.start_year for y in h.years][:2] == [2025, 2024]
    assert [e.unit for e in years[2019].posts] == [w.school_b]
    assert [e.unit for e in years[2025].posts] == [w.school_a]
    assert [a.award_type.code for a in years[2019].awards] == ["lao-dong-tien-tien"]
    assert [line.initiative.title for line in years[2024].initiatives] == ["Dạy học theo dự án"]
    assert [d.decision_number for d in years[2024].disciplines] == ["9/QĐ-TH"]
    assert [(t.code, n) for t, n in h.totals] == [("lao-dong-tien-tien", 2)]


def test_revoked_award_is_shown_with_its_revocation_and_not_counted(client, stats):
    w = stats.w
    h = selectors.person_history(w.cuong)
    assert h.totals == [] and h.revoked == 1
    client.force_login(w.users.officer_b)
    html = client.get(reverse("dashboards:person_history", args=[w.cuong.pk])).content.decode()
    assert "Đã hủy bỏ" in html and "20/QĐ-TH" in html and "Khai không đúng thành tích" in html
    assert "không tính" in html


def test_person_history_scoping(client, stats):
    w = stats.w
    url = reverse("dashboards:person_history", args=[w.cuong.pk])
    client.force_login(w.users.officer_a)
    assert client.get(url).status_code == 403
    client.force_login(w.users.staff_a)
    assert client.get(url).status_code == 403
    r = client.get(reverse("dashboards:person_history", args=[w.an.pk]))
    assert r.status_code == 200 and "Nguyễn Văn An" in r.content.decode()
    # A group is named with its school: "Tổ 1" alone is ambiguous across schools.
    assert "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng" in r.content.decode()
    # The page links to the records app's own page rather than repeating its forms.
    assert reverse("records:person_record", args=[w.an.pk]) in r.content.decode()


def test_unit_history_with_staff_titles_and_lineage(client, stats):
    from tdkt.org.models import Unit
    from tdkt.org.services import unit_create

    w = stats.w
    old = unit_create(actor=None, parent=w.phong, code="TH-OLD", name="Trường Tiểu học Cũ",
                      unit_type=w.types["truong-th"])
    Unit.objects.filter(pk=old.pk).update(successor=w.school_a, active_to=dt.date(2024, 8, 31))
    h = selectors.unit_history(w.school_a)
    assert [u.code for u in h.predecessors] == ["TH-OLD"]
    year = h.years[0]
    assert year.school_year == w.year and year.staff == 2
    assert [a.award_type.code for a in year.awards] == ["tap-the-lao-dong-tien-tien"]
    # An (unit named on the record) and Bình (no unit, but worked at A that year).
    assert [(t.code, n) for t, n in year.staff_titles] == [("lao-dong-tien-tien", 2)]
    hb = selectors.unit_history(w.school_b)
    assert not any(y.staff_titles for y in hb.years)  # Cường's title was revoked
    old.refresh_from_db()
    assert [u.pk for u in selectors.unit_history(old).successors] == [w.school_a.pk]

    client.force_login(w.users.officer_a)
    r = client.get(reverse("dashboards:unit_history", args=[w.school_a.pk]))
    assert r.status_code == 200 and "Trường Tiểu học Cũ" in r.content.decode()
    assert client.get(reverse("dashboards:unit_history", args=[w.school_b.pk])).status_code == 403


def test_a_team_is_not_listed_for_letters_scattered_over_its_school_name(world):
    from tdkt.org.models import UnitType
    from tdkt.org.services import unit_create

    team_type = UnitType.objects.filter(category="subunit").first()
    nbk = unit_create(actor=None, parent=world.phong, code="TH-NBK", name="Trường Tiểu học Nguyễn Bỉnh Khiêm",
                      unit_type=world.school_a.unit_type)
    unit_create(actor=None, parent=nbk, code="TVP-NBK", name="Tổ Văn phòng", unit_type=team_type)
    # "nguyen" in the school, "van" in "Văn phòng", "an" only inside "Văn": not a find
    assert selectors.lookup_units(user=world.users.office_officer, query="nguyen van an") == []
    # whole words across the team and its school still find it
    found = selectors.lookup_units(user=world.users.office_officer, query="van phong nguyen binh khiem")
    assert [u.display_label for u in found] == ["Tổ Văn phòng – Trường Tiểu học Nguyễn Bỉnh Khiêm"]
