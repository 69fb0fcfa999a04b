"""A schema of its own on the shared test PostgreSQL (TEST_DATABASE_URL), dropped afterwards,
so tests and test processes that run at once never see each other's rows."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from adapters.persistence.database import create_database_engine


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """The database URL of a fresh schema (its search_path set), for an engine or a process."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    base = os.environ["TEST_DATABASE_URL"]
    admin = create_database_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
