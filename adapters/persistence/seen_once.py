"""Remembers, for a while, what has been handled once: the first writer of a key wins, so two
processes behind a load balancer agree which of two equal requests was first.

Rows live in `platform_state` (no table of their own) and are swept once they are older than
the window in which a repeat could still be accepted.
"""

from __future__ import annotations

import hashlib
import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, bindparam, delete, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from adapters.persistence.database import create_database_engine
from adapters.persistence.tables import AwareDateTime, PlatformStateRow

# Built once, whatever the number of keys (a statement with one VALUES row per key was
# compiled anew for each batch size). The keys come as one array (PostgreSQL) or one JSON list
# (SQLite); those inserted come back.
_INSERT_NEW_PG = text(
    "INSERT INTO platform_state (namespace, key, value, updated_at) "
    "SELECT :namespace, k, '', :now FROM unnest(CAST(:keys AS text[])) AS k "
    "ON CONFLICT (namespace, key) DO NOTHING RETURNING key"
).bindparams(bindparam("now", type_=AwareDateTime()))
_INSERT_NEW_SQLITE = text(
    "INSERT INTO platform_state (namespace, key, value, updated_at) "
    "SELECT :namespace, value, '', :now FROM json_each(:keys) WHERE true "
    "ON CONFLICT (namespace, key) DO NOTHING RETURNING key"
).bindparams(bindparam("now", type_=AwareDateTime()))


def seen_once_engine(engine: Engine) -> Engine:
    """Where the memory of seen requests lives when it is written on its own (requests that
    do not go to the inbox; those that do are recorded in the inbox's transaction). On
    PostgreSQL: the database itself (a row lock is all an insert waits for). On SQLite: a file
    beside the database, because SQLite has one write lock per file and a workshop's
    transaction holds it while the core works; an ack waiting for it took p99 from ~90 ms to
    ~700 ms (bench/slack_ack.py, 10 at once). The file is shared by every process on the host
    and survives restarts, as the database does."""
    url = engine.url
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        return engine
    sibling = create_database_engine(str(make_url(str(url)).set(database=f"{database}.seen")))
    PlatformStateRow.__table__.create(sibling, checkfirst=True)
    return sibling


def fingerprint(*parts: str) -> str:
    """A hash, so the table holds no signature, user id or payload, only proof of having seen."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class SeenOnce:
    def __init__(self, engine: Engine, namespace: str, keep: timedelta):
        self.engine, self.namespace, self.keep = engine, namespace, keep
        self._swept_at: datetime | None = None

    def first_time(self, key: str, now: datetime) -> bool:
        """True for the first call with this key (within `keep`), False for every repeat."""
        return self.all_first_times([([key], now)])[0]

    def all_first_times(self, requests: list[tuple[list[str], datetime]]) -> list[bool]:
        """For each request (its keys, its time): were all its keys new? Every request of the
        list in one transaction and one statement (a group commit's batch, `group_commit`):
        the keys it inserted come back, and a key seen twice in the list is new only once."""
        if not requests:
            return []
        with Session(self.engine) as session, session.begin():
            return self.first_times_in(session, requests)

    def first_times_in(
        self, session: Session, requests: list[tuple[list[str], datetime]]
    ) -> list[bool]:
        """`all_first_times` inside the caller's transaction (on this memory's database): the
        inbox records a request's keys with the request itself (`Unrecorded`)."""
        if not requests:
            return []
        keys = list(dict.fromkeys(key for keys, _ in requests for key in keys))
        now = max(at for _, at in requests)
        postgres = self.engine.dialect.name == "postgresql"
        params = {"namespace": self.namespace, "now": now}
        params["keys"] = keys if postgres else json.dumps(keys)
        self._sweep(session, now)
        insert = _INSERT_NEW_PG if postgres else _INSERT_NEW_SQLITE
        new = set(session.execute(insert, params).scalars())
        answers = []
        for keys_of, _ in requests:
            answers.append(all([key in new for key in keys_of]))
            new.difference_update(keys_of)
        return answers

    def _sweep(self, session: Session, now: datetime) -> None:
        # At most once a minute per process: a repeat older than `keep` is refused elsewhere
        # (Slack's five-minute timestamp window), so its row is no longer needed.
        if self._swept_at and now - self._swept_at < timedelta(minutes=1):
            return
        self._swept_at = now
        session.execute(
            delete(PlatformStateRow).where(
                PlatformStateRow.namespace == self.namespace,
                PlatformStateRow.updated_at < now - self.keep,
            )
        )


@dataclass
class Unrecorded:
    """A request's keys, checked in this process's memory but not yet in the database.

    A request that goes to the inbox has them recorded in the same transaction as its row, so
    its acknowledgement waits for one commit, not two; a repeat (the keys already there) then
    stores nothing. Whoever records them sets `recorded` and `first`; a request that never
    reached the inbox has them recorded by the platform after it was handled."""

    memory: SeenOnce
    keys: list[str]
    at: datetime
    recorded: bool = False
    first: bool = True

    def as_request(self) -> tuple[list[str], datetime]:
        return self.keys, self.at


# The request being handled in this task (set by the platform around its handler).
UNRECORDED: ContextVar[Unrecorded | None] = ContextVar("rasmus_unrecorded_keys", default=None)


def first_times_with(session: Session, pending: list[Unrecorded | None]) -> list[bool]:
    """Records each request's keys in `session`'s transaction; for each, were they all new?
    None (no keys to record) counts as new."""
    answers = [True] * len(pending)
    by_memory: dict[int, list[int]] = {}
    for index, unrecorded in enumerate(pending):
        if unrecorded is not None:
            by_memory.setdefault(id(unrecorded.memory), []).append(index)
    for indexes in by_memory.values():
        memory = pending[indexes[0]].memory
        firsts = memory.first_times_in(session, [pending[i].as_request() for i in indexes])
        for index, first in zip(indexes, firsts, strict=True):
            answers[index] = first
    return answers
