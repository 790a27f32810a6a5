"""Benchmark of the Excel import (docs/benchmarks.md, section "Excel import").

    DATABASE_URL=sqlite:////tmp/tdkt-bench-imports.sqlite3 .venv/bin/python bench/imports.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench_imports .venv/bin/python bench/imports.py \\
        --rows 10000 --small 1000 --kinds xep-loai,can-bo,khen-thuong,sang-kien

Use a database of its own: the first run migrates it, loads the reference data and adds a
district ("BENCH-IMP", 20 schools) with ``--rows`` teachers (bulk, without audit rows) and an
officer over it. Each measurement runs in a fresh process (peak RSS, VmHWM, is the import's
own): the check (``validate``) alone, then the commit (``commit``: the check again, writing
each chunk of rows through the set-wise services with their audit rows, in one transaction),
then the same file again (nothing to write). Kinds: ``xep-loai`` (a rating for every
teacher), ``khen-thuong`` (a Lao động tiên tiến for every teacher), ``sang-kien`` (an
initiative for every two teachers, two authors each) — each in a school year of its own per
size, emptied first, so every run writes every row — and ``can-bo`` (new people and their
posts; only the first run on a database writes them, later runs measure the "already on
file" path).

Target: 10,000 rows validated and committed ≤ 15 s per kind; memory flat (the peak for
10,000 rows within ~15 MB of the peak for 1,000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")  # a local measurement, on the demo's key

import django  # noqa: E402

django.setup()

ROOT_CODE = "BENCH-IMP"
SCHOOLS = 20
TEACHERS_SINCE = dt.date(2010, 9, 1)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Đức", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh", "Lan", "Linh", "Long",
         "Mai", "Minh", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
         "Uyên", "Vân", "Yến"]
RATINGS = ["HTXSNV", "HTTNV", "Hoàn thành tốt nhiệm vụ", "HTNV"]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def high_water_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _name(i: int) -> tuple[str, str, str]:
    return FAMILY[i % len(FAMILY)], MIDDLE[(i // 7) % len(MIDDLE)], GIVEN[(i // 3) % len(GIVEN)]


def _born(i: int) -> dt.date:
    return dt.date(1965, 1, 1) + dt.timedelta(days=(i * 37) % 12000)


def setup(rows: int) -> None:
    """The district, its teachers and the officer (idempotent; grows to ``rows`` teachers)."""
    from django.core.management import call_command

    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.org.models import Unit, UnitType
    from tdkt.org.reference import load_unit_types
    from tdkt.org.services import unit_create
    from tdkt.people.models import Employment, Person

    call_command("migrate", verbosity=0)
    from tdkt.eligibility.models import AwardType

    if not AwardType.objects.filter(code="lao-dong-tien-tien").exists():
        call_command("load_reference", verbosity=0)
    load_unit_types()
    types = {t.code: t for t in UnitType.objects.all()}
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        root = unit_create(actor=None, parent=None, code=ROOT_CODE, name="Phòng Giáo dục và Đào tạo Huyện Bench",
                           unit_type=types["phong-gddt"])
        for s in range(SCHOOLS):
            unit_create(actor=None, parent=root, code=f"{ROOT_CODE}-{s:02d}", name=f"Trường Tiểu học Bench {s:02d}",
                        unit_type=types["truong-th"])
    schools = list(Unit.objects.filter(code__startswith=f"{ROOT_CODE}-").order_by("code"))
    have = Employment.objects.filter(unit__in=schools, start_date=TEACHERS_SINCE).count()
    people = []
    for i in range(have, rows):
        family, middle, given = _name(i)
        p = Person(family_name=family, middle_name=middle, given_name=given, birth_date=_born(i))
        p.refresh_derived()
        people.append(p)
    Person.objects.bulk_create(people, batch_size=2000)
    Employment.objects.bulk_create(
        [Employment(person=p, unit=schools[(have + k) % SCHOOLS], position="giao_vien", start_date=TEACHERS_SINCE)
         for k, p in enumerate(people)], batch_size=2000)
    user, made = User.objects.get_or_create(username="bench_import", defaults={"display_name": "bench_import"})
    if made:
        Membership.objects.create(user=user, unit=root, role=Role.TDKT_OFFICER)


def ratings_file(rows: int, start_year: int) -> bytes:
    from openpyxl import Workbook


    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Xếp loại")
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Xếp loại", "Ghi chú"])
    for i, e in enumerate(_teachers(rows), 1):
        ws.append([i, e.person.full_name, e.person.birth_date.strftime("%d/%m/%Y"), e.unit.name if i % 2 else "",
                   f"{start_year}-{start_year + 1}", RATINGS[i % len(RATINGS)], ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _teachers(rows: int):
    from tdkt.people.models import Employment

    # the teachers setup() made, not the people a staff-list run imported
    return (Employment.objects.filter(unit__code__startswith=f"{ROOT_CODE}-", start_date=TEACHERS_SINCE)
            .select_related("person", "unit")
            .order_by("id")[:rows]).iterator()


def awards_file(rows: int, start_year: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng")
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm học", "Danh hiệu/Hình thức", "Số quyết định",
               "Ngày quyết định", "Cơ quan ban hành"])
    for i, e in enumerate(_teachers(rows), 1):
        ws.append([i, e.person.full_name, e.person.birth_date.strftime("%d/%m/%Y"), e.unit.name if i % 2 else "",
                   f"{start_year}-{start_year + 1}", "LĐTT" if i % 3 else "Lao động tiên tiến",
                   f"{100 + i // 50}/QĐ-BENCH", f"31/05/{start_year + 1}", "Phòng GD&ĐT Huyện Bench"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def initiatives_file(rows: int, start_year: int) -> bytes:
    """An initiative for every two teachers: two rows (authors) each, 50% and 50%."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sáng kiến")
    ws.append(["Tên sáng kiến", "Loại", "Năm học", "Tác giả", "Ngày sinh", "Đơn vị", "Tỷ lệ đóng góp (%)",
               "Phạm vi ảnh hưởng", "Cơ quan công nhận", "Số quyết định công nhận", "Ngày quyết định công nhận"])
    for i, e in enumerate(_teachers(rows)):
        ws.append([f"Giải pháp nâng cao chất lượng dạy học số {i // 2 + 1}", "Sáng kiến",
                   f"{start_year}-{start_year + 1}", e.person.full_name, e.person.birth_date.strftime("%d/%m/%Y"),
                   e.unit.name if i % 2 else "", 50, "Cấp cơ sở", "Phòng GD&ĐT Huyện Bench",
                   f"{i // 100 + 1}/QĐ-SK", f"20/05/{start_year + 1}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def staff_file(rows: int) -> bytes:
    """New people (other names than the teachers on file), national IDs of their own per size."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Cán bộ")
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Đơn vị", "Chức vụ",
               "Nhiệm vụ/Môn dạy", "Ngày bắt đầu công tác", "Thư điện tử", "Điện thoại"])
    for i in range(rows):
        family, middle, given = _name(i + 7)
        ws.append([f"{family} {middle} Mới {given}", _born(i).strftime("%d/%m/%Y"), "Nữ" if i % 2 else "Nam",
                   f"09{rows % 100000:05d}{i:05d}", f"{ROOT_CODE}-{i % SCHOOLS:02d}", "Giáo viên", "Toán",
                   "01/09/2024", "", ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def child(kind: str, rows: int) -> None:
    """One measurement in a fresh process: check, commit, commit again."""
    from django.db import connection

    from tdkt.accounts.models import User
    from tdkt.records import imports
    from tdkt.records.imports_kinds import KINDS
    from tdkt.records.models import AwardRecord, Initiative, PersonRating

    user = User.objects.get(username="bench_import")
    spec = KINDS[kind]
    bench_people = {"person__employments__unit__code__startswith": ROOT_CODE}
    # a school year of its own per kind and size, emptied first, so every run writes every row
    if kind == "xep-loai":
        year = 1990 + rows // 1000
        PersonRating.objects.filter(school_year__start_year=year, **bench_people).delete()
        data = ratings_file(rows, year)
    elif kind == "khen-thuong":
        year = 1960 + rows // 1000
        AwardRecord.objects.filter(school_year__start_year=year, **bench_people).delete()
        data = awards_file(rows, year)
    elif kind == "sang-kien":
        year = 1950 + rows // 1000
        Initiative.objects.filter(school_year__start_year=year).delete()
        data = initiatives_file(rows, year)
    else:
        data = staff_file(rows)
    gc.collect()
    base = rss_mb()
    t = time.perf_counter()
    result = imports.validate(user=user, data=data, filename="bench.xlsx", spec=spec)
    check_s = time.perf_counter() - t
    assert result.ok, [(e.row, e.column, e.message) for e in result.errors[:5]]
    new = result.new_count
    del result
    t = time.perf_counter()
    summary = imports.commit(user=user, data=data, filename="bench.xlsx", spec=spec)
    commit_s = time.perf_counter() - t
    t = time.perf_counter()
    again = imports.commit(user=user, data=data, filename="bench.xlsx", spec=spec)
    again_s = time.perf_counter() - t
    assert again.created == 0
    print(json.dumps({"kind": kind, "rows": rows, "file_kb": len(data) / 1024, "new": new, "created": summary.created,
                      "check_s": check_s, "commit_s": commit_s, "again_s": again_s, "base_mb": base,
                      "peak_mb": high_water_mb(), "db": connection.vendor}))


def run_child(kind: str, rows: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--rows", str(rows)], capture_output=True,
                         text=True)
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit(out.returncode)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    model = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
            f"load average {os.getloadavg()[0]:.1f} at start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the size compared with --rows for flat memory")
    parser.add_argument("--kinds", default="xep-loai,can-bo,khen-thuong,sang-kien")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows)
        return 0
    from django.db import connection

    print(f"date: {dt.date.today().isoformat()}  machine: {machine()}  database: {connection.vendor}")
    setup(args.rows)
    ok = True
    for kind in args.kinds.split(","):
        small, big = run_child(kind, args.small), run_child(kind, args.rows)
        for r in (small, big):
            print(f"{kind} {r['rows']} rows ({r['file_kb']:.0f} KB, {r['created']} written): check "
                  f"{r['check_s']:.1f} s; commit (check again + write) {r['commit_s']:.1f} s; "
                  f"same file again {r['again_s']:.1f} s; RSS {r['base_mb']:.0f} MB before, peak "
                  f"{r['peak_mb']:.0f} MB", flush=True)
        total = big["commit_s"]
        growth = (big["peak_mb"] - small["peak_mb"]) / max(1, big["rows"] - small["rows"]) * 1000
        met = total <= 15 or big["created"] == 0
        ok = ok and met
        print(f"  target {kind}: {args.rows} rows validated and committed ≤ 15 s: "
              f"{'met' if met else 'MISSED'} ({total:.1f} s); peak {big['peak_mb'] - small['peak_mb']:+.1f} MB "
              f"from {small['rows']} to {big['rows']} rows ({growth:.1f} MB per 1,000 rows)",
              flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
