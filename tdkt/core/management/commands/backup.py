"""``tdkt backup``: the database and the uploaded files in one archive (tdkt/core/backup.py)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.core.backup import KEY_ENV, BackupError, backup


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp (mã hóa khi đặt TDKT_BACKUP_KEY). / "
            "Back up the database and uploaded files into one archive.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output-dir", default=os.environ.get("TDKT_BACKUP_DIR", ""),
                            help="thư mục lưu (mặc định $TDKT_BACKUP_DIR hoặc var/backups)")
        parser.add_argument("--keep", type=int, default=None,
                            help="chỉ giữ N bản mới nhất trong thư mục / keep the newest N archives")

    def handle(self, *args, **options) -> None:
        out_dir = Path(options["output_dir"] or Path(settings.VAR_DIR) / "backups")
        if options["keep"] is not None and options["keep"] < 1:
            raise CommandError("--keep phải từ 1 trở lên. / --keep must be at least 1.")
        try:
            result = backup(out_dir=out_dir, keep=options["keep"], secret=os.environ.get(KEY_ENV) or None)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(result.manifest["files"]) - 1
        state = "đã mã hóa / encrypted" if result.manifest["encrypted"] else "KHÔNG mã hóa / NOT encrypted"
        self.stdout.write(f"{result.path} ({result.path.stat().st_size} byte; cơ sở dữ liệu + {files} tệp; {state})")
        for path in result.removed:
            self.stdout.write(f"đã xóa bản cũ / removed: {path.name}")
