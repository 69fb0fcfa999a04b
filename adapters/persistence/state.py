"""A small key-value store for what adapters must remember about a channel."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from adapters.persistence.database import reading
from adapters.persistence.tables import PlatformStateRow


class PlatformState:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._reader = reading(engine)  # lookups never take SQLite's write lock

    def get(self, namespace: str, key: str) -> str | None:
        with Session(self._reader) as session:
            row = session.get(PlatformStateRow, (namespace, key))
            return row.value if row else None

    def put(self, namespace: str, key: str, value: str) -> None:
        # An upsert, so two writers of one key never collide (both dialects speak it).
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        now = datetime.now(UTC)
        statement = dialect.insert(PlatformStateRow).values(
            namespace=namespace, key=key, value=value, updated_at=now
        )
        statement = statement.on_conflict_do_update(
            index_elements=["namespace", "key"], set_={"value": value, "updated_at": now}
        )
        with Session(self.engine) as session, session.begin():
            session.execute(statement)

    def delete(self, namespace: str, key: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(
                delete(PlatformStateRow).where(
                    PlatformStateRow.namespace == namespace, PlatformStateRow.key == key
                )
            )

    def items(self, namespace: str, prefix: str = "") -> dict[str, str]:
        with Session(self._reader) as session:
            rows = session.exec(
                select(PlatformStateRow).where(
                    PlatformStateRow.namespace == namespace,
                    PlatformStateRow.key.startswith(prefix, autoescape=True),
                )
            ).all()
            return {row.key: row.value for row in rows}
