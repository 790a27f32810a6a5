"""Settings for growing past one machine (docs/deployment.md §8), each off unless its variable is set.

``config/settings.py`` calls :func:`apply` last. It may set, and sets nothing else:

- ``TDKT_CACHE_URL=redis://host:6379/1``: ``CACHES["default"]`` on Redis (Django's own RedisCache,
  needs the ``redis`` package), and with ``TDKT_SESSIONS=cache`` the sessions there too
  (``cached_db``: read from Redis, written through to the database, so a Redis restart signs no one out);
- ``DATABASE_REPLICA_URL=postgres://…``: ``DATABASES["replica"]`` and the router
  :class:`ReplicaRouter`, which sends reads to the replica only inside :func:`reading_from_replica`
  (dashboards and exports opt in; everything else, and anything inside a transaction, stays on the
  primary, so nobody reads a row older than the one they just wrote);
- ``TDKT_S3_BUCKET=…``: ``STORAGES["default"]`` on S3-compatible storage through django-storages
  (``TDKT_S3_ENDPOINT_URL``, ``TDKT_S3_REGION``, ``TDKT_S3_ACCESS_KEY``, ``TDKT_S3_SECRET_KEY``;
  install ``django-storages[s3]``).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator, MutableMapping
from typing import Any

_replica = contextvars.ContextVar("tdkt_read_replica", default=False)


def apply(conf: MutableMapping[str, Any], env: MutableMapping[str, str] | None = None) -> None:
    env = os.environ if env is None else env
    cache_url = env.get("TDKT_CACHE_URL", "").strip()
    if cache_url:
        conf["CACHES"] = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                      "LOCATION": cache_url, "KEY_PREFIX": "tdkt"}}
        if env.get("TDKT_SESSIONS", "").strip() == "cache":
            conf["SESSION_ENGINE"] = "django.contrib.sessions.backends.cached_db"
    replica_url = env.get("DATABASE_REPLICA_URL", "").strip()
    if replica_url:
        import dj_database_url

        conf["DATABASES"]["replica"] = dj_database_url.parse(
            replica_url, conn_max_age=conf["DATABASES"]["default"].get("CONN_MAX_AGE", 0))
        conf["DATABASES"]["replica"]["TEST"] = {"MIRROR": "default"}
        conf["DATABASE_ROUTERS"] = ["config.growth.ReplicaRouter"]
    bucket = env.get("TDKT_S3_BUCKET", "").strip()
    if bucket:
        options = {"bucket_name": bucket, "default_acl": None, "querystring_auth": True, "file_overwrite": False}
        for key, var in (("endpoint_url", "TDKT_S3_ENDPOINT_URL"), ("region_name", "TDKT_S3_REGION"),
                         ("access_key", "TDKT_S3_ACCESS_KEY"), ("secret_key", "TDKT_S3_SECRET_KEY")):
            if env.get(var):
                options[key] = env[var]
        conf["STORAGES"] = {**conf["STORAGES"], "default": {"BACKEND": "storages.backends.s3.S3Storage",
                                                            "OPTIONS": options}}


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside go to the replica when one is configured (a dashboard, an export)."""
    token = _replica.set(True)
    try:
        yield
    finally:
        _replica.reset(token)


class ReplicaRouter:
    """Writes and migrations on ``default``; reads on ``replica`` only when asked and outside a
    transaction on ``default`` (a read inside a service's transaction must see its own writes)."""

    def db_for_read(self, model, **hints) -> str | None:
        from django.db import connections

        if _replica.get() and not connections["default"].in_atomic_block:
            return "replica"
        return None

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return db == "default"
