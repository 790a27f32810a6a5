"""One variable moves the background jobs to another task backend (docs/architecture.md,
"Background jobs"): the settings load with it, in a fresh interpreter as a deployment starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHOW = ("import json, config.settings as s; "
        "print(json.dumps({'tasks': s.TASKS, 'apps': s.INSTALLED_APPS, 'rq': getattr(s, 'RQ_QUEUES', None)}))")


def _settings(**env) -> dict:
    out = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env={**os.environ, **env}, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def test_database_backend_by_default():
    env = {k: v for k, v in os.environ.items() if k != "TDKT_TASKS_BACKEND"}
    out = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout
    s = json.loads(out)
    assert s["tasks"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in s["apps"] and s["rq"] is None


def test_rq_on_redis_by_one_variable():
    s = _settings(TDKT_TASKS_BACKEND="rq", TDKT_REDIS_URL="redis://queue.so-gd.local:6379/2")
    assert s["tasks"]["default"] == {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    assert {"django_rq", "django_tasks_rq"} <= set(s["apps"])
    assert s["rq"] == {"default": {"URL": "redis://queue.so-gd.local:6379/2"}}


@pytest.mark.parametrize("value, backend", [
    ("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ("django_tasks_celery.CeleryBackend", "django_tasks_celery.CeleryBackend"),
])
def test_other_backends_by_the_same_variable(value, backend):
    assert _settings(TDKT_TASKS_BACKEND=value)["tasks"]["default"]["BACKEND"] == backend
