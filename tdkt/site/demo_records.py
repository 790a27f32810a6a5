"""Lịch sử thành tích demo: four past school years of records for the demo
ward built by :func:`tdkt.site.demo.build_demo` (phường Sài Gòn and, before
01/07/2025, the Phòng GD&ĐT Quận 1 its schools belonged to).

For every person who worked there in a year: a rating (most "hoàn thành tốt",
about 30% "hoàn thành xuất sắc", a few "hoàn thành", rarely "không hoàn
thành"); a few disciplines; maternity leaves; initiatives recognised at base
level (some at city level) with co-authors; Lao động tiên tiến for those who
qualify, Chiến sĩ thi đua cơ sở for some of those with an initiative, a few
Bằng khen of the city; each school's collective rating and Tập thể lao động
tiên tiến; and the registrations (đăng ký thi đua) behind those titles, past
years and the current one. Each decision keeps the issuer of its time
(:func:`issuers`): the Phòng GD&ĐT / UBND Quận 1 before the reform, the UBND
phường Sài Gòn after it, the Sở for its upper secondary school.

"Nguyễn Văn An" (login giaovien.dth, Tiểu học Đinh Tiên Hoàng) has LĐTT and
CSTĐCS with an initiative in each of the last two school years (the latest
recognised city-wide; the 2025-2026 titles by the ward chairman's decision,
made through the awards services in :mod:`tdkt.site.demo_year`); he has not
registered for this year yet — that is his first task on his home page.

Deterministic (fixed seeds) and idempotent: rows are keyed on their natural
keys, so a second run creates nothing. Written with bulk inserts, bypassing the
per-row services, and recorded by one audit row.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tdkt.audit.services import audit_record
from tdkt.eligibility.choices import AwardLevel, SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.choices import UnitCategory
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.services import school_year_get_or_create
from tdkt.people.choices import Gender
from tdkt.people.models import Employment, Person
from tdkt.records.choices import AbsenceKind, DisciplineForm, InitiativeKind, Scope, TaskRating
from tdkt.records.imports import award_key
from tdkt.records.models import (
    Absence,
    AwardRecord,
    Discipline,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)
from tdkt.site.demo import (
    DEMO,
    PHONG_CODE,
    REFORM_DAY,
    SO_CODE,
    WARD_CODE,
    DemoError,
    current_school_year_start,
    school_code,
)

__all__ = ["PAST_YEARS", "build_demo_records"]

SEED = 20240615
PAST_YEARS = 4
BATCH = 2000
CSTDCS_SHARE = 0.15  # at most 15% of a unit's LĐTT (RULES.md, verify rounding: rounded down here)
AN_LOGIN = "giaovien.dth"

PHONG_NAME = "Phòng Giáo dục và Đào tạo Quận 1"
CITY_NAME = "Ủy ban nhân dân Thành phố Hồ Chí Minh"
SO_NAME = "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
UBND_Q1_NAME = "Ủy ban nhân dân Quận 1"
WARD_NAME = "Ủy ban nhân dân phường Sài Gòn"
# Tiểu học Đinh Tiên Hoàng's titles of the last past year after the reform are decided through the awards
# services (council vote, proposal, review, the ward chairman's decision): tdkt.site.demo_year.
SERVICE_SCHOOL = school_code("Đinh Tiên Hoàng", "tieu_hoc")


def issuers(year: SchoolYear, school: Unit, number: int) -> dict[str, tuple[str, str]]:
    """Who decided a school's titles of a year, as the decisions were issued (never rewritten):
    before 01/07/2025 LĐTT and the collective title by the Phòng GD&ĐT Quận 1, CSTĐCS by the Chủ tịch
    UBND Quận 1; from then on the Chủ tịch UBND phường Sài Gòn (NĐ 129/2025 art. 59); the Sở's schools
    always by the Giám đốc Sở. Values: (issuer, decision number)."""
    if school.path.startswith(_SO_PATH.get("path", "~")):
        return {k: (SO_NAME, f"{number + n}/QĐ-SGDĐT") for n, k in enumerate(("ldtt", "cstdcs", "unit"))}
    if _before_reform(year):
        return {"ldtt": (PHONG_NAME, f"{number}/QĐ-GDĐT"), "cstdcs": (UBND_Q1_NAME, f"{number + 1}/QĐ-UBND"),
                "unit": (PHONG_NAME, f"{number + 2}/QĐ-GDĐT")}
    return {k: (WARD_NAME, f"{number + n}/QĐ-UBND") for n, k in enumerate(("ldtt", "cstdcs", "unit"))}


_SO_PATH: dict[str, str] = {}


def _before_reform(year: SchoolYear) -> bool:
    """The year's titles were decided (in June) before the two-level government took effect."""
    return dt.date(year.start_year + 1, 6, 30) < REFORM_DAY

# What to look for in the catalogue: codes first, then folded names / abbreviations.
_TYPES = {
    "ldtt": (["lao-dong-tien-tien", "ldtt"], ["lao dong tien tien", "ldtt"], SubjectKind.INDIVIDUAL),
    "cstdcs": (["chien-si-thi-dua-co-so", "cstdcs", "cstd-co-so"], ["chien si thi dua co so", "cstdcs"],
               SubjectKind.INDIVIDUAL),
    "cstd_tinh": (["chien-si-thi-dua-tinh-bo", "cstd-tinh"],
                  ["chien si thi dua cap bo, nganh, tinh", "chien si thi dua cap tinh / bo", "chien si thi dua cap tinh",
                   "cstd cap tinh"], SubjectKind.INDIVIDUAL),
    "bang_khen": (["bang-khen-tinh-bo", "bang-khen-ubnd-tinh", "bang-khen-cap-tinh"],
                  ["bang khen cap tinh / bo", "bang khen cua chu tich ubnd tinh", "bang khen cap tinh", "bang khen"],
                  SubjectKind.INDIVIDUAL),
    "tt_ldtt": (["tap-the-lao-dong-tien-tien", "tt-ldtt"], ["tap the lao dong tien tien", "ttldtt"],
                SubjectKind.COLLECTIVE),
}

_TOPICS = {
    "mam_non": ["phát triển ngôn ngữ cho trẻ qua truyện kể", "giáo dục kỹ năng tự phục vụ cho trẻ",
                "tổ chức hoạt động khám phá khoa học cho trẻ", "làm đồ dùng đồ chơi từ nguyên vật liệu tái chế",
                "giúp trẻ mạnh dạn, tự tin trong giao tiếp"],
    "tieu_hoc": ["rèn kỹ năng đọc hiểu cho học sinh", "tổ chức trò chơi học tập trong giờ Toán",
                 "nâng cao chất lượng viết chính tả", "ứng dụng công nghệ thông tin trong dạy học",
                 "giáo dục kỹ năng sống qua hoạt động trải nghiệm", "phối hợp với cha mẹ học sinh"],
    "thcs": ["dạy học theo dự án", "phát triển năng lực tự học của học sinh", "ôn tập hiệu quả cho học sinh lớp 9",
             "đổi mới kiểm tra, đánh giá theo hướng phát triển năng lực", "sử dụng sơ đồ tư duy trong dạy học",
             "bồi dưỡng học sinh giỏi"],
    "": ["nâng cao hiệu quả công tác văn phòng", "số hóa hồ sơ, sổ sách", "quản lý tài sản, thiết bị dạy học",
         "đổi mới công tác thi đua, khen thưởng"],
}


@dataclass
class _Staff:
    person: Person
    posts: list[Employment]
    rng_seed: str
    excellence: float = 0.3


@dataclass
class _Plan:
    ratings: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # (person, year) → (rating, note)
    unit_ratings: dict[tuple[int, int], str] = field(default_factory=dict)
    disciplines: list[dict] = field(default_factory=list)
    absences: list[dict] = field(default_factory=list)
    initiatives: list[dict] = field(default_factory=list)  # with "authors": [(person_id, share)]
    awards: list[dict] = field(default_factory=list)
    registrations: list[dict] = field(default_factory=list)


def _find_type(role: str) -> AwardType | None:
    codes, names, subject = _TYPES[role]
    found = AwardType.objects.filter(code__in=codes).order_by("id")
    by_code = {a.code: a for a in found}
    for code in codes:
        if code in by_code:
            return by_code[code]
    wanted = {award_key(n) for n in names}
    candidates = list(AwardType.objects.filter(subject=subject).order_by("order", "id"))
    for at in candidates:
        if award_key(at.name) in wanted or (at.abbreviation and award_key(at.abbreviation) in wanted):
            return at
    if role == "bang_khen":  # "Bằng khen của Chủ tịch UBND cấp tỉnh" and the like
        return next((at for at in candidates
                     if award_key(at.name).startswith("bangkhen") and at.level == AwardLevel.TINH_BO), None)
    return None


def _load_catalogue(out) -> None:
    try:
        from tdkt.eligibility import catalogue
    except ImportError:
        print("Ghi chú: chưa có danh mục danh hiệu (tdkt.eligibility.catalogue); bỏ qua danh hiệu, khen thưởng "
              "và đăng ký demo không tìm thấy trong danh mục.", file=out)
        return
    catalogue.load_catalogue()


def _school_of(unit: Unit, schools: dict[str, Unit], steplen: int) -> Unit | None:
    for depth in range(unit.depth, 0, -1):
        school = schools.get(unit.path[: depth * steplen])
        if school is not None:
            return school
    return None


def _abbr(name: str) -> str:
    """Ký hiệu văn bản of a school: "Trường Tiểu học Đinh Tiên Hoàng" → "THĐTH"."""
    words = name.replace("Trường ", "").replace("Tiểu học", "TH").replace("Mầm non", "MN").split()
    return "".join(w if w.isupper() else w[0].upper() for w in words)


def _months_in(posts: list[Employment], year: SchoolYear) -> float:
    days = 0
    for e in posts:
        start = max(e.start_date, year.start_date)
        end = min(e.end_date or year.end_date, year.end_date)
        if end >= start:
            days += (end - start).days + 1
    return min(12.0, days / 30.4)


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _plan(years: list[SchoolYear], current: SchoolYear, staff: dict[int, _Staff], school_of: dict[int, Unit],
          schools: list[Unit], an_id: int | None, today: dt.date, types: dict[str, AwardType | None]) -> _Plan:
    plan = _Plan()
    ldtt, cstdcs, bang_khen = types["ldtt"], types["cstdcs"], types["bang_khen"]
    excellent_years: dict[int, list[int]] = defaultdict(list)  # person → start years rated HTXS
    initiative_years: dict[int, list[int]] = defaultdict(list)
    an_years = {years[-1].start_year, years[-2].start_year}
    for year in years:
        y = year.start_year
        ldtt_by_school: dict[int, list[int]] = defaultdict(list)
        with_initiative: set[int] = set()
        phong_decision = 100 + (y % 10) * 7
        for pid, s in staff.items():
            months = _months_in(s.posts, year)
            if months < 1:
                continue
            rng = random.Random(f"{s.rng_seed}:{y}")
            school = school_of[pid]
            abbr = _abbr(school.name)
            disciplined = pid != an_id and rng.random() < 0.005
            if disciplined:
                form = DisciplineForm.KHIEN_TRACH if rng.random() < 0.8 else DisciplineForm.CANH_CAO
                decided = _day_in(rng, dt.date(y, 10, 15), dt.date(y + 1, 3, 31))
                plan.disciplines.append(dict(
                    person_id=pid, form=form, decision_number=f"{rng.randint(20, 90)}/QĐ-{abbr}", decision_date=decided,
                    issuer=school.name, effective_from=decided, effective_to=decided + dt.timedelta(days=364),
                    reason=rng.choice(["Vi phạm quy định về dạy thêm, học thêm", "Vi phạm quy chế chuyên môn",
                                       "Vi phạm quy định về đạo đức nhà giáo"])))
            p = s.person
            age = (year.start_date - p.birth_date).days / 365.25 if p.birth_date else 40
            if pid != an_id and p.gender == Gender.FEMALE and age < 42 and rng.random() < 0.04:
                start = _day_in(rng, year.start_date, year.end_date - dt.timedelta(days=60))
                plan.absences.append(dict(person_id=pid, kind=AbsenceKind.MATERNITY, start_date=start,
                                          end_date=start + dt.timedelta(days=182), note="Nghỉ thai sản 6 tháng"))
            # the rating
            r = rng.random()
            if pid == an_id:
                rating = TaskRating.EXCELLENT if y in an_years else TaskRating.GOOD
            elif disciplined:
                rating = TaskRating.DONE if r < 0.85 else TaskRating.NOT_DONE
            elif r < 0.008:
                rating = TaskRating.NOT_DONE
            elif r < 0.07:
                rating = TaskRating.DONE
            elif r < 0.07 + s.excellence:
                rating = TaskRating.EXCELLENT
            else:
                rating = TaskRating.GOOD
            plan.ratings[(pid, y)] = (rating, "")
            if rating == TaskRating.EXCELLENT:
                excellent_years[pid].append(y)
            full_year = months >= 10
            if ldtt and full_year and rating in (TaskRating.EXCELLENT, TaskRating.GOOD) and not disciplined:
                ldtt_by_school[school.pk].append(pid)
                plan.awards.append(dict(award_type=ldtt, person_id=pid, unit_id=s.posts[0].unit_id, school_year=year,
                                        decision_number=issuers(year, school, phong_decision)["ldtt"][1],
                                        decision_date=dt.date(y + 1, 6, 15),
                                        issuer=issuers(year, school, phong_decision)["ldtt"][0],
                                        achievement="Hoàn thành tốt nhiệm vụ năm học " + year.label))
            # an initiative, for about 40% of those rated excellent
            an_initiative = pid == an_id and y in an_years
            if an_initiative or (pid != an_id and rating == TaskRating.EXCELLENT and rng.random() < 0.4):
                level = school.school_level if school.school_level in _TOPICS else ""
                note = s.posts[0].title_note
                topic = rng.choice(_TOPICS[level])
                title = f"Một số biện pháp {topic}" + (f" ({note.lower()})" if note and level else "")
                city = rng.random() < 0.12 and not an_initiative
                if an_initiative and y == years[-1].start_year:
                    # recognised city-wide: the initiative the provincial title asks for is already there
                    title = "Một số biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp 1 qua trò chơi học tập"
                    city = True
                elif an_initiative:
                    title = "Tổ chức trò chơi học tập giúp học sinh lớp 1 yêu thích môn Toán"
                authors = [(pid, Decimal("100"))]
                peers = [q for q in staff if q != pid and q != an_id and school_of[q].pk == school.pk]
                if not an_initiative and peers and rng.random() < 0.3:
                    authors = [(pid, Decimal("60")), (rng.choice(peers), Decimal("40"))]
                plan.initiatives.append(dict(
                    title=title, school_year=year, unit_id=school.pk, scope=Scope.TINH_BO if city else Scope.CO_SO,
                    kind=InitiativeKind.SANG_KIEN, recognized=True,
                    recognizing_body=("Hội đồng sáng kiến " + (SO_NAME if city else (
                        PHONG_NAME if _before_reform(year) else WARD_NAME))),
                    decision_number=f"{(phong_decision + 40) if not city else 1500 + y % 100}/QĐ-"
                                    + ("SGDĐT" if city else ("GDĐT" if _before_reform(year) else "UBND")),
                    decision_date=dt.date(y + 1, 5, 20), authors=authors))
                for author, _share in authors:
                    with_initiative.add(author)
                    initiative_years[author].append(y)
        # CSTĐCS: at most 15% of each school's LĐTT, among those with an initiative this year
        if cstdcs:
            for school_pk, members in ldtt_by_school.items():
                cap = math.floor(len(members) * CSTDCS_SHARE)
                chosen = [pid for pid in members if pid == an_id and y in an_years]
                eligible = [pid for pid in members if pid in with_initiative and pid != an_id
                            and plan.ratings[(pid, y)][0] == TaskRating.EXCELLENT]
                random.Random(f"{SEED}:cstdcs:{school_pk}:{y}").shuffle(eligible)
                chosen += eligible[: max(0, cap - len(chosen))]
                for pid in chosen:
                    who = issuers(year, school_of[pid], phong_decision)["cstdcs"]
                    plan.awards.append(dict(award_type=cstdcs, person_id=pid, unit_id=staff[pid].posts[0].unit_id,
                                            school_year=year, decision_number=who[1],
                                            decision_date=dt.date(y + 1, 6, 25), issuer=who[0],
                                            achievement="Đạt danh hiệu Chiến sĩ thi đua cơ sở năm học " + year.label))
        # Bằng khen of the city: 2 consecutive excellent years and 2 initiatives in them, a few a year
        if bang_khen and year is not years[0]:
            given = {a["person_id"] for a in plan.awards if a["award_type"] is bang_khen}
            candidates = sorted(pid for pid, ys in excellent_years.items()
                                if pid != an_id and y in ys and y - 1 in ys and pid not in given
                                and sum(1 for iy in initiative_years[pid] if iy in (y, y - 1)) >= 2)
            random.Random(f"{SEED}:bk:{y}").shuffle(candidates)
            for k, pid in enumerate(candidates[:4]):
                plan.awards.append(dict(award_type=bang_khen, person_id=pid, unit_id=staff[pid].posts[0].unit_id,
                                        school_year=year, decision_number=f"{2100 + (y % 100) * 10 + k // 4}/QĐ-UBND",
                                        decision_date=dt.date(y + 1, 8, 20), issuer=CITY_NAME,
                                        achievement=f"Đã có thành tích xuất sắc trong công tác giáo dục, các năm học "
                                                    f"{y - 1}-{y} và {year.label}"))
        # the schools themselves
        for school in schools:
            rng = random.Random(f"{SEED}:unit:{school.code}:{y}")
            rating = TaskRating.EXCELLENT if rng.random() < 0.6 else TaskRating.GOOD
            plan.unit_ratings[(school.pk, y)] = rating
            if types["tt_ldtt"]:
                plan.awards.append(dict(award_type=types["tt_ldtt"], person_id=None, unit_id=school.pk,
                                        school_year=year,
                                        decision_number=issuers(year, school, phong_decision)["unit"][1],
                                        decision_date=dt.date(y + 1, 6, 25),
                                        issuer=issuers(year, school, phong_decision)["unit"][0], achievement=""))

    # registrations of the past years: whoever got a title registered for it (no registration, no title),
    # and most others registered too; the schools register as Tập thể lao động tiên tiến
    awarded = {(a["person_id"], a["school_year"].start_year, a["award_type"].pk) for a in plan.awards
               if a["person_id"]}
    by_start = {y.start_year: y for y in years}
    for (pid, y), (person_rating, _note) in plan.ratings.items():
        rng = random.Random(f"{staff[pid].rng_seed}:reg:{y}")
        started = min((e.start_date for e in staff[pid].posts), default=dt.date(y, 9, 1))
        on = max(started, _day_in(rng, dt.date(y, 9, 15), dt.date(y, 10, 5)))
        for award_type, share, targets in ((ldtt, 0.9, "Hoàn thành tốt nhiệm vụ trở lên"),
                                           (cstdcs, 0.35 if person_rating == TaskRating.EXCELLENT else 0.0,
                                            "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận")):
            if award_type and ((pid, y, award_type.pk) in awarded or rng.random() < share):
                plan.registrations.append(dict(award_type=award_type, person_id=pid, school_year=by_start[y],
                                               registered_on=on, targets=targets))
    if types["tt_ldtt"]:
        for year in [*years, current]:
            for school in schools:
                plan.registrations.append(dict(award_type=types["tt_ldtt"], unit_id=school.pk, school_year=year,
                                               registered_on=min(today, dt.date(year.start_year, 9, 30)),
                                               targets="Tập thể lao động tiên tiến"))

    # registrations for the current year: LĐTT for nearly everyone working now, CSTĐCS for last year's best
    last = years[-1].start_year
    for pid, s in staff.items():
        if not any(e.start_date <= today and (e.end_date is None or e.end_date >= today) for e in s.posts):
            continue
        rng = random.Random(f"{s.rng_seed}:reg:{current.start_year}")
        on = min(today, _day_in(rng, dt.date(current.start_year, 9, 15), dt.date(current.start_year, 10, 5)))
        if pid == an_id:  # he registers himself this year, from his own login
            continue
        if ldtt and rng.random() < 0.95:
            plan.registrations.append(dict(award_type=ldtt, person_id=pid, school_year=current, registered_on=on,
                                           targets="Hoàn thành tốt nhiệm vụ trở lên"))
        best = plan.ratings.get((pid, last), ("", ""))[0] == TaskRating.EXCELLENT
        if cstdcs and best and rng.random() < 0.6:
            plan.registrations.append(dict(award_type=cstdcs, person_id=pid, school_year=current, registered_on=on,
                                           targets="Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận"))
    return plan


def build_demo_records(today: dt.date | None = None, *, out=None) -> dict[str, int]:
    """Create (or complete) four past school years of records for the demo ward and its history.

    Requires :func:`tdkt.site.demo.build_demo` to have run. Returns the number
    of rows created by kind; a second run returns zeros."""
    import sys

    out = out or sys.stdout
    today = today or timezone.localdate()
    phong = Unit.objects.filter(code=PHONG_CODE).first()
    if phong is None:
        raise DemoError("Chưa có phường demo: hãy chạy «tdkt demo» trước khi tạo lịch sử thành tích.")
    _load_catalogue(out)
    types = {role: _find_type(role) for role in _TYPES}
    missing = [role for role, t in types.items() if t is None]
    if missing:
        print(f"Ghi chú: danh mục chưa có {', '.join(missing)}; bỏ qua các bản ghi tương ứng.", file=out)
    created = dict.fromkeys(["ratings", "unit_ratings", "disciplines", "absences", "initiatives", "awards",
                             "registrations"], 0)
    current_start = current_school_year_start(today)
    with transaction.atomic():
        years = [school_year_get_or_create(actor=DEMO, start_year=y)
                 for y in range(current_start - PAST_YEARS, current_start)]
        current = school_year_get_or_create(actor=DEMO, start_year=current_start)

        # The demo's staff work (or worked) under the Phòng GD&ĐT Quận 1, the ward or the Sở.
        roots = [u for u in Unit.objects.filter(code__in=[PHONG_CODE, WARD_CODE, SO_CODE]).order_by("path")]
        _SO_PATH["path"] = next((u.path for u in roots if u.code == SO_CODE), "~")
        in_roots = Q()
        for root in roots:
            in_roots |= Q(path__startswith=root.path)
        units = {u.pk: u for u in Unit.objects.filter(in_roots).select_related("unit_type")}
        schools = sorted((u for u in units.values() if u.unit_type.category == UnitCategory.SCHOOL),
                         key=lambda u: u.path)
        by_path = {u.path: u for u in schools}
        for office in units.values():  # office staff: their office stands for the school
            if office.unit_type.category != UnitCategory.SCHOOL and office.unit_type.category != UnitCategory.SUBUNIT:
                by_path.setdefault(office.path, office)
        posts: dict[int, list[Employment]] = defaultdict(list)
        first = years[0].start_date
        for e in (Employment.objects.filter(unit_id__in=list(units))
                  .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
                  .select_related("person").order_by("person_id", "-start_date")):
            posts[e.person_id].append(e)
        staff = {pid: _Staff(person=ps[0].person, posts=ps, rng_seed=f"{SEED}:{ps[0].person.national_id or pid}")
                 for pid, ps in posts.items()}
        for s in staff.values():
            s.excellence = random.Random(f"{s.rng_seed}:talent").choice([0.1, 0.2, 0.25, 0.3, 0.35, 0.45, 0.55])
        school_of = {pid: _school_of(units[s.posts[0].unit_id], by_path, Unit.steplen) or phong
                     for pid, s in staff.items()}
        an = Person.objects.filter(user__username=AN_LOGIN).first()
        an_id = an.pk if an is not None and an.pk in staff else None
        plan = _plan(years, current, staff, school_of, schools, an_id, today, types)
        by_service = {t.pk for t in (types["ldtt"], types["cstdcs"]) if t}
        plan.awards = [a for a in plan.awards if not (
            a["person_id"] and a["award_type"].pk in by_service and a["school_year"].start_date >= REFORM_DAY
            and school_of[a["person_id"]].code == SERVICE_SCHOOL)]
        created = _insert(plan, years + [current], current, created)
        if any(created.values()):
            audit_record(actor=DEMO, event_type="demo.records_loaded", target=phong, unit=phong,
                         data={"kind": "records", **created}, reason="tdkt demo")
    return created


def _insert(plan: _Plan, years: list[SchoolYear], current: SchoolYear, created: dict[str, int]) -> dict[str, int]:
    year_ids = [y.pk for y in years]
    by_start = {y.start_year: y for y in years}

    # Each block below reads what a table already holds into ``have`` and writes the missing ``rows``.
    have: set[tuple[Any, ...]] = set(PersonRating.objects.filter(school_year_id__in=year_ids)
                                     .values_list("person_id", "school_year__start_year"))
    rows: list[Any] = [PersonRating(person_id=pid, school_year=by_start[y], rating=rating, note=note)
            for (pid, y), (rating, note) in plan.ratings.items() if (pid, y) not in have]
    PersonRating.objects.bulk_create(rows, batch_size=BATCH)
    created["ratings"] = len(rows)

    have = set(UnitRating.objects.filter(school_year_id__in=year_ids).values_list("unit_id", "school_year__start_year"))
    rows = [UnitRating(unit_id=uid, school_year=by_start[y], rating=rating)
            for (uid, y), rating in plan.unit_ratings.items() if (uid, y) not in have]
    UnitRating.objects.bulk_create(rows, batch_size=BATCH)
    created["unit_ratings"] = len(rows)

    pids = {d["person_id"] for d in plan.disciplines}
    have = set(Discipline.objects.filter(person_id__in=pids).values_list("person_id", "decision_number"))
    rows = [Discipline(**d) for d in plan.disciplines if (d["person_id"], d["decision_number"]) not in have]
    Discipline.objects.bulk_create(rows, batch_size=BATCH)
    created["disciplines"] = len(rows)

    pids = {a["person_id"] for a in plan.absences}
    have = set(Absence.objects.filter(person_id__in=pids).values_list("person_id", "kind", "start_date"))
    rows = [Absence(**a) for a in plan.absences if (a["person_id"], a["kind"], a["start_date"]) not in have]
    Absence.objects.bulk_create(rows, batch_size=BATCH)
    created["absences"] = len(rows)

    have = set(InitiativeAuthor.objects.filter(initiative__school_year_id__in=year_ids)
               .values_list("initiative__school_year_id", "initiative__title", "person_id"))
    todo = [i for i in plan.initiatives if (i["school_year"].pk, i["title"], i["authors"][0][0]) not in have]
    objs = [Initiative(**{k: v for k, v in i.items() if k != "authors"}) for i in todo]
    Initiative.objects.bulk_create(objs, batch_size=BATCH)
    if any(o.pk is None for o in objs):  # databases that cannot return ids from a bulk insert
        fresh = {(o.school_year_id, o.title, o.decision_number): o.pk
                 for o in Initiative.objects.filter(school_year_id__in=year_ids)}
        for o in objs:
            o.pk = fresh[(o.school_year_id, o.title, o.decision_number)]
    InitiativeAuthor.objects.bulk_create(
        [InitiativeAuthor(initiative_id=o.pk, person_id=pid, share=share)
         for o, i in zip(objs, todo, strict=True) for pid, share in i["authors"]], batch_size=BATCH)
    created["initiatives"] = len(objs)

    have = set()
    for pid, uid, tid, yid, number in (AwardRecord.objects.filter(school_year_id__in=year_ids)
                                       .values_list("person_id", "unit_id", "award_type_id", "school_year_id",
                                                    "decision_number")):
        have.add(("p", pid, tid, yid, number) if pid else ("u", uid, tid, yid, number))
    rows = []
    for a in plan.awards:
        subject = ("p", a["person_id"]) if a["person_id"] else ("u", a["unit_id"])
        if (*subject, a["award_type"].pk, a["school_year"].pk, a["decision_number"]) in have:
            continue
        rows.append(AwardRecord(award_type=a["award_type"], person_id=a["person_id"], unit_id=a["unit_id"],
                                school_year=a["school_year"], decision_number=a["decision_number"],
                                decision_date=a["decision_date"], issuer=a["issuer"], achievement=a["achievement"],
                                source="demo"))
    AwardRecord.objects.bulk_create(rows, batch_size=BATCH)
    created["awards"] = len(rows)

    have = {(("p", pid) if pid else ("u", uid), tid, yid) for pid, uid, tid, yid in
            Registration.objects.filter(school_year_id__in=year_ids)
            .values_list("person_id", "unit_id", "award_type_id", "school_year_id")}
    rows = [Registration(award_type=r["award_type"], school_year=r["school_year"], person_id=r.get("person_id"),
                         unit_id=r.get("unit_id"), registered_on=r["registered_on"], targets=r["targets"])
            for r in plan.registrations
            if ((("p", r["person_id"]) if r.get("person_id") else ("u", r["unit_id"])), r["award_type"].pk,
                r["school_year"].pk) not in have]
    Registration.objects.bulk_create(rows, batch_size=BATCH)
    created["registrations"] = len(rows)
    return created

