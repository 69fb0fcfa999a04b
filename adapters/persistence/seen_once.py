"""Remembers, for a while, what has been handled once: the first writer of a key wins, so two
processes behind a load balancer agree which of two equal requests was first.

Rows live in `platform_state` (no table of their own) and are swept once they are older than
the window in which a repeat could still be accepted.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlmodel import Session

from adapters.persistence.database import create_database_engine
from adapters.persistence.tables import PlatformStateRow


def seen_once_engine(engine: Engine) -> Engine:
    """Where the memory of seen requests lives. On PostgreSQL: the database itself (a row lock
    is all an insert waits for). On SQLite: a file beside the database, because SQLite has one
    write lock per file and a workshop's transaction holds it while the core works; an ack
    waiting for it took p99 from ~90 ms to ~700 ms (bench/slack_ack.py, 10 at once). The file
    is shared by every process on the host and survives restarts, as the database does."""
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
        return self.first_times([key], now)[0]

    def first_times(self, keys: list[str], now: datetime) -> list[bool]:
        """`first_time` for several keys in one transaction (one write lock on SQLite)."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        answers = []
        with Session(self.engine) as session, session.begin():
            self._sweep(session, now)
            for key in keys:
                statement = (
                    dialect.insert(PlatformStateRow)
                    .values(namespace=self.namespace, key=key, value="", updated_at=now)
                    .on_conflict_do_nothing(index_elements=["namespace", "key"])
                    .returning(PlatformStateRow.key)  # psycopg reports no rowcount for this
                )
                answers.append(session.execute(statement).first() is not None)
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
