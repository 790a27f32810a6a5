"""LibreOffice, when the machine has it: converting an administrator's filled-in
DOCX to PDF, and (in tests) proving that a real office suite opens our files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_TIMEOUT_SECONDS = 120


def soffice_path() -> str | None:
    return os.environ.get("TDKT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: list[Path], outdir: Path, *, target: str = "pdf") -> subprocess.CompletedProcess:
    """``soffice --headless --convert-to pdf --outdir outdir files...`` with a private
    profile, so parallel runs do not fight over the user's profile lock."""
    binary = soffice_path()
    if binary is None:
        raise FileNotFoundError("LibreOffice (soffice) không có trên máy chủ.")
    with tempfile.TemporaryDirectory(prefix="tdkt-lo-") as profile:
        return subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), *map(str, paths)],
            capture_output=True, text=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False,
        )


def docx_to_pdf(content: bytes) -> bytes | None:
    """PDF bytes, or None when LibreOffice is absent or fails."""
    if soffice_path() is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tdkt-docx-") as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(content)
        try:
            convert([source], Path(tmp))
        except (OSError, subprocess.SubprocessError):
            return None
        target = Path(tmp) / "van-ban.pdf"
        return target.read_bytes() if target.exists() else None
