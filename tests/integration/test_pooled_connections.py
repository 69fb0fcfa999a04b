"""Pooled PostgreSQL connections are pinged only after sitting idle (database.ping_when_idle):
a connection the server dropped while it waited in the pool is swapped before use."""

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from adapters.persistence.database import normalise_url, ping_when_idle

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)


@pytest.fixture
def admin():
    engine = create_engine(normalise_url(os.environ["TEST_DATABASE_URL"]))
    yield engine
    engine.dispose()


def pooled_engine(idle: float):
    engine = create_engine(normalise_url(os.environ["TEST_DATABASE_URL"]), pool_size=1)
    ping_when_idle(engine, idle=idle)
    return engine


def backend_of(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def drop_from_the_server(admin, pid: int) -> None:
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # Terminating only signals the backend: wait until it is really gone.
        for _ in range(1000):
            gone = connection.execute(
                text("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = :pid)"),
                {"pid": pid},
            ).scalar_one()
            if gone:
                return
        raise AssertionError(f"backend {pid} is still there")


def test_an_idle_connection_the_server_dropped_is_replaced_before_the_next_transaction(admin):
    engine = pooled_engine(idle=0.0)
    try:
        dropped = backend_of(engine)
        drop_from_the_server(admin, dropped)
        with engine.begin() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
        assert backend_of(engine) != dropped
    finally:
        engine.dispose()


def test_a_connection_in_steady_use_is_not_pinged_so_a_drop_fails_one_transaction_only(admin):
    engine = pooled_engine(idle=3600.0)
    try:
        drop_from_the_server(admin, backend_of(engine))
        with pytest.raises(OperationalError), engine.begin() as connection:
            connection.execute(text("SELECT 1"))
        # SQLAlchemy saw the disconnect and renewed the pool: the next one goes through.
        with engine.begin() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()
