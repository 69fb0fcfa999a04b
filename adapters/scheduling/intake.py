"""The inbox as a platform's `Intake`: commit the request, wake the worker, then acknowledge.

The commit runs on a thread of its own (the event loop keeps acknowledging other requests).
The database's own timeouts bound it (SQLite's busy timeout, PostgreSQL's lock and statement
timeouts); `deadline` bounds the whole wait, pool queue included, so the platform
hears "not stored" inside its own limit (Slack: 3 s).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from adapters.chat.core_runner import CoreRunner
from adapters.chat.intake import NotStored
from adapters.persistence.database import StorageBusy, timeouts_as_busy
from adapters.persistence.group_commit import GroupCommit
from adapters.persistence.queue import WorkQueue
from adapters.persistence.seen_once import UNRECORDED, Unrecorded, first_times_with
from core.service import Incoming

log = logging.getLogger(__name__)


BATCH = 100  # the most requests stored in one transaction


class QueueIntake:
    """Requests that arrive while a commit is under way are stored together in the next one
    (group commit): under a burst each transaction takes many, so the wait stays short."""

    def __init__(
        self,
        queue: WorkQueue,
        core: CoreRunner,
        *,
        deadline: float = 2.5,
        notify: Callable[[], None] | None = None,
    ):
        self.queue = queue
        self.core = core  # kept for the callers' shape; commits run on a thread of their own
        self.deadline = deadline
        # A thread of its own: the shared CoreRunner also carries the dispatcher's and the
        # platforms' lookups, and an acknowledgement must not queue behind them.
        self._commits = GroupCommit(self._store, name="intake", batch=BATCH)
        # Wakes an in-process worker at once; set when the worker starts (None: another
        # process works the queue and finds the row by its interval or a PostgreSQL NOTIFY).
        self.notify = notify

    @property
    def notify(self) -> Callable[[], None] | None:
        return self._commits.committed

    @notify.setter
    def notify(self, wake: Callable[[], None] | None) -> None:
        self._commits.committed = wake

    def _store(self, items: list[tuple[Incoming, datetime | None, Unrecorded | None]]):
        """One transaction: each request's replay keys (if the platform left them to us) and
        the rows of those whose keys were new. Returns, per request: was it stored?"""
        queue = self.queue
        with timeouts_as_busy(), queue.store.transaction(wait=queue.wait, urgent=True) as s:
            firsts = first_times_with(s, [unrecorded for _, _, unrecorded in items])
            new = [(i, due) for (i, due, _), first in zip(items, firsts, strict=True) if first]
            if new:
                queue.insert(s, new)
        return firsts

    def _unrecorded(self) -> Unrecorded | None:
        """The request's replay keys, when they can go into the inbox's own transaction."""
        unrecorded = UNRECORDED.get()
        if unrecorded is None or unrecorded.recorded:
            return None
        return unrecorded if unrecorded.memory.engine is self.queue.engine else None

    async def submit(self, incoming: Incoming, due_at: datetime | None = None) -> None:
        unrecorded = self._unrecorded()
        stored = self._commits.submit((incoming, due_at, unrecorded))
        try:
            first = await asyncio.wait_for(asyncio.shield(stored), self.deadline)
        except (StorageBusy, TimeoutError) as error:
            # After a timeout the commit may still land; the person is told it failed and may
            # send it again: a platform's own message id then makes the second one a duplicate.
            log.warning("a request was not stored in time (%s)", type(error).__name__)
            raise NotStored(str(error) or "the database did not answer in time") from error
        except Exception as error:  # the database is away: the same answer, never "OK"
            log.error("a request could not be stored (%s)", type(error).__name__)
            raise NotStored(type(error).__name__) from error
        if unrecorded is not None:
            unrecorded.recorded, unrecorded.first = True, first
        if not first:
            log.info("ignored a repeated request: its keys were recorded before")

    def close(self) -> None:
        self._commits.close()
