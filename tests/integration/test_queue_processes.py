"""Worker processes sharing one database: every row decided once, a killed worker's rows taken
over after their lease. Real processes (tests/integration/queue_worker_process.py)."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from adapters.persistence.codec import decode_reply
from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow, NoteRow, OutboxRow, WorkshopRow
from core.messages import Refusal
from core.model import Actor, ChannelKey
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

ROOT = Path(__file__).resolve().parents[2]


def worker_process(engine, *args):
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.queue_worker_process", url, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def count(engine, table, *where):
    with engine.connect() as connection:
        query = select(func.count()).select_from(table)
        return connection.execute(query.where(*where) if where else query).scalar_one()


def said(text, where, who="anne"):
    return Incoming(where, Actor(who, who.title()), text=text)


def test_two_worker_processes_decide_a_thousand_rows_each_exactly_once(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("several worker processes are for PostgreSQL; SQLite runs one")
    queue = WorkQueue(SqlStore(engine))
    channels = [ChannelKey("slack", "T1", f"C{n:02d}") for n in range(50)]
    for where in channels:
        queue.enqueue(said("ny Vagtplan", where))
        queue.enqueue(said("next", where))
    for n in range(18):  # interleaved, as real traffic is
        for where in channels:
            queue.enqueue(said(f"note sundt Note {n}", where, who=f"p{n}"))
    assert queue.stats().due == 1000
    workers = [worker_process(engine, "drain", "--slots", "4") for _ in range(2)]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["decided"] for r in results) == 1000
    assert all(r["decided"] > 0 and r["failed"] == 0 for r in results)
    assert count(engine, InboxRow) == 0
    assert count(engine, WorkshopRow) == 50
    # Without message ids nothing hides a double: a row decided twice would add a note twice.
    assert count(engine, NoteRow) == 900
    with engine.connect() as connection:
        payloads = connection.execute(select(OutboxRow.payload)).scalars().all()
    refused = [p for p in payloads if isinstance(decode_reply(p).message, Refusal)]
    assert refused == []  # each channel's rows were decided in order: no note came too early


def test_a_worker_killed_mid_decision_has_its_rows_taken_over_after_the_lease(engine):
    store = SqlStore(engine)
    queue = WorkQueue(store, lease=timedelta(seconds=2))
    channels = [ChannelKey("slack", "T1", f"K{n}") for n in range(3)]
    for where in channels:
        queue.enqueue(said("ny Vagtplan", where))
    hung = worker_process(engine, "hang", "--claims", "3", "--lease", "3")
    line = hung.stdout.readline()
    assert line.startswith("deciding"), hung.stderr.read()
    held = sorted(int(word) for word in line.split()[1:])
    hung.send_signal(signal.SIGKILL)
    hung.wait(timeout=10)
    with engine.connect() as connection:
        leases = connection.execute(select(InboxRow.claimed_until)).scalars().all()
    assert len(leases) == 3  # all three still claimed by the dead worker, none decided
    if datetime.now(UTC) < min(leases):
        assert queue.claim("survivor") is None  # their leases still run
    service = WorkshopService(store, SteppingClock(), CountingIds())
    taken = []
    deadline = time.monotonic() + 15
    while len(taken) < 3 and time.monotonic() < deadline:
        claim = queue.claim("survivor")
        if claim is None:
            time.sleep(0.1)
            continue
        taken.append((claim, datetime.now(UTC)))
        queue.process(claim, service.handle)
    assert sorted(c.id for c, _ in taken) == held
    assert all(c.attempts == 2 for c, _ in taken)
    assert all(at >= min(leases) for _, at in taken)  # not before the lease ran out
    assert count(engine, WorkshopRow) == 3 and count(engine, InboxRow) == 0
