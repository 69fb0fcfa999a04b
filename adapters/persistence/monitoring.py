"""What /healthz reports about the queues: work due, late, failing and given up.

Counted in one statement per table; the inbox's through the writer's turn on purpose, so a
database that cannot take a request (a writer holding it) reports as not answering.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from adapters.persistence.claims import or_free
from adapters.persistence.database import timeouts_as_busy


@dataclass(frozen=True)
class QueueStats:
    """For monitoring: due now, due for longer than `late_after`, tried and failed, given up."""

    due: int
    late: int
    failing: int
    failed: int
    waiting: int  # every row not yet decided, due or not (timers included)
    outbox_due: int
    outbox_late: int
    outbox_failing: int

    @classmethod
    def of(cls, inbox: dict[str, int], outbox: dict[str, int]) -> QueueStats:
        return cls(
            **{key: inbox[key] for key in ("due", "late", "failing", "failed", "waiting")},
            **{f"outbox_{key}": outbox[key] for key in ("due", "late", "failing")},
        )


def queue_counts(
    transaction: Callable[[], AbstractContextManager[Session]],
    table,
    waiting,
    now: datetime,
    late_after: timedelta,
) -> dict[str, int]:
    """A queue table's rows: due, late, failing (tried before and in nobody's hands: it
    failed or its worker died), failed (given up) and waiting (`waiting` says which)."""
    c = table.c
    query = select(
        func.count().filter(waiting, c.due_at <= now),
        func.count().filter(waiting, c.due_at <= now - late_after),
        func.count().filter(waiting, c.attempts > 0, or_free(c.claimed_until, now)),
        func.count().filter(c.failed_at.is_not(None)),
        func.count().filter(waiting),
    )
    with timeouts_as_busy(), transaction() as session:
        due, late, failing, failed, waiting_total = session.execute(query).one()
    return {
        "due": due,
        "late": late,
        "failing": failing,
        "failed": failed,
        "waiting": waiting_total,
    }
