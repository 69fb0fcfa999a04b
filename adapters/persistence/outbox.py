"""Replies as rows: written with the decision that made them, sent later by a dispatcher.

One conversation's rows go out in the order they were written, one at a time: a dispatcher
claims only the oldest unsent row of a conversation, and only while no other claim on that
conversation is live. A claim has a lease, so the rows of a dispatcher that died are taken again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, and_, bindparam, delete, update
from sqlmodel import Session

from adapters.persistence.claims import outbox_claim_query
from adapters.persistence.codec import decode_reply_and_source, encode_reply, is_current
from adapters.persistence.database import timeouts_as_busy
from adapters.persistence.monitoring import queue_counts
from adapters.persistence.routes import Outgoing, paced_with
from adapters.persistence.tables import AwareDateTime, OutboxRow
from core.messages import CountsChanged, Reply
from core.model import ChannelKey

OUTBOX = OutboxRow.__table__
# Built once, as it runs with nearly every note (a circle's counts).
_REPLACE_UNSENT = delete(OUTBOX).where(
    OUTBOX.c.coalesce_key.in_(bindparam("keys", expanding=True)),
    OUTBOX.c.sent_at.is_(None),
    OUTBOX.c.failed_at.is_(None),
    OUTBOX.c.claimed_by.is_(None),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _forgotten(claim: OutboxClaim) -> dict:
    """What a row no longer needs once sent or set aside, and which could tie a receipt (of an
    anonymous note, say) to its reader: the reply, its recipient, and the recipient in the
    name of a private conversation."""
    return {"payload": "", "recipient": None, "conversation": paced_with(claim.conversation)}


@dataclass(frozen=True)
class OutboxClaim:
    id: int
    channel: ChannelKey
    conversation: str
    recipient: str | None
    reply: Reply
    attempts: int
    worker: str
    source_ref: str | None = None


class ClaimLost(Exception):
    """The lease ran out and another worker took the row; this one must not finish it."""


def _message_row(channel: ChannelKey, outgoing: Outgoing, now: datetime, slim: bool) -> dict:
    reply = outgoing.reply
    if slim and isinstance(reply.message, CountsChanged):
        # A circle's counts carry every note of the circle: written per note, they made each
        # note cost more than the last. Only which message it is gets stored; the notes are
        # read as they are when it is sent (the last state wins anyway).
        reply = dataclasses.replace(reply, message=dataclasses.replace(reply.message, notes=()))
        payload = encode_reply(reply, outgoing.source_ref, current=True)
    else:
        payload = encode_reply(reply, outgoing.source_ref)
    return {
        "platform": channel.platform,
        "workspace": channel.workspace,
        "channel": channel.channel,
        "conversation": outgoing.conversation,
        "recipient": outgoing.recipient,
        "payload": payload,
        "coalesce_key": outgoing.coalesce_key,
        "created_at": now,
        "due_at": now,
        "attempts": 0,
    }


def _claimed(row, worker: str, refresh=None) -> OutboxClaim:
    reply, source_ref = decode_reply_and_source(row.payload)
    if refresh is not None and is_current(row.payload):
        message = refresh(reply.message)
        if message is not None:
            reply = dataclasses.replace(reply, message=message)
    return OutboxClaim(
        id=row.id,
        channel=ChannelKey(row.platform, row.workspace, row.channel),
        conversation=row.conversation,
        recipient=row.recipient,
        reply=reply,
        attempts=row.attempts,
        worker=worker,
        source_ref=source_ref,
    )


class Outbox:
    def __init__(
        self,
        engine: Engine,
        *,
        lease: timedelta = timedelta(seconds=30),
        clock: Callable[[], datetime] = utc_now,
        transaction: Callable[..., AbstractContextManager[Session]] | None = None,
        counts_now: Callable[[Session, CountsChanged], CountsChanged | None] | None = None,
    ):
        self.engine = engine
        self.lease = lease
        self.clock = clock
        # The store's own transactions (WorkQueue passes them): on SQLite they take this
        # process's writer lock in turn, instead of racing the web's writes in SQLite's busy
        # handler, which under load gave up and left a sent row unmarked (sent again later).
        self._transaction = transaction or self._plain_transaction
        self._skip_locked = engine.dialect.name == "postgresql"
        # A circle's counts as they are now (None: its workshop is gone). Given, a counts row
        # is stored without its notes and brought up to date when claimed.
        self._counts_now = counts_now

    @contextmanager
    def _plain_transaction(self, urgent: bool = False) -> Iterator[Session]:
        with Session(self.engine) as session, session.begin():
            yield session

    def add_all(self, session: Session, channel: ChannelKey, outgoing: list[Outgoing]) -> None:
        """Inside the caller's transaction. An unsent, unclaimed row with the same coalesce key
        is replaced: only the newest state of an edited message is worth sending."""
        if not outgoing:
            return
        keys = sorted({o.coalesce_key for o in outgoing if o.coalesce_key is not None})
        if keys:
            session.execute(_REPLACE_UNSENT, {"keys": keys})
        now = self.clock()
        latest = {o.coalesce_key: o for o in outgoing if o.coalesce_key is not None}
        slim = self._counts_now is not None
        rows = [
            _message_row(channel, o, now, slim)
            for o in outgoing
            if o.coalesce_key is None or latest[o.coalesce_key] is o
        ]
        session.execute(OUTBOX.insert(), rows)

    def claim(self, worker: str, limit: int = 10) -> list[OutboxClaim]:
        """Due rows, at most one per conversation, each the oldest unsent of its conversation."""
        with timeouts_as_busy(), self._transaction() as session:
            return self._claim_in(session, worker, limit)

    def _claim_in(self, session: Session, worker: str, limit: int) -> list[OutboxClaim]:
        if limit <= 0:
            return []
        now = self.clock()
        query = _CLAIM_SKIP_LOCKED if self._skip_locked else _CLAIM
        ids = list(session.execute(query, {"now": now, "limit": limit}).scalars())
        if not ids:
            return []
        taken = session.execute(
            _TAKE, {"ids": ids, "worker": worker, "until": now + self.lease}
        ).all()
        rows = sorted(taken, key=lambda row: row.id)  # RETURNING keeps no order
        refresh = None
        if self._counts_now is not None:
            counts_now = self._counts_now

            def refresh(message):
                return counts_now(session, message)

        return [_claimed(row, worker, refresh) for row in rows]

    def mark_sent(self, claim: OutboxClaim, sent_ref: str | None = None) -> None:
        """Sent: the reply and its recipient are dropped, so a sent receipt cannot tie an
        anonymous note to its author (its one-time code was shown once, as promised)."""
        self._finish(claim, sent_at=self.clock(), sent_ref=sent_ref, **_forgotten(claim))

    def mark_sent_and_claim(
        self, claims: list[OutboxClaim], worker: str, limit: int
    ) -> tuple[list[OutboxClaim], list[OutboxClaim]]:
        """Marks `claims` sent and claims up to `limit` due rows for `worker`, in one
        transaction: the rows just sent free their conversations' next rows, and a busy
        dispatcher pays one transaction per batch for both instead of one each. Returns the
        claims that were lost, and the new ones."""
        now = self.clock()
        groups: dict[tuple[str, str], list[OutboxClaim]] = {}
        for claim in claims:  # one statement per worker and channel, not one per row
            groups.setdefault((claim.worker, paced_with(claim.conversation)), []).append(claim)
        marked: set[int] = set()
        # Urgent: ahead of the decisions waiting for SQLite's writer. A mark is small, and a
        # sent row left unmarked past its lease would be sent a second time.
        with timeouts_as_busy(), self._transaction(urgent=True) as session:
            for (holder, conversation), group in groups.items():
                done = session.execute(
                    _MARK_SENT,
                    {
                        "ids": [claim.id for claim in group],
                        "worker": holder,
                        "now": now,
                        "conversation": conversation,
                    },
                )
                marked.update(done.scalars())
            claimed_next = self._claim_in(session, worker, limit)
        return [claim for claim in claims if claim.id not in marked], claimed_next

    def retry_later(self, claim: OutboxClaim, delay: float, error: str) -> None:
        """For a 429's Retry-After or a 5xx's backoff: due again after `delay` seconds."""
        due = self.clock() + timedelta(seconds=delay)
        self._finish(claim, due_at=due, last_error=error[:2000])

    def wait_turn(self, claim: OutboxClaim, delay: float) -> None:
        """Back unsent, due in `delay` seconds, when its conversation's pace lets it go: not
        a failure, so the claim is not counted as an attempt."""
        due = self.clock() + timedelta(seconds=delay)
        self._finish(claim, due_at=due, attempts=OUTBOX.c.attempts - 1)

    def give_up(self, claim: OutboxClaim, error: str) -> None:
        self._finish(claim, failed_at=self.clock(), last_error=error[:2000], **_forgotten(claim))

    def _finish(self, claim: OutboxClaim, **values) -> None:
        with timeouts_as_busy(), self._transaction() as session:
            done = session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id == claim.id, OUTBOX.c.claimed_by == claim.worker)
                .values(claimed_by=None, claimed_until=None, **values)
            )
            if done.rowcount != 1:
                raise ClaimLost(f"outbox row {claim.id} is no longer claimed by {claim.worker}")

    def purge_sent(self, older_than: timedelta) -> int:
        with timeouts_as_busy(), self._transaction() as session:
            cutoff = self.clock() - older_than
            return session.execute(delete(OUTBOX).where(OUTBOX.c.sent_at < cutoff)).rowcount

    def counts(self, late_after: timedelta) -> dict[str, int]:
        now = self.clock()
        unsent = and_(OUTBOX.c.sent_at.is_(None), OUTBOX.c.failed_at.is_(None))
        return queue_counts(self._transaction, OUTBOX, unsent, now, late_after)


# Claims the chosen rows and reads them back in the same statement.
_TAKE = (
    update(OUTBOX)
    .where(OUTBOX.c.id.in_(bindparam("ids", expanding=True)))
    .values(
        claimed_by=bindparam("worker"),
        claimed_until=bindparam("until", type_=AwareDateTime()),
        attempts=OUTBOX.c.attempts + 1,
    )
    .returning(*OUTBOX.c)
)
_MARK_SENT = (
    update(OUTBOX)
    .where(OUTBOX.c.id.in_(bindparam("ids", expanding=True)))
    .where(OUTBOX.c.claimed_by == bindparam("worker"))
    .values(
        claimed_by=None,
        claimed_until=None,
        sent_at=bindparam("now", type_=AwareDateTime()),
        payload="",
        recipient=None,
        conversation=bindparam("conversation"),
    )
    .returning(OUTBOX.c.id)
)
_CLAIM = outbox_claim_query()
_CLAIM_SKIP_LOCKED = _CLAIM.with_for_update(skip_locked=True, of=OUTBOX)
