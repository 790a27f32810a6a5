"""Each growth configuration (docs/deployment.md §8) loads: settings built from its variables in a
fresh process pass Django's system checks and give the cache, sessions, router and storage asked for."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.growth import ReplicaRouter, reading_from_replica

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
call_command("check", verbosity=0)
print(json.dumps({"cache": type(caches["default"]).__name__, "sessions": settings.SESSION_ENGINE,
                  "databases": sorted(settings.DATABASES), "routers": list(settings.DATABASE_ROUTERS),
                  "storage": settings.STORAGES["default"]}))
"""


def _load(tmp_path, **env) -> dict:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "TDKT_VAR_DIR": str(tmp_path), **env}
    for name in ("TDKT_CACHE_URL", "TDKT_SESSIONS", "DATABASE_REPLICA_URL", "TDKT_S3_BUCKET"):
        if name not in env:
            full.pop(name, None)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_one_machine_by_default(tmp_path):
    got = _load(tmp_path)
    assert got["cache"] == "LocMemCache" and got["databases"] == ["default"] and got["routers"] == []
    assert got["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_redis_cache_and_sessions(tmp_path):
    got = _load(tmp_path, TDKT_CACHE_URL="redis://127.0.0.1:6379/1", TDKT_SESSIONS="cache")
    assert got["cache"] == "RedisCache" and got["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_read_replica(tmp_path):
    got = _load(tmp_path, DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    assert got["databases"] == ["default", "replica"] and got["routers"] == ["config.growth.ReplicaRouter"]


def test_s3_storage(tmp_path):
    got = _load(tmp_path, TDKT_S3_BUCKET="tdkt-uploads", TDKT_S3_ENDPOINT_URL="https://s3.example.vn")
    assert got["storage"] == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "tdkt-uploads", "default_acl": None, "querystring_auth": True, "file_overwrite": False,
        "endpoint_url": "https://s3.example.vn"}}


@pytest.mark.django_db
def test_the_router_reads_from_the_replica_only_when_asked_and_never_inside_a_transaction():
    from django.db import transaction

    router = ReplicaRouter()
    assert router.db_for_read(None) is None
    with reading_from_replica():
        # pytest-django's test transaction is an atomic block: a service's own reads stay on default.
        assert router.db_for_read(None) is None
    assert router.db_for_write(None) == "default" and router.allow_migrate("replica", "awards") is False
    assert transaction.get_connection().in_atomic_block


def test_the_router_outside_a_transaction():
    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(None) == "replica"
    assert router.db_for_read(None) is None
