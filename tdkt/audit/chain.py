"""The hash chain of the audit trail: each row carries the hash of its own content and of the row
before it, so a row changed, removed or slipped in behind the application's back (raw SQL, a
restored dump edited by hand) breaks the chain at that row, and ``tdkt audit verify`` names it.

Pure functions over plain values: the service, the data migration that chained the rows written
before the chain existed, and the verify command all hash through :func:`row_hash`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The hash the first row points back to: a fixed value, so an empty table and a table whose first
# rows were deleted are told apart (the new first row would still name its lost predecessor).
GENESIS = "0" * 64

# The columns whose values the hash covers, in a fixed order: everything a reader of the log relies on.
HASHED_FIELDS = ("created_at", "actor_id", "actor_label", "unit_id", "event_type", "target_type",
                 "target_id", "target_repr", "before", "after", "data", "reason")


def _canonical_time(value: Any) -> str:
    # Stored times come back in UTC from both databases; microseconds kept, so equal instants hash alike.
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    return str(value or "")


def content_of(values: Mapping[str, Any]) -> str:
    """The canonical text of one row's content: sorted-key JSON, so PostgreSQL's jsonb (which
    reorders keys) and SQLite's text give the same bytes."""
    payload = {name: values.get(name) for name in HASHED_FIELDS}
    payload["created_at"] = _canonical_time(payload["created_at"])
    for name in ("actor_id", "unit_id"):
        key = payload[name]
        payload[name] = None if key is None else int(key)
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def row_hash(values: Mapping[str, Any], prev_hash: str) -> str:
    """sha256 over the previous row's hash and this row's content."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(content_of(values).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold, and why (in Vietnamese, for the operator)."""

    row_id: int | None
    reason: str


def first_break(rows: Iterable[Mapping[str, Any]], *, head_id: int | None, head_hash: str) -> Break | None:
    """Walk the rows in id order; ``None`` when every row hashes to what it stores and points at the
    row before it, and the last row is the one the chain head names (so the newest rows were not cut)."""
    prev = GENESIS
    last_id: int | None = None
    for values in rows:
        row_id = int(values["id"])
        if values.get("prev_hash") != prev:
            return Break(row_id, "không nối với dòng trước (có dòng bị xóa hoặc chèn trước nó)")
        expected = row_hash(values, prev)
        if values.get("row_hash") != expected:
            return Break(row_id, "nội dung đã bị sửa (mã băm không khớp)")
        prev = expected
        last_id = row_id
    if last_id != head_id or prev != (head_hash or GENESIS):
        return Break(head_id, "dòng cuối không phải dòng mà đầu chuỗi ghi nhận (các dòng mới nhất bị xóa)")
    return None
