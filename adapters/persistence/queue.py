"""The durable inbox: work is acknowledged once its row is committed, and decided exactly once.

A worker claims the oldest due row of a channel that no one else holds, so one channel's work
is decided in arrival order, one row at a time, while other channels go on in parallel. Claims
take `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite's `BEGIN IMMEDIATE` lets one writer in at a
time anyway) and carry a lease: the rows of a worker that died are claimed again once it ends.
Deciding a row, storing the decision's events, writing its replies to the outbox and deleting
the row is one transaction. Should a row still be decided twice (a lease ran out mid-decision),
the core's idempotency key turns the second time into a duplicate.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, text, update
from sqlmodel import Session

from adapters.persistence.codec import encode_incoming
from adapters.persistence.database import SQLITE_BUSY_TIMEOUT, timeouts_as_busy
from adapters.persistence.failures import backoff, describe
from adapters.persistence.inbox_rows import Claim, InboxRows
from adapters.persistence.monitoring import QueueStats, queue_counts
from adapters.persistence.outbox import ClaimLost, Outbox, utc_now
from adapters.persistence.routes import Outgoing, Routing, default_routing, route
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import InboxRow
from core.messages import Reply
from core.model import ChannelKey
from core.service import Incoming, Outcome

INBOX = InboxRow.__table__
# How long one transaction goes on deciding a channel's next rows (see process_and_claim_next).
BATCH_SECONDS = 0.02
# Rows decided before a request waiting to be stored (SQLite's one writer) ends the batch: a
# few more milliseconds for its acknowledgement, and a busy channel still gains from batching.
YIELD_AFTER = 4
# Run for every batch: built once (building a statement cost about as much as running it).
_REMOVE_ALL = delete(INBOX).where(INBOX.c.id.in_(bindparam("rows", expanding=True)))
_REMOVE_CLAIMED = delete(INBOX).where(
    INBOX.c.id == bindparam("row"), INBOX.c.claimed_by == bindparam("worker")
)
# PostgreSQL's LISTEN/NOTIFY channel on which worker processes hear of new inbox rows.
INBOX_CHANNEL = "rasmus_inbox"
_NOTIFY_INBOX = text(f"NOTIFY {INBOX_CHANNEL}")
# The channels' advisory locks, taken one after another in the keys' (sorted) order: a
# function scan of unnest returns the array's elements in order.
_LOCK_CHANNELS = text(
    "SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(CAST(:keys AS text[])) AS k"
)
_INSERT_RETURNING_IDS = INBOX.insert().returning(INBOX.c.id, sort_by_parameter_order=True)


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WorkQueue:
    def __init__(
        self,
        store: SqlStore,
        *,
        lease: timedelta = timedelta(seconds=30),
        max_attempts: int = 8,
        wait: float = SQLITE_BUSY_TIMEOUT,
        clock: Callable[[], datetime] = utc_now,
        routing: Routing = default_routing,
        retry_after: Callable[[int], float] = backoff,
        permanent: Callable[[Exception], bool] = lambda error: False,
        apology: Callable[[Incoming], Reply | None] | None = None,
    ):
        self.store = store
        self.engine = store.engine
        self.lease = lease
        self.max_attempts = max_attempts
        self.wait = wait  # the longest this process queues for its own SQLite/channel lock
        self.clock = clock
        self.routing = routing
        self.retry_after = retry_after
        # An error trying again cannot mend (a bug, a broken schema) sets the row aside at once;
        # `apology` is then what the person is told, sent through the outbox with the set-aside.
        self.permanent = permanent
        self.apology = apology
        self.outbox = Outbox(
            self.engine,
            lease=lease,
            clock=clock,
            transaction=lambda urgent=False: self.store.transaction(wait=self.wait, urgent=urgent),
            counts_now=store.counts_now,
        )
        self._skip_locked = self.engine.dialect.name == "postgresql"
        self.rows = InboxRows(self._skip_locked, clock, lease)

    def enqueue(self, incoming: Incoming, due_at: datetime | None = None) -> int:
        """Commits the row before returning: only then may the platform be told "OK".

        Raises `StorageBusy` when the database did not take it in time: nothing was stored.
        """
        return self.enqueue_many([(incoming, due_at)])[0]

    def enqueue_many(self, items: list[tuple[Incoming, datetime | None]]) -> list[int]:
        """Several requests in one transaction (in this order): all stored or none. The web
        side gathers the requests that arrive together, so a burst costs one commit, not one
        per request."""
        with timeouts_as_busy(), self.store.transaction(wait=self.wait, urgent=True) as session:
            return self.insert(session, items)

    def insert(self, session: Session, items: list[tuple[Incoming, datetime | None]]) -> list[int]:
        """As `enqueue_many`, inside the caller's transaction (the scheduler's Ticks are
        written with the clearing of their wake-ups)."""
        now = self.clock()
        rows = [
            {
                "platform": incoming.channel.platform,
                "workspace": incoming.channel.workspace,
                "channel": incoming.channel.channel,
                "payload": encode_incoming(incoming),
                "enqueued_at": now,
                "due_at": due_at or now,
                "attempts": 0,
            }
            for incoming, due_at in items
        ]
        if self._skip_locked:
            # One channel's rows get their ids in the order they commit: otherwise a later
            # request could commit first, be claimed, and be decided before an earlier one
            # (a note before the `next` it needs). SQLite's single writer does this anyway.
            # Taken in one sorted order, so two batches never wait for each other in a ring.
            keys = sorted(
                {f"inbox\x1f{r['platform']}\x1f{r['workspace']}\x1f{r['channel']}" for r in rows}
            )
            session.execute(_LOCK_CHANNELS, {"keys": keys})
            # Wakes worker processes that LISTEN (delivered only if this commits).
            session.execute(_NOTIFY_INBOX)
        # One statement for the whole batch, its ids in the rows' order.
        return list(session.execute(_INSERT_RETURNING_IDS, rows).scalars())

    def claim(self, worker: str) -> Claim | None:
        """The oldest due row of a channel that nobody holds, claimed for one lease."""
        with timeouts_as_busy(), self.store.transaction(wait=self.wait) as session:
            return self._claim_in(session, worker)

    def _claim_in(self, session: Session, worker: str, channel=None) -> Claim | None:
        head = self.rows.head(session, channel)
        return None if head is None else self.rows.take(session, *head, worker)

    def process(self, claim: Claim, handler: Callable[[Incoming], Outcome]) -> Outcome:
        """Decides the claimed row and commits the decision, its outbox rows and the row's
        removal together. On failure nothing of it is stored; the row backs off, or is set
        aside after `max_attempts`, and the error is raised again."""
        [(_claim, outcome)], _following = self.process_and_claim_next(
            claim, handler, claim_next=False
        )
        return outcome

    def process_and_claim_next(
        self,
        claim: Claim,
        handler: Callable[[Incoming], Outcome],
        *,
        claim_next: bool = True,
        batch: int = 1,
        ready: Callable[[Incoming], bool] = lambda incoming: True,
    ) -> tuple[list[tuple[Claim, Outcome]], Claim | None]:
        """As `process`, and in the same transaction claims the channel's next due row, so a
        busy channel (a whole room writing notes) costs one transaction per row, not two.

        With `batch` above 1 the next rows are decided in the same transaction too, up to
        `batch` rows, while `ready` accepts them and until the transaction has taken
        `BATCH_SECONDS` or a request waits to be stored (SQLite's one writer): then it
        commits and returns the row it claimed last, undecided. A room writing notes at once
        then costs one transaction for many of them, and their replies one write. Should a
        later row's decision fail, none of the batch is stored, and its rows are decided
        again one per transaction, so only the failing row backs off."""
        decided: list[tuple[Claim, Outcome]] = []
        started = time.monotonic()
        channel = claim.incoming.channel
        try:
            with timeouts_as_busy(), self.store.transaction(channel, wait=self.wait) as s:
                # Deleted first: the delete proves the claim is still ours and, on PostgreSQL,
                # locks the row until commit, so a lease running out mid-decision lets nobody
                # in. Should a decision fail, the rollback brings the rows back.
                removed = s.execute(_REMOVE_CLAIMED, {"row": claim.id, "worker": claim.worker})
                if removed.rowcount != 1:
                    raise ClaimLost(f"inbox row {claim.id} is no longer claimed by {claim.worker}")
                replies: dict[ChannelKey, list[Outgoing]] = {}
                current, following = claim, None
                # The channel's next rows, read several at a time; those decided here are
                # deleted together (before the channel's rows are read again).
                ahead: list[tuple] = []
                taken: list[int] = []
                while True:
                    outcome = handler(current.incoming)
                    decided.append((current, outcome))
                    route(replies, current.incoming, outcome, self.routing)
                    if not claim_next:
                        break
                    enough = (
                        len(decided) >= batch
                        or time.monotonic() - started > BATCH_SECONDS
                        or (len(decided) >= YIELD_AFTER and self.store.writer_wanted())
                    )
                    if not ahead:
                        self._remove(s, taken)
                        ahead = self.rows.ahead(s, channel, max(1, batch - len(decided)) + 1)
                    if not ahead:
                        break
                    row, incoming = ahead.pop(0)
                    if enough or not ready(incoming):
                        following = self.rows.take(s, row, incoming, claim.worker)
                        break
                    # Decided in this transaction: it goes with it, no claim needed.
                    taken.append(row.id)
                    current = Claim(
                        row.id, incoming, claim.worker, row.attempts + 1, claim.lease_until
                    )
                self._remove(s, taken)
                for destination, outgoing in replies.items():
                    self.outbox.add_all(s, destination, outgoing)
        except ClaimLost:
            raise
        except Exception as error:
            if len(decided) <= 1:
                self._failed(claim, error)
                raise
            return self.process_and_claim_next(claim, handler, claim_next=claim_next)
        return decided, following

    @staticmethod
    def _remove(session: Session, rows: list[int]) -> None:
        if not rows:
            return
        removed = session.execute(_REMOVE_ALL, {"rows": rows}).rowcount
        if removed != len(rows):  # a lease ran out and another took some: undo the batch
            raise ClaimLost(f"{len(rows) - removed} of inbox rows {rows} were taken meanwhile")
        rows.clear()

    def _failed(self, claim: Claim, error: Exception) -> None:
        now = self.clock()
        values = {"claimed_by": None, "claimed_until": None, "last_error": describe(error)}
        giving_up = claim.attempts >= self.max_attempts or self.permanent(error)
        if giving_up:
            values["failed_at"] = now
        else:
            values["due_at"] = now + timedelta(seconds=self.retry_after(claim.attempts))
        incoming = claim.incoming
        # Best effort: if this fails too, the lease runs out and the row is claimed again.
        with timeouts_as_busy(), self.store.transaction(wait=self.wait) as session:
            updated = session.execute(
                update(INBOX)
                .where(INBOX.c.id == claim.id, INBOX.c.claimed_by == claim.worker)
                .values(**values)
            )
            apology = self.apology(incoming) if giving_up and self.apology else None
            if apology is not None and updated.rowcount == 1:
                outgoing = self.routing(incoming.channel, incoming.actor.user_id, apology)
                self.outbox.add_all(session, incoming.channel, [outgoing])

    def release(self, claim: Claim) -> None:
        """Hands a claimed row back untouched (a worker stopping before it began)."""
        with timeouts_as_busy(), Session(self.engine) as session, session.begin():
            session.execute(
                update(INBOX)
                .where(INBOX.c.id == claim.id, INBOX.c.claimed_by == claim.worker)
                .values(claimed_by=None, claimed_until=None, attempts=INBOX.c.attempts - 1)
            )

    def stats(self, late_after: timedelta = timedelta(seconds=60)) -> QueueStats:
        inbox = queue_counts(
            lambda: self.store.transaction(wait=self.wait),
            INBOX,
            INBOX.c.failed_at.is_(None),
            self.clock(),
            late_after,
        )
        return QueueStats.of(inbox, self.outbox.counts(late_after))
