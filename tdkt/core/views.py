"""Pages that know no app: the health check and the favicon (the home page is tdkt.site.views)."""

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import JsonResponse

# A job waiting longer than this means no worker is taking jobs (a healthy queue waits seconds).
MAX_QUEUE_AGE = dt.timedelta(minutes=15)
# Below this much free space under var/ uploads, backups and SQLite's WAL start to fail.
MIN_FREE_BYTES = 1024 * 1024 * 1024


def health(request):
    """``/healthz`` for the load balancer and the uptime monitor: the database answers, no job has
    waited longer than MAX_QUEUE_AGE, and the disk under var/ has MIN_FREE_BYTES free. 200 with
    ``{"status": "ok", "checks": ...}`` when all hold, 503 naming what failed otherwise.

    ``?check=database`` runs only the named checks: a load balancer should ask that, so that a stopped
    worker or a full disk (the monitor's business) does not take every web node out of rotation."""
    runners = {"database": _database, "queue": _queue, "disk": _disk}
    asked = [name for name in request.GET.get("check", "").split(",") if name in runners] or list(runners)
    checks: dict[str, Any] = {name: runners[name]() for name in asked}
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)


def _database() -> dict[str, Any]:
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def _queue() -> dict[str, Any]:
    from django.db import DatabaseError
    from django.utils import timezone

    from .jobs import registered

    oldest: dt.datetime | None = None
    try:
        for queue in registered():
            first = (queue.model._default_manager.filter(status__in=list(queue.claim))
                     .order_by("created_at").values_list("created_at", flat=True).first())
            if first is not None and (oldest is None or first < oldest):
                oldest = first
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {"ok": age <= MAX_QUEUE_AGE.total_seconds(), "oldest_waiting_seconds": round(age)}


def _disk() -> dict[str, Any]:
    where = Path(settings.MEDIA_ROOT)
    while not where.exists() and where != where.parent:
        where = where.parent
    usage = shutil.disk_usage(where)
    return {"ok": usage.free >= MIN_FREE_BYTES, "free_bytes": usage.free,
            "used_percent": round(100 * usage.used / usage.total, 1) if usage.total else 0.0}


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: answer with our SVG icon (the file in
    tdkt/static, found the way collectstatic finds it), cached for a day."""
    from django.contrib.staticfiles import finders
    from django.http import FileResponse

    response = FileResponse(open(finders.find("tdkt/favicon.svg"), "rb"), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
