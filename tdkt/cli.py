"""``tdkt``: the command a user runs (wraps Django's management commands)."""

from __future__ import annotations

import os
import sys

USAGE = """Cách dùng / usage: tdkt <lệnh / command> [tham số / options]

Lệnh của TĐKT / TĐKT's commands:
    setup          tạo/nâng cấp cơ sở dữ liệu, nạp danh mục / create or upgrade the database, load reference data
    demo           dựng lại phường mẫu (chạy lại không sinh trùng); --scale N cho dữ liệu lớn /
                   rebuild the demo ward (idempotent); --scale N for benchmarks
    serve          chạy bản phát triển tại $TDKT_BIND (mặc định 127.0.0.1:8000) / development server
    worker         tiến trình nền (nhập Excel lớn, in giấy khen) / background jobs
    api_token      cấp mã truy cập API cho một tài khoản / issue an API token: tdkt api_token <tên đăng nhập>
    eligibility    xét điều kiện thi đua, in JSON / print eligibility verdicts as JSON
    load_reference nạp lại danh mục và quy định / reload reference data and rules
    backup         sao lưu CSDL và tệp tải lên (--keep N; mã hóa khi đặt TDKT_BACKUP_KEY) /
                   back up the database and uploaded files (encrypted when TDKT_BACKUP_KEY is set)
    restore        khôi phục từ một bản sao lưu / restore a backup: tdkt restore <tệp>
    signing        signing demo-ca: CA thử nghiệm và khóa ký số cho người ký của phường mẫu /
                   a demo CA and signing keys for the demo's signers (docs/signatures.md)
    audit          audit verify: kiểm tra chuỗi mã băm nhật ký / check the audit trail's hash chain;
                   audit grants --app-role R: quyền PostgreSQL / the application role's grants

Mọi lệnh quản trị Django cũng dùng được (migrate, createsuperuser, ...): tdkt help --all
Any Django management command works too. Help for one command: tdkt help <command> or tdkt <command> --help
"""

HELP_FLAGS = {"-h", "--help"}
LOCAL_KEY_COMMANDS = {"setup", "demo", "serve"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import call_command, execute_from_command_line

    if not argv or argv[0] in HELP_FLAGS or argv == ["help"]:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command in LOCAL_KEY_COMMANDS:
        # The demo and the development server run on this machine's generated key (config/settings.py);
        # every other command, like the web server in production, needs TDKT_SECRET_KEY.
        os.environ.setdefault("TDKT_LOCAL_SECRET_KEY", "1")
    if command == "help":
        # "tdkt help eligibility" is that command's help; "tdkt help --all" Django's list.
        if rest == ["--all"]:
            execute_from_command_line(["tdkt", "help"])
        elif rest[0] in {"setup", "serve"}:
            print(_OWN_HELP[rest[0]])
        else:
            execute_from_command_line(["tdkt", rest[0], "--help"])
        return
    if command in _OWN_HELP and HELP_FLAGS & set(rest):
        print(_OWN_HELP[command])
        return
    if command == "setup":
        import django

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference")
        app_role = os.environ.get("TDKT_DB_APP_ROLE", "").strip()
        if app_role:
            # The application's own PostgreSQL role gets its rights on every table, new ones included
            # (docs/deployment.md, "PostgreSQL and its two roles"); setup runs as the owner.
            call_command("audit", "grants", "--app-role", app_role, "--apply")
        return
    if command == "serve":
        address = rest[0] if rest else os.environ.get("TDKT_BIND", "127.0.0.1:8000")
        execute_from_command_line(["tdkt", "runserver", "--noreload", address])
        return
    execute_from_command_line(["tdkt", command, *rest])


_OWN_HELP = {
    "setup": "tdkt setup\n\n"
             "Tạo hoặc nâng cấp cơ sở dữ liệu (migrate) rồi nạp danh mục và quy định (load_reference).\n"
             "Chạy lại an toàn. Với PostgreSQL và TDKT_DB_APP_ROLE, cấp quyền cho vai trò ứng dụng.\n"
             "Create or upgrade the database, then load the reference data; safe to rerun. On PostgreSQL\n"
             "with TDKT_DB_APP_ROLE set, grant the application role its rights (tdkt audit grants).",
    "serve": "tdkt serve [địa chỉ:cổng]\n\n"
             "Chạy bản phát triển tại địa chỉ đã cho, hoặc $TDKT_BIND, hoặc 127.0.0.1:8000.\n"
             "Serve the development site at the given address, or $TDKT_BIND, or 127.0.0.1:8000.",
}


if __name__ == "__main__":
    main()
