"""The worker loop on SQLite and PostgreSQL: order within a channel, fairness between channels,
waking at once when told, and a graceful stop that leaves the rest in the database."""

import asyncio
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow, NoteRow, OutboxRow
from adapters.scheduling.worker import QueueWorker
from core.messages import ItemConfirmed, Refusal
from core.model import Actor, ChannelKey
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock


def said(text, channel, who="anne", **kwargs):
    return Incoming(channel, Actor(who, who.title()), text=text, **kwargs)


def channel(n):
    return ChannelKey("slack", "T1", f"C{n}")


def scalar(engine, query):
    with engine.connect() as connection:
        return connection.execute(query).scalar_one()


async def until(condition, timeout=10.0, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await asyncio.to_thread(condition):
            return time.monotonic()
        await asyncio.sleep(step)
    raise AssertionError("the condition did not come true in time")


def start(worker):
    return asyncio.get_running_loop().create_task(worker.run())


async def test_a_note_sent_5_ms_after_next_is_decided_after_it_and_accepted(store, service):
    queue = WorkQueue(store)
    worker = QueueWorker(queue, service.handle, slots=4, interval=30)
    outcomes = []
    worker.on_decided = lambda claim, outcome: outcomes.append((claim.incoming.text, outcome))
    running = start(worker)
    channels = [channel(n) for n in range(6)]
    for where in channels:
        await asyncio.to_thread(queue.enqueue, said("ny Vagtplan", where))
    worker.notify()
    await until(lambda: queue.stats().waiting == 0)
    for where in channels:
        await asyncio.to_thread(queue.enqueue, said("next", where))
        worker.notify()
        await asyncio.sleep(0.005)
        await asyncio.to_thread(queue.enqueue, said("note sundt Færre løft", where, who="cai"))
        worker.notify()
    await until(lambda: queue.stats().waiting == 0)
    worker.stop()
    assert await running == 0
    notes = [o for text, o in outcomes if text.startswith("note")]
    assert len(notes) == 6
    for outcome in notes:
        assert not any(isinstance(r.message, Refusal) for r in outcome.replies)
        assert any(isinstance(r.message, ItemConfirmed) for r in outcome.replies)
    assert scalar(store.engine, select(func.count()).select_from(NoteRow)) == 6


async def test_new_work_is_taken_at_once_when_notified_and_otherwise_at_the_interval(
    store, service
):
    queue = WorkQueue(store)
    worker = QueueWorker(queue, service.handle, slots=2, interval=1.0)
    running = start(worker)
    await asyncio.sleep(0.05)
    await asyncio.to_thread(queue.enqueue, said("hjælp", channel(1)))
    sent = time.monotonic()
    worker.notify()
    answered = await until(lambda: queue.stats().waiting == 0, step=0.005)
    assert answered - sent < 0.5
    # Not notified (say, a timer fell due, or another process enqueued): the interval finds it.
    await asyncio.to_thread(queue.enqueue, said("hjælp", channel(2)))
    sent = time.monotonic()
    answered = await until(lambda: queue.stats().waiting == 0, step=0.02)
    assert 0.0 < answered - sent < 1.8
    worker.stop()
    await running


async def test_a_stop_finishes_the_decision_in_hand_and_leaves_the_rest(store, service):
    queue = WorkQueue(store)

    def slow(incoming):
        time.sleep(0.1)
        return service.handle(incoming)

    worker = QueueWorker(queue, slow, slots=1, interval=30)
    for n in range(20):
        await asyncio.to_thread(queue.enqueue, said(f"note sundt Nummer {n}", channel(1)))
    running = start(worker)
    await until(lambda: worker.decided >= 2)
    worker.stop()
    left = await running
    assert left == 20 - worker.decided and 0 < left < 20
    with store.engine.connect() as connection:
        rows = connection.execute(select(InboxRow.claimed_by)).scalars().all()
    assert len(rows) == left and set(rows) == {None}  # nothing held, nothing half-done


async def test_a_channel_blocked_on_a_locked_table_does_not_hold_back_another(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite locks the whole file; a table lock is PostgreSQL's")
    store = SqlStore(engine)
    service = WorkshopService(store, SteppingClock(), CountingIds())
    queue = WorkQueue(store, retry_after=lambda attempts: 0.2)
    worker = QueueWorker(queue, service.handle, slots=4, interval=0.5)
    running = start(worker)
    slow, other = channel("slow"), channel("other")
    for text in ("ny Vagtplan", "next"):
        await asyncio.to_thread(queue.enqueue, said(text, slow))
    worker.notify()
    await until(lambda: queue.stats().waiting == 0)
    blocker = engine.raw_connection()
    try:
        # Writes to notes wait for this lock (reads still go through, as with a slow query).
        blocker.cursor().execute("LOCK TABLE notes IN EXCLUSIVE MODE")
        await asyncio.to_thread(queue.enqueue, said("note sundt Færre løft", slow, who="cai"))
        worker.notify()
        await asyncio.sleep(0.1)  # the note is now stuck behind the lock
        sent = time.monotonic()
        await asyncio.to_thread(queue.enqueue, said("hjælp", other, who="bo"))
        worker.notify()
        answered = await until(
            lambda: (
                scalar(
                    engine,
                    select(func.count())
                    .select_from(OutboxRow)
                    .where(OutboxRow.channel == "Cother"),
                )
                > 0
            ),
            step=0.01,
        )
        assert answered - sent < 2.0
        assert scalar(engine, select(func.count()).select_from(NoteRow)) == 0  # still blocked
    finally:
        blocker.rollback()
        blocker.close()
    # Once the lock is gone, the stuck note goes through: stored once.
    await until(lambda: queue.stats().waiting == 0, timeout=15)
    worker.stop()
    await running
    assert scalar(engine, select(func.count()).select_from(NoteRow)) == 1


async def test_a_failing_row_is_tried_again_by_the_loop_and_then_decided(store, service):
    queue = WorkQueue(store, lease=timedelta(seconds=5), retry_after=lambda attempts: 0.1)
    failures = []

    def flaky(incoming):
        if len(failures) < 2:
            failures.append(incoming.text)
            raise RuntimeError("the database hiccuped")
        return service.handle(incoming)

    worker = QueueWorker(queue, flaky, slots=2, interval=0.2)
    running = start(worker)
    await asyncio.to_thread(queue.enqueue, said("ny Vagtplan", channel(1)))
    worker.notify()
    await until(lambda: queue.stats().waiting == 0)
    worker.stop()
    await running
    assert (worker.failed, worker.decided) == (2, 1)
    assert service.workshop(channel(1)).technology == "Vagtplan"
