"""``tdkt audit verify``: walk the hash chain and name the first broken row.
``tdkt audit grants --app-role R``: print (or, with --apply, run) the PostgreSQL grants."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tdkt.audit.chain import HASHED_FIELDS, first_break
from tdkt.audit.grants import grant_statements
from tdkt.audit.models import AuditChainHead, AuditEvent


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
