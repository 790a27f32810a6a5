"""``tdkt audit verify``: walk the hash chain and name the first broken row.
``tdkt audit grants --app-role R``: print (or, with --apply, run) the PostgreSQL grants."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tdkt.audit.chain import HASHED_FIELDS, first_break
from tdkt.audit.grants import grant_statements
from tdkt.audit.models import AuditChainHead, AuditEvent

TRIGGERS = {"sqlite": ["audit_auditevent_no_update", "audit_auditevent_no_delete"],
            "postgresql": ["audit_auditevent_no_change"]}


def missing_triggers() -> list[str]:
    """The append-only triggers this engine should have on the audit table and does not (or disabled)."""
    wanted = TRIGGERS.get(connection.vendor, [])
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'")
        elif connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass "
                        "AND tgenabled <> 'D'")
        else:
            return []
        present = {row[0] for row in cur.fetchall()}
    return [name for name in wanted if name not in present]


class Command(BaseCommand):
    help = "Nhật ký hệ thống: kiểm tra chuỗi mã băm (verify), quyền PostgreSQL (grants)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="kiểm tra chuỗi mã băm; mã thoát 1 và tên dòng hỏng đầu tiên nếu có")
        grants = sub.add_parser("grants", help="câu lệnh GRANT cho vai trò ứng dụng (PostgreSQL)")
        grants.add_argument("--app-role", required=True, help="vai trò mà web và worker dùng để kết nối")
        grants.add_argument("--owner-role", default="", help="vai trò sở hữu bảng (mặc định: vai trò đang kết nối)")
        grants.add_argument("--apply", action="store_true", help="chạy các câu lệnh (kết nối bằng vai trò sở hữu)")

    def handle(self, *args, **options) -> None:
        if options["action"] == "verify":
            self._verify()
        else:
            self._grants(options)

    def _verify(self) -> None:
        head = AuditChainHead.objects.filter(pk=1).first()
        rows = AuditEvent.objects.order_by("id").values("id", "prev_hash", "row_hash", *HASHED_FIELDS)
        broken = first_break(rows.iterator(chunk_size=2000), head_id=head.last_id if head else None,
                             head_hash=head.last_hash if head else "")
        total = AuditEvent.objects.count()
        if broken is None:
            missing = missing_triggers()
            if missing:
                # A later migration that rebuilt the table on SQLite drops its triggers: say so every night.
                raise CommandError(f"Chuỗi nhật ký nguyên vẹn ({total} dòng) nhưng thiếu trigger chống sửa: "
                                   f"{', '.join(missing)}. / Append-only triggers missing.", returncode=1)
            self.stdout.write(f"Chuỗi nhật ký nguyên vẹn: {total} dòng. / Audit chain intact: {total} rows.")
            return
        where = f"dòng số {broken.row_id}" if broken.row_id is not None else "đầu chuỗi"
        raise CommandError(f"Chuỗi nhật ký bị phá tại {where}: {broken.reason}. / "
                           f"Audit chain broken at row {broken.row_id}.", returncode=1)

    def _grants(self, options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Chỉ dùng với PostgreSQL (DATABASE_URL=postgres://...). / PostgreSQL only.")
        with connection.cursor() as cur:
            cur.execute("SELECT current_user")
            current = cur.fetchone()[0]
        try:
            statements = grant_statements(app_role=options["app_role"], owner_role=options["owner_role"] or current)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not options["apply"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with connection.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
        self.stdout.write(f"Đã cấp quyền cho {options['app_role']}. / Grants applied.")
