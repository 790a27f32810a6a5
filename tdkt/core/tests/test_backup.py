"""Backup, wipe, restore: the same rows and the same files come back (SQLite here; PostgreSQL too
when DATABASE_URL points at it). Encrypted archives are unreadable without the key and refused when
changed; retention keeps the newest N."""

from __future__ import annotations

import datetime as dt
import hashlib
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tdkt.core.backup import BackupError, backup, restore

KEY = "khóa thử nghiệm rất dài 2026"


def _fingerprint() -> dict[str, tuple[int, str]]:
    """Rows and a checksum of every table's content, table by table."""
    out = {}
    with connection.cursor() as cur:
        for model in apps.get_models():
            table = model._meta.db_table
            cols = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
            cur.execute(f"SELECT {cols} FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows = cur.fetchall()
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "campaigns" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "campaigns" / "2026" / "kế-hoạch.pdf").write_bytes(b"%PDF-1.4 plan " * 1000)
    (settings.MEDIA_ROOT / "anh.png").write_bytes(bytes(range(256)) * 50)
    return Path(settings.MEDIA_ROOT)


def _wipe(media_root: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for p in media_root.rglob("*"):
        if p.is_file():
            p.unlink()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("secret", [None, KEY])
def test_round_trip_gives_the_same_rows_and_files(world, media, tmp_path, secret):
    before, files = _fingerprint(), _files(media)
    assert before["audit_auditevent"][0] > 0 and before["people_person"][0] == 4
    result = backup(out_dir=tmp_path / "bk", secret=secret)
    assert result.manifest["files"]["media/campaigns/2026/kế-hoạch.pdf"]["sha256"] == files[
        "campaigns/2026/kế-hoạch.pdf"]
    assert "audit.0005_sqlite_append_only_triggers" in result.manifest["migrations"]
    _wipe(media)
    assert _fingerprint()["people_person"][0] == 0 and _files(media) == {}

    restore(path=result.path, secret=secret)
    assert _fingerprint() == before
    assert _files(media) == files
    out = __import__("io").StringIO()
    call_command("audit", "verify", stdout=out)
    assert "nguyên vẹn" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_encrypted_archive_hides_the_data_and_refuses_tampering(world, media, tmp_path):
    path = backup(out_dir=tmp_path / "bk", secret=KEY).path
    raw = path.read_bytes()
    assert b"079085000001" not in raw and b"SQLite format" not in raw and b"manifest" not in raw
    assert not tarfile.is_tarfile(path)
    with pytest.raises(BackupError, match="Sai khóa"):
        restore(path=path, secret="khóa khác")
    with pytest.raises(BackupError, match="đã mã hóa"):
        restore(path=path, secret=None)
    tampered = tmp_path / "tampered.tar.enc"
    tampered.write_bytes(raw[:200] + bytes([raw[200] ^ 1]) + raw[201:])
    with pytest.raises(BackupError, match="bị sửa"):
        restore(path=tampered, secret=KEY)
    cut = tmp_path / "cut.tar.enc"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(BackupError):
        restore(path=cut, secret=KEY)
    assert _fingerprint()["people_person"][0] == 4  # nothing was touched by the refusals


@pytest.mark.django_db(transaction=True)
def test_a_changed_member_is_refused_before_anything_is_replaced(world, media, tmp_path):
    path = backup(out_dir=tmp_path / "bk").path
    bad = tmp_path / "bad.tar"
    with tarfile.open(path) as src, tarfile.open(bad, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "anh.png" or member.name.endswith("anh.png"):
                data = b"x" + data[1:]
            dst.addfile(member, __import__("io").BytesIO(data))
    (media / "moi.txt").write_text("tệp mới")
    with pytest.raises(BackupError, match="sha256"):
        restore(path=bad)
    assert (media / "moi.txt").exists() and _fingerprint()["people_person"][0] == 4


@pytest.mark.django_db(transaction=True)
def test_keep_leaves_the_newest_archives(world, media, tmp_path, monkeypatch):
    out = tmp_path / "bk"
    start = dt.datetime(2026, 5, 1, 1, 0, tzinfo=dt.UTC)
    for day in range(5):
        backup(out_dir=out, keep=3, now=start + dt.timedelta(days=day))
    assert sorted(p.name for p in out.iterdir()) == [
        "tdkt-backup-20260503-010000.tar", "tdkt-backup-20260504-010000.tar", "tdkt-backup-20260505-010000.tar"]


@pytest.mark.django_db(transaction=True)
def test_the_commands(world, media, tmp_path, monkeypatch):
    monkeypatch.setenv("TDKT_BACKUP_KEY", KEY)
    out = __import__("io").StringIO()
    call_command("backup", "--output-dir", str(tmp_path / "bk"), "--keep", "2", stdout=out)
    assert "đã mã hóa" in out.getvalue()
    (archive,) = (tmp_path / "bk").iterdir()
    assert archive.name.endswith(".tar.enc") and oct(archive.stat().st_mode & 0o777) == "0o600"
    before = _fingerprint()
    _wipe(media)
    call_command("restore", str(archive), "--yes", stdout=out)
    assert _fingerprint() == before
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "none.tar"), "--yes")
