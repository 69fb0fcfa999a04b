"""Piped console input with a BOM or bytes that are not UTF-8 (issue 9, finding 8)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_console_bytes(tmp_path, data: bytes, **env):
    return subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=data,
        capture_output=True,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'rasmus.db'}",
            "EXPORT_DIR": str(tmp_path / "exports"),
            "PYTHONPATH": str(ROOT),
            **env,
        },
        cwd=tmp_path,
        timeout=60,
    )


def notes(tmp_path):
    with sqlite3.connect(tmp_path / "rasmus.db") as db:
        return [row[0] for row in db.execute("SELECT text FROM notes ORDER BY short_id")]


def test_a_byte_order_mark_on_piped_input_does_not_break_the_first_line(tmp_path):
    data = "\ufeffmette: /rasmus ny Vagtplan\n/rasmus næste\n".encode()
    result = run_console_bytes(tmp_path, data)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "Vagtplan" in out and "kender jeg ikke" not in out
    with sqlite3.connect(tmp_path / "rasmus.db") as db:
        assert db.execute("SELECT started_by_id, technology FROM workshops").fetchall() == [
            ("mette", "Vagtplan")
        ]


def test_bytes_that_are_not_utf8_are_refused_per_line_and_never_stored(tmp_path):
    data = (
        "/rasmus ny Vagtplan\n/rasmus næste\n".encode()
        + b"/rasmus note realistisk Caf\xe9 \xff\xfe lukker\n"
        + "/rasmus note realistisk Caféen lukker\n".encode()
    )
    # Whatever the terminal's locale says: a C locale must not turn bytes into surrogates.
    for name, locale in {"utf8": "C.UTF-8", "c": "C"}.items():
        place = tmp_path / name
        place.mkdir()
        result = run_console_bytes(place, data, LC_ALL=locale, PYTHONIOENCODING="")
        out = result.stdout.decode()
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        assert "ikke gyldig UTF-8" in out and "Noget gik galt" not in out
        assert notes(place) == ["Caféen lukker"]
