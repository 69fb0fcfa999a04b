"""Migration 0003_ss_ids: stored H<n> ids of Sundt & sikkert become SS<n>, and back."""

import os
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text

from adapters.persistence.database import alembic_config, create_database_engine
from tests.pg_schema import postgres_schema


@pytest.fixture(
    params=["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]
)
def bare_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = create_database_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    with postgres_schema() as url:
        engine = create_database_engine(url)
        yield engine
        engine.dispose()


def _ids(engine):
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT short_id FROM notes ORDER BY id"))
        return [row[0] for row in rows]


def test_stored_h_ids_become_ss_ids_and_other_circles_keep_theirs(bare_engine):
    config = alembic_config(bare_engine)
    command.upgrade(config, "0002")
    now = datetime(2026, 11, 2, tzinfo=UTC)
    with bare_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workshops (id, platform, workspace, channel, technology, "
                "started_by_id, started_by_name, created_at, step, language, timezone, version) "
                "VALUES ('w1', 'console', 'local', 'c', 'Vagtplan', 'u', 'U', :now, 'today', "
                "'da', 'Europe/Copenhagen', 0)"
            ),
            {"now": now},
        )
        for number, (short_id, circle) in enumerate(
            [("H1", "healthy"), ("H12", "healthy"), ("R1", "realistic")]
        ):
            connection.execute(
                text(
                    "INSERT INTO notes (id, workshop_id, short_id, circle, colour, step, text, "
                    "status, created_at) VALUES (:id, 'w1', :sid, :circle, 'orange', 'today', "
                    "'x', 'active', :now)"
                ),
                {"id": f"n{number}", "sid": short_id, "circle": circle, "now": now},
            )
    command.upgrade(config, "0003_ss_ids")
    assert _ids(bare_engine) == ["SS1", "SS12", "R1"]
    command.downgrade(config, "0002")
    assert _ids(bare_engine) == ["H1", "H12", "R1"]
