"""The secret key (issue 17): production refuses to start without TDKT_SECRET_KEY; the demo and the
tests run on a key generated once under TDKT_VAR_DIR, never on one written in the code, and
``check --deploy`` flags that key when DEBUG is off. Each case starts a fresh interpreter, as a
deployment does."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHOW_KEY = "import config.settings as s; print(s.SECRET_KEY)"


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"TDKT_SECRET_KEY", "TDKT_LOCAL_SECRET_KEY", "TDKT_DEBUG", "DJANGO_SETTINGS_MODULE"}}
    return {**env, "TDKT_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "config.settings", **extra}


def _run(args, env):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_key(tmp_path):
    result = _run([sys.executable, "-c", SHOW_KEY], _env(tmp_path))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TDKT_SECRET_KEY chưa đặt" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()
    # The WSGI entry point gunicorn loads refuses the same way.
    wsgi = _run([sys.executable, "-c", "import config.wsgi"], _env(tmp_path))
    assert wsgi.returncode != 0 and "TDKT_SECRET_KEY chưa đặt" in wsgi.stderr


def test_the_demo_key_is_generated_once_and_kept_private(tmp_path):
    env = _env(tmp_path, TDKT_LOCAL_SECRET_KEY="1")
    first = _run([sys.executable, "-c", SHOW_KEY], env)
    assert first.returncode == 0, first.stderr
    second = _run([sys.executable, "-c", SHOW_KEY], env)
    key = first.stdout.strip()
    assert key == second.stdout.strip()  # sessions survive a restart of the demo
    assert len(key) >= 50 and "demo" not in key
    path = tmp_path / "var" / "secret_key"
    assert path.read_text().strip() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    other = _run([sys.executable, "-c", SHOW_KEY], _env(tmp_path / "other", TDKT_LOCAL_SECRET_KEY="1"))
    assert other.stdout.strip() != key  # each machine its own key


def test_a_real_key_is_used_as_given(tmp_path):
    result = _run([sys.executable, "-c", SHOW_KEY], _env(tmp_path, TDKT_SECRET_KEY="k" * 20 + "x" * 40))
    assert result.stdout.strip() == "k" * 20 + "x" * 40
    assert not (tmp_path / "var" / "secret_key").exists()


def test_check_deploy_flags_the_demo_key(tmp_path):
    manage = [sys.executable, "manage.py", "check", "--deploy"]
    flagged = _run(manage, _env(tmp_path, TDKT_LOCAL_SECRET_KEY="1"))
    assert "tdkt.W001" in flagged.stdout + flagged.stderr
    published = _run(manage, _env(tmp_path, TDKT_SECRET_KEY="tdkt-local-demo-key-not-for-production-use-0123456789"))
    assert "tdkt.W001" in published.stdout + published.stderr
    real = _run(manage, _env(tmp_path, TDKT_SECRET_KEY="a-real-secret-" + "q9Zr" * 12))
    assert "tdkt.W001" not in real.stdout + real.stderr


def test_the_tdkt_command_gives_the_demo_its_key_and_nothing_else(tmp_path):
    env = _env(tmp_path)
    demo = _run([sys.executable, "-c", "from tdkt.cli import main; main(['demo', '--help'])"], env)
    assert demo.returncode == 0, demo.stderr
    other = _run([sys.executable, "-c", "from tdkt.cli import main; main(['check'])"], env)
    assert other.returncode != 0 and "TDKT_SECRET_KEY chưa đặt" in other.stderr
