"""``tdkt``: the command a user runs (wraps Django's management commands).

    tdkt setup        create/upgrade the database and load reference data
    tdkt demo         build the demo district (idempotent); --scale for benchmarks
    tdkt serve        serve the site at http://127.0.0.1:8000
    tdkt worker       run background jobs (large Excel imports); ./start runs it beside the web server
    tdkt <command>    any Django management command (migrate, createsuperuser, ...)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import call_command, execute_from_command_line

    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "setup":
        import django

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference")
        return
    if command == "serve":
        address = rest[0] if rest else "127.0.0.1:8000"
        execute_from_command_line(["tdkt", "runserver", "--noreload", address])
        return
    execute_from_command_line(["tdkt", command, *rest])


if __name__ == "__main__":
    main()
