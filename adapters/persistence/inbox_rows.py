"""Reading a channel's inbox rows and claiming them: the head of a channel nobody holds, the
rows behind it that a batch decides next, and the claim with its lease.

A row that cannot be read (written by a newer or broken version) is set aside on the way, so
it never blocks its channel or the queue; the row stays for someone to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, update
from sqlmodel import Session

from adapters.persistence.claims import inbox_claim_query, inbox_rows_ahead_query
from adapters.persistence.codec import CodecError, decode_incoming
from adapters.persistence.failures import describe
from adapters.persistence.tables import AwareDateTime, InboxRow
from core.model import ChannelKey
from core.service import Incoming

INBOX = InboxRow.__table__
# Run for every claim: built once (building a statement cost about as much as running it).
_TAKE = (
    update(INBOX)
    .where(INBOX.c.id == bindparam("row"))
    .values(
        claimed_by=bindparam("worker"),
        claimed_until=bindparam("until", type_=AwareDateTime()),
        attempts=INBOX.c.attempts + 1,
    )
)
_ROWS_AHEAD = inbox_rows_ahead_query()


@dataclass(frozen=True)
class Claim:
    id: int
    incoming: Incoming
    worker: str
    attempts: int
    lease_until: datetime


class InboxRows:
    def __init__(self, skip_locked: bool, clock: Callable[[], datetime], lease: timedelta):
        self.clock, self.lease = clock, lease
        # Built once: composing the statement cost more than running it.
        self._claim_any = inbox_claim_query(skip_locked, in_channel=False)
        self._claim_in_channel = inbox_claim_query(skip_locked, in_channel=True)

    def head(self, session: Session, channel: ChannelKey | None = None) -> tuple | None:
        """The oldest due row of a channel nobody holds (of `channel`, if given), read: the
        row and its request, or None."""
        now = self.clock()
        if channel is None:
            query, params = self._claim_any, {"now": now}
        else:
            query, params = self._claim_in_channel, {"now": now, **_where(channel)}
        while (row := session.execute(query, params).first()) is not None:
            incoming = self._readable(session, row, now)
            if incoming is not None:
                return row, incoming
        return None

    def ahead(self, session: Session, channel: ChannelKey, limit: int) -> list[tuple]:
        """The channel's next rows in order, read in one statement, up to the first that is
        not due or is in another's hands (a lease that has not run out). For the transaction
        that holds the channel: a batch reads its next rows once, not one query per row."""
        now = self.clock()
        ahead = []
        for row in session.execute(_ROWS_AHEAD, {"now": now, "limit": limit, **_where(channel)}):
            held = row.claimed_until is not None and row.claimed_until > now
            if row.due_at > now or held:
                break
            incoming = self._readable(session, row, now)
            if incoming is not None:
                ahead.append((row, incoming))
        return ahead

    def take(self, session: Session, row, incoming: Incoming, worker: str) -> Claim:
        """Claims a row read by `head` or `ahead` for one lease."""
        lease_until = self.clock() + self.lease
        session.execute(_TAKE, {"row": row.id, "worker": worker, "until": lease_until})
        return Claim(row.id, incoming, worker, row.attempts + 1, lease_until)

    @staticmethod
    def _readable(session: Session, row, now: datetime) -> Incoming | None:
        try:
            return decode_incoming(row.payload)
        except CodecError as error:
            session.execute(
                update(INBOX)
                .where(INBOX.c.id == row.id)
                .values(failed_at=now, last_error=describe(error), attempts=INBOX.c.attempts + 1)
            )
            return None


def _where(channel: ChannelKey) -> dict[str, str]:
    return {
        "platform": channel.platform,
        "workspace": channel.workspace,
        "channel": channel.channel,
    }
