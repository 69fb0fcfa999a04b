"""The core's Store port on SQLModel: one transaction per command, holding the channel's lock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, bindparam, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from adapters.persistence import mapping as m
from adapters.persistence.cache import WorkshopCache
from adapters.persistence.database import StorageBusy, reading
from adapters.persistence.tables import (
    AgreementRow,
    FacilitatorRow,
    NoteRow,
    PrerequisiteRow,
    WorkshopRow,
)
from adapters.persistence.unit import NEW_VERSION, NOTES, SqlUnit
from adapters.persistence.wakeups import DueWakeup, due_query, read_due
from adapters.persistence.writer_turn import WriterTurn
from core import wall
from core.ids import canonical_id
from core.messages import CountsChanged
from core.model import ChannelKey, Workshop
from core.service import Conflict

_W = WorkshopRow.__table__
# The channel's open workshop, else its latest closed one: only what says whether the cached
# copy is still the one stored (a cache hit reads no more than this).
_CHANNELS_WORKSHOP = (
    sa_select(_W.c.id, _W.c.version, _W.c.wake_at)
    .where(
        _W.c.platform == bindparam("platform"),
        _W.c.workspace == bindparam("workspace"),
        _W.c.channel == bindparam("channel"),
    )
    .order_by(_W.c.closed_at.is_not(None), _W.c.created_at.desc())
    .limit(1)
)
_CHANNELS_WORKSHOP_LOCKED = _CHANNELS_WORKSHOP.with_for_update()


@dataclass
class _Shared:
    """A transaction opened by `SqlStore.transaction`; units inside it join it."""

    store: SqlStore
    session: Session
    after_commit: list[Callable[[], None]] = field(default_factory=list)
    # What a unit of this transaction left each channel's workshop as: the next unit for the
    # channel (a batch of rows, see WorkQueue) starts from it instead of reading it again.
    left: dict[ChannelKey, tuple] = field(default_factory=dict)
    # Workshops' new versions, written once before anything reads a workshop row again and
    # before the commit: a batch of notes bumps the version once per note, not the row.
    versions: dict[str, int] = field(default_factory=dict)
    # The batch's new notes, written in one statement at the same moments (each written
    # alone was a round trip per note, and on PostgreSQL a wait for the GIL after each).
    notes: list[dict] = field(default_factory=list)

    def write_pending(self) -> None:
        if self.notes:
            self.session.execute(NOTES.insert(), self.notes)
            self.notes.clear()
        for workshop_id, version in self.versions.items():
            self.session.execute(NEW_VERSION, {"workshop": workshop_id, "v": version})
        self.versions.clear()


_shared: ContextVar[_Shared | None] = ContextVar("rasmus_shared_transaction", default=None)


class LockWaitTimeout(StorageBusy):
    """Another thread of this process held the channel's (or SQLite's) lock for too long."""


class SqlStore:
    def __init__(self, engine: Engine):
        self.engine = engine
        sqlite = engine.dialect.name == "sqlite"
        self._lock_rows = not sqlite  # SQLite's BEGIN IMMEDIATE locks the whole file
        # The database lock is what keeps writers apart across processes. Within this one,
        # writers also queue on a Python lock first: SQLite has one writer at a time anyway
        # and its busy-wait sleeps in steps of up to 100 ms; on PostgreSQL the queue keeps
        # waiting threads from holding pooled connections while they wait for the row lock.
        self._whole_file = WriterTurn() if sqlite else None
        self._channel_locks: dict[ChannelKey, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._cache = WorkshopCache()
        # For work that only reads: on SQLite its transactions begin DEFERRED, so they neither
        # wait for nor hold up the writer (WAL); no Python lock either.
        self._reader = reading(engine)

    def _queue_for(self, channel: ChannelKey) -> threading.Lock | WriterTurn:
        if self._whole_file is not None:
            return self._whole_file
        with self._locks_guard:
            return self._channel_locks.setdefault(channel, threading.Lock())

    @contextmanager
    def unit(self, channel: ChannelKey) -> Iterator[SqlUnit]:
        shared = _shared.get()
        # Any store on the same engine joins: a second transaction would only wait for this one.
        if shared is not None and shared.store.engine is self.engine:
            yield from self._unit_in(shared, channel)
            return
        with self._queue_for(channel):
            yield from self._unit(channel)

    def writer_wanted(self) -> bool:
        """A request waits to be stored behind the transaction in hand (SQLite's one writer):
        a long transaction should commit and let it in."""
        return self._whole_file is not None and self._whole_file.urgent_waiting

    @contextmanager
    def transaction(
        self,
        channel: ChannelKey | None = None,
        *,
        wait: float | None = None,
        urgent: bool = False,
    ) -> Iterator[Session]:
        """One transaction, holding the channel's lock, that the core's units inside it join.

        The work queue decides a command and writes its outbox rows and the removal of its
        inbox row here, so all of it is committed together or not at all. `wait` bounds how
        long to queue for this process's lock (None: as long as it takes); `urgent` goes
        before the other waiters for SQLite's writer (a request waiting to be acknowledged).
        """
        lock = self._queue_for(channel) if channel else (self._whole_file or nullcontext())
        if isinstance(lock, nullcontext):
            acquired = True
        else:
            timeout = -1 if wait is None else wait
            if isinstance(lock, WriterTurn):
                acquired = lock.acquire(timeout=timeout, urgent=urgent)
            else:
                acquired = lock.acquire(timeout=timeout)
        if not acquired:
            raise LockWaitTimeout(f"no turn for {channel} within {wait} s")
        try:
            session = Session(self.engine, expire_on_commit=False)
            shared = _Shared(self, session)
            token = _shared.set(shared)
            try:
                with session.begin():
                    yield session
                    shared.write_pending()
            finally:
                _shared.reset(token)
                session.close()
            for remember in shared.after_commit:
                remember()
        finally:
            if not isinstance(lock, nullcontext):
                lock.release()

    def _unit(self, channel: ChannelKey) -> Iterator[SqlUnit]:
        session = Session(self.engine, expire_on_commit=False)
        try:
            with session.begin():
                unit = SqlUnit(self, session, channel, self._load_for_channel(session, channel))
                yield unit
            # Committed: what this unit ended with is what the database now holds.
            self._remember(unit)
        except IntegrityError as error:
            # Two first messages in one channel at once (two `start`s, one retried event):
            # the service runs the loser again, and it then sees what the winner stored.
            raise Conflict(str(error.orig)) from error
        finally:
            session.close()

    def _unit_in(self, shared: _Shared, channel: ChannelKey) -> Iterator[SqlUnit]:
        # A savepoint, so a lost race rolls back only this unit and the service's retry can
        # run again inside the same outer transaction.
        left = shared.left.pop(channel, None)
        # The channel's workshop as the last unit of this transaction left it: it exists and
        # this transaction holds its lock, so no race can make a first message conflict, and
        # no savepoint is needed (a failure fails the whole transaction, see WorkQueue).
        if left is None:
            shared.write_pending()  # before the row is read (and outside the savepoint)
        savepoint = shared.session.begin_nested() if left is None else nullcontext()
        try:
            with savepoint:
                loaded = left or self._load_for_channel(shared.session, channel)
                unit = SqlUnit(self, shared.session, channel, loaded, shared)
                yield unit
                if left is None:  # a lost race must show inside the savepoint
                    shared.write_pending()
        except IntegrityError as error:
            raise Conflict(str(error.orig)) from error
        if unit.still_the_channels:
            # The transaction holds the channel's lock: nobody else changed it since.
            shared.left[channel] = (unit.workshop, unit.version, unit._wake)
        shared.after_commit.append(lambda: self._remember(unit))

    def _remember(self, unit: SqlUnit) -> None:
        if unit.changed and unit.workshop is not None:
            self._cache.put(unit.workshop, unit.version)
        elif unit.changed and unit.focused is not None:
            self._cache.drop(unit.focused.id)

    def _load_for_channel(
        self, session: Session, channel: ChannelKey, *, lock: bool = True
    ) -> tuple[Workshop | None, int, datetime | None]:
        query = _CHANNELS_WORKSHOP_LOCKED if lock and self._lock_rows else _CHANNELS_WORKSHOP
        found = session.execute(
            query,
            {
                "platform": channel.platform,
                "workspace": channel.workspace,
                "channel": channel.channel,
            },
        ).first()
        if found is None:
            return None, 0, None
        workshop = self._cache.get(found.id, found.version)
        if workshop is None:  # only then the whole row, and every note with it
            row = session.get(WorkshopRow, found.id, populate_existing=True)
            workshop = m.load_workshop(session, row)
            self._cache.put(workshop, found.version)
        return workshop, found.version, found.wake_at

    def _workshop(self, session: Session, row: WorkshopRow) -> Workshop:
        cached = self._cache.get(row.id, row.version)
        if cached is None:
            cached = m.load_workshop(session, row)
            self._cache.put(cached, row.version)
        return cached

    def due_wakeups(
        self, now: datetime, limit: int = 100, channel: ChannelKey | None = None
    ) -> list[DueWakeup]:
        """Workshops (of one channel, if given) whose next due work has come by `now`, the
        earliest first. Only a look: `wakeups.Wakeups` claims them for the inbox."""
        with Session(self._reader) as session:
            return read_due(session, due_query(now, limit, channel))

    def workshop_now(self, channel: ChannelKey) -> Workshop | None:
        """The channel's workshop as last committed, read without taking any write lock (for
        rendering what is sent; deciding goes through `unit`)."""
        with Session(self._reader) as session:
            return self._load_for_channel(session, channel, lock=False)[0]

    def counts_now(self, session: Session, counts: CountsChanged) -> CountsChanged | None:
        """The circle's counts and notes as stored now; None once its workshop is gone."""
        row = session.exec(select(WorkshopRow).where(WorkshopRow.id == counts.workshop_id)).first()
        if row is None:
            return None
        return wall.counts_shown(self._workshop(session, row), counts.circle, counts.step)

    def workshops_of(self, platform: str, workspace: str, user_id: str) -> list[Workshop]:
        """Workshops in a workspace where the person facilitates, wrote by name or owns a task."""
        mention = f"<@{user_id}>"
        with Session(self._reader) as session:
            involved = or_(
                WorkshopRow.id.in_(
                    select(FacilitatorRow.workshop_id).where(FacilitatorRow.user_id == user_id)
                ),
                WorkshopRow.id.in_(select(NoteRow.workshop_id).where(NoteRow.author_id == user_id)),
                WorkshopRow.id.in_(
                    select(AgreementRow.workshop_id).where(
                        AgreementRow.owner.in_([user_id, mention])
                    )
                ),
            )
            rows = session.exec(
                select(WorkshopRow)
                .where(
                    WorkshopRow.platform == platform, WorkshopRow.workspace == workspace, involved
                )
                .order_by(WorkshopRow.created_at.desc())
            ).all()
            return [self._workshop(session, row) for row in rows]

    def channels_with_anonymous(self, platform: str, short_id: str) -> list[ChannelKey]:
        """Channels whose open workshop holds an anonymous note or prerequisite `short_id`:
        where a code typed in a personal chat may belong (the core checks the code)."""
        wanted = canonical_id(short_id)
        shared = _shared.get()
        if shared is not None and shared.store.engine is self.engine:
            # Asked while the worker decides: a second session would wait for this very
            # transaction's write lock on SQLite, so read in it.
            return _channels_with_anonymous(shared.session, platform, wanted)
        with Session(self._reader) as session:
            return _channels_with_anonymous(session, platform, wanted)


def _channels_with_anonymous(session: Session, platform: str, wanted: str) -> list[ChannelKey]:
    found: list[ChannelKey] = []
    for table in (NoteRow, PrerequisiteRow):
        rows = session.exec(
            select(WorkshopRow.platform, WorkshopRow.workspace, WorkshopRow.channel)
            .join(table, table.workshop_id == WorkshopRow.id)
            .where(
                WorkshopRow.platform == platform,
                WorkshopRow.closed_at.is_(None),
                table.short_id == wanted,
                table.code_hash.is_not(None),
            )
        ).all()
        found += [ChannelKey(*row) for row in rows]
    return list(dict.fromkeys(found))
