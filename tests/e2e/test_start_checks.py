"""Settings that cannot work stop `python -m bot` with one line naming them (issue 9, #12)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("DATABASE_", "DEFAULT_", "PORT", "HOST", "LOG_", "SLACK_", "PUBLIC_", "TEAMS_", "CONN")


def run_bot(tmp_path, command, env, stdin=""):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    clean |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rasmus.db'}",
        "EXPORT_DIR": str(tmp_path / "exports"),
        "PYTHONPATH": str(ROOT),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", command],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean,
        cwd=tmp_path,  # no developer's .env
        timeout=60,
    )


def assert_stopped_with_one_line(result, *names):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"DEFAULT_LANGUAGE": "fr"}, "DEFAULT_LANGUAGE"),
        ({"PORT": "abc"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
    ],
)
def test_a_setting_that_cannot_work_stops_the_console_with_one_line(tmp_path, env, name):
    result = run_bot(tmp_path, "console", env, "hjælp\n")
    assert_stopped_with_one_line(result, name, "set " + name)


UNREACHABLE = "postgresql://rasmus:s3cret@127.0.0.1:1/rasmus"


@pytest.mark.parametrize("command", ["console", "migrate", "serve"])
def test_an_unreachable_database_stops_the_start_with_one_line(tmp_path, command):
    result = run_bot(tmp_path, command, {"DATABASE_URL": UNREACHABLE}, "ny Vagtplan\n")
    assert_stopped_with_one_line(result, "DATABASE_URL", "127.0.0.1:1")
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"SLACK_CLIENT_SECRET": "s", "PUBLIC_URL": "https://r.example"}, "SLACK_STATE_SECRET"),
        ({"SLACK_CLIENT_SECRET": "s", "SLACK_STATE_SECRET": "x"}, "PUBLIC_URL"),
    ],
)
def test_half_set_up_slack_oauth_stops_the_server_naming_what_is_missing(tmp_path, env, missing):
    result = run_bot(tmp_path, "serve", {"SLACK_CLIENT_ID": "111.222", **env, "PORT": "1"})
    assert_stopped_with_one_line(result, missing, "SLACK_CLIENT_ID")


def test_serve_needs_a_port_from_1_to_65535(tmp_path):
    assert_stopped_with_one_line(run_bot(tmp_path, "serve", {"PORT": "0"}), "PORT")


def test_an_upper_case_default_language_is_stored_in_lower_case(tmp_path):
    result = run_bot(tmp_path, "console", {"DEFAULT_LANGUAGE": "EN"}, "ny Vagtplan\nhjælp\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "rasmus.db") as db:
        assert db.execute("SELECT language FROM workshops").fetchall() == [("en",)]
