"""Alembic runs migrations on the engine that `adapters.persistence.database` built."""

from alembic import context
from sqlmodel import SQLModel

from adapters.persistence import tables  # noqa: F401  (registers the tables on the metadata)
from adapters.persistence.slack_tables import SLACK_METADATA

# The workshop tables, and the Slack adapter's installations, kept in metadata of their own.
TARGET_METADATA = [SQLModel.metadata, SLACK_METADATA]

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=TARGET_METADATA,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
