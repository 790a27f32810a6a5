"""``tdkt demo``: build the demo district (dữ liệu demo) or a benchmark tree (--scale N)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from tdkt.site.demo import (
    DEMO_YEARS,
    SCALE_YEARS,
    DemoError,
    build_demo,
    build_scale,
    demo_logins,
    format_count,
)

# What was created, Vietnamese first.
_LABELS = {
    "units": ("đơn vị", "units"),
    "schools": ("trường", "schools"),
    "communes": ("UBND xã/phường", "communes"),
    "school_years": ("năm học", "school years"),
    "reorganisations": ("lần sắp xếp đơn vị", "reorganisations"),
    "clusters": ("cụm, khối thi đua", "clusters"),
    "cluster_members": ("thành viên khối", "cluster members"),
    "persons": ("cá nhân", "people"),
    "employments": ("quá trình công tác", "employments"),
    "users": ("tài khoản", "logins"),
    "memberships": ("phân quyền", "role assignments"),
    "person_links": ("liên kết tài khoản – cá nhân", "login–person links"),
}


def logins_table(rows: list[dict]) -> str:
    """The demo logins as a plain-text table, headers in Vietnamese and English."""
    header = ("Vai trò / Role", "Tên đăng nhập / Username", "Mật khẩu / Password", "Đơn vị / Unit")
    lines = [(f"{r['role_vi']} / {r['role_en']}", r["username"], r["password"], r["unit"]) for r in rows]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]

    def fmt(cells) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join(["Tài khoản demo / Demo logins", rule, fmt(header), rule, *(fmt(line) for line in lines), rule])


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu demo: phường Sài Gòn (TP. Hồ Chí Minh) sau sắp xếp 01/07/2025, với các trường, cụm thi đua, "
        "lịch sử từ Phòng GD&ĐT Quận 1, khoảng 500 cán bộ, một năm học đang diễn ra và tài khoản demo theo vai trò. "
        "Chạy lại nhiều lần không sinh trùng. "
        "--scale N: tạo cây tỉnh thử hiệu năng với N cán bộ (ghi hàng loạt). / "
        "Build the demo ward (idempotent); --scale N builds a benchmark province with N staff."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, metavar="N",
            help="Số cán bộ của cây thử hiệu năng, ví dụ 100000 / number of staff for a benchmark tree.",
        )  # fmt: skip
        parser.add_argument(
            "--years", type=int, metavar="K",
            help=f"Số năm học, kết thúc ở năm học hiện tại (mặc định {DEMO_YEARS}; với --scale: {SCALE_YEARS}) "
                 "/ number of school years ending with the current one.",
        )  # fmt: skip

    def handle(self, *args, **options):
        started = time.perf_counter()
        scale, years = options.get("scale"), options.get("years")
        try:
            if scale is not None:
                self.stdout.write(f"Đang tạo cây thử hiệu năng với {format_count(scale)} cán bộ… "
                                  f"/ Building a benchmark tree with {scale} staff…")
                created = build_scale(staff=scale, years=years or SCALE_YEARS)
            else:
                created = build_demo(years=years or DEMO_YEARS)
                from tdkt.site.demo_records import build_demo_records

                # Four past years of ratings, awards and initiatives so the engine has a history to read.
                created.update({f"records_{k}": v for k, v in build_demo_records(out=self.stdout).items()})
                from tdkt.site.demo_year import build_demo_year

                # The year in progress, through the apps' services: what each role finds waiting on its home page.
                created.update({f"year_{k}": v for k, v in build_demo_year(out=self.stdout).created.items()})
                from tdkt.site.demo_complaints import build_demo_complaints

                # Letters on TĐKT the ward is handling: a complaint being resolved, a denunciation just in.
                created.update({f"year_{k}": v for k, v in build_demo_complaints().items()})
                from tdkt.site.demo_events import build_demo_events

                # The Sở's training with quotas by unit type; the ward has sent its 13 school staff.
                created.update({f"year_{k}": v for k, v in build_demo_events().items()})
                from tdkt.site.demo_exemplars import build_demo_exemplars

                # A good deed just found at the school, and the models it registered for the year.
                created.update({f"year_{k}": v for k, v in build_demo_exemplars().items()})
                from tdkt.site.demo_scores import build_demo_scores

                # The ward's score sheet for its primary schools; Đinh Tiên Hoàng has started scoring itself.
                created.update({f"year_{k}": v for k, v in build_demo_scores().items()})
                from tdkt.signatures.management.commands.signing import DEMO_SIGNERS, ensure_demo_keys

                # Keys from the demo CA for the two signers and their offices, so that "Ký số" works.
                created["signing_keys"] = len(ensure_demo_keys(DEMO_SIGNERS))
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started

        if created.get("already_present"):
            self.stdout.write(self.style.WARNING(
                f"Cây thử hiệu năng đã có sẵn với {format_count(created['staff'])} cán bộ — không tạo lại. "
                f"/ The benchmark tree is already present; nothing created."
            ))  # fmt: skip
        else:
            made = [(key, n) for key, n in created.items() if n and key in _LABELS]
            if made:
                vi = ", ".join(f"{format_count(n)} {_LABELS[key][0]}" for key, n in made)
                en = ", ".join(f"{n} {_LABELS[key][1]}" for key, n in made)
                self.stdout.write(self.style.SUCCESS(f"Đã tạo: {vi}.\nCreated: {en}."))
            else:
                self.stdout.write("Dữ liệu demo đã đầy đủ — không có gì thay đổi. / Demo data already present — "
                                  "nothing changed.")
        if scale is None:
            self.stdout.write("")
            self.stdout.write(logins_table(demo_logins()))
        seconds = f"{elapsed:.1f}"
        self.stdout.write(f"Thời gian chạy: {seconds.replace('.', ',')} giây / Elapsed: {seconds} s")
