"""The inbox as a platform's `Intake`: commit the request, wake the worker, then acknowledge.

The commit runs on the shared CoreRunner's threads (the event loop keeps acknowledging other
requests). The database's own timeouts bound it (SQLite's busy timeout, PostgreSQL's lock and
statement timeouts); `deadline` bounds the whole wait, pool queue included, so the platform
hears "not stored" inside its own limit (Slack: 3 s).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from adapters.chat.core_runner import CoreRunner
from adapters.chat.intake import NotStored
from adapters.persistence.database import StorageBusy
from adapters.persistence.queue import WorkQueue
from core.service import Incoming

log = logging.getLogger(__name__)


class QueueIntake:
    def __init__(
        self,
        queue: WorkQueue,
        core: CoreRunner,
        *,
        deadline: float = 2.5,
        notify: Callable[[], None] | None = None,
    ):
        self.queue = queue
        self.core = core
        self.deadline = deadline
        # Wakes an in-process worker at once; set when the worker starts (None: another
        # process works the queue and finds the row by its interval or a PostgreSQL NOTIFY).
        self.notify = notify

    async def submit(self, incoming: Incoming, due_at: datetime | None = None) -> None:
        try:
            await asyncio.wait_for(
                self.core.run(self.queue.enqueue, incoming, due_at), self.deadline
            )
        except (StorageBusy, TimeoutError) as error:
            # After a timeout the commit may still land; the person is told it failed and may
            # send it again: a platform's own message id then makes the second one a duplicate.
            log.warning("a request was not stored in time (%s)", type(error).__name__)
            raise NotStored(str(error) or "the database did not answer in time") from error
        except Exception as error:  # the database is away: the same answer, never "OK"
            log.exception("a request could not be stored")
            raise NotStored(type(error).__name__) from error
        if self.notify is not None:
            self.notify()
