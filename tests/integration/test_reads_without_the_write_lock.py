"""Lookups (a thread's origin, a card's id, member names) must not queue behind the commands
being decided: on SQLite every write transaction takes the file's write lock up front."""

import sqlite3
import time

import pytest
from sqlalchemy import event

from adapters.persistence.database import StorageBusy, open_database, timeouts_as_busy
from adapters.persistence.state import PlatformState


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'rasmus.db'}", busy_timeout=0.5)
    yield engine
    engine.dispose()


def begins(engine) -> list[str]:
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            seen.append(statement)

    return seen


def test_platform_state_lookups_answer_while_another_writer_holds_the_write_lock(
    sqlite_engine,
):
    state = PlatformState(sqlite_engine)
    state.put("chat.thread", "k", '{"w": 1}')
    writer = sqlite3.connect(sqlite_engine.url.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        assert state.get("chat.thread", "k") == '{"w": 1}'
        assert state.items("chat.thread") == {"k": '{"w": 1}'}
        assert time.monotonic() - started < 0.3  # no busy wait: the lock was never asked for
        with pytest.raises(StorageBusy), timeouts_as_busy():
            state.put("chat.thread", "k2", "{}")  # a write still waits for it, and gives up
    finally:
        writer.close()


def test_lookups_begin_deferred_and_writes_immediate(sqlite_engine):
    state = PlatformState(sqlite_engine)
    seen = begins(sqlite_engine)
    state.put("teams.member", "29:anne", '"Anne"')
    state.get("teams.member", "29:anne")
    state.items("teams.member")
    assert seen == ["BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN DEFERRED"]
