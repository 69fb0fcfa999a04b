"""A small key-value store for what adapters must remember about a channel.

A fact about a channel (a conversation reference, an unanswered colour question) is put with
`channel=`; a fact about one workshop (a circle message, its thread) with `workshop_id=` too.
Deleting the workshop then deletes them with it (`forget_workshop`, run by SqlStore in the
transaction that deletes the workshop). Facts about a person alone (their 1:1 chat) carry
neither and stay.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import Engine, and_, bindparam, delete, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from adapters.persistence.database import reading
from adapters.persistence.tables import PlatformStateRow
from core.model import ChannelKey


def channel_scope(channel: ChannelKey) -> str:
    """The channel as a short, fixed-length tag (hashed: the ids are not repeated here)."""
    raw = "\x1f".join((channel.platform, channel.workspace, channel.channel))
    return hashlib.sha256(raw.encode()).hexdigest()


def forget_workshop(session, workshop_id: str, channel: ChannelKey | None) -> None:
    """Deletes, in `session`'s transaction, the rows about a workshop and, given `channel`
    (when no open workshop is left in it), the rows about the channel."""
    about = PlatformStateRow.workshop_id == workshop_id
    if channel is not None:
        scope = PlatformStateRow.channel_scope == channel_scope(channel)
        about = or_(about, and_(scope, PlatformStateRow.workshop_id.is_(None)))
    session.execute(delete(PlatformStateRow).where(about))


_STATE = PlatformStateRow.__table__
_GET = select(_STATE.c.value).where(
    _STATE.c.namespace == bindparam("namespace"), _STATE.c.key == bindparam("key")
)


class PlatformState:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._reader = reading(engine)  # lookups never take SQLite's write lock

    def get(self, namespace: str, key: str) -> str | None:
        # A plain read on a connection: looked up several times per message sent, where
        # the ORM's identity map and loading cost more than the query.
        with self._reader.connect() as connection:
            return connection.execute(_GET, {"namespace": namespace, "key": key}).scalar()

    def put(
        self,
        namespace: str,
        key: str,
        value: str,
        *,
        channel: ChannelKey | None = None,
        workshop_id: str | None = None,
    ) -> None:
        """Stores `value`; `channel` / `workshop_id` say what it is about (deleted with it)."""
        # An upsert, so two writers of one key never collide (both dialects speak it).
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        now = datetime.now(UTC)
        about = {
            "channel_scope": channel_scope(channel) if channel is not None else None,
            "workshop_id": workshop_id,
        }
        statement = dialect.insert(PlatformStateRow).values(
            namespace=namespace, key=key, value=value, updated_at=now, **about
        )
        statement = statement.on_conflict_do_update(
            index_elements=["namespace", "key"], set_={"value": value, "updated_at": now, **about}
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
