"""When work fails: how long a row waits before it is tried again, whether an error is worth
another try, how an error is kept on its row, and what the person is told when their request
is set aside. Shared by the inbox (adapters.persistence.queue) and the dispatcher."""

from __future__ import annotations

import random

from sqlalchemy.exc import DBAPIError

from adapters.persistence.database import StorageBusy
from core.commands import Tick
from core.messages import Audience, Reply, Said
from core.service import Incoming


def backoff(attempts: int) -> float:
    """Seconds before a failed row is tried again: doubling from 1 s to 5 min, with jitter."""
    ceiling = min(300.0, 2.0 ** max(0, attempts - 1))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def is_transient(error: Exception) -> bool:
    """Worth trying again: the database was busy, or its connection dropped."""
    if isinstance(error, (StorageBusy, ConnectionError, TimeoutError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def nothing_was_stored(incoming: Incoming) -> Reply | None:
    """What a person is told when their request was set aside undecided: in the language the
    platform knew them by, else in both (the workshop's own cannot be read when storage is
    what failed). A Tick came from no person: nobody is told."""
    if isinstance(incoming.command, Tick):
        return None
    if incoming.language_hint is None:
        return Reply(Audience.PRIVATE, Said("something_wrong_both"), "da")
    return Reply(Audience.PRIVATE, Said("something_wrong"), incoming.language_hint)


def describe(error: Exception, limit: int = 2000) -> str:
    """An error as kept on its row (or logged: then shorter), its type first."""
    return f"{type(error).__name__}: {error}"[:limit]
