"""Several inbox rows of one channel decided in one transaction: what is stored is what one
row per transaction would have stored, and a workshop read again inside it is read fresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from adapters.persistence import channel_workshops as cw
from adapters.persistence import queue as queue_module
from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow, WorkshopRow
from core.model import Actor, ChannelKey, Step
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

A = ChannelKey("slack", "T1", "CA")


def said(text, who="anne"):
    return Incoming(A, Actor(who, who.title()), text=text, message_id=f"{who}:{text}")


def test_a_batch_stores_every_note_once_and_leaves_the_workshop_as_a_fresh_read_sees_it(
    engine, store, service
):
    queue = WorkQueue(store, lease=timedelta(seconds=30))
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("næste"))
    for n in range(12):
        queue.enqueue(said(f"note sundt Nummer {n}", who=f"p{n}"))
    decided, claim = [], queue.claim("w1")
    while claim is not None:
        batch, claim = queue.process_and_claim_next(claim, service.handle, batch=16)
        decided += batch
    assert len(decided) == 14
    mine = store.workshop_now(A)
    fresh = SqlStore(engine).workshop_now(A)  # its own cache: read from the tables
    assert fresh == mine
    assert [n.text for n in fresh.notes] == [f"Nummer {n}" for n in range(12)]
    with engine.connect() as connection:
        version = connection.execute(select(WorkshopRow.version)).scalar_one()
        assert connection.execute(select(InboxRow.id)).all() == []
    assert version == 13  # the step and twelve notes: one version each, written once


def test_a_workshop_read_again_in_the_same_transaction_shows_its_new_step(store, service):
    service.handle(said("ny Vagtplan"))
    cold = SqlStore(store.engine)  # nothing cached: its first read loads the row itself
    cold_service = WorkshopService(cold, SteppingClock(), CountingIds())
    with cold.transaction(A) as session:
        # Held, as a caller might: the session's identity map keeps this very object.
        held = cw.find_row(session, A, number=1, workshop_id=None, lock=False)
        assert held.step == Step.INTRO.value
        cold_service.handle(said("næste"))  # the step is changed with a plain UPDATE
        row = cw.find_row(session, A, number=1, workshop_id=None, lock=False)
        assert row.step == Step.TODAY.value


def test_a_later_row_that_fails_undoes_the_batch_and_only_that_row_backs_off(
    engine, store, service, monkeypatch
):
    monkeypatch.setattr(queue_module, "BATCH_SECONDS", 60.0)  # the batch reaches "boom"
    queue = WorkQueue(store, lease=timedelta(seconds=30), retry_after=lambda attempts: 60.0)
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("næste"))
    for text in ("note sundt Første", "note sundt boom", "note sundt Tredje"):
        queue.enqueue(said(text, who=text.split()[-1].lower()))

    def breaks_on_boom(incoming):
        if "boom" in (incoming.text or ""):
            raise RuntimeError("a bug in one decision")
        return service.handle(incoming)

    claim = queue.claim("w1")
    decided, following = queue.process_and_claim_next(claim, breaks_on_boom, batch=16)
    # The batch (all five) was undone; decided again one row per transaction, the first row
    # is stored and the next one comes back claimed, undecided.
    assert [c.incoming.text for c, _ in decided] == ["ny Vagtplan"]
    while following is not None and "boom" not in following.incoming.text:
        decided, following = queue.process_and_claim_next(following, breaks_on_boom, batch=1)
    assert following is not None
    with pytest.raises(RuntimeError):
        queue.process(following, breaks_on_boom)
    assert [n.text for n in store.workshop_now(A).notes] == ["Første"]
    with engine.connect() as connection:
        rows = connection.execute(
            select(InboxRow.payload, InboxRow.attempts, InboxRow.last_error)
        ).all()
    assert len(rows) == 2  # "boom", backing off with its error, and "Tredje" behind it
    assert sum(1 for row in rows if row.last_error and "RuntimeError" in row.last_error) == 1
    assert queue.claim("w1") is None  # the channel waits for its failed row's retry


def batch_of(queue, service, batch=16):
    """One transaction's rows (what it decided) and the row it claimed for the next one."""
    return queue.process_and_claim_next(queue.claim("w1"), service.handle, batch=batch)


@pytest.fixture
def opened(store, monkeypatch):
    """A queue whose batches take every row that is ready, after a workshop's first two rows
    (started, and moved to its first step)."""
    monkeypatch.setattr(queue_module, "BATCH_SECONDS", 60.0)
    queue = WorkQueue(store, lease=timedelta(seconds=30))
    queue.enqueue(said("ny Vagtplan"))
    queue.enqueue(said("næste"))
    return queue


def change_row(engine, row: int, **values) -> None:
    with engine.begin() as connection:
        connection.execute(InboxRow.__table__.update().where(InboxRow.id == row).values(**values))


def test_a_batch_reads_ahead_past_a_timer_not_yet_due_and_past_an_unreadable_row(
    engine, store, service, opened
):
    timer = opened.enqueue(said("status"), due_at=datetime.now(UTC) + timedelta(hours=1))
    opened.enqueue(said("note sundt Før", who="bo"))
    broken = opened.enqueue(said("note sundt Ulæselig", who="cy"))
    opened.enqueue(said("note sundt Efter", who="di"))
    change_row(engine, broken, payload='{"type":"Incoming","from":"a newer version"}')
    decided, following = batch_of(opened, service)
    assert [c.incoming.text for c, _ in decided] == [
        "ny Vagtplan", "næste", "note sundt Før", "note sundt Efter"
    ]
    assert following is None
    assert [n.text for n in store.workshop_now(A).notes] == ["Før", "Efter"]
    with engine.connect() as connection:
        left = dict(connection.execute(select(InboxRow.id, InboxRow.failed_at)).all())
    assert set(left) == {timer, broken}
    assert left[broken] is not None and left[timer] is None


def test_a_batch_stops_at_a_row_backing_off_and_leaves_the_rows_behind_it_waiting(
    engine, service, opened
):
    retry = opened.enqueue(said("note sundt Igen", who="bo"))
    behind = opened.enqueue(said("note sundt Bagved", who="cy"))
    # Tried once, failed, due again in a minute.
    change_row(engine, retry, attempts=1, due_at=datetime.now(UTC) + timedelta(minutes=1))
    decided, following = batch_of(opened, service)
    assert [c.incoming.text for c, _ in decided] == ["ny Vagtplan", "næste"]
    assert following is None and opened.claim("w1") is None
    with engine.connect() as connection:
        assert set(connection.execute(select(InboxRow.id)).scalars()) == {retry, behind}


def test_a_note_edited_in_the_same_batch_that_added_it_is_stored_edited(
    engine, store, service, opened
):
    opened.enqueue(said("note sundt Første udkast", who="bo"))
    opened.enqueue(said("ret SS1 Andet udkast", who="bo"))
    opened.enqueue(said("note sundt Noget andet", who="cy"))
    decided, following = batch_of(opened, service)
    assert len(decided) == 5 and following is None
    fresh = SqlStore(engine).workshop_now(A)  # its own cache: read from the tables
    assert [n.text for n in fresh.notes] == ["Andet udkast", "Noget andet"]
    assert fresh == store.workshop_now(A)
