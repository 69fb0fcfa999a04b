"""Due work: workshops whose `wake_at` has come get a Tick in the inbox, exactly once.

The core keeps no timers. After each decision it says when the workshop next has due work
(core.followup.next_wakeup) and the store keeps that on the workshop's row. Here a scheduler
(the worker's interval job, `python -m bot tick`) claims the rows whose time has come and, in
one transaction, writes a Tick for each to the inbox and clears its `wake_at`: the Tick is then
decided under the channel's lock like any command, and the core sets the next wake-up.

Exactly once across processes: on PostgreSQL the rows are claimed `FOR UPDATE SKIP LOCKED`, so
two schedulers never take the same row and a row a worker is deciding right now is left for the
next look; SQLite has one writer at a time. Should a Tick still be written twice (a wake-up set
back to the same moment before the first was decided), its message id, which names the
workshop and the moment, makes the second a duplicate in the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlmodel import Session

from adapters.persistence.database import reading, timeouts_as_busy
from adapters.persistence.tables import WorkshopRow
from core.commands import Tick
from core.model import Actor, ChannelKey
from core.service import Incoming

# Who a Tick comes from: RASMUS itself, never a person.
TICKER = Actor("rasmus", "RASMUS")
WORKSHOPS = WorkshopRow.__table__


@dataclass(frozen=True)
class DueWakeup:
    workshop_id: str
    channel: ChannelKey
    wake_at: datetime

    def tick(self) -> Incoming:
        """The Tick the core is given for this wake-up."""
        return Incoming(
            self.channel,
            TICKER,
            command=Tick(workshop_id=self.workshop_id),
            message_id=f"tick:{self.workshop_id}:{self.wake_at.isoformat()}",
        )


def due_query(now: datetime, limit: int, channel: ChannelKey | None = None):
    w = WORKSHOPS.c
    query = (
        select(w.id, w.platform, w.workspace, w.channel, w.wake_at)
        .where(w.wake_at.is_not(None), w.wake_at <= now)
        .order_by(w.wake_at, w.id)
        .limit(limit)
    )
    if channel is not None:
        query = query.where(
            w.platform == channel.platform,
            w.workspace == channel.workspace,
            w.channel == channel.channel,
        )
    return query


def read_due(session: Session, query) -> list[DueWakeup]:
    return [
        DueWakeup(row.id, ChannelKey(row.platform, row.workspace, row.channel), row.wake_at)
        for row in session.execute(query).all()
    ]


def counts(engine, now: datetime, late_after: timedelta) -> dict[str, int]:
    """For monitoring: wake-ups that have come and wait for a Tick, and those waiting longer
    than `late_after` (no scheduler is running, or it cannot keep up)."""
    w = WORKSHOPS.c
    query = select(
        func.count().filter(w.wake_at <= now),
        func.count().filter(w.wake_at <= now - late_after),
    )
    with timeouts_as_busy(), Session(reading(engine)) as session:
        due, late = session.execute(query).one()
    return {"due": due, "late": late}


class Wakeups:
    """Turns due wake-ups into Tick rows of a `WorkQueue` (adapters.persistence.queue)."""

    def __init__(self, queue, *, batch: int = 200):
        self.queue = queue
        self.batch = batch
        self._skip_locked = queue.engine.dialect.name == "postgresql"

    def enqueue_due(self, now: datetime | None = None) -> int:
        """Every wake-up due at `now` (the queue's clock by default) as a Tick in the inbox;
        how many. In batches, each one transaction, so a long list never holds locks long."""
        now = now or self.queue.clock()
        # Most looks find nothing: a read first, so they never queue for SQLite's write lock.
        with timeouts_as_busy():
            if not self.queue.store.due_wakeups(now, limit=1):
                return 0
        total = 0
        while True:
            written = self._one_batch(now)
            total += written
            if written < self.batch:
                return total

    def _one_batch(self, now: datetime) -> int:
        query = due_query(now, self.batch)
        if self._skip_locked:
            query = query.with_for_update(skip_locked=True, of=WORKSHOPS)
        store = self.queue.store
        with timeouts_as_busy(), store.transaction(wait=self.queue.wait) as session:
            due = read_due(session, query)
            if not due:
                return 0
            # Due at once on the queue's own clock (which `now` may run ahead of: the console,
            # a benchmark stepping through a month).
            self.queue.insert(session, [(wakeup.tick(), None) for wakeup in due])
            # The rows are ours until commit (locked, or SQLite's one writer): cleared with
            # the Ticks written, and the core sets each next wake-up when it decides its Tick.
            session.execute(
                update(WORKSHOPS)
                .where(WORKSHOPS.c.id.in_([wakeup.workshop_id for wakeup in due]))
                .values(wake_at=None)
            )
        return len(due)
