"""The snapshot helper cannot pass by writing what it compares against."""

from __future__ import annotations

import pytest

from tests.snapshots import assert_matches_snapshot


def test_a_missing_snapshot_fails_and_is_not_written(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    path = tmp_path / "card.json"
    with pytest.raises(AssertionError, match="UPDATE_SNAPSHOTS=1"):
        assert_matches_snapshot(path, "{}\n")
    assert not path.exists()


def test_with_update_snapshots_a_missing_snapshot_is_written_for_review(tmp_path, monkeypatch):
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    path = tmp_path / "new" / "card.json"
    assert_matches_snapshot(path, "{}\n")
    assert path.read_text(encoding="utf-8") == "{}\n"


def test_a_snapshot_that_differs_fails(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    path = tmp_path / "card.json"
    path.write_text("{}\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_matches_snapshot(path, '{"changed": true}\n')
