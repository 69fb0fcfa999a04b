"""Engines for SQLite (the embedded default, in WAL mode) and PostgreSQL, and migrations."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError

MIGRATIONS = Path(__file__).parent / "migrations"

# Waits are bounded so that a platform hears "that failed, try again" inside its own time
# limit (Slack: 3 s) instead of an "OK" for something the database never took.
SQLITE_BUSY_TIMEOUT = 2.0
PG_STATEMENT_TIMEOUT = 5.0
PG_LOCK_TIMEOUT = 2.0
# A pooled PostgreSQL connection idle for longer is pinged before use (see `ping_when_idle`).
PING_AFTER_IDLE = 2.0

# SQLSTATEs: 57014 statement timeout (query_canceled), 55P03 lock_not_available.
_PG_TIMEOUT_STATES = {"57014", "55P03"}


# An execution option: transactions on an engine carrying it only read (see `reading`).
READ_ONLY = "rasmus_read_only"


class StorageBusy(Exception):
    """The database did not answer in time; nothing was stored, so the request may be retried."""


def is_timeout(error: BaseException) -> bool:
    if not isinstance(error, OperationalError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    if state in _PG_TIMEOUT_STATES:
        return True
    message = str(error.orig).lower()
    return "database is locked" in message or "database is busy" in message


@contextmanager
def timeouts_as_busy() -> Iterator[None]:
    """Turns a busy, lock or statement timeout into `StorageBusy`; other errors pass as they are."""
    try:
        yield
    except OperationalError as error:
        if is_timeout(error):
            raise StorageBusy(str(error.orig)) from error
        raise


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` (as hosts hand them out) use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_engine(url: str, busy_timeout: float) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error (or echo) never logs the values, which hold people's notes.
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" below open transactions, so they can take the write lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get(READ_ONLY):
            # A reader (WAL) sees the last commit and neither waits for nor blocks the writer.
            connection.exec_driver_sql("BEGIN DEFERRED")
            return
        # IMMEDIATE takes SQLite's write lock up front: a channel's commands run one at a time
        # instead of failing late with "database is locked" on upgrade from a read lock.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def reading(engine: Engine) -> Engine:
    """The same engine and pool for work that only reads (a thread's origin, a card's id, member
    names): on SQLite its transactions begin DEFERRED instead of taking the write lock, so a
    lookup never queues behind the commands being decided. PostgreSQL's reads never lock."""
    return engine.execution_options(**{READ_ONLY: True})


def ping_when_idle(engine: Engine, idle: float = PING_AFTER_IDLE) -> None:
    """Pings a pooled connection before use only when it sat idle for `idle` seconds, and
    swaps it for a fresh one if the ping fails (a restarted server, a dropped link).

    SQLAlchemy's `pool_pre_ping` pings on every checkout: one more round trip for every
    transaction, a fifth of the dispatcher's statements under load. A connection in steady use
    is proven by its last statement; one that breaks between two uses a moment apart fails that
    one transaction, which is then told "not stored, try again" or retried by the worker, and
    SQLAlchemy renews the rest of the pool on that disconnect."""

    @event.listens_for(engine, "checkin")
    def _idle_from_now(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("an idle pooled connection no longer answers") from error
        if not alive:
            raise DisconnectionError("an idle pooled connection no longer answers")


def _postgres_engine(url: str, statement_timeout: float, lock_timeout: float) -> Engine:
    # Added to any `options` the URL carries (tests put a search_path there); connect_args win
    # over the URL's query, so the merged string is what the server gets.
    parsed = make_url(url)
    given = parsed.query.get("options", "")
    options = " ".join(
        part
        for part in (
            given if isinstance(given, str) else " ".join(given),
            f"-c statement_timeout={int(statement_timeout * 1000)}",
            f"-c lock_timeout={int(lock_timeout * 1000)}",
        )
        if part
    )
    engine = create_engine(
        parsed,  # keeps its own `options`; the merged ones below take their place
        connect_args={"options": options},
        pool_size=10,
        max_overflow=20,
        hide_parameters=True,  # as for SQLite: logged errors never show people's notes
    )
    ping_when_idle(engine)
    return engine


def create_database_engine(
    url: str,
    *,
    busy_timeout: float = SQLITE_BUSY_TIMEOUT,
    statement_timeout: float = PG_STATEMENT_TIMEOUT,
    lock_timeout: float = PG_LOCK_TIMEOUT,
) -> Engine:
    """Timeouts in seconds: SQLite's busy wait; PostgreSQL's statement and lock waits."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, busy_timeout)
    return _postgres_engine(url, statement_timeout, lock_timeout)


def alembic_config(engine: Engine, platform_metadata: Sequence[MetaData] = ()) -> Config:
    """`platform_metadata`: the tables platforms own (adapters.slack.installations), for
    `alembic revision --autogenerate`; without them it would propose dropping those tables."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    config.attributes["platform_metadata"] = tuple(platform_metadata)
    return config


def schema_revision(engine: Engine) -> str | None:
    """The schema's Alembic revision; None for a database without the schema."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_schema(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision; the revisions before and after."""
    before = schema_revision(engine)
    command.upgrade(alembic_config(engine), "head")
    return before, schema_revision(engine)


def open_database(url: str, *, migrate: bool | None = None, **timeouts: float) -> Engine:
    """The engine; SQLite migrates itself on start, PostgreSQL through `python -m bot migrate`."""
    engine = create_database_engine(url, **timeouts)
    if migrate if migrate is not None else engine.dialect.name == "sqlite":
        upgrade_schema(engine)
    return engine
