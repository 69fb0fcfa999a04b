"""The durable inbox and outbox on SQLite and PostgreSQL: claims, one transaction, leases."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from adapters.persistence.database import StorageBusy, create_database_engine
from adapters.persistence.outbox import ClaimLost
from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow, NoteRow, OutboxRow, WorkshopRow
from core.messages import Audience, CountsChanged, ItemConfirmed, Refusal
from core.model import Actor, ChannelKey, Step
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

A = ChannelKey("slack", "T1", "CA")
B = ChannelKey("slack", "T1", "CB")


def said(text, who="anne", channel=A, **kwargs):
    return Incoming(channel, Actor(who, who.title()), text=text, **kwargs)


@pytest.fixture
def queue(store):
    return WorkQueue(store, lease=timedelta(seconds=30), retry_after=lambda attempts: 0.0)


def drain(queue, service, worker="w1"):
    decided = []
    while (claim := queue.claim(worker)) is not None:
        decided.append(queue.process(claim, service.handle))
    return decided


def send_all(queue, dispatcher="d1"):
    """What a dispatcher does, minus the platform: claim, 'send', mark sent, until none left."""
    sent = []
    while batch := queue.outbox.claim(dispatcher, limit=50):
        for claim in batch:
            sent.append(claim)
            queue.outbox.mark_sent(claim, sent_ref=f"ts-{claim.id}")
    return sent


def count(engine, table):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_enqueued_request_is_committed_before_enqueue_returns(queue, engine):
    row_id = queue.enqueue(said("ny Vagtplan"))
    with engine.connect() as other:
        assert other.execute(select(InboxRow.id)).scalars().all() == [row_id]


def test_a_decision_its_replies_and_the_rows_removal_are_stored_together(queue, service, engine):
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("next"))
    queue.enqueue(said("note anonym sundt Hemmelig", who="dan", message_id="m-1"))
    outcomes = drain(queue, service)
    assert len(outcomes) == 3
    assert count(engine, InboxRow) == 0
    assert count(engine, NoteRow) == 1
    receipts = [c for c in send_all(queue) if c.recipient == "dan"]
    assert [type(c.reply.message) for c in receipts] == [ItemConfirmed]
    assert receipts[0].reply.message.code  # the one-time code reaches its author


def test_an_anonymous_note_leaves_no_trace_of_its_author_once_its_receipt_is_sent(
    queue, service, engine
):
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("next"))
    drain(queue, service)
    queue.enqueue(said("note anonym sundt Hemmelig", who="dan", message_id="m-9"))
    drain(queue, service)
    send_all(queue)
    with engine.connect() as connection:
        dump = " ".join(
            str(value)
            for table in ("inbox", "outbox", "notes")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        )
    assert "Hemmelig" in dump  # the note itself is on the board
    assert "dan" not in dump.lower() and "m-9" not in dump


def test_a_failing_decision_stores_nothing_and_the_row_waits_to_be_tried_again(queue, engine):
    queue.enqueue(said("ny Vagtplan"))
    claim = queue.claim("w1")

    def broken(incoming):
        raise RuntimeError("the core fell over")

    with pytest.raises(RuntimeError):
        queue.process(claim, broken)
    assert count(engine, OutboxRow) == 0 and count(engine, WorkshopRow) == 0
    with engine.connect() as connection:
        row = connection.execute(select(InboxRow)).one()
    assert row.attempts == 1 and "fell over" in row.last_error and row.claimed_by is None
    assert queue.stats().failing == 1


def test_a_row_that_keeps_failing_is_set_aside_and_no_longer_holds_its_channel(store, engine):
    queue = WorkQueue(store, max_attempts=2, retry_after=lambda attempts: 0.0)
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("hjælp"))
    for _ in range(2):
        claim = queue.claim("w1")
        assert claim.incoming.text == "ny Vagtplan"
        with pytest.raises(ValueError):
            queue.process(claim, lambda incoming: (_ for _ in ()).throw(ValueError("bad")))
    assert queue.claim("w1").incoming.text == "hjælp"
    assert queue.stats().failed == 1


def test_one_channel_is_claimed_by_one_worker_at_a_time_in_arrival_order(queue, service):
    first = queue.enqueue(said("ny Vagtplan"))
    second = queue.enqueue(said("next"))
    other = queue.enqueue(said("hjælp", channel=B))
    a = queue.claim("w1")
    b = queue.claim("w2")
    assert (a.id, b.id) == (first, other)
    assert queue.claim("w3") is None  # A's next row waits for A's first
    queue.process(a, service.handle)
    assert queue.claim("w3").id == second


def test_a_row_whose_worker_died_is_claimed_again_after_its_lease(store, service, engine):
    queue = WorkQueue(store, lease=timedelta(seconds=0.5))
    queue.enqueue(said("ny Vagtplan"))
    dead = queue.claim("died")
    assert queue.claim("w2") is None
    time.sleep(0.6)
    taken = queue.claim("w2")
    assert taken.id == dead.id and taken.attempts == 2
    with pytest.raises(ClaimLost):  # the first worker wakes up late: it may not finish
        queue.process(dead, service.handle)
    queue.process(taken, service.handle)
    assert count(engine, WorkshopRow) == 1 and count(engine, InboxRow) == 0


def test_a_request_decided_twice_is_stored_once(queue, service, engine):
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("next"))
    drain(queue, service)
    # The same platform message twice (a retry after a lease ran out, a redelivery).
    queue.enqueue(said("note sundt Færre løft", who="cai", message_id="ev-1"))
    queue.enqueue(said("note sundt Færre løft", who="cai", message_id="ev-1"))
    outcomes = drain(queue, service)
    assert [o.duplicate for o in outcomes] == [False, True]
    assert count(engine, NoteRow) == 1


def test_a_timer_waits_for_its_time_without_holding_back_its_channel(queue, service):
    queue.enqueue(said("ny Vagtplan"))
    later = datetime.now(UTC) + timedelta(seconds=0.5)
    timer = queue.enqueue(said("status"), due_at=later)
    now = queue.enqueue(said("hjælp"))
    assert [o.replies[0].audience for o in drain(queue, service)] == [
        Audience.CHANNEL,
        Audience.PRIVATE,
    ]
    assert queue.stats().waiting == 1 and queue.stats().due == 0
    time.sleep(0.6)
    claim = queue.claim("w1")
    assert claim.id == timer != now


def test_a_locked_database_surfaces_as_storage_busy_and_stores_nothing(engine):
    impatient = create_database_engine(
        engine.url.render_as_string(hide_password=False), busy_timeout=0.3, lock_timeout=0.3
    )
    queue = WorkQueue(SqlStore(impatient), wait=0.3)
    if engine.dialect.name == "sqlite":
        import sqlite3

        blocker = sqlite3.connect(engine.url.database, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        release = blocker.close
    else:
        blocker = engine.raw_connection()
        blocker.cursor().execute("LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE")
        release = blocker.close
    started = time.monotonic()
    try:
        with pytest.raises(StorageBusy):
            queue.enqueue(said("ny Vagtplan"))
    finally:
        release()
        impatient.dispose()
    assert time.monotonic() - started < 1.5
    assert count(engine, InboxRow) == 0


def test_an_unsent_edit_is_replaced_by_the_newer_state_of_the_same_message(queue, service):
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("next"))
    for n in range(3):
        queue.enqueue(said(f"note sundt Nummer {n}", who=f"p{n}"))
    drain(queue, service)
    counts = [
        c.reply.message for c in send_all(queue) if isinstance(c.reply.message, CountsChanged)
    ]
    assert len(counts) == 1 and sum(counts[0].counts.values()) == 3


def test_a_conversations_messages_go_out_one_at_a_time_in_order_and_retries_keep_their_place(
    queue, service
):
    queue.enqueue(said("ny Vagtplan"))  # the channel's posts: one conversation
    queue.enqueue(said("hjælp"))  # anne's private answers: a conversation of their own
    queue.enqueue(said("hjælp"))
    queue.enqueue(said("hjælp", who="bo"))  # bo's: another, not held back by anne's
    drain(queue, service)
    first = queue.outbox.claim("d1", limit=20)
    by_whom = sorted((c.recipient or "") for c in first)
    assert by_whom == ["", "anne", "bo"]  # one each: the channel's first post, anne's, bo's
    anne = next(c for c in first if c.recipient == "anne")
    queue.outbox.retry_later(anne, delay=0.3, error="429 Too Many Requests")
    for claim in first:
        if claim is not anne:
            queue.outbox.mark_sent(claim)
    later = queue.outbox.claim("d2", limit=20)
    assert "anne" not in [c.recipient for c in later]  # her second waits behind her retry
    time.sleep(0.35)
    for claim in later:
        queue.outbox.mark_sent(claim)
    again = [c for c in queue.outbox.claim("d2", limit=20) if c.recipient == "anne"]
    assert [(c.id, c.attempts) for c in again] == [(anne.id, 2)]
    queue.outbox.mark_sent(again[0])
    [second] = [c for c in queue.outbox.claim("d2", limit=20) if c.recipient == "anne"]
    assert second.id > anne.id


def test_a_sent_private_answer_keeps_no_trace_of_whom_it_went_to(queue, service, engine):
    queue.enqueue(said("hjælp", who="bo"))
    drain(queue, service)
    send_all(queue)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM outbox")).all()
    assert rows and all("bo" not in str(value) for row in rows for value in row)


def test_queue_stats_count_due_late_and_failing_work(store, engine):
    queue = WorkQueue(store, retry_after=lambda attempts: 0.0)
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("hjælp", channel=B))
    queue.enqueue(said("status"), due_at=datetime.now(UTC) + timedelta(hours=1))
    claim = queue.claim("w1")
    with pytest.raises(RuntimeError):
        queue.process(claim, lambda incoming: (_ for _ in ()).throw(RuntimeError("x")))
    time.sleep(0.2)
    stats = queue.stats(late_after=timedelta(seconds=0.1))
    assert (stats.due, stats.late, stats.failing, stats.waiting) == (2, 2, 1, 3)


def test_a_refused_command_still_answers_its_author_through_the_outbox(queue, service):
    queue.enqueue(said("flyv til månen"))
    [outcome] = drain(queue, service)
    [claim] = queue.outbox.claim("d1")
    assert isinstance(claim.reply.message, Refusal) and claim.recipient == "anne"
    assert outcome.replies == [claim.reply]


def test_the_store_sees_the_queued_decisions_after_commit(queue, service, store):
    for text_ in ("ny Vagtplan", "next"):
        queue.enqueue(said(text_))
    drain(queue, service)
    assert service.workshop(A).step is Step.TODAY
    assert WorkshopService(SqlStore(store.engine), SteppingClock(), CountingIds()).workshop(
        A
    ) == service.workshop(A)


def test_every_connection_waits_a_bounded_time_for_locks(engine):
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2000
        else:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "5s"
            assert connection.exec_driver_sql("SHOW lock_timeout").scalar() == "2s"
            # The test's own search_path survived beside the timeouts.
            assert connection.exec_driver_sql("SHOW search_path").scalar().startswith("t_")


def test_a_service_on_another_store_of_the_same_database_joins_the_queues_transaction(
    queue, engine
):
    other = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("next"))
    assert len(drain(queue, other)) == 2
    assert count(engine, InboxRow) == 0 and count(engine, WorkshopRow) == 1


def test_an_unreadable_row_is_set_aside_instead_of_stalling_the_queue(queue, service, engine):
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("hjælp", channel=B))
    with engine.begin() as connection:
        connection.execute(
            InboxRow.__table__.update()
            .where(InboxRow.channel == "CA")
            .values(payload='{"type":"Incoming","from":"a newer version"}')
        )
    claim = queue.claim("w1")
    assert claim.incoming.channel == B
    stats = queue.stats()
    assert (stats.failed, stats.waiting) == (1, 1)


def test_four_threads_claiming_at_once_decide_every_row_once_and_in_order(store, engine):
    import threading

    service = WorkshopService(store, SteppingClock(), CountingIds())
    queue = WorkQueue(store)
    channels = [ChannelKey("slack", "T1", f"P{n}") for n in range(10)]
    for where in channels:
        queue.enqueue(said("ny Vagtplan", channel=where))
        queue.enqueue(said("next", channel=where))
    for n in range(8):
        for where in channels:
            queue.enqueue(said(f"note sundt Nummer {n}", who=f"p{n}", channel=where))
    decided, errors, lock = [], [], threading.Lock()

    def work(name):
        try:
            idle_since = time.monotonic()
            while time.monotonic() - idle_since < 0.5:
                claim = queue.claim(name)
                if claim is None:
                    time.sleep(0.01)
                    continue
                idle_since = time.monotonic()
                outcome = queue.process(claim, service.handle)
                with lock:
                    decided.append(outcome)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(decided) == 100
    refused = [r for o in decided for r in o.replies if isinstance(r.message, Refusal)]
    assert refused == []
    assert count(engine, NoteRow) == 80 and count(engine, InboxRow) == 0
