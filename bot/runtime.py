"""Wiring: the one place that builds the engine, the store, the queue and the service."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from adapters.chat.platform import Services, services
from adapters.persistence.database import open_database
from adapters.persistence.failures import is_transient, nothing_was_stored
from adapters.persistence.queue import WorkQueue
from adapters.persistence.state import PlatformState
from adapters.persistence.store import SqlStore
from adapters.scheduling.intake import QueueIntake
from bot.config import Settings
from core.service import WorkshopService

# Crockford-style alphabet: no 0/O or 1/I/L to misread when typing a code back.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Slack wants its answer within 3 s: what is not stored by then is answered as failed.
INTAKE_DEADLINE = 2.5


class RandomIds:
    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_code(self) -> str:
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        return f"{raw[:4]}-{raw[4:]}"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    service: WorkshopService
    store: SqlStore
    state: PlatformState
    services: Services  # what the chat platforms are given
    queue: WorkQueue  # the durable inbox (and its outbox): the worker decides what is in it
    intake: QueueIntake

    def close(self) -> None:
        self.intake.close()
        self.services.core.close()
        self.store.engine.dispose()


def build_runtime(
    settings: Settings,
    *,
    migrate: bool | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Runtime:
    """`clock`: what the core is told the time is (the console's movable clock); the queue's
    leases and backoffs always run on the real time."""
    engine = open_database(
        settings.database_url,
        migrate=migrate,
        busy_timeout=settings.sqlite_busy_timeout_seconds,
        statement_timeout=settings.pg_statement_timeout_seconds,
        lock_timeout=settings.pg_lock_timeout_seconds,
    )
    store = SqlStore(engine)
    service = WorkshopService(store, clock or utc_now, RandomIds(), settings.default_language)
    state = PlatformState(engine)
    queue = WorkQueue(
        store,
        wait=settings.sqlite_busy_timeout_seconds,
        # A decision that fails for a reason a retry cannot mend is set aside at once and the
        # person told that nothing was stored; a busy or lost database is tried again.
        permanent=lambda error: not is_transient(error),
        apology=nothing_was_stored,
    )
    shared = services(service, state, store, clock or utc_now, settings.default_language)
    intake = QueueIntake(queue, shared.core, deadline=INTAKE_DEADLINE)
    shared.intake = intake
    return Runtime(settings, service, store, state, shared, queue, intake)
