"""Several inbox rows of one channel decided in one transaction: what is stored is what one
row per transaction would have stored, and a workshop read again inside it is read fresh."""

from __future__ import annotations

from datetime import timedelta

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
