"""Dữ liệu demo: a realistic demo district and large trees for benchmarks.

Two builders, both idempotent and both run in one transaction:

* :func:`build_demo` – *phường demo*: phường Sài Gòn, Thành phố Hồ Chí Minh, on
  today's map (from 01/07/2025) with its history: the ministry, the city people's
  committee and its Sở (with an upper secondary school), the former UBND Quận 1
  and its Phòng Giáo dục và Đào tạo (closed 30/06/2025), the three former wards
  that formed phường Sài Gòn, the UBND phường and its Phòng Văn hóa – Xã hội, eight
  schools (mầm non, tiểu học, THCS) that moved from the Phòng to the ward on
  01/07/2025 — the reorganisation written through tdkt.org.services with its acts
  — their tổ chuyên môn and tổ văn phòng, the Phòng's khối thi đua before the
  reform and the ward's cụm after, about 500 cán bộ, giáo viên, nhân viên with
  their quá trình công tác, and one demo login per role (:func:`demo_logins`).
* :func:`build_scale` – *dữ liệu thử hiệu năng*: a province-shaped tree
  (UBND tỉnh → Sở → UBND xã → trường → tổ) with N staff, written with
  ``bulk_create`` (treebeard paths computed here) so that 100,000 staff load
  in seconds.

Everything is generated from fixed seeds, so every run yields the same names;
rows are keyed on stable unit codes, usernames and national IDs, so running a
builder twice creates nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from tdkt.accounts.choices import Role
from tdkt.accounts.models import Membership, User
from tdkt.audit.services import audit_record
from tdkt.core.actors import SystemActor
from tdkt.core.vi import fold
from tdkt.org.choices import ClusterKind, SchoolLevel
from tdkt.org.models import Cluster, ClusterMember, SchoolYear, Unit, UnitType
from tdkt.org.reference import load_unit_types
from tdkt.org.services import (
    NewUnit,
    UnitDecision,
    school_year_get_or_create,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_transfer,
)
from tdkt.people.choices import Gender, Position
from tdkt.people.models import Employment, Person

__all__ = [
    "DEMO_PASSWORD",
    "DemoError",
    "build_demo",
    "build_scale",
    "current_school_year_start",
    "format_count",
    "demo_logins",
]

DEMO_PASSWORD = "tdkt2026"
DEMO_SEED = 20231012  # the date of Hướng dẫn 1382/HD-GDĐT (seed 003)
SCALE_SEED = 20250701  # the day the 2025 reform took effect
BATCH_SIZE = 2000
DEMO_YEARS = 5  # four past school years (three before the reform, one after) and the current one
SCALE_YEARS = 10

# Province codes opening a 12-digit CCCD number: 079 is Thành phố Hồ Chí Minh;
# 098 is unassigned, so benchmark people never look like real residents.
DEMO_PROVINCE = "079"
SCALE_PROVINCE = "098"

# The audit rows of what the demo builds say so: "hệ thống (demo)".
DEMO = SystemActor("demo")


class DemoError(Exception):
    """The demo data cannot be built as asked (message in Vietnamese)."""


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def current_school_year_start(today: dt.date | None = None) -> int:
    """Start year of the *năm học* containing ``today`` (September to August)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def format_count(n: int) -> str:
    """Vietnamese thousands separator: 100000 → "100.000"."""
    return f"{n:,}".replace(",", ".")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _year_start_of(day: dt.date) -> dt.date:
    """1 September of the school year containing ``day`` (never after ``day``)."""
    return dt.date(day.year if day.month >= 9 else day.year - 1, 9, 1)


# --------------------------------------------------------------------------
# Vietnamese names (họ, tên đệm, tên) with realistic frequencies
# --------------------------------------------------------------------------

# Họ: Nguyễn is about 38 % of the population; southern spellings (Huỳnh, Võ)
# are more common than Hoàng, Vũ in Thành phố Hồ Chí Minh.
_FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Huỳnh", 4), ("Hoàng", 2.5), ("Phan", 4),
    ("Võ", 4), ("Vũ", 1.5), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.7), ("Trương", 1.5), ("Đinh", 0.8), ("Lâm", 0.8), ("Mai", 0.5), ("Tô", 0.4),
    ("Châu", 0.5), ("Tạ", 0.3), ("Đoàn", 0.7), ("Lương", 0.5), ("Cao", 0.4),
]  # fmt: skip
_MIDDLE_FEMALE = [
    ("Thị", 30), ("Thị Thu", 6), ("Thị Ngọc", 5), ("Thị Thanh", 5), ("Thị Kim", 4), ("Thị Mỹ", 3),
    ("Thị Minh", 3), ("Ngọc", 8), ("Thu", 5), ("Thanh", 5), ("Kim", 4), ("Mỹ", 3), ("Hồng", 3),
    ("Phương", 3), ("Bích", 2), ("Thùy", 3), ("Minh", 2), ("Bảo", 1), ("Hoàng", 1),
]  # fmt: skip
_MIDDLE_MALE = [
    ("Văn", 28), ("Minh", 10), ("Đức", 6), ("Hoàng", 5), ("Thanh", 6), ("Quốc", 6), ("Hữu", 5),
    ("Công", 4), ("Anh", 4), ("Ngọc", 3), ("Trọng", 3), ("Quang", 4), ("Tấn", 3), ("Thành", 3),
    ("Tuấn", 2), ("Gia", 2), ("Đình", 3), ("Văn Minh", 1),
]  # fmt: skip
_GIVEN_FEMALE = (
    "An Anh Bích Châu Chi Diễm Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Lan Liên Linh Loan "
    "Mai My Nga Ngân Ngọc Nhi Nhung Oanh Phương Quyên Tâm Thảo Thư Thủy Trâm Trang Tuyết Uyên Vân Vy "
    "Xuân Yến"
).split()
_GIVEN_MALE = (
    "An Bảo Bình Cường Danh Dũng Duy Đạt Hải Hiếu Hòa Hùng Huy Khang Khánh Khoa Lâm Lộc Long Minh Nam "
    "Nghĩa Nhân Phát Phong Phúc Quân Quang Sơn Tài Tâm Thắng Thành Thịnh Toàn Trí Trung Tuấn Tùng Việt "
    "Vinh Vũ"
).split()


def _cumulative(pairs):
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


_FAMILY_NAMES, _FAMILY_CUM = _cumulative(_FAMILY)
_MIDDLE_F, _MIDDLE_F_CUM = _cumulative(_MIDDLE_FEMALE)
_MIDDLE_M, _MIDDLE_M_CUM = _cumulative(_MIDDLE_MALE)

# Share of women among staff by school level (preschool staff are almost all women).
_FEMALE_SHARE = {
    SchoolLevel.MAM_NON: 0.97, SchoolLevel.TIEU_HOC: 0.82, SchoolLevel.THCS: 0.70, SchoolLevel.THPT: 0.62,
    "": 0.55,
}  # fmt: skip


# --------------------------------------------------------------------------
# Tổ chuyên môn by school level: (name, what its teachers teach)
# --------------------------------------------------------------------------

_GROUPS: dict[str, dict[int, list[tuple[str, list[str]]]]] = {
    SchoolLevel.MAM_NON: {
        2: [("Tổ Mầm – Chồi", ["Lớp Mầm", "Lớp Chồi"]), ("Tổ Lá", ["Lớp Lá"])],
        3: [("Tổ Mầm", ["Lớp Mầm"]), ("Tổ Chồi", ["Lớp Chồi"]), ("Tổ Lá", ["Lớp Lá"])],
        4: [("Tổ Nhà trẻ", ["Nhóm trẻ 24–36 tháng"]), ("Tổ Mầm", ["Lớp Mầm"]), ("Tổ Chồi", ["Lớp Chồi"]),
            ("Tổ Lá", ["Lớp Lá"])],
    },
    SchoolLevel.TIEU_HOC: {
        2: [("Tổ 1 – 2 – 3", ["Chủ nhiệm lớp 1", "Chủ nhiệm lớp 2", "Chủ nhiệm lớp 3"]),
            ("Tổ 4 – 5", ["Chủ nhiệm lớp 4", "Chủ nhiệm lớp 5", "Tiếng Anh"])],
        3: [("Tổ 1", ["Chủ nhiệm lớp 1"]), ("Tổ 2 – 3", ["Chủ nhiệm lớp 2", "Chủ nhiệm lớp 3"]),
            ("Tổ 4 – 5", ["Chủ nhiệm lớp 4", "Chủ nhiệm lớp 5"])],
        4: [("Tổ 1", ["Chủ nhiệm lớp 1"]), ("Tổ 2 – 3", ["Chủ nhiệm lớp 2", "Chủ nhiệm lớp 3"]),
            ("Tổ 4 – 5", ["Chủ nhiệm lớp 4", "Chủ nhiệm lớp 5"]),
            ("Tổ Bộ môn", ["Tiếng Anh", "Tin học", "Âm nhạc", "Mĩ thuật", "Giáo dục thể chất"])],
    },
    SchoolLevel.THCS: {
        2: [("Tổ Tự nhiên", ["Toán", "Khoa học tự nhiên", "Tin học", "Công nghệ"]),
            ("Tổ Xã hội", ["Ngữ văn", "Lịch sử và Địa lí", "Tiếng Anh", "Giáo dục công dân"])],
        3: [("Tổ Toán – Tin", ["Toán", "Tin học"]),
            ("Tổ Ngữ văn – Lịch sử và Địa lí", ["Ngữ văn", "Lịch sử và Địa lí", "Giáo dục công dân"]),
            ("Tổ Khoa học tự nhiên – Ngoại ngữ", ["Khoa học tự nhiên", "Tiếng Anh", "Công nghệ"])],
        4: [("Tổ Toán – Tin", ["Toán", "Tin học"]), ("Tổ Ngữ văn", ["Ngữ văn", "Giáo dục công dân"]),
            ("Tổ Khoa học tự nhiên", ["Khoa học tự nhiên", "Công nghệ"]),
            ("Tổ Ngoại ngữ", ["Tiếng Anh", "Tiếng Pháp"])],
    },
    SchoolLevel.THPT: {
        2: [("Tổ Tự nhiên", ["Toán", "Vật lí", "Hóa học", "Sinh học", "Tin học"]),
            ("Tổ Xã hội", ["Ngữ văn", "Lịch sử", "Địa lí", "Tiếng Anh"])],
        3: [("Tổ Toán – Tin", ["Toán", "Tin học"]), ("Tổ Vật lí – Hóa học – Sinh học", ["Vật lí", "Hóa học", "Sinh học"]),
            ("Tổ Ngữ văn – Ngoại ngữ", ["Ngữ văn", "Tiếng Anh"])],
        4: [("Tổ Toán – Tin", ["Toán", "Tin học"]), ("Tổ Ngữ văn", ["Ngữ văn"]),
            ("Tổ Vật lí – Hóa học – Sinh học", ["Vật lí", "Hóa học", "Sinh học"]), ("Tổ Ngoại ngữ", ["Tiếng Anh"])],
    },
}  # fmt: skip

_OFFICE_JOBS = {
    SchoolLevel.MAM_NON: ["Kế toán", "Văn thư", "Y tế", "Cấp dưỡng", "Cấp dưỡng", "Bảo mẫu", "Bảo vệ", "Phục vụ"],
    "": ["Kế toán", "Văn thư", "Y tế học đường", "Thư viện", "Thiết bị", "Công nghệ thông tin", "Bảo vệ", "Phục vụ"],
}

_LEVEL_CODE: dict[str, str] = {SchoolLevel.MAM_NON: "MN", SchoolLevel.TIEU_HOC: "TH", SchoolLevel.THCS: "THCS", SchoolLevel.THPT: "THPT"}
_LEVEL_TYPE = {
    SchoolLevel.MAM_NON: "truong-mn", SchoolLevel.TIEU_HOC: "truong-th", SchoolLevel.THCS: "truong-thcs",
    SchoolLevel.THPT: "truong-thpt",
}  # fmt: skip
_LEVEL_PREFIX = {
    SchoolLevel.MAM_NON: "Trường Mầm non", SchoolLevel.TIEU_HOC: "Trường Tiểu học", SchoolLevel.THCS: "Trường THCS",
    SchoolLevel.THPT: "Trường THPT",
}  # fmt: skip


# --------------------------------------------------------------------------
# Plans: what the tree looks like, computed without the database
# --------------------------------------------------------------------------


@dataclass
class _UnitSpec:
    code: str
    name: str
    type_code: str
    parent_code: str | None
    short_name: str = ""
    place_name: str = ""
    school_level: str = ""
    address: str = ""
    founded_on: dt.date | None = None


@dataclass
class _SchoolPlan:
    """A school and its subunits (tổ chuyên môn, tổ văn phòng)."""

    code: str
    level: str
    groups: list[tuple[str, list[str]]]  # (tổ code, what its teachers teach)
    office_code: str


@dataclass
class _Post:
    unit_code: str
    position: str
    start: dt.date
    end: dt.date | None = None
    note: str = ""


@dataclass
class _PersonSpec:
    family: str
    middle: str
    given: str
    gender: str
    birth_date: dt.date
    posts: list[_Post] = field(default_factory=list)
    national_id: str = ""
    email: str = ""


def _school_subunits(rng: random.Random, school: _UnitSpec, count: int | None = None) -> tuple[list[_UnitSpec], _SchoolPlan]:
    """The 2–4 tổ chuyên môn and the tổ văn phòng of a school."""
    level = school.school_level
    if count is None:
        count = rng.randint(3, 4) if level in (SchoolLevel.THCS, SchoolLevel.THPT) else rng.randint(2, 4)
    specs, groups = [], []
    for i, (name, notes) in enumerate(_GROUPS[level][count], start=1):
        code = f"{school.code}-TO{i}"
        specs.append(_UnitSpec(code=code, name=name, type_code="to-chuyen-mon", parent_code=school.code))
        groups.append((code, notes))
    office = f"{school.code}-VP"
    specs.append(_UnitSpec(code=office, name="Tổ Văn phòng", type_code="to-van-phong", parent_code=school.code))
    return specs, _SchoolPlan(code=school.code, level=level, groups=groups, office_code=office)


# The demo ward: Phường Sài Gòn, Thành phố Hồ Chí Minh, formed on 01/07/2025 (NQ 1685/NQ-UBTVQH15,
# Điều 1 khoản 1) from all of phường Bến Nghé and parts of Đa Kao and Nguyễn Thái Bình of the former
# Quận 1 (see ../shared/REFORM_2025.md). Its schools were the Phòng GD&ĐT Quận 1's until 30/06/2025 and
# the UBND phường's from 01/07/2025; the THPT has always been the Sở's. Only Tiểu học Nguyễn Bỉnh Khiêm
# is reported in Phường Sài Gòn; the other names are former Quận 1 schools placed here for the demo.
REFORM_DAY = dt.date(2025, 7, 1)  # the two-level local government takes effect
PHONG_CODE = "PGDDT-Q1"  # Phòng Giáo dục và Đào tạo Quận 1 (closed 30/06/2025)
UBND_Q1_CODE = "UBND-Q1"
WARD_CODE = "UBND-P-SAIGON"  # Ủy ban nhân dân phường Sài Gòn (from 01/07/2025)
VHXH_CODE = "VHXH-P-SAIGON"  # its Phòng Văn hóa – Xã hội, which does the education and TĐKT work
SO_CODE = "SGDDT-HCM"
OLD_WARDS = [("UBND-P-BENNGHE", "Bến Nghé"), ("UBND-P-DAKAO", "Đa Kao"),
             ("UBND-P-NGUYENTHAIBINH", "Nguyễn Thái Bình")]
_D = dt.date
DEMO_SCHOOLS = [
    # name, level, founded on
    ("Tuổi Thơ", SchoolLevel.MAM_NON, _D(1977, 6, 1)),
    ("Sơn Ca", SchoolLevel.MAM_NON, _D(1978, 9, 1)),
    ("Bé Ngoan", SchoolLevel.MAM_NON, _D(2001, 9, 5)),
    ("Đinh Tiên Hoàng", SchoolLevel.TIEU_HOC, _D(1977, 1, 15)),
    ("Nguyễn Bỉnh Khiêm", SchoolLevel.TIEU_HOC, _D(1986, 9, 5)),
    ("Lê Ngọc Hân", SchoolLevel.TIEU_HOC, _D(1980, 9, 5)),
    ("Văn Lang", SchoolLevel.THCS, _D(1986, 9, 5)),
    ("Huỳnh Khương Ninh", SchoolLevel.THCS, _D(1996, 9, 5)),
]
DEMO_THPT = [("Lương Thế Vinh", SchoolLevel.THPT, _D(1994, 9, 5))]  # under the Sở, before and after
# Staff per school by level (inclusive range).
_DEMO_SIZES: dict[str, tuple[int, int]] = {SchoolLevel.MAM_NON: (40, 48), SchoolLevel.TIEU_HOC: (50, 58), SchoolLevel.THCS: (48, 56),
               SchoolLevel.THPT: (80, 90)}


def school_code(stem: str, level: str, prefix: str = "Q1") -> str:
    """Stable unit code of a demo school: "Bé Ngoan", mầm non → "Q1-MN-BENGOAN". Codes never change
    with a reorganisation: a school keeps its code (and records) when it moves to the ward."""
    return f"{prefix}-{_LEVEL_CODE[level]}-{fold(stem).replace(' ', '').upper()}"


def _thpt_code(stem: str) -> str:
    return school_code(stem, SchoolLevel.THPT, prefix="HCM")


# Khối thi đua of the Phòng GD&ĐT Quận 1 for the years before the reform (seed 003, IV.2.1), and the
# one cụm thi đua of the ward's schools from 2025-2026: (name, level or "", leader, kind).
DEMO_KHOI = [
    ("Khối thi đua Mầm non 1", SchoolLevel.MAM_NON, "Tuổi Thơ"),
    ("Khối thi đua Tiểu học 1", SchoolLevel.TIEU_HOC, "Đinh Tiên Hoàng"),
    ("Khối thi đua Trung học cơ sở", SchoolLevel.THCS, "Văn Lang"),
]
DEMO_CUM = ("Cụm thi đua các trường phường Sài Gòn", "Đinh Tiên Hoàng", "Nguyễn Bỉnh Khiêm")


def demo_khoi_plan() -> list[dict]:
    """Each khối of the Phòng (years before 01/07/2025): name, level, leader and member codes (leader first)."""
    plan = []
    for name, level, leader in DEMO_KHOI:
        leader_code = school_code(leader, level)
        members = [school_code(stem, lvl) for stem, lvl, _ in DEMO_SCHOOLS if lvl == level]
        members.sort(key=lambda code: code != leader_code)
        plan.append({"name": name, "school_level": level, "leader": leader_code, "members": members})
    return plan


def demo_cum_plan() -> dict:
    """The ward's cụm thi đua (years from 01/07/2025): all its schools, leader first."""
    name, leader, deputy = DEMO_CUM
    codes = [school_code(stem, level) for stem, level, _ in DEMO_SCHOOLS]
    leader_code = school_code(leader, SchoolLevel.TIEU_HOC)
    codes.sort(key=lambda code: code != leader_code)
    return {"name": name, "leader": leader_code, "deputy": school_code(deputy, SchoolLevel.TIEU_HOC),
            "members": codes}


def _demo_tree() -> tuple[list[_UnitSpec], list[_SchoolPlan]]:
    """The tree as it stood before 01/07/2025; :func:`_reform_2025` then reorganises it through the
    org services, so the history is written the way an officer would write it."""
    city = "Thành phố Hồ Chí Minh"
    units = [
        _UnitSpec("BGDDT", "Bộ Giáo dục và Đào tạo", "bo-gddt", None, short_name="BGDĐT", place_name="Hà Nội"),
        _UnitSpec("UBND-HCM", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "ubnd-tinh", None, short_name="UBND",
                  place_name=city),
        _UnitSpec(SO_CODE, "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "so-gddt", "UBND-HCM",
                  short_name="SGDĐT", place_name=city, address="66-68 Lê Thánh Tôn, phường Sài Gòn, " + city),
        _UnitSpec(UBND_Q1_CODE, "Ủy ban nhân dân Quận 1", "ubnd-huyen", "UBND-HCM", short_name="UBND",
                  place_name="Quận 1"),
        _UnitSpec(PHONG_CODE, "Phòng Giáo dục và Đào tạo Quận 1", "phong-gddt", UBND_Q1_CODE, short_name="GDĐT",
                  place_name="Quận 1", address="Quận 1, " + city),
    ]  # fmt: skip
    for code, stem in OLD_WARDS:
        units.append(_UnitSpec(code, f"Ủy ban nhân dân phường {stem}", "ubnd-xa", UBND_Q1_CODE, short_name="UBND",
                               place_name="Quận 1"))
    plans = []
    for stem, level, founded in DEMO_SCHOOLS:
        code = school_code(stem, level)
        school = _UnitSpec(code, f"{_LEVEL_PREFIX[level]} {stem}", _LEVEL_TYPE[level], PHONG_CODE,
                           school_level=level, place_name="Quận 1", founded_on=founded,
                           address="Quận 1, " + city)
        subunits, plan = _school_subunits(random.Random(f"{DEMO_SEED}:{code}:groups"), school)
        units.append(school)
        units.extend(subunits)
        plans.append(plan)
    for stem, level, founded in DEMO_THPT:
        code = _thpt_code(stem)
        school = _UnitSpec(code, f"{_LEVEL_PREFIX[level]} {stem}", _LEVEL_TYPE[level], SO_CODE,
                           school_level=level, place_name=city, founded_on=founded, address="Quận 1, " + city)
        subunits, plan = _school_subunits(random.Random(f"{DEMO_SEED}:{code}:groups"), school)
        units.append(school)
        units.extend(subunits)
        plans.append(plan)
    return units, plans


# --------------------------------------------------------------------------
# People: names, birth dates and careers
# --------------------------------------------------------------------------


class _StaffMaker:
    """Invents staff (cán bộ, giáo viên, nhân viên) and their quá trình công tác."""

    def __init__(self, today: dt.date):
        self.today = today
        self.year_start = dt.date(current_school_year_start(today), 9, 1)

    def person(self, rng: random.Random, *, female_share: float, age: tuple[int, int],
               gender: str | None = None) -> _PersonSpec:
        gender = gender or (Gender.FEMALE if rng.random() < female_share else Gender.MALE)
        family = rng.choices(_FAMILY_NAMES, cum_weights=_FAMILY_CUM)[0]
        if gender == Gender.FEMALE:
            middle = rng.choices(_MIDDLE_F, cum_weights=_MIDDLE_F_CUM)[0]
            given = rng.choice(_GIVEN_FEMALE)
            while middle.rsplit(" ", 1)[-1] == given:
                given = rng.choice(_GIVEN_FEMALE)
        else:
            middle = rng.choices(_MIDDLE_M, cum_weights=_MIDDLE_M_CUM)[0]
            given = rng.choice(_GIVEN_MALE)
            while middle.rsplit(" ", 1)[-1] == given:
                given = rng.choice(_GIVEN_MALE)
        years = rng.randint(*age)
        birth = dt.date(self.year_start.year - years, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        return _PersonSpec(family, middle, given, str(gender), birth)

    def career(self, rng: random.Random, spec: _PersonSpec, *, unit_code: str, position: str, note: str = "",
               max_years: float = 24, recent_share: float = 0.035, earlier_share: float = 0.12,
               earlier_units: list[str] | tuple[str, ...] = (), earlier_position: str = Position.GIAO_VIEN) -> None:
        """The current post (started 1–``max_years`` years ago, or ~3 % within the
        current school year) and, for ~10 %, an earlier post elsewhere that ended
        before it."""
        earliest = _add_years(spec.birth_date, 22)
        if recent_share and rng.random() < recent_share:
            span = max(0, (self.today - self.year_start).days)
            start = self.year_start + dt.timedelta(days=rng.randint(0, span))
        else:
            working_years = (self.today - earliest).days / 365.25
            years = rng.uniform(1.0, max(1.0, min(max_years, working_years - 0.5)))
            start = self.today - dt.timedelta(days=int(years * 365.25))
            if rng.random() < 0.7:  # most appointments take effect with the school year
                start = _year_start_of(start)
            start = max(start, min(earliest, self.today))
        spec.posts.append(_Post(unit_code, position, start, None, note))
        if earlier_units and rng.random() < earlier_share:
            end = start - dt.timedelta(days=rng.randint(1, 60))
            begin = _year_start_of(end - dt.timedelta(days=int(rng.uniform(1.0, 10.0) * 365.25)))
            if earliest <= begin <= end:
                spec.posts.append(_Post(rng.choice(earlier_units), earlier_position, begin, end, ""))

    def school_staff(self, rng: random.Random, plan: _SchoolPlan, size: int,
                     peers: list[_SchoolPlan]) -> list[_PersonSpec]:
        """``size`` people for one school: hiệu trưởng, phó hiệu trưởng, a tổ trưởng
        (and tổ phó in big groups) per tổ, giáo viên in the tổ chuyên môn and
        nhân viên in the tổ văn phòng."""
        level = plan.level
        female = _FEMALE_SHARE.get(level, 0.6)
        others = [p for p in peers if p.code != plan.code] or [plan]
        other_schools = [p.code for p in others]
        other_groups = [code for p in others for code, _ in p.groups]
        other_offices = [p.office_code for p in others]
        people: list[_PersonSpec] = []

        head = self.person(rng, female_share=female, age=(45, 58))
        self.career(rng, head, unit_code=plan.code, position=Position.HIEU_TRUONG, max_years=10, recent_share=0,
                    earlier_units=other_schools, earlier_position=Position.PHO_HIEU_TRUONG)
        people.append(head)

        if level == SchoolLevel.MAM_NON:
            n_deputy = rng.randint(1, 2)
        elif level == SchoolLevel.THPT and size >= 100:
            n_deputy = 3
        else:
            n_deputy = 2 if size >= 30 else 1
        n_deputy = min(n_deputy, max(0, size - 1))
        office_share = 0.2 if level == SchoolLevel.MAM_NON else 0.13
        n_office = min(max(1, round(size * office_share)), max(0, size - 1 - n_deputy))
        n_teachers = size - 1 - n_deputy - n_office

        deputy_notes = ["Phụ trách chuyên môn", "Phụ trách cơ sở vật chất", "Phụ trách hoạt động ngoài giờ"]
        for i in range(n_deputy):
            deputy = self.person(rng, female_share=female, age=(38, 56))
            self.career(rng, deputy, unit_code=plan.code, position=Position.PHO_HIEU_TRUONG, max_years=12,
                        recent_share=0.01, note=deputy_notes[i % len(deputy_notes)], earlier_units=other_groups,
                        earlier_position=Position.GIAO_VIEN)
            people.append(deputy)

        groups = plan.groups
        for g, (group_code, notes) in enumerate(groups):
            count = n_teachers // len(groups) + (1 if g < n_teachers % len(groups) else 0)
            for k in range(count):
                if k == 0:
                    position, age, max_years = Position.TO_TRUONG, (32, 56), 12
                elif k == 1 and count >= 8:
                    position, age, max_years = Position.TO_PHO, (28, 55), 10
                else:
                    position, age, max_years = Position.GIAO_VIEN, (23, 58), 24
                teacher = self.person(rng, female_share=female, age=age)
                note = rng.choice(notes)
                if level == SchoolLevel.MAM_NON and note.startswith("Lớp"):
                    note = f"{note} {rng.randint(1, 4)}"
                self.career(rng, teacher, unit_code=group_code, position=position, note=note, max_years=max_years,
                            recent_share=0.035 if position == Position.GIAO_VIEN else 0,
                            earlier_units=other_groups)
                people.append(teacher)

        jobs = _OFFICE_JOBS.get(level, _OFFICE_JOBS[""])
        for k in range(n_office):
            job = jobs[k % len(jobs)] if k < len(jobs) else rng.choice(jobs)
            gender = Gender.MALE if job == "Bảo vệ" else (Gender.FEMALE if job in ("Cấp dưỡng", "Bảo mẫu") else None)
            worker = self.person(rng, female_share=female, age=(23, 58), gender=gender)
            self.career(rng, worker, unit_code=plan.office_code,
                        position=Position.TO_TRUONG if k == 0 else Position.NHAN_VIEN, note=job,
                        earlier_units=other_offices, earlier_position=Position.NHAN_VIEN)
            people.append(worker)
        return people


def _national_id(province: str, spec: _PersonSpec, index: int) -> str:
    """A 12-digit CCCD-shaped number: province, century/gender digit, birth year
    and six digits that are a bijection of ``index`` (so distinct for distinct
    indexes below 1,000,000)."""
    digit = (0 if spec.birth_date.year < 2000 else 2) + (1 if spec.gender == Gender.FEMALE else 0)
    tail = (index * 7919 + 104729) % 1_000_000
    return f"{province}{digit}{spec.birth_date.year % 100:02d}{tail:06d}"


# Named staff of the offices, before and after the reform. Names are invented (REFORM_2025.md: the demo
# uses no real official's name). A post without an end date at the Phòng GD&ĐT Quận 1 is carried to
# the ward's Phòng Văn hóa – Xã hội by the dissolution of the Phòng (tdkt.org.services.unit_dissolve);
# the others ended on 30/06/2025, one of them continuing at the Sở.
_LAST_DAY = REFORM_DAY - dt.timedelta(days=1)
_OFFICE_NAMED: list[tuple[str, str, str, str, dt.date, str, list[tuple[str, str, dt.date, dt.date | None, str]]]] = [
    # family, middle, given, gender, birth date, email, posts: (unit, position, start, end, note)
    ("Phan", "Minh", "Tâm", Gender.MALE, _D(1968, 5, 12), "",
     [(PHONG_CODE, Position.TRUONG_PHONG, _D(2016, 9, 1), _LAST_DAY, "")]),
    ("Lâm", "Quốc", "Cường", Gender.MALE, _D(1982, 7, 2), "lqcuong.saigon@tphcm.gov.vn",
     [(PHONG_CODE, Position.CHUYEN_VIEN, _D(2014, 9, 1), None, "Phụ trách chung công tác thi đua, khen thưởng")]),
    ("Đỗ", "Thị Thanh", "Trang", Gender.FEMALE, _D(1985, 11, 20), "",
     [(PHONG_CODE, Position.CHUYEN_VIEN, _D(2017, 9, 1), None, "Phụ trách thi đua, khen thưởng cấp mầm non")]),
    ("Nguyễn", "Anh", "Dũng", Gender.MALE, _D(1980, 3, 9), "",
     [(PHONG_CODE, Position.CHUYEN_VIEN, _D(2015, 9, 1), None, "Phụ trách thi đua, khen thưởng cấp tiểu học")]),
    ("Nguyễn", "Thị", "Thúy", Gender.FEMALE, _D(1978, 12, 5), "",
     [(PHONG_CODE, Position.CHUYEN_VIEN, _D(2012, 9, 1), _LAST_DAY,
       "Phụ trách thi đua, khen thưởng cấp trung học cơ sở"),
      (SO_CODE, Position.CHUYEN_VIEN, REFORM_DAY, None, "Phụ trách thi đua, khen thưởng cấp trung học phổ thông")]),
    ("Lê", "Thanh", "Hải", Gender.MALE, _D(1976, 2, 14), "",
     [(VHXH_CODE, Position.TRUONG_PHONG, REFORM_DAY, None, "Trưởng phòng Văn hóa – Xã hội")]),
    ("Hồ", "Thị Mỹ", "Linh", Gender.FEMALE, _D(1990, 8, 22), "",
     [(VHXH_CODE, Position.CHUYEN_VIEN, REFORM_DAY, None, "Phụ trách thi đua, khen thưởng cấp trung học cơ sở")]),
    ("Trần", "Minh", "Triết", Gender.MALE, _D(1970, 10, 3), "",
     [(SO_CODE, Position.GIAM_DOC, REFORM_DAY, None, "")]),
    ("Võ", "Thị Ngọc", "Hà", Gender.FEMALE, _D(1983, 4, 17), "",
     [(SO_CODE, Position.CHUYEN_VIEN, _D(2012, 9, 1), None, "Phụ trách công tác thi đua, khen thưởng")]),
]  # fmt: skip
_OFFICE_OTHERS = [
    (Position.PHO_TRUONG_PHONG, "Phụ trách mầm non, tiểu học", (42, 56)),
    (Position.PHO_TRUONG_PHONG, "Phụ trách trung học cơ sở", (42, 56)),
    (Position.CHUYEN_VIEN, "Tổ chức cán bộ", (30, 55)),
    (Position.CHUYEN_VIEN, "Kế hoạch – tài chính", (30, 55)),
    (Position.NHAN_VIEN, "Văn thư", (25, 55)),
]
# The ward's chairman signs its decisions; Position has no "Chủ tịch UBND" yet, so the login carries
# the name and the decisions name the signer.
WARD_CHAIRMAN = "Lý Minh Khôi"


def _demo_people(plans: list[_SchoolPlan], today: dt.date) -> list[_PersonSpec]:
    """Everyone of the demo, in a fixed order; the first (the Phòng's trưởng phòng, fixed birth
    date) marks "people already loaded"."""
    maker = _StaffMaker(today)
    rng = random.Random(f"{DEMO_SEED}:office")
    people: list[_PersonSpec] = []
    for family, middle, given, gender, birth, email, posts in _OFFICE_NAMED:
        spec = _PersonSpec(family, middle, given, str(gender), birth, email=email)
        spec.posts = [_Post(u, p, s, e, n) for u, p, s, e, n in posts if s <= today]
        if spec.posts:
            people.append(spec)
    for position, note, age in _OFFICE_OTHERS:
        spec = maker.person(rng, female_share=0.55, age=age)
        maker.career(rng, spec, unit_code=PHONG_CODE, position=position, note=note, max_years=15, recent_share=0,
                     earlier_share=0)
        for post in spec.posts:  # they left with the Phòng (to other wards or the Sở, outside the demo)
            post.start = min(post.start, _LAST_DAY - dt.timedelta(days=365))
            post.end = _LAST_DAY if today > _LAST_DAY else None
        people.append(spec)

    by_level: dict[str, list[_SchoolPlan]] = {}
    for plan in plans:
        by_level.setdefault(plan.level, []).append(plan)
    dth = school_code("Đinh Tiên Hoàng", SchoolLevel.TIEU_HOC)
    for plan in plans:
        rng = random.Random(f"{DEMO_SEED}:{plan.code}")
        size = rng.randint(*_DEMO_SIZES[plan.level])
        staff = maker.school_staff(rng, plan, size, by_level[plan.level])
        if plan.code == dth:
            # "Nguyễn Văn An", a teacher of tổ 1, for search demos and the giaovien.dth login.
            first_group = plan.groups[0][0]
            an = next(s for s in staff if s.posts[0].unit_code == first_group and s.posts[0].position == Position.GIAO_VIEN)
            an.family, an.middle, an.given, an.gender = "Nguyễn", "Văn", "An", str(Gender.MALE)
            # a long career at the school, so his history spans the years before and after the reform
            an.posts = [an.posts[0]]
            an.posts[0].start = min(an.posts[0].start, dt.date(2015, 9, 1))
        people.extend(staff)
    for index, spec in enumerate(people):
        spec.national_id = _national_id(DEMO_PROVINCE, spec, index)
    return people


@functools.cache
def _derived_names(family: str, middle: str, given: str) -> tuple[str, str]:
    """sort_name and search_name exactly as Person.refresh_derived() computes them."""
    person = Person(family_name=family, middle_name=middle, given_name=given)
    person.refresh_derived()
    return person.sort_name, person.search_name


def _insert_people(specs: list[_PersonSpec], unit_ids: dict[str, int]) -> tuple[int, int]:
    """bulk_create the people not yet present (by national ID) and their employments."""
    ids = [s.national_id for s in specs]
    existing: set[str | None] = set()
    for i in range(0, len(ids), 900):
        existing.update(Person.objects.filter(national_id__in=ids[i : i + 900]).values_list("national_id", flat=True))
    new_specs = [s for s in specs if s.national_id not in existing]
    persons = []
    for s in new_specs:
        sort_name, search_name = _derived_names(s.family, s.middle, s.given)
        persons.append(Person(
            family_name=s.family, middle_name=s.middle, given_name=s.given, birth_date=s.birth_date, gender=s.gender,
            national_id=s.national_id, email=s.email, sort_name=sort_name, search_name=search_name,
        ))  # fmt: skip
    Person.objects.bulk_create(persons, batch_size=BATCH_SIZE)
    if any(p.pk is None for p in persons):  # databases that cannot return ids from a bulk insert
        pks: dict[str | None, int] = {}
        for i in range(0, len(persons), 900):
            chunk = [p.national_id for p in persons[i : i + 900]]
            pks.update(Person.objects.filter(national_id__in=chunk).values_list("national_id", "pk"))
        for p in persons:
            p.pk = pks[p.national_id]
    employments = [
        Employment(person_id=person.pk, unit_id=unit_ids[post.unit_code], position=post.position,
                   title_note=post.note, start_date=post.start, end_date=post.end)
        for person, spec in zip(persons, new_specs, strict=True)
        for post in spec.posts
    ]  # fmt: skip
    Employment.objects.bulk_create(employments, batch_size=BATCH_SIZE)
    return len(persons), len(employments)


# --------------------------------------------------------------------------
# Demo logins (tài khoản demo)
# --------------------------------------------------------------------------

_DTH = school_code("Đinh Tiên Hoàng", SchoolLevel.TIEU_HOC)
_NBK = school_code("Nguyễn Bỉnh Khiêm", SchoolLevel.TIEU_HOC)  # in the ward's cụm with Đinh Tiên Hoàng
_TUOITHO = school_code("Tuổi Thơ", SchoolLevel.MAM_NON)
_SONCA = school_code("Sơn Ca", SchoolLevel.MAM_NON)
_LTV = _thpt_code("Lương Thế Vinh")

# username, roles, unit, school levels, Vietnamese label, English label,
# and how to find the person: (unit code of the post, position, name or None, nth match).
# Scheme: <role>.<unit>, the unit as a short readable stem (saigon, sgddt, dth, nbk, tuoitho, ltv).
_LOGINS = [
    ("quantri", [Role.ADMIN], "UBND-HCM", [], "Quản trị hệ thống", "System administrator", None),
    # The ward: its chairman decides LĐTT, CSTĐCS, TTLĐTT and Giấy khen (NĐ 129/2025 art. 59); the Phòng
    # Văn hóa – Xã hội does the work, its officers hold their roles on the UBND phường so they reach its schools.
    ("chutich.saigon", [Role.HEAD], WARD_CODE, [], "Chủ tịch UBND phường (người ký quyết định)",
     "Ward chairman (signs the decisions)", None),
    ("tdkt.saigon", [Role.TDKT_OFFICER], WARD_CODE, [], "Cán bộ phụ trách TĐKT của phường (Phòng Văn hóa – Xã hội)",
     "Ward TĐKT officer (Culture and Social Affairs Office)", (VHXH_CODE, Position.CHUYEN_VIEN, ("Lâm", "Quốc", "Cường"))),
    ("chuyenvien.mn.saigon", [Role.SPECIALIST], WARD_CODE, [SchoolLevel.MAM_NON], "Chuyên viên thi đua cấp mầm non",
     "Preschool specialist", (VHXH_CODE, Position.CHUYEN_VIEN, ("Đỗ", "Thị Thanh", "Trang"))),
    ("chuyenvien.th.saigon", [Role.SPECIALIST], WARD_CODE, [SchoolLevel.TIEU_HOC], "Chuyên viên thi đua cấp tiểu học",
     "Primary school specialist", (VHXH_CODE, Position.CHUYEN_VIEN, ("Nguyễn", "Anh", "Dũng"))),
    ("chuyenvien.thcs.saigon", [Role.SPECIALIST], WARD_CODE, [SchoolLevel.THCS], "Chuyên viên thi đua cấp THCS",
     "Lower secondary specialist", (VHXH_CODE, Position.CHUYEN_VIEN, ("Hồ", "Thị Mỹ", "Linh"))),
    # The Sở: upper secondary schools and its own units.
    ("giamdoc.sgddt", [Role.HEAD], SO_CODE, [], "Giám đốc Sở GD&ĐT (người ký quyết định)",
     "Director of the provincial department", (SO_CODE, Position.GIAM_DOC, ("Trần", "Minh", "Triết"))),
    ("tdkt.sgddt", [Role.TDKT_OFFICER], SO_CODE, [], "Cán bộ phụ trách TĐKT của Sở", "TĐKT officer of the department",
     (SO_CODE, Position.CHUYEN_VIEN, ("Võ", "Thị Ngọc", "Hà"))),
    ("chuyenvien.thpt.sgddt", [Role.SPECIALIST], SO_CODE, [SchoolLevel.THPT], "Chuyên viên thi đua cấp THPT của Sở",
     "Upper secondary specialist", (SO_CODE, Position.CHUYEN_VIEN, ("Nguyễn", "Thị", "Thúy"))),
    # Tiểu học Đinh Tiên Hoàng: the whole council has logins (chair, secretary, three members).
    ("hieutruong.dth", [Role.HEAD, Role.CLUSTER_LEADER], _DTH, [], "Hiệu trưởng, Chủ tịch Hội đồng TĐKT, cụm trưởng",
     "Principal, council chair, cluster leader", (_DTH, Position.HIEU_TRUONG, None)),
    ("tdkt.dth", [Role.TDKT_OFFICER], _DTH, [], "Cán bộ phụ trách TĐKT của trường, Thư ký Hội đồng",
     "TĐKT officer of the school, council secretary", (_DTH, Position.PHO_HIEU_TRUONG, None)),
    ("hoidong1.dth", [Role.COUNCIL_MEMBER], _DTH, [], "Ủy viên Hội đồng TĐKT (tổ trưởng)",
     "Council member (head of a subject group)", (f"{_DTH}-TO1", Position.TO_TRUONG, None)),
    ("hoidong2.dth", [Role.COUNCIL_MEMBER], _DTH, [], "Ủy viên Hội đồng TĐKT (tổ trưởng)",
     "Council member (head of a subject group)", (f"{_DTH}-TO2", Position.TO_TRUONG, None)),
    ("hoidong3.dth", [Role.COUNCIL_MEMBER], _DTH, [], "Ủy viên Hội đồng TĐKT (giáo viên)", "Council member (teacher)",
     (f"{_DTH}-TO2", Position.GIAO_VIEN, None)),
    ("giaovien.dth", [Role.STAFF], _DTH, [], "Giáo viên", "Teacher",
     (f"{_DTH}-TO1", Position.GIAO_VIEN, ("Nguyễn", "Văn", "An"))),
    ("tdkt.nbk", [Role.TDKT_OFFICER], _NBK, [], "Cán bộ phụ trách TĐKT (trường cùng cụm)",
     "TĐKT officer of a school in the same cluster", (_NBK, Position.PHO_HIEU_TRUONG, None)),
    ("tdkt.tuoitho", [Role.TDKT_OFFICER], _TUOITHO, [], "Cán bộ phụ trách TĐKT (trường mầm non)",
     "TĐKT officer of a preschool", (_TUOITHO, Position.PHO_HIEU_TRUONG, None)),
    ("tdkt.sonca", [Role.TDKT_OFFICER], _SONCA, [], "Cán bộ phụ trách TĐKT (trường mầm non khác)",
     "TĐKT officer of another preschool", (_SONCA, Position.PHO_HIEU_TRUONG, None)),
    ("tdkt.ltv", [Role.TDKT_OFFICER], _LTV, [], "Cán bộ phụ trách TĐKT (trường THPT thuộc Sở)",
     "TĐKT officer of an upper secondary school", (_LTV, Position.PHO_HIEU_TRUONG, None)),
]  # fmt: skip

_UNIT_NAMES = {
    "UBND-HCM": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    WARD_CODE: "Ủy ban nhân dân phường Sài Gòn",
    SO_CODE: "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    _DTH: "Trường Tiểu học Đinh Tiên Hoàng",
    _NBK: "Trường Tiểu học Nguyễn Bỉnh Khiêm",
    _TUOITHO: "Trường Mầm non Tuổi Thơ",
    _SONCA: "Trường Mầm non Sơn Ca",
    _LTV: "Trường THPT Lương Thế Vinh",
}


def demo_logins() -> list[dict]:
    """The demo logins (tài khoản demo): username, password, role_vi, role_en,
    unit (name), unit_code and roles, in the order they are printed."""
    return [
        {"username": username, "password": DEMO_PASSWORD, "role_vi": role_vi, "role_en": role_en,
         "unit": _UNIT_NAMES[unit_code], "unit_code": unit_code, "roles": [str(r) for r in roles],
         "school_levels": [str(level) for level in levels], "superuser": username == "quantri"}
        for username, roles, unit_code, levels, role_vi, role_en, _ in _LOGINS
    ]  # fmt: skip


def _find_login_person(lookup) -> Person | None:
    if lookup is None:
        return None
    unit_code, position, name = lookup
    qs = Employment.objects.filter(unit__code=unit_code, position=position, end_date__isnull=True,
                                   person__user__isnull=True)
    if name:
        qs = qs.filter(person__family_name=name[0], person__middle_name=name[1], person__given_name=name[2])
    else:  # "Nguyễn Văn An" has his own login
        qs = qs.exclude(person__family_name="Nguyễn", person__middle_name="Văn", person__given_name="An")
    employment = qs.select_related("person").order_by("id").first()
    return employment.person if employment else None


def _ensure_logins(units: dict[str, Unit], created: dict[str, int]) -> None:
    password_hash = None
    for username, roles, unit_code, levels, role_vi, _role_en, lookup in _LOGINS:
        user = User.objects.filter(username=username).first()
        person = None if user is not None and hasattr(user, "person") else _find_login_person(lookup)
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)  # one slow hash per run
            superuser = username == "quantri"
            display = person.full_name if person else (WARD_CHAIRMAN if username == "chutich.saigon" else role_vi)
            user = User(username=username, password=password_hash, display_name=display,
                        is_superuser=superuser, is_staff=superuser, email=(person.email if person else ""))
            user.save()
            created["users"] += 1
        for role in roles:
            _, made = Membership.objects.get_or_create(
                user=user, unit=units[unit_code], role=role, defaults={"school_levels": [str(x) for x in levels]}
            )
            created["memberships"] += int(made)
        if person is not None and person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user"])
            created["person_links"] += 1


# --------------------------------------------------------------------------
# build_demo
# --------------------------------------------------------------------------


def _school_years(count: int, today: dt.date, created: dict[str, int]) -> list[SchoolYear]:
    current = current_school_year_start(today)
    years = []
    for start_year in range(current - count + 1, current + 1):
        existed = SchoolYear.objects.filter(start_year=start_year).exists()
        years.append(school_year_get_or_create(actor=DEMO, start_year=start_year))
        created["school_years"] += int(not existed)
    return years


def _reform_2025_map(units: dict[str, Unit], types: dict[str, UnitType], created: dict[str, int]) -> None:
    """01/07/2025 through the org services, each with its act: the three wards become phường Sài Gòn,
    its Phòng Văn hóa – Xã hội is set up, the schools move from the Phòng GD&ĐT Quận 1 to the ward."""
    if not Unit.objects.filter(code=WARD_CODE).exists():
        day = REFORM_DAY
        nq1685 = UnitDecision(
            number="1685/NQ-UBTVQH15", date=dt.date(2025, 6, 16), issuer="Ủy ban Thường vụ Quốc hội",
            effective_date=day,
            note="Điều 1 khoản 1: phường Sài Gòn gồm toàn bộ phường Bến Nghé và một phần các phường Đa Kao, "
                 "Nguyễn Thái Bình (phần còn lại thuộc phường Tân Định, phường Bến Thành).")
        unit_merge(actor=DEMO, sources=[units[code] for code, _ in OLD_WARDS], decision=nq1685,
                   new_unit=NewUnit(code=WARD_CODE, name="Ủy ban nhân dân phường Sài Gòn",
                                    parent=units["UBND-HCM"], unit_type=types["ubnd-xa"], short_name="UBND"))
        ward = Unit.objects.get(code=WARD_CODE)
        ward.place_name, ward.address = "Phường Sài Gòn", "Phường Sài Gòn, Thành phố Hồ Chí Minh"
        ward.save(update_fields=["place_name", "address"])
        unit_create(
            actor=DEMO, parent=ward, code=VHXH_CODE, name="Phòng Văn hóa – Xã hội phường Sài Gòn",
            unit_type=types["phong-vhxh"], short_name="VHXH", place_name="Phường Sài Gòn", active_from=day,
            note="Tham mưu UBND phường quản lý giáo dục mầm non, tiểu học, THCS (TT 15/2025/TT-BGDĐT).")
        nd142 = UnitDecision(
            number="142/2025/NĐ-CP", date=dt.date(2025, 6, 12), issuer="Chính phủ", effective_date=day,
            note="Trường mầm non, tiểu học, THCS do UBND cấp xã quản lý từ 01/07/2025 (sửa đổi NĐ 125/2024/NĐ-CP).")
        for stem, level, _ in DEMO_SCHOOLS:
            unit_transfer(actor=DEMO, unit=Unit.objects.get(code=school_code(stem, level)), new_parent=ward,
                          decision=nd142)
        created["reorganisations"] += 1 + len(DEMO_SCHOOLS)
        created["units"] += 2
    units[WARD_CODE] = Unit.objects.get(code=WARD_CODE)
    units[VHXH_CODE] = Unit.objects.get(code=VHXH_CODE)


def _reform_2025_close(units: dict[str, Unit], created: dict[str, int]) -> None:
    """The Phòng GD&ĐT Quận 1 closes on 30/06/2025, its open posts carried to the ward's Phòng VH-XH
    (its successor for these schools), and UBND Quận 1 ends with the district level."""
    nq203 = UnitDecision(number="203/2025/QH15", date=dt.date(2025, 6, 16), issuer="Quốc hội",
                         effective_date=REFORM_DAY, note="Đơn vị hành chính cấp huyện kết thúc hoạt động từ 01/07/2025.")
    for code, successor in ((PHONG_CODE, units[VHXH_CODE]), (UBND_Q1_CODE, None)):
        unit = Unit.objects.get(code=code)
        if unit.active_to is None:
            unit_dissolve(actor=DEMO, unit=unit, decision=nq203, successor=successor)
            created["reorganisations"] += 1
        units[code] = Unit.objects.get(code=code)


def _clusters(years: list[SchoolYear], units: dict[str, Unit], created: dict[str, int]) -> None:
    """Khối of the Phòng GD&ĐT Quận 1 for years that began before the reform, the ward's cụm after."""
    for year in years:
        if year.start_date < REFORM_DAY:
            plans = [(units[PHONG_CODE], ClusterKind.KHOI, k["name"], k["school_level"], k["leader"], k["members"],
                      (k["members"][1:] or k["members"])[year.start_year % max(1, len(k["members"]) - 1)])
                     for k in demo_khoi_plan()]
        else:
            cum = demo_cum_plan()
            plans = [(units[WARD_CODE], ClusterKind.CUM, cum["name"], "", cum["leader"], cum["members"],
                      cum["deputy"])]
        for organizer, kind, name, level, leader, members, deputy in plans:
            cluster = Cluster.objects.filter(school_year=year, organizer=organizer, name=name).first()
            if cluster is None:
                cluster = Cluster.objects.create(school_year=year, organizer=organizer, kind=kind, name=name,
                                                 school_level=level, leader=units[leader], deputy=units[deputy])
                created["clusters"] += 1
            for code in members:
                if not ClusterMember.objects.filter(unit=units[code], school_year=year, kind=kind).exists():
                    ClusterMember.objects.create(cluster=cluster, unit=units[code], school_year=year, kind=kind)
                    created["cluster_members"] += 1


def build_demo(*, years: int = DEMO_YEARS, today: dt.date | None = None) -> dict[str, int]:
    """Build (or complete) the demo ward of phường Sài Gòn with its history; returns what was created.

    Idempotent: units are keyed on their codes, school years on their start
    year, clusters on (year, organizer, name), people on their national IDs
    and logins on their usernames, so a second run creates nothing.
    """
    if years < 1:
        raise DemoError("Số năm học phải lớn hơn 0.")
    today = today or timezone.localdate()
    created = dict.fromkeys(
        ["units", "reorganisations", "school_years", "clusters", "cluster_members", "persons", "employments",
         "users", "memberships", "person_links"], 0,
    )  # fmt: skip
    unit_specs, plans = _demo_tree()
    with transaction.atomic():
        load_unit_types()
        types = {t.code: t for t in UnitType.objects.all()}
        units: dict[str, Unit] = {}
        for spec in unit_specs:
            unit = Unit.objects.filter(code=spec.code).first()
            if unit is None:
                parent = Unit.objects.get(code=spec.parent_code) if spec.parent_code else None
                unit = unit_create(
                    actor=DEMO, parent=parent, code=spec.code,
                    name=spec.name, unit_type=types[spec.type_code], short_name=spec.short_name,
                    school_level=spec.school_level, address=spec.address, place_name=spec.place_name,
                    founded_on=spec.founded_on,
                )  # fmt: skip
                created["units"] += 1
            units[spec.code] = unit

        # The map of 01/07/2025 first (the ward's office employs some of the people), then the
        # people, then the Phòng closes and carries its open posts to its successor.
        _reform_2025_map(units, types, created)
        people = _demo_people(plans, today)
        if not Person.objects.filter(national_id=people[0].national_id).exists():
            unit_ids = {code: unit.pk for code, unit in units.items()}
            created["persons"], created["employments"] = _insert_people(people, unit_ids)
        _reform_2025_close(units, created)
        units = {u.code: u for u in Unit.objects.filter(code__in=[*units, WARD_CODE, VHXH_CODE])}
        _clusters(_school_years(years, today, created), units, created)
        _ensure_logins(units, created)

        if any(created.values()):
            audit_record(actor=DEMO, event_type="demo.loaded", target=units[WARD_CODE], unit=units[WARD_CODE],
                         data={"kind": "ward", **created}, reason="tdkt demo")
    return created


# --------------------------------------------------------------------------
# build_scale: a province-shaped tree for benchmarks, with bulk inserts
# --------------------------------------------------------------------------

SCALE_ROOT_CODE = "DEMO-UBND"
STAFF_PER_SCHOOL = 170  # keeps the tree at about N/35 units (schools and their tổ)
STAFF_PER_COMMUNE = 950
_ALPHABET = Unit.alphabet
_COMMUNE_STEMS = (
    "An Bình", "An Hòa", "An Phú", "Bình An", "Bình Minh", "Đông Hòa", "Hòa Hiệp", "Hòa Lợi", "Long Hưng",
    "Long Thành", "Phú Hòa", "Phước Long", "Tân An", "Tân Hiệp", "Tân Phú", "Thạnh Phú", "Thuận An",
    "Trung Hòa", "Vĩnh Phú", "Xuân Lộc", "Hiệp Phước", "Mỹ Thạnh", "Đức Hòa", "Cát Tiên", "Phú Mỹ",
)  # fmt: skip
_SCHOOL_STEMS = {
    SchoolLevel.MAM_NON: ("Hoa Sen", "Sơn Ca", "Họa Mi", "Hoa Hồng", "Tuổi Thơ", "Măng Non", "Vành Khuyên",
                          "Hướng Dương", "Sao Mai", "Bé Ngoan", "Hoa Mai", "Thỏ Ngọc"),
    SchoolLevel.TIEU_HOC: ("Lê Lợi", "Quang Trung", "Nguyễn Trãi", "Trần Phú", "Kim Đồng", "Võ Thị Sáu",
                           "Nguyễn Văn Trỗi", "Trần Quốc Toản", "Lê Văn Tám", "Hùng Vương", "Ngô Quyền",
                           "Nguyễn Huệ"),
    SchoolLevel.THCS: ("Nguyễn Du", "Chu Văn An", "Lê Quý Đôn", "Phan Bội Châu", "Lương Thế Vinh",
                       "Nguyễn Khuyến", "Hai Bà Trưng", "Lý Thường Kiệt"),
    SchoolLevel.THPT: ("Nguyễn Thị Minh Khai", "Lê Hồng Phong", "Trần Đại Nghĩa", "Phan Chu Trinh",
                       "Nguyễn Đình Chiểu", "Bùi Thị Xuân"),
}  # fmt: skip


def _step(index: int) -> str:
    """One treebeard path step: ``index`` (from 1) in base 36, four characters."""
    chars = []
    while index:
        index, rem = divmod(index, 36)
        chars.append(_ALPHABET[rem])
    step = "".join(reversed(chars)).rjust(Unit.steplen, _ALPHABET[0])
    if len(step) > Unit.steplen:
        raise DemoError("Quá nhiều đơn vị con dưới một đơn vị (tối đa 1.679.615).")
    return step


class _TreeBuilder:
    """Collects Unit rows with their materialised path, depth and numchild."""

    def __init__(self):
        self.rows: list[Unit] = []
        self.by_code: dict[str, Unit] = {}

    def add(self, parent: Unit | None, path: str | None = None, **values) -> Unit:
        if parent is not None:
            parent.numchild += 1
            path = parent.path + _step(parent.numchild)
        assert path is not None  # a root comes with its path, a child gets the next one
        unit = Unit(path=path, depth=len(path) // Unit.steplen, numchild=0, **values)
        self.rows.append(unit)
        self.by_code[unit.code] = unit
        return unit


def _scale_sizes(rng: random.Random, levels: Sequence[str], staff: int) -> list[int]:
    weight: dict[str, float] = {SchoolLevel.MAM_NON: 0.7, SchoolLevel.TIEU_HOC: 1.0, SchoolLevel.THCS: 1.2, SchoolLevel.THPT: 1.5}
    weights = [weight[level] * rng.uniform(0.8, 1.2) for level in levels]
    total = sum(weights)
    sizes = [int(staff * w / total) for w in weights]
    for i in range(staff - sum(sizes)):
        sizes[i % len(sizes)] += 1
    return sizes


def _scale_existing(root: Unit, staff: int) -> dict[str, int]:
    present = (
        Employment.objects.filter(unit__path__startswith=root.path, end_date__isnull=True)
        .values("person_id").distinct().count()
    )  # fmt: skip
    if present != staff:
        raise DemoError(
            f"Đã có cây dữ liệu thử hiệu năng «{root.name}» (mã {root.code}) với {format_count(present)} cán bộ; "
            f"không thể tạo thêm cây {format_count(staff)} cán bộ trong cùng cơ sở dữ liệu. Hãy dùng một cơ sở "
            f"dữ liệu mới (ví dụ đặt biến môi trường TDKT_VAR_DIR) hoặc chạy lại với --scale {present}."
        )
    return {"already_present": 1, "staff": present}


def build_scale(*, staff: int, years: int = SCALE_YEARS, today: dt.date | None = None) -> dict[str, int]:
    """Build a benchmark province with ``staff`` people, all by bulk inserts.

    Tree: UBND Tỉnh Demo → Sở GD&ĐT (THPT schools) and ~N/950 UBND xã (their
    mầm non, tiểu học, THCS schools) → 2–4 tổ chuyên môn and a tổ văn phòng
    per school, about N/35 units in all. Idempotent: if the tree already holds
    ``staff`` people nothing is written; a different size is refused.
    """
    if staff < 50 or staff > 999_999:
        raise DemoError("Số cán bộ (--scale) phải từ 50 đến 999.999.")
    if years < 1:
        raise DemoError("Số năm học (--years) phải lớn hơn 0.")
    today = today or timezone.localdate()
    created = {"school_years": 0}
    with transaction.atomic():
        load_unit_types()
        _school_years(years, today, created)
        root = Unit.objects.filter(code=SCALE_ROOT_CODE).first()
        if root is not None:
            return {**created, **_scale_existing(root, staff)}

        types = {t.code: t.pk for t in UnitType.objects.all()}
        rng = random.Random(f"{SCALE_SEED}:{staff}")
        n_schools = max(1, round(staff / STAFF_PER_SCHOOL))
        n_thpt = round(n_schools * 0.10)
        n_thcs = round(n_schools * 0.20)
        n_th = round(n_schools * 0.35)
        n_mn = max(0, n_schools - n_thpt - n_thcs - n_th)
        lower = [SchoolLevel.MAM_NON] * n_mn + [SchoolLevel.TIEU_HOC] * n_th + [SchoolLevel.THCS] * n_thcs
        n_communes = max(1, min(len(lower), round(staff / STAFF_PER_COMMUNE))) if lower else 0

        last_root = Unit.objects.get_last_root_node()
        root_path = last_root._inc_path() if last_root else Unit._get_path(None, 1, 1)
        tree = _TreeBuilder()
        place = "Tỉnh Demo"
        root = tree.add(None, path=root_path, code=SCALE_ROOT_CODE, name="Ủy ban nhân dân Tỉnh Demo",
                        short_name="UBND", unit_type_id=types["ubnd-tinh"], place_name=place,
                        note=f"Dữ liệu thử hiệu năng: {staff} cán bộ (tdkt demo --scale {staff}).")
        so = tree.add(root, code="DEMO-SGDDT", name="Sở Giáo dục và Đào tạo Tỉnh Demo", short_name="SGDĐT",
                      unit_type_id=types["so-gddt"], place_name=place)
        communes = []
        for c in range(n_communes):
            stem = _COMMUNE_STEMS[c % len(_COMMUNE_STEMS)]
            round_no = c // len(_COMMUNE_STEMS)
            kind = "phường" if c % 3 == 0 else "xã"
            name = f"{stem} {round_no + 1}" if round_no else stem
            communes.append(tree.add(root, code=f"DEMO-X{c + 1:04d}", name=f"Ủy ban nhân dân {kind} {name}",
                                     short_name="UBND", unit_type_id=types["ubnd-xa"],
                                     place_name=f"{kind.capitalize()} {name}"))

        # Schools: THPT under the Sở, the others spread over the communes.
        parents = [so] * n_thpt + [communes[i % n_communes] for i in range(len(lower))]
        levels = [SchoolLevel.THPT] * n_thpt + lower
        plans: list[_SchoolPlan] = []
        counters: dict[str, int] = {}
        for parent, level in zip(parents, levels, strict=True):
            counters[level] = counters.get(level, 0) + 1
            n = counters[level]
            stems = _SCHOOL_STEMS[level]
            stem = stems[(n - 1) % len(stems)]
            code = f"DEMO-{_LEVEL_CODE[level]}-{n:05d}"
            school = tree.add(parent, code=code, name=f"{_LEVEL_PREFIX[level]} {stem}", unit_type_id=types[_LEVEL_TYPE[level]],
                              school_level=level, place_name=parent.place_name, address=parent.name,
                              founded_on=dt.date(rng.randint(1960, 2015), 9, 5))
            specs, plan = _school_subunits(rng, _UnitSpec(code, school.name, "", None, school_level=level))
            for spec in specs:
                tree.add(school, code=spec.code, name=spec.name, unit_type_id=types[spec.type_code],
                         school_level=level, place_name=parent.place_name)
            plans.append(plan)

        Unit.objects.bulk_create(tree.rows, batch_size=BATCH_SIZE)
        unit_ids = dict(Unit.objects.filter(path__startswith=root_path).values_list("code", "pk"))

        maker = _StaffMaker(today)
        by_level: dict[str, list[_SchoolPlan]] = {}
        for plan in plans:
            by_level.setdefault(plan.level, []).append(plan)
        people: list[_PersonSpec] = []
        for plan, size in zip(plans, _scale_sizes(rng, levels, staff), strict=True):
            people.extend(maker.school_staff(rng, plan, size, by_level[plan.level]))
        for index, person_spec in enumerate(people):
            person_spec.national_id = _national_id(SCALE_PROVINCE, person_spec, index)
        n_persons, n_employments = _insert_people(people, unit_ids)

        created.update(units=len(tree.rows), schools=len(plans), communes=n_communes, persons=n_persons,
                       employments=n_employments)
        root = Unit.objects.get(pk=unit_ids[SCALE_ROOT_CODE])
        audit_record(actor=DEMO, event_type="demo.loaded", target=root, unit=root,
                     data={"kind": "scale", "staff": staff, **created}, reason=f"tdkt demo --scale {staff}")
    return created
