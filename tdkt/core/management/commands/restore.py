"""``tdkt restore <archive>``: check it against its manifest, then replace the database and the
uploaded files (tdkt/core/backup.py), then apply any newer migrations."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.core.backup import KEY_ENV, BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục từ một bản sao lưu (thay toàn bộ dữ liệu và tệp tải lên). / "
            "Restore a backup (replaces all data and uploaded files).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại / do not ask")

    def handle(self, *args, **options) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}. / No such file.")
        if not options["yes"] and options.get("interactive", True):
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay. Gõ 'yes' để tiếp tục / type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("Đã hủy. / Cancelled.")
        try:
            manifest = restore(path=path, secret=os.environ.get(KEY_ENV) or None)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Đã khôi phục bản {manifest['created_at']} ({len(manifest['files']) - 1} tệp). / Restored.")
