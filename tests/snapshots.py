"""Comparing rendered output with reviewed snapshot files.

A missing snapshot is a failure, not a new truth: a test that writes what it checks against can
never fail. After an intended change run with `UPDATE_SNAPSHOTS=1` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path


def updating() -> bool:
    return os.environ.get("UPDATE_SNAPSHOTS") == "1"


def assert_matches_snapshot(path: Path, rendered: str) -> None:
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    if not path.exists():
        raise AssertionError(
            f"no snapshot {path}; write it with UPDATE_SNAPSHOTS=1, then review it like code"
        )
    assert rendered == path.read_text(encoding="utf-8")
