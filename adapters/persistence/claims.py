"""The claim queries of the inbox and the outbox: each hands out the head of a channel or a
conversation that nobody holds, in due order, at a cost that stays flat however many rows wait.

Whether a row heads its channel, and whether its channel has a row in hand, are asked per
candidate as scalar subqueries: the planner always runs those as index probes keyed by the
candidate's channel, whatever its statistics say. (A GROUP BY over every waiting row was
planned as a nested loop on a freshly filled table: seconds at 3,000 outbox rows, PostgreSQL's
statement timeout at 10,000.) The indexes they probe: migration 0008_queue_heads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, func, select

from adapters.persistence.tables import AwareDateTime, InboxRow, OutboxRow

INBOX = InboxRow.__table__
OUTBOX = OutboxRow.__table__


def or_free(claimed_until, now: datetime):
    """No claim, or one whose lease ran out (its holder died or stalled)."""
    return (claimed_until.is_(None)) | (claimed_until <= now)


def inbox_claim_query(skip_locked: bool, *, in_channel: bool):
    """The oldest due row of a channel that heads it and that nobody holds.

    A channel's head is its oldest row that is due or was tried (a failed row keeps its place
    while it backs off; a timer not yet due holds back nothing); a channel with a live claim
    anywhere is left out. Both are asked per candidate as scalar subqueries, which run as index
    probes on the channel (ix_inbox_channel, ix_inbox_held): a claim's cost stays flat however
    many rows wait, in one channel or in many (a GROUP BY of every waiting row grew with the
    backlog, and a whole room writing at once made each claim slower than the last).
    """
    i, first, held = INBOX, INBOX.alias("first"), INBOX.alias("held")
    now = bindparam("now", type_=AwareDateTime())

    def same_channel(table):
        if in_channel:  # the head is then found once, not per candidate
            return and_(
                table.c.platform == bindparam("platform"),
                table.c.workspace == bindparam("workspace"),
                table.c.channel == bindparam("channel"),
            )
        return and_(
            table.c.platform == i.c.platform,
            table.c.workspace == i.c.workspace,
            table.c.channel == i.c.channel,
        )

    head = (
        select(func.min(first.c.id))
        .where(
            same_channel(first),
            first.c.failed_at.is_(None),
            (first.c.due_at <= now) | (first.c.attempts > 0),
        )
        .scalar_subquery()
    )
    in_hand = (
        select(held.c.id)
        .where(same_channel(held), held.c.claimed_until > now, held.c.failed_at.is_(None))
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(i.c.id, i.c.payload, i.c.attempts)
        # Checked on the row itself too: PostgreSQL re-checks these on the newest version
        # of a row another worker claimed meanwhile.
        .where(
            i.c.failed_at.is_(None),
            i.c.due_at <= now,
            or_free(i.c.claimed_until, now),
            i.c.id == head,
            in_hand.is_(None),
        )
        .order_by(i.c.due_at, i.c.id)
        .limit(1)
    )
    return query.with_for_update(skip_locked=True, of=i) if skip_locked else query


def inbox_rows_ahead_query():
    """A channel's rows from its head on, in arrival order, at most `limit`: what a batch
    decides next in the transaction that holds the channel (WorkQueue.process_and_claim_next).
    The same rows as the head query's, one statement for several; the caller stops at the
    first row that is not due, or in another's hands."""
    i = INBOX
    now = bindparam("now", type_=AwareDateTime())
    return (
        select(i.c.id, i.c.payload, i.c.attempts, i.c.due_at, i.c.claimed_until)
        .where(
            i.c.platform == bindparam("platform"),
            i.c.workspace == bindparam("workspace"),
            i.c.channel == bindparam("channel"),
            i.c.failed_at.is_(None),
            (i.c.due_at <= now) | (i.c.attempts > 0),
        )
        .order_by(i.c.id)
        .limit(bindparam("limit"))
    )


def outbox_claim_query():
    """Walks the unsent rows in due order (ix_outbox_due) and keeps each that heads its
    conversation: the first unsent of it, and no live claim anywhere in it (a row committed
    late, with a lower id than one already in hand, waits for that one). Both are asked per row
    as scalar subqueries, which the planner always runs as index probes (ix_outbox_unsent,
    ix_outbox_held) with the row's conversation as the key; so a claim reads about as many rows
    as it hands out, flat at 10,000 rows and more whatever the statistics say. (A GROUP BY of
    every unsent row, or NOT EXISTS joins, were planned as nested loops over the whole outbox
    on a freshly filled table: PostgreSQL's statement timeout at 10,000 rows.)"""
    o, first, held = OUTBOX, OUTBOX.alias("first"), OUTBOX.alias("held")
    now = bindparam("now", type_=AwareDateTime())

    def unsent(table):
        return and_(table.c.sent_at.is_(None), table.c.failed_at.is_(None))

    head = (
        select(func.min(first.c.id))
        .where(first.c.conversation == o.c.conversation, unsent(first))
        .scalar_subquery()
    )
    in_hand = (
        select(held.c.id)
        .where(
            held.c.conversation == o.c.conversation,
            held.c.claimed_until > now,
            unsent(held),
        )
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(o.c.id)
        # The row's own state is checked here too: PostgreSQL re-checks these on the newest
        # version of a row another dispatcher claimed or sent meanwhile.
        .where(unsent(o), o.c.due_at <= now, or_free(o.c.claimed_until, now))
        .where(o.c.id == head, in_hand.is_(None))
        .order_by(o.c.due_at, o.c.id)
        .limit(bindparam("limit"))
    )
