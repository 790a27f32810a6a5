"""PDF rendering of independent HTML parts, in parallel processes, joined in order.

WeasyPrint lays a document out in one thread, at about 5 ms of CPU per row of a
six-column table: a Danh sách of 2,000 names takes ~11 s on one core. The long
lists we print are split (``render_pdf.split_parts``) at page boundaries into
parts that lay out independently; each part is rendered by its own process —
the calling process takes parts too — and the PDFs are concatenated with pypdf.

Each part may name page checks: anchors (``id`` attributes) that must fall on
the same page, and the page each must start. The renderer of a part reports
whether they hold, so the caller can fall back to one whole render when a
planned page did not hold what it was planned to hold.

This module imports no Django: a worker is ``python -m tdkt.documents.pdf_parts``
reading one part (JSON) on stdin and writing the PDF on stdout, and starts in a
few tenths of a second.
"""

from __future__ import annotations

import functools
import gc
import io
import json
import logging
import os
import queue
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

log = logging.getLogger(__name__)

MAX_WORKERS = 8


@dataclass
class Part:
    """One independent HTML document; ``same_page`` lists pairs of anchors that
    must be laid out on the same page (a planned page's first and last row)."""

    html: str
    same_page: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    held: bool  # every same_page pair held


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_gc_passes():
    """Raise the cyclic collector's thresholds while WeasyPrint lays out.

    Layout allocates millions of short-lived objects; with the default thresholds
    the collector runs thousands of times and takes about 30% of the time of a
    2,000-name list (measured: 14.2 s → 11.2 s CPU). Thresholds are process-wide,
    so concurrent renders share one raise and the last one out restores them."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(100_000, 50, 100)
            # Objects alive before the render (Django, fonts, caches) are not rescanned by
            # the full collections that layout triggers.
            gc.freeze()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_saved is not None:
                gc.unfreeze()
                gc.set_threshold(*_gc_saved)


def anchor_pages(document) -> dict[str, int]:
    """Anchor name → index of the page it was laid out on (first occurrence)."""
    where: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, index)
    return where


def render_part(part: Part) -> Rendered:
    from weasyprint import HTML

    with fewer_gc_passes():
        document = HTML(string=part.html).render()
        where = anchor_pages(document) if part.same_page else {}
        held = all(a in where and where.get(a) == where.get(b) for a, b in part.same_page)
        return Rendered(document.write_pdf(), len(document.pages), held)


def start_children(count: int) -> list[subprocess.Popen]:
    """Worker processes, started ahead: each loads WeasyPrint, then renders the parts it is
    sent on stdin, one after another, until stdin closes."""
    return [subprocess.Popen([sys.executable, "-m", "tdkt.documents.pdf_parts"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(max(0, count))]


def stop_children(children: list[subprocess.Popen]) -> None:
    """Close the workers' input (they leave when it ends) and reap them. (Their pipes are never
    None, start_children opens all three; the checks are for mypy.)"""
    for proc in children:
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _send(stream, data: bytes) -> None:
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _receive(stream) -> bytes | None:
    head = stream.read(8)
    if len(head) < 8:
        return None
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    if len(data) < size:
        return None
    return data


def _run_child(part: Part, proc: subprocess.Popen) -> Rendered:
    """Render a part in another interpreter (true parallelism: layout holds the GIL)."""
    try:
        _send(proc.stdin, json.dumps({"html": part.html, "same_page": part.same_page}).encode())
        meta, pdf = _receive(proc.stdout), _receive(proc.stdout)
    except (BrokenPipeError, OSError):
        meta = pdf = None
    if meta is None or pdf is None:
        proc.kill()
        proc.wait()
        error = (proc.stderr.read() if proc.stderr is not None else b"").decode(errors="replace")[-500:]
        raise RuntimeError(f"PDF worker exited with {proc.returncode}: {error}")
    info = json.loads(meta)
    return Rendered(pdf, info["pages"], info["held"])


def default_workers() -> int:
    """Processes to use: ``TDKT_PDF_WORKERS`` when set, else the cores this process may run on."""
    configured = os.environ.get("TDKT_PDF_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return min(int(configured), MAX_WORKERS)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def render_parts(parts: list[Part], *, workers: int | None = None, progress=None,
                 children: list[subprocess.Popen] | None = None) -> list[Rendered]:
    """Render every part; the calling thread renders parts itself while up to
    ``workers - 1`` child processes render others (the first ones from ``children``,
    started ahead). ``progress(done, total)`` is called as parts finish (from the
    calling thread or a helper thread)."""
    children = list(children or [])
    workers = max(1, min(workers or default_workers(), len(parts)))
    results: list[Rendered | None] = [None] * len(parts)
    todo: queue.Queue[int] = queue.Queue()
    for i in range(len(parts)):
        todo.put(i)
    done_lock = threading.Lock()
    done = [0]
    errors: list[BaseException] = []

    def finished():
        with done_lock:
            done[0] += 1
            count = done[0]
        if progress is not None:
            progress(count, len(parts))

    def take(render):
        while not errors:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[i] = render(parts[i])
            except BaseException as exc:  # reported once all threads stop
                errors.append(exc)
                return
            finished()

    # Each helper thread drives one worker process for all the parts it takes.
    while len(children) < workers - 1:
        children += start_children(1)
    helpers = [threading.Thread(target=take, args=(functools.partial(_run_child, proc=proc),), daemon=True)
               for proc in children[:workers - 1]]
    for t in helpers:
        t.start()
    try:
        take(render_part)
        for t in helpers:
            t.join()
    finally:
        stop_children(children)
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]


def join_pdfs(pdfs: list[bytes]) -> bytes:
    """The PDFs one after another, with the first one's metadata and language."""
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    first = PdfReader(io.BytesIO(pdfs[0]))
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    if first.metadata:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    lang = cast(DictionaryObject, first.trailer["/Root"]).get("/Lang")  # cast, for mypy: a PDF's root is a dictionary
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_from_parts(htmls: list[str], *, workers: int | None = None, progress=None) -> bytes:
    """Independent HTML documents (e.g. chunks of certificate pages) as one PDF, in order."""
    rendered = render_parts([Part(h) for h in htmls], workers=workers, progress=progress)
    return join_pdfs([r.pdf for r in rendered])


def main() -> int:
    """A worker: parts in, PDFs out (each message prefixed by its length), until stdin ends."""
    import weasyprint  # noqa: F401 - loaded while the parent is still planning the parts

    source, out = sys.stdin.buffer, sys.stdout.buffer
    while (message := _receive(source)) is not None:
        data = json.loads(message)
        result = render_part(Part(data["html"], [tuple(p) for p in data.get("same_page", [])]))
        _send(out, json.dumps({"pages": result.pages, "held": result.held}).encode())
        _send(out, result.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
