"""The ``tdkt`` command as a newcomer types it: help never runs anything."""

from __future__ import annotations

import pytest

from tdkt import cli


def test_bare_help_lists_our_commands(capsys):
    cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("setup", "demo", "serve", "worker", "api_token", "eligibility"):
        assert f"    {command}" in out


@pytest.mark.django_db
def test_setup_help_prints_help_and_does_not_migrate(capsys, monkeypatch):
    ran = []
    # Recording, not replacing: the assertion is that help never reaches the command.
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: ran.append(a))
    cli.main(["setup", "--help"])
    assert "tdkt setup" in capsys.readouterr().out
    assert ran == []


def test_help_for_one_command_is_that_commands_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["help", "eligibility"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--person" in out and "--subtree" in out


def test_serve_uses_tdkt_bind(monkeypatch):
    seen = []
    monkeypatch.setenv("TDKT_BIND", "0.0.0.0:8123")
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: seen.append(argv))
    cli.main(["serve"])
    assert seen == [["tdkt", "runserver", "--noreload", "0.0.0.0:8123"]]
