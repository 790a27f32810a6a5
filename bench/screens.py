"""Screenshot walk of the main pages at 390 px (phone) and 1366 px (office screen) — issue 12.

    .venv/bin/python -m bench.screens --out /tmp/screens
    .venv/bin/python -m bench.screens --out /tmp/screens --widths 390 --only home,meeting

Builds a throwaway SQLite database in a temporary TDKT_VAR_DIR with the demo exactly as
``tdkt demo`` builds it (``load_reference`` then ``demo``), serves it with Django's runserver
in a child process, signs in with the demo's own logins (password tdkt2026) in Debian's
Chromium (Playwright), and takes a full-page PNG of each page at each width
(``<out>/<width>/<page>.png``). For each page and width it records the HTTP status and
whether the page scrolls sideways (``document.documentElement.scrollWidth >
window.innerWidth``), with the widest elements that stick out, prints a table and writes
``<out>/screens.json``.

Exits 1 when a page scrolls sideways at 390 px or does not answer 200. Results are
written up in docs/benchmarks.md, section "Screenshot walk".
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "tdkt2026"  # the demo's (tdkt.site.demo.DEMO_PASSWORD)
VIEWPORTS = {390: 844, 1366: 900}
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Elements whose right edge passes the viewport (the page's own scrolling boxes excluded), widest first.
OVERFLOW_JS = """() => {
  const vw = window.innerWidth, out = [];
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    const up = el.parentElement, pr = up && up.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && !clipped(el) && !(pr && pr.right > vw + 1 && up !== document.body)) {
      const cls = (typeof el.className === 'string' && el.className.trim()) ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.push({el: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls, right: Math.round(r.right)});
    }
  }
  out.sort((a, b) => b.right - a.right);
  return out.slice(0, 5);
}"""


@dataclass
class Page:
    slug: str
    title: str
    username: str | None  # None: anonymous (the public)
    path: str


@dataclass
class Shot:
    slug: str
    width: int
    status: int
    scroll_width: int
    sideways: bool
    height: int
    file: str
    culprits: list = field(default_factory=list)


def chromium_path() -> str | None:
    candidates = [os.environ.get("TDKT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


def build_database() -> None:
    from django.core.management import call_command

    log = io.StringIO()  # the demo prints its logins; the walk prints its own table
    with contextlib.redirect_stdout(log):
        call_command("migrate", verbosity=0, interactive=False, stdout=log)
        call_command("load_reference", verbosity=0, stdout=log)
        call_command("demo", verbosity=0, stdout=log)


def main_pages() -> list[Page]:
    """The ten main pages of the year, each as the demo login whose page it is."""
    from tdkt.awards.choices import ProposalStatus
    from tdkt.awards.models import Decision, DecisionItem, Proposal
    from tdkt.campaigns.models import Campaign
    from tdkt.meetings.choices import MeetingStatus, QuestionStatus, VotingMethod
    from tdkt.meetings.models import Meeting, Question
    from tdkt.people.models import Person
    from tdkt.site.demo_year import DTH, WARD_CAMPAIGN

    pages = [Page(f"home-{u.replace('.', '-')}", f"Trang chủ ({u})", u, "/") for u in (
        "giaovien.dth", "tdkt.dth", "hieutruong.dth", "hoidong1.dth", "chuyenvien.th.saigon", "tdkt.saigon",
        "chutich.saigon")]
    campaign = Campaign.objects.filter(name__startswith=WARD_CAMPAIGN.split("{")[0]).order_by("-pk").first()
    pages += [Page("campaign-list", "Phong trào", "giaovien.dth", "/phong-trao/")]
    if campaign:
        pages += [Page("campaign", "Phong trào (chi tiết)", "tdkt.dth", f"/phong-trao/{campaign.pk}/"),
                  Page("register", "Đăng ký thi đua", "giaovien.dth", f"/phong-trao/{campaign.pk}/dang-ky/"),
                  Page("register-innovation", "Đăng ký đổi mới sáng tạo", "giaovien.dth",
                       f"/phong-trao/{campaign.pk}/dang-ky/doi-moi-sang-tao/")]
    today = Meeting.objects.filter(status=MeetingStatus.IN_PROGRESS).order_by("-starts_at").first()
    if today:
        pages.append(Page("meeting", "Cuộc họp Hội đồng (hôm nay)", "tdkt.dth", f"/hoi-dong/cuoc-hop/{today.pk}/"))
    history = Meeting.objects.filter(status=MeetingStatus.FINALIZED).order_by("-starts_at").first()
    if history:
        pages.append(Page("meeting-agenda", "Cuộc họp đã chốt (chương trình dài)", "tdkt.dth",
                          f"/hoi-dong/cuoc-hop/{history.pk}/"))
    ballot = Question.objects.filter(status=QuestionStatus.VOTING, method=VotingMethod.SECRET).first()
    if ballot:
        pages.append(Page("ballot", "Bỏ phiếu kín", "hoidong1.dth", f"/hoi-dong/noi-dung/{ballot.pk}/bo-phieu/"))
    pages += [Page("proposal-list", "Đề nghị khen thưởng (phường)", "tdkt.saigon", "/khen-thuong/de-nghi/"),
              Page("proposal-list-school", "Đề nghị khen thưởng (trường)", "tdkt.dth", "/khen-thuong/de-nghi/")]
    decided = Proposal.objects.filter(status=ProposalStatus.DECIDED).order_by("-pk").first()
    if decided:
        pages.append(Page("proposal", "Đề nghị (đã có quyết định)", "tdkt.dth", f"/khen-thuong/de-nghi/{decided.pk}/"))
    submitted = Proposal.objects.filter(status=ProposalStatus.SUBMITTED, unit__code=DTH).first()
    if submitted:
        pages.append(Page("proposal-received", "Đề nghị chờ tiếp nhận", "tdkt.saigon",
                          f"/khen-thuong/de-nghi/{submitted.pk}/"))
    # The review form shows on a received proposal, to the specialist of its school level (the
    # demo's received one is a preschool's, so the preschool specialist).
    received = Proposal.objects.filter(status=ProposalStatus.RECEIVED).first()
    if received:
        pages.append(Page("review", "Thẩm định (chuyên viên)", "chuyenvien.mn.saigon",
                          f"/khen-thuong/de-nghi/{received.pk}/"))
    teacher = Person.objects.filter(user__username="giaovien.dth").first()
    if teacher:
        pages += [Page("record", "Hồ sơ cá nhân", "giaovien.dth", f"/ho-so/ca-nhan/{teacher.pk}/"),
                  Page("verdict", "Kết quả xét (cá nhân)", "giaovien.dth", f"/xet/ca-nhan/{teacher.pk}/")]
    decision = Decision.objects.order_by("-pk").first()
    if decision:
        pages.append(Page("decision", "Quyết định", "chutich.saigon", f"/khen-thuong/quyet-dinh/{decision.pk}/"))
        item = DecisionItem.objects.filter(decision=decision, revoked_on__isnull=True).order_by("pk").first()
        if item:
            pages.append(Page("verify", "Xác minh (công khai)", None, f"/khen-thuong/xac-minh/{item.public_code}/"))
    return pages


def more_pages() -> list[Page]:
    """Other pages an officer opens every week (``--more``), to find what the main ten miss."""
    from tdkt.campaigns.models import RegistrationSubmission
    from tdkt.meetings.models import Council
    from tdkt.org.models import Unit
    from tdkt.site.demo_year import DTH

    school = Unit.objects.get(code=DTH)
    pages = [Page("people", "Cá nhân", "tdkt.dth", "/ca-nhan/"),
             Page("units", "Đơn vị", "tdkt.saigon", "/don-vi/"),
             Page("unit", "Đơn vị (chi tiết)", "tdkt.dth", f"/don-vi/{school.pk}/"),
             Page("records", "Hồ sơ thành tích", "tdkt.dth", "/ho-so/"),
             Page("unit-year", "Hồ sơ đơn vị", "tdkt.dth", f"/ho-so/don-vi/{school.pk}/"),
             Page("import", "Nhập Excel", "tdkt.dth", "/ho-so/nhap-excel/"),
             Page("unit-verdicts", "Bảng xét của đơn vị", "tdkt.dth", f"/xet/don-vi/{school.pk}/"),
             Page("overview", "Thống kê", "tdkt.saigon", "/thong-ke/"),
             Page("lookup", "Tra cứu", "tdkt.saigon", "/tra-cuu/?q=nguyen+van+an"),
             Page("councils", "Hội đồng", "tdkt.dth", "/hoi-dong/"),
             Page("numbers", "Sổ văn bản", "tdkt.saigon", "/van-ban/so-van-ban/"),
             Page("disclosure", "Công khai", "tdkt.saigon", "/khen-thuong/cong-khai/"),
             Page("certificates", "In giấy khen", "tdkt.saigon", "/khen-thuong/giay-khen/"),
             Page("calendar", "Lịch các hạn", "giaovien.dth", "/phong-trao/lich/"),
             Page("clusters", "Cụm, khối thi đua", "hieutruong.dth", "/phong-trao/cum-khoi/"),
             Page("audit", "Nhật ký", "quantri", "/nhat-ky/"),
             Page("reportcheck", "Kiểm tra báo cáo", "tdkt.dth", "/kiem-tra-bao-cao/")]
    council = Council.objects.filter(unit=school).first()
    if council:
        pages.append(Page("council", "Hội đồng (chi tiết)", "tdkt.dth", f"/hoi-dong/{council.pk}/"))
    sub = RegistrationSubmission.objects.filter(unit=school).first()
    if sub:
        pages.append(Page("submission", "Hồ sơ đăng ký của đơn vị", "tdkt.saigon",
                          f"/phong-trao/{sub.campaign_id}/ho-so/{school.pk}/"))
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("runserver stopped: " + server.stderr.read().decode(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("runserver did not answer within 60 s")


def login(page, base: str, username: str) -> None:
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")


def walk(base: str, pages: list[Page], widths: list[int], out: Path) -> list[Shot]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's 'chromium' package (or set TDKT_CHROMIUM)")
    shots: list[Shot] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        for width in widths:
            (out / str(width)).mkdir(parents=True, exist_ok=True)
            contexts: dict[str | None, object] = {}
            for p in pages:
                if p.username not in contexts:
                    ctx = browser.new_context(viewport={"width": width, "height": VIEWPORTS.get(width, 900)},
                                              locale="vi-VN")
                    if p.username:
                        login(ctx.new_page(), base, p.username)
                    contexts[p.username] = ctx
                tab = contexts[p.username].new_page()
                tab.set_default_timeout(30000)
                response = tab.goto(base + p.path, wait_until="load")
                status = response.status if response else 0
                scroll_width = tab.evaluate("document.documentElement.scrollWidth")
                inner = tab.evaluate("window.innerWidth")
                sideways = scroll_width > inner
                culprits = tab.evaluate(OVERFLOW_JS) if sideways else []
                file = out / str(width) / f"{p.slug}.png"
                tab.screenshot(path=str(file), full_page=True)
                height = tab.evaluate("document.documentElement.scrollHeight")
                shots.append(Shot(p.slug, width, status, scroll_width, sideways, height, str(file), culprits))
                tab.close()
            for ctx in contexts.values():
                ctx.close()
        browser.close()
    return shots


def table(pages: list[Page], shots: list[Shot], widths: list[int]) -> str:
    by = {(s.slug, s.width): s for s in shots}
    head = ["page", "login", "path"] + [f"{w} px" for w in widths]
    rows = []
    for p in pages:
        cells = []
        for w in widths:
            s = by.get((p.slug, w))
            if s is None:
                cells.append("-")
                continue
            mark = f"SIDEWAYS {s.scroll_width}px" if s.sideways else "ok"
            cells.append(mark if s.status == 200 else f"HTTP {s.status} {mark}")
        rows.append([p.slug, p.username or "(công khai)", p.path] + cells)
    widths_col = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{n}}}" for n in widths_col)
    lines = [fmt.format(*head), fmt.format(*("-" * n for n in widths_col))]
    lines += [fmt.format(*r) for r in rows]
    culprit_lines = [f"  {s.width} px {s.slug}: " + ", ".join(f"{c['el']} (→{c['right']}px)" for c in s.culprits)
                     for s in shots if s.culprits]
    if culprit_lines:
        lines += ["", "What sticks out (element → right edge):", *culprit_lines]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/screens", help="folder for the PNGs and screens.json")
    parser.add_argument("--widths", default="390,1366", help="comma-separated viewport widths")
    parser.add_argument("--only", default="", help="comma-separated page slugs (prefixes) to walk")
    parser.add_argument("--more", action="store_true", help="also walk the other weekly pages (more_pages)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database folder")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",") if w]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    var = Path(tempfile.mkdtemp(prefix="tdkt-screens-"))
    env = {**os.environ, "TDKT_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var}/db.sqlite3",
           "TDKT_DEBUG": "0", "TDKT_LOCAL_SECRET_KEY": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    started = time.monotonic()
    build_database()
    pages = main_pages() + (more_pages() if args.more else [])
    if args.only:
        wanted = [s for s in args.only.split(",") if s]
        pages = [p for p in pages if any(p.slug.startswith(w) for w in wanted)]
    from django.db import connections

    connections.close_all()
    built = time.monotonic() - started
    port = free_port()
    server = serve(env, port)
    try:
        shots = walk(f"http://127.0.0.1:{port}", pages, widths, out)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not args.keep:
            shutil.rmtree(var, ignore_errors=True)
    walked = time.monotonic() - started - built
    print(table(pages, shots, widths))
    print(f"\n{len(shots)} screenshots in {out} (demo built in {built:.0f} s, walk {walked:.0f} s; "
          f"{platform.node()}, {platform.platform()}, Python {platform.python_version()})")
    (out / "screens.json").write_text(json.dumps({
        "pages": [asdict(p) for p in pages], "shots": [asdict(s) for s in shots]}, ensure_ascii=False, indent=1))
    bad = [s for s in shots if (s.sideways and s.width <= 390) or s.status != 200]
    for s in bad:
        print(f"FAIL {s.slug} at {s.width} px: HTTP {s.status}, scrollWidth {s.scroll_width}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
