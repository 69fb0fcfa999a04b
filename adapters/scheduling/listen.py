"""Worker processes hear of new inbox rows at once on PostgreSQL, through LISTEN/NOTIFY.

The web process (`serve --no-worker`) NOTIFYs inside the enqueue's transaction (delivered only
on commit); each worker process keeps one connection of its own listening and wakes its loop.
Missed notifications cost nothing but time: the interval still finds every due row.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine

from adapters.persistence.queue import INBOX_CHANNEL

log = logging.getLogger(__name__)


def libpq_url(engine: Engine) -> str:
    """The engine's URL as psycopg takes it (no SQLAlchemy driver name)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class InboxListener:
    def __init__(self, engine: Engine, wake: Callable[[], None], *, poll: float = 1.0):
        self.url = libpq_url(engine)
        self.wake = wake  # must be safe to call from this thread (notify_threadsafe)
        self.poll = poll
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="inbox-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=self.poll * 3)

    def _listen(self) -> None:
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as connection:
                    connection.execute(f"LISTEN {INBOX_CHANNEL}")
                    while not self._stopping.is_set():
                        # Returns after `poll` seconds without news, to see whether to stop.
                        for _ in connection.notifies(timeout=self.poll):
                            self.wake()
            except Exception:  # the database went away: the interval still works meanwhile
                log.warning("listening for new work failed; trying again", exc_info=True)
                self._stopping.wait(self.poll)
