"""Benchmark of the documents layer (docs/benchmarks.md, section "Documents").

    .venv/bin/python bench/documents.py            # all figures
    .venv/bin/python bench/documents.py --names 2000 --rows 100000 --repeat 3

Targets: a Quyết định with 2,000 names — DOCX ≤ 2 s, PDF ≤ 10 s; an XLSX export of
100,000 rows ≤ 15 s with flat memory (peak RSS no higher than for 10,000 rows,
within a few MB). Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")  # a local measurement, on the demo's key

import django  # noqa: E402

django.setup()

from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response  # noqa: E402
from tdkt.documents.builders import get_builder  # noqa: E402
from tdkt.documents.render import render_docx, render_pdf  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * PAGE / 1024 / 1024
    except OSError:  # not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def high_water_mb() -> float:
    """Peak RSS of this process (VmHWM: unlike ru_maxrss it does not carry over from the parent across exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def decision_context(names: int) -> dict:
    ctx = get_builder("quyet-dinh-khen-thuong").sample(names)
    return ctx


def export_rows(n: int):
    start = dt.date(2024, 1, 1)
    for i in range(n):
        yield (i + 1, f"Nguyễn Thị Ánh Tuyết {i}", "Trường Tiểu học Đinh Tiên Hoàng", "Giáo viên",
               start + dt.timedelta(days=i % 365), Decimal(560000 + (i % 7) * 10000), "Lao động tiên tiến")


EXPORT_HEADERS = [XlsxColumn("STT", "int", 8), XlsxColumn("Họ và tên", "text", 30), XlsxColumn("Đơn vị", "text", 34),
                  "Chức vụ", XlsxColumn("Ngày quyết định", "date"), XlsxColumn("Số tiền", "money"), "Danh hiệu"]


def export(n: int) -> int:
    response = xlsx_stream_response("bench.xlsx", EXPORT_HEADERS, export_rows(n), title="Bench")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    response.close()
    return size


def xlsx_child(rows: int) -> None:
    """Measured in a fresh process so that the peak RSS is the export's own."""
    import json

    export(1000)
    base = rss_mb()
    t = time.perf_counter()
    size = export(rows)
    seconds = time.perf_counter() - t
    peak = high_water_mb()
    print(json.dumps({"rows": rows, "seconds": seconds, "size": size, "base_mb": base, "peak_mb": peak}))


def run_xlsx(rows: int) -> dict:
    import json
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--xlsx-child", str(rows)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    model = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="also time the PDF laid out by one process")
    parser.add_argument("--xlsx-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.xlsx_child:
        xlsx_child(args.xlsx_child)
        return 0

    print(f"date: {dt.date.today().isoformat()}  machine: {machine()}")
    builder = get_builder("quyet-dinh-khen-thuong")
    ctx = decision_context(args.names)
    render_docx(builder.spec(decision_context(10)))  # warm imports and fonts
    render_pdf(builder.spec(decision_context(10)))

    docx_s, docx = best_of(args.repeat, lambda: render_docx(builder.spec(ctx)))
    print(f"Quyết định + danh sách, {args.names} names: DOCX {docx_s:.2f} s ({len(docx) / 1024:.0f} KB)", flush=True)

    from pypdf import PdfReader

    from tdkt.documents.pdf_parts import default_workers

    def pdf_once(workers: int):
        cpu = time.process_time()
        content = render_pdf(builder.spec(ctx), workers=workers)
        return len(PdfReader(io.BytesIO(content)).pages), content, time.process_time() - cpu

    workers = default_workers()
    pdf_s, (pages, pdf, pdf_cpu) = best_of(max(1, args.repeat - 1), lambda: pdf_once(workers))
    print(f"Quyết định + danh sách, {args.names} names: PDF {pdf_s:.2f} s wall with {workers} processes "
          f"({pdf_cpu:.2f} s CPU in the calling one; {pages} pages, {len(pdf) / 1024:.0f} KB)", flush=True)
    if args.whole:
        whole_s, (whole_pages, _, whole_cpu) = best_of(1, lambda: pdf_once(1))
        print(f"  the same in one process: {whole_s:.2f} s wall, {whole_cpu:.2f} s CPU ({whole_pages} pages)",
              flush=True)

    small = run_xlsx(max(args.rows // 10, 1))
    big = run_xlsx(args.rows)
    for r in (small, big):
        print(f"XLSX {r['rows']} rows: {r['seconds']:.2f} s ({r['size'] / 1024 / 1024:.1f} MB file), "
              f"RSS {r['base_mb']:.0f} MB before, peak {r['peak_mb']:.0f} MB", flush=True)
    flat = big["peak_mb"] <= small["peak_mb"] + 16
    ok = docx_s <= 2 and pdf_s <= 10 and big["seconds"] <= 15 and flat
    print(f"targets — DOCX ≤ 2 s: {'met' if docx_s <= 2 else 'MISSED'}; PDF ≤ 10 s: "
          f"{'met' if pdf_s <= 10 else 'MISSED'}; XLSX ≤ 15 s: {'met' if big['seconds'] <= 15 else 'MISSED'}; "
          f"flat memory: {'yes' if flat else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
