"""Alembic runs migrations on the engine that `adapters.persistence.database` built."""

from alembic import context
from sqlmodel import SQLModel

from adapters.persistence import tables, tables_followup  # noqa: F401  (registers the tables)

# The workshop tables; a platform's own tables (Slack's installations) live in metadata of its
# own, which whoever autogenerates a migration passes in (see database.alembic_config).
# Upgrading never needs it: the migrations spell out their tables.
TARGET_METADATA = [SQLModel.metadata, *context.config.attributes.get("platform_metadata", ())]

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
