"""Engines for SQLite (the embedded default, in WAL mode) and PostgreSQL, and migrations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` (as hosts hand them out) use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" below open transactions, so they can take the write lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # IMMEDIATE takes SQLite's write lock up front: a channel's commands run one at a time
        # instead of failing late with "database is locked" on upgrade from a read lock.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_database_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def alembic_config(engine: Engine, platform_metadata: Sequence[MetaData] = ()) -> Config:
    """`platform_metadata`: the tables platforms own (adapters.slack.installations), for
    `alembic revision --autogenerate`; without them it would propose dropping those tables."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    config.attributes["platform_metadata"] = tuple(platform_metadata)
    return config


def upgrade_schema(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "head")


def open_database(url: str, *, migrate: bool | None = None) -> Engine:
    """The engine; SQLite migrates itself on start, PostgreSQL through `python -m bot migrate`."""
    engine = create_database_engine(url)
    if migrate if migrate is not None else engine.dialect.name == "sqlite":
        upgrade_schema(engine)
    return engine
