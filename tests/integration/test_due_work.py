"""Due wake-ups become Tick rows in the inbox exactly once: in one process, in two worker
processes on PostgreSQL, and when they fell due while no worker ran."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from adapters.persistence.codec import decode_incoming
from adapters.persistence.mapping import workshop_row
from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow, WorkshopRow
from adapters.persistence.wakeups import TICKER, Wakeups, counts
from core.commands import Tick
from core.model import Actor, ChannelKey, Workshop
from tests.integration.test_queue_processes import count, worker_process

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def seed(engine, wakes: list[datetime | None], prefix: str = "w") -> list[str]:
    """Workshops in channels of their own, each with the given wake-up."""
    ids = []
    with Session(engine) as session, session.begin():
        for n, wake in enumerate(wakes):
            wid = f"{prefix}{n:05d}"
            channel = ChannelKey("slack", f"T{n % 7}", f"{prefix}C{n}")
            row = workshop_row(Workshop(wid, channel, "Vagtplan", Actor("anne"), NOW))
            row.wake_at = wake
            session.add(row)
            ids.append(wid)
    return ids


def inbox(engine) -> list:
    with engine.connect() as connection:
        payloads = connection.execute(select(InboxRow.payload).order_by(InboxRow.id)).scalars()
        return [decode_incoming(p) for p in payloads]


def test_each_due_wake_up_becomes_one_tick_and_is_cleared(engine):
    due, later = NOW - timedelta(minutes=5), NOW + timedelta(hours=1)
    first, second, waiting, idle = seed(engine, [due, NOW, later, None])
    queue = WorkQueue(SqlStore(engine), clock=lambda: NOW)

    assert Wakeups(queue).enqueue_due() == 2
    ticks = inbox(engine)
    assert [t.message_id for t in ticks] == [
        f"tick:{first}:{due.isoformat()}",
        f"tick:{second}:{NOW.isoformat()}",
    ]
    assert [t.command for t in ticks] == [Tick(workshop_id=first), Tick(workshop_id=second)]
    assert all(t.actor == TICKER for t in ticks)
    assert ticks[0].channel == ChannelKey("slack", "T0", "wC0")
    # Handed over: a second look finds nothing, the later one waits for its time.
    assert Wakeups(queue).enqueue_due() == 0
    assert [w.workshop_id for w in queue.store.due_wakeups(later)] == [waiting]
    assert Wakeups(queue).enqueue_due(later) == 1
    assert len(inbox(engine)) == 3


def test_monitoring_counts_wake_ups_waiting_for_their_tick(engine):
    seed(engine, [NOW - timedelta(minutes=5), NOW, NOW + timedelta(hours=1), None])
    assert counts(engine, NOW, timedelta(minutes=1)) == {"due": 2, "late": 1}


def test_many_due_wake_ups_are_written_in_batches_none_left_none_twice(engine):
    seed(engine, [NOW - timedelta(seconds=n) for n in range(45)])
    queue = WorkQueue(SqlStore(engine), clock=lambda: NOW)
    assert Wakeups(queue, batch=10).enqueue_due() == 45
    ids = [t.message_id for t in inbox(engine)]
    assert len(ids) == len(set(ids)) == 45
    assert queue.store.due_wakeups(NOW) == []


def test_a_workshop_being_decided_is_left_for_the_next_look(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: nothing is decided while the scheduler writes")
    busy, free = seed(engine, [NOW, NOW])
    queue = WorkQueue(SqlStore(engine), clock=lambda: NOW)
    with engine.connect() as deciding:  # holds the row as a worker's unit does
        deciding.execute(select(WorkshopRow.id).where(WorkshopRow.id == busy).with_for_update())
        assert Wakeups(queue).enqueue_due() == 1
        deciding.rollback()
    assert [t.message_id.split(":")[1] for t in inbox(engine)] == [free]
    assert Wakeups(queue).enqueue_due() == 1
    assert [t.message_id.split(":")[1] for t in inbox(engine)] == [free, busy]


def _run(engine, *args) -> dict:
    process = worker_process(engine, *args)
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_two_worker_processes_tick_a_thousand_due_wake_ups_each_exactly_once(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("several worker processes are for PostgreSQL; SQLite runs one")
    now = datetime.now(UTC)
    ids = seed(engine, [now - timedelta(seconds=n % 300) for n in range(1000)])
    workers = [worker_process(engine, "ticks", "--slots", "4") for _ in range(2)]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    ticked = [tick for result in results for tick in result["ticks"]]
    assert len(ticked) == 1000
    assert sorted(tick.split(":")[1] for tick in ticked) == sorted(ids)
    assert all(result["failed"] == 0 for result in results)
    assert count(engine, InboxRow) == 0
    assert count(engine, WorkshopRow, WorkshopRow.wake_at.is_not(None)) == 0


def test_what_fell_due_while_no_worker_ran_is_ticked_once_at_the_start(engine):
    # A long interval: only the look at the start can find them within this run.
    now = datetime.now(UTC)
    down = [now - timedelta(hours=h) for h in range(1, 51)]
    ids = seed(engine, down + [now + timedelta(days=30)])
    first = _run(engine, "ticks", "--interval", "600")
    assert sorted(tick.split(":")[1] for tick in first["ticks"]) == sorted(ids[:50])
    assert first["failed"] == 0
    # Started again: nothing is due any more, nothing is ticked twice.
    again = _run(engine, "ticks", "--interval", "600")
    assert again["ticks"] == []
    with engine.connect() as connection:
        left = connection.execute(text("SELECT id FROM workshops WHERE wake_at IS NOT NULL"))
        assert left.scalars().all() == [ids[50]]
