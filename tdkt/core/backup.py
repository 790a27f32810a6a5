"""Backups: the database and the uploaded files in one archive, with a manifest, encrypted at rest
when a key is set (``tdkt backup`` / ``tdkt restore``; docs/deployment.md, "Backups").

The archive is a tar holding ``manifest.json`` (format, version, date, engine, the migrations
applied, the size and sha256 of every other member), ``database.sqlite3`` (SQLite's online backup
API: a consistent copy while the site runs) or ``database.pgdump`` (pg_dump's custom format), and
``media/...`` (MEDIA_ROOT). With ``TDKT_BACKUP_KEY`` set the tar is sealed with AES-256-GCM in 1 MiB
chunks (the key stretched by scrypt with a random salt), so the dump's password hashes and national
ID numbers are unreadable without the key and any changed byte is refused at restore.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MAGIC = b"TDKTBK1\n"
CHUNK = 1024 * 1024
PREFIX = "tdkt-backup-"
KEY_ENV = "TDKT_BACKUP_KEY"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese and English."""


# --- encryption -----------------------------------------------------------------------------------


def _key(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


def encrypt_stream(src: IO[bytes], dst: IO[bytes], secret: str) -> None:
    """MAGIC, salt(16), nonce prefix(8), then chunks of length(4) + ciphertext; the last chunk's
    associated data says it is last, so a truncated file is refused, not silently short."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(8)
    aes = AESGCM(_key(secret, salt))
    dst.write(MAGIC + salt + prefix)
    counter = 0
    block = src.read(CHUNK)
    while True:
        following = src.read(CHUNK)
        last = not following
        sealed = aes.encrypt(_nonce(prefix, counter), block, b"last" if last else b"more")
        dst.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        block, counter = following, counter + 1


def decrypt_stream(src: IO[bytes], dst: IO[bytes], secret: str) -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if src.read(len(MAGIC)) != MAGIC:
        raise BackupError("Tệp không phải bản sao lưu đã mã hóa của TĐKT. / Not an encrypted TĐKT backup.")
    salt, prefix = src.read(16), src.read(8)
    aes = AESGCM(_key(secret, salt))
    counter = 0
    while True:
        head = src.read(4)
        if len(head) < 4:
            raise BackupError("Bản sao lưu bị cắt cụt. / The backup is truncated.")
        sealed = src.read(struct.unpack(">I", head)[0])
        try:
            block = aes.decrypt(_nonce(prefix, counter), sealed, b"more")
            last = False
        except InvalidTag:
            try:
                block = aes.decrypt(_nonce(prefix, counter), sealed, b"last")
                last = True
            except InvalidTag as exc:
                raise BackupError("Sai khóa TDKT_BACKUP_KEY hoặc bản sao lưu đã bị sửa. / Wrong key or "
                                  "the backup was altered.") from exc
        dst.write(block)
        if last:
            if src.read(1):
                raise BackupError("Bản sao lưu có dữ liệu thừa sau phần cuối. / Trailing data after the end.")
            return
        counter += 1


# --- what goes in ---------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("tdkt")
    except PackageNotFoundError:
        return "unknown"


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [f"--dbname={db['NAME']}"]
    for flag, value in (("--host", db.get("HOST")), ("--port", db.get("PORT")), ("--username", db.get("USER"))):
        if value:
            args.append(f"{flag}={value}")
    return env, args


def _dump_database(work: Path) -> Path:
    if connection.vendor == "sqlite":
        target = work / "database.sqlite3"
        connection.ensure_connection()
        dst = sqlite3.connect(target)
        try:
            connection.connection.backup(dst)  # the online backup API: consistent while others write
        finally:
            dst.close()
        return target
    if connection.vendor == "postgresql":
        target = work / "database.pgdump"
        env, args = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", *args], env)
        return target
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}. / Unsupported database.")


def _run(cmd: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"Không tìm thấy {cmd[0]} (cài gói postgresql-client). / {cmd[0]} not found.") from exc
    if done.returncode:
        raise BackupError(f"{cmd[0]} lỗi / failed: {done.stderr.strip()[:2000]}")


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    removed: list[Path]


def backup(*, out_dir: Path, keep: int | None = None, secret: str | None = None,
           now: dt.datetime | None = None) -> BackupResult:
    """Write one archive into ``out_dir`` and keep only the newest ``keep`` there."""
    from django.utils import timezone

    now = now or timezone.now()
    version = _version()
    out_dir.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="tdkt-backup-") as tmp:
        work = Path(tmp)
        db_file = _dump_database(work)
        members: list[tuple[str, Path]] = [(db_file.name, db_file)]
        members += [(f"media/{p.relative_to(media_root).as_posix()}", p) for p in _media_files(media_root)]
        manifest = {
            "format": FORMAT, "version": version, "created_at": now.isoformat(), "engine": connection.vendor,
            "database": db_file.name, "encrypted": bool(secret), "migrations": applied_migrations(),
            "files": {name: {"size": path.stat().st_size, "sha256": _sha256(path)} for name, path in members},
        }
        tar_path = work / "backup.tar"
        with tarfile.open(tar_path, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
        final = out_dir / f"{PREFIX}{stamp}.tar{'.enc' if secret else ''}"
        partial = final.with_name(final.name + ".part")
        if secret:
            with tar_path.open("rb") as src, partial.open("wb") as dst:
                encrypt_stream(src, dst, secret)
        else:
            shutil.copyfile(tar_path, partial)
        os.chmod(partial, 0o600)
        partial.replace(final)  # a half-written archive never carries the final name
    removed = prune(out_dir, keep) if keep else []
    return BackupResult(final, manifest, removed)


def prune(out_dir: Path, keep: int) -> list[Path]:
    """Keep the newest ``keep`` archives (by the time in their names), delete the rest."""
    archives = sorted(p for p in out_dir.glob(f"{PREFIX}*.tar*") if not p.name.endswith(".part"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- what comes out -------------------------------------------------------------------------------


def _open_archive(path: Path, secret: str | None, work: Path) -> Path:
    with path.open("rb") as fh:
        encrypted = fh.read(len(MAGIC)) == MAGIC
    if not encrypted:
        return path
    if not secret:
        raise BackupError(f"Bản sao lưu đã mã hóa: đặt {KEY_ENV}. / The backup is encrypted: set {KEY_ENV}.")
    plain = work / "backup.tar"
    with path.open("rb") as src, plain.open("wb") as dst:
        decrypt_stream(src, dst, secret)
    return plain


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile("manifest.json")
    except KeyError as exc:
        raise BackupError("Thiếu manifest.json. / manifest.json missing.") from exc
    if member is None:
        raise BackupError("Thiếu manifest.json. / manifest.json missing.")
    manifest: dict[str, Any] = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Định dạng sao lưu {manifest.get('format')} không đọc được. / Unknown backup format.")
    return manifest


def restore(*, path: Path, secret: str | None = None) -> dict[str, Any]:
    """Check every member against the manifest, then replace the database and MEDIA_ROOT.

    Nothing is touched until the whole archive has been checked. A backup made by a newer release
    (migrations this code does not know) is refused; an older one is restored and then migrated."""
    from django.db.migrations.loader import MigrationLoader

    with tempfile.TemporaryDirectory(prefix="tdkt-restore-") as tmp:
        work = Path(tmp)
        plain = _open_archive(path, secret, work)
        with tarfile.open(plain, "r") as tar:
            manifest = read_manifest(tar)
            if manifest["engine"] != connection.vendor:
                raise BackupError(f"Bản sao lưu của {manifest['engine']}, cơ sở dữ liệu hiện tại là "
                                  f"{connection.vendor}. / Engine mismatch.")
            known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
            unknown = sorted(set(manifest["migrations"]) - known)
            if unknown:
                raise BackupError("Bản sao lưu của phiên bản mới hơn (có migration chưa biết: "
                                  f"{', '.join(unknown[:5])}); hãy cài phiên bản đó. / Backup is from a newer release.")
            names = {m.name for m in tar.getmembers() if m.isfile()} - {"manifest.json"}
            if names != set(manifest["files"]):
                raise BackupError("Danh sách tệp trong bản sao lưu khác manifest. / Members differ from the manifest.")
            tar.extractall(work / "x", filter="data")
        unpacked = work / "x"
        for name, meta in manifest["files"].items():
            if _sha256(unpacked / name) != meta["sha256"]:
                raise BackupError(f"Tệp {name} sai mã băm sha256. / {name}: checksum mismatch.")
        _restore_database(unpacked / manifest["database"])
        _restore_media(unpacked / "media")
    return manifest


def _restore_database(db_file: Path) -> None:
    if connection.vendor == "sqlite":
        # Page by page into the live database (its WAL included), holding its write lock meanwhile.
        connections.close_all()
        connection.ensure_connection()
        src = sqlite3.connect(db_file)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        connections.close_all()
        return
    env, args = _pg_env()
    connections.close_all()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", *args, str(db_file)], env)


def _restore_media(src: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    staged = root.with_name(root.name + ".restoring")
    old = root.with_name(root.name + ".before-restore")
    for leftover in (staged, old):
        shutil.rmtree(leftover, ignore_errors=True)
    if src.is_dir():
        shutil.copytree(src, staged)
    else:
        staged.mkdir()
    if root.exists():
        root.rename(old)
    staged.rename(root)
    shutil.rmtree(old, ignore_errors=True)
