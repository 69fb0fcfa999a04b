"""A request's replay keys go into the inbox's own transaction: one commit acknowledges it, and
a request whose keys are there already (a repeat another process took in) stores nothing."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from adapters.persistence.queue import WorkQueue
from adapters.persistence.seen_once import UNRECORDED, SeenOnce, Unrecorded
from adapters.persistence.tables import InboxRow, PlatformStateRow
from adapters.scheduling.intake import QueueIntake
from core.model import Actor, ChannelKey
from core.service import Incoming

CHANNEL = ChannelKey("slack", "T1", "C1")
KEEP = timedelta(minutes=11)


def note(text: str) -> Incoming:
    return Incoming(CHANNEL, Actor("U1", "Anne"), text=f"note sundt {text}")


async def submit(intake: QueueIntake, incoming: Incoming, keys: Unrecorded) -> Unrecorded:
    UNRECORDED.set(keys)  # as the Slack mount does around its handler (this task's own)
    await intake.submit(incoming)
    return keys


def stored_payloads(engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(InboxRow.payload)).scalars())


async def test_a_request_whose_keys_another_process_recorded_stores_nothing(engine, store):
    memory = SeenOnce(engine, "slack.seen", KEEP)
    now = datetime.now(UTC)
    assert memory.first_time("request:taken", now)  # the other process, a moment before
    intake = QueueIntake(WorkQueue(store), None)
    try:
        repeat = await submit(intake, note("Igen"), Unrecorded(memory, ["request:taken"], now))
        fresh = await submit(intake, note("Ny"), Unrecorded(memory, ["request:new"], now))
    finally:
        intake.close()
    assert (repeat.recorded, repeat.first) == (True, False)
    assert (fresh.recorded, fresh.first) == (True, True)
    payloads = stored_payloads(engine)
    assert len(payloads) == 1 and "Ny" in payloads[0]
    assert not memory.first_time("request:new", now)  # recorded with its row


async def test_the_same_keys_submitted_at_once_store_one_row(engine, store):
    memory = SeenOnce(engine, "slack.seen", KEEP)
    now = datetime.now(UTC)
    intake = QueueIntake(WorkQueue(store), None)
    try:
        both = await asyncio.gather(
            *(
                submit(intake, note(f"Nummer {n}"), Unrecorded(memory, ["request:same"], now))
                for n in range(2)
            )
        )
    finally:
        intake.close()
    assert sorted(keys.first for keys in both) == [False, True]
    assert len(stored_payloads(engine)) == 1
    with engine.connect() as connection:
        keys = connection.execute(select(PlatformStateRow.key)).scalars().all()
    assert keys == ["request:same"]


async def test_keys_of_another_database_are_left_to_the_platform(engine, store, tmp_path):
    from adapters.persistence.database import open_database

    elsewhere = open_database(f"sqlite:///{tmp_path / 'elsewhere.db'}")
    try:
        keys = Unrecorded(SeenOnce(elsewhere, "slack.seen", KEEP), ["request:x"], datetime.now(UTC))
        intake = QueueIntake(WorkQueue(store), None)
        try:
            await submit(intake, note("Her"), keys)
        finally:
            intake.close()
    finally:
        elsewhere.dispose()
    assert keys.recorded is False  # the platform records them itself after handling
    assert len(stored_payloads(engine)) == 1
