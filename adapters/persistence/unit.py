"""One command's view of a channel's workshop inside a store transaction: the core's `Unit`.

`record` writes each event the core decided to the tables as it happens; the store
(adapters.persistence.store) opens the transaction, holds the channel's lock and commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from adapters.persistence import channel_workshops as cw
from adapters.persistence import mapping as m
from adapters.persistence.mapping_followup import apply_followup
from adapters.persistence.tables import (
    AwareDateTime,
    ExportMarkRow,
    FacilitatorRow,
    NoteRow,
    SeenMessageRow,
    VoteRow,
    WorkshopRow,
)
from core import events as e
from core.messages import EarlierWorkshop
from core.model import ChannelKey

if TYPE_CHECKING:
    from adapters.persistence.store import SqlStore, _Shared

# The tables themselves for the statements run per note: the ORM's bulk machinery around an
# entity's insert or update cost more than the statement.
NOTES = NoteRow.__table__
SEEN = SeenMessageRow.__table__
WORKSHOPS = WorkshopRow.__table__
NEW_VERSION = (
    update(WORKSHOPS).where(WORKSHOPS.c.id == bindparam("workshop")).values(version=bindparam("v"))
)


def _seen_insert(dialect):
    return (
        dialect.insert(SEEN)
        .values(key=bindparam("key"), seen_at=bindparam("at", type_=AwareDateTime()))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(SEEN.c.key)
    )


_SEEN_PG, _SEEN_SQLITE = _seen_insert(postgresql), _seen_insert(sqlite)


class SqlUnit:
    def __init__(
        self,
        store: SqlStore,
        session: Session,
        channel: ChannelKey,
        loaded: tuple,
        shared: _Shared | None = None,
    ):
        self.store, self.session, self.channel = store, session, channel
        # Inside a store transaction the version is written once, before the commit.
        self.shared = shared
        self.workshop, self.version, self._wake = loaded
        self.focused = self.workshop  # the workshop this unit works on, before its events
        self.changed = False
        self._elsewhere = False  # switched to an earlier workshop, or the workshop deleted

    @property
    def still_the_channels(self) -> bool:
        """The unit ends on the workshop a new unit of the channel would load."""
        return self.workshop is not None and not self._elsewhere

    def switch(self, *, number: int | None = None, workshop_id: str | None = None) -> bool:
        if self.shared is not None:
            self.shared.write_pending()  # the row read next must hold its version
        row = cw.find_row(
            self.session,
            self.channel,
            number=number,
            workshop_id=workshop_id,
            lock=self.store._lock_rows,
        )
        if row is None:
            return False
        self.workshop = self.focused = self.store._workshop(self.session, row)
        self._elsewhere = True
        self.version, self._wake = row.version, row.wake_at
        return True

    def wake_at(self, when: datetime | None) -> None:
        """Kept on the workshop's row; the scheduler (`SqlStore.due_wakeups`) looks there."""
        # Most commands leave it as it was: then the row is not written again.
        if self.workshop is not None and when != self._wake:
            self._set(wake_at=when)
            self._wake = when

    def others(self) -> list[EarlierWorkshop]:
        return cw.others(self.session, self.channel, self.workshop.id if self.workshop else "")

    def already_seen(self, key: str) -> bool:
        # One statement: the insert finds the key taken (a retry or a duplicate) or takes it.
        insert = _SEEN_PG if self.store._lock_rows else _SEEN_SQLITE
        taken = self.session.execute(insert, {"key": key, "at": datetime.now(UTC)}).first()
        return taken is None

    def record(self, events: Sequence[e.Event]) -> None:
        for event in events:
            self._apply(event)
            if isinstance(event, e.WorkshopDeleted):
                self._elsewhere = True
            if isinstance(event, e.WorkshopStarted):
                self.version, self._wake = 0, None
            self.workshop = e.evolve(self.workshop, event)
        if self.workshop is not None and not isinstance(events[0], e.WorkshopStarted):
            self.version += 1
            if self.shared is not None:
                self.shared.versions[self.workshop.id] = self.version
            else:
                self.session.execute(NEW_VERSION, {"workshop": self.workshop.id, "v": self.version})
        self.changed = True
        self.session.flush()

    def _apply(self, event: e.Event) -> None:
        s, workshop = self.session, self.workshop
        if isinstance(event, e.NoteAdded) and self.shared is not None:
            self.shared.notes.append(m.note_values(workshop.id, event.note))
            return
        if self.shared is not None:
            self.shared.write_pending()  # what follows may read or change those notes
        match event:
            case e.WorkshopStarted(workshop=started):
                s.add(m.workshop_row(started))
                s.flush()  # the workshop row first, so the facilitator's foreign key holds
                s.add(FacilitatorRow(workshop_id=started.id, user_id=started.started_by.user_id))
            case e.StepChanged(step=step, at=at):
                self._set(step=step.value, step_opened_at=at)
            case e.NoteAdded(note=note):
                s.execute(NOTES.insert(), [m.note_values(workshop.id, note)])
            case e.PrerequisiteAdded(prerequisite=prereq):
                s.add(m.prerequisite_row(workshop.id, prereq))
            case e.AgreementAdded(agreement=agreement):
                s.add(m.agreement_row(workshop.id, agreement))
            case e.ItemEdited() | e.ItemStatusChanged():
                table, values = m.item_changes(workshop, event)
                s.execute(
                    update(table)
                    .where(table.workshop_id == workshop.id, table.short_id == event.short_id)
                    .values(**values)
                )
            case e.RolloutSet(day=day):
                s.execute(
                    update(WorkshopRow).where(WorkshopRow.id == workshop.id).values(rollout=day)
                )
            case e.FacilitatorAdded(user_id=user_id):
                s.add(
                    FacilitatorRow(
                        workshop_id=workshop.id,
                        user_id=user_id,
                        position=len(workshop.facilitators),
                    )
                )
            case e.FacilitatorRemoved(user_id=user_id):
                s.execute(
                    delete(FacilitatorRow).where(
                        FacilitatorRow.workshop_id == workshop.id,
                        FacilitatorRow.user_id == user_id,
                    )
                )
            case e.NamesShown(shown=shown):
                self._set(show_names=shown)
            case e.VoteCast(short_id=sid, voter=voter):
                s.add(VoteRow(workshop_id=workshop.id, short_id=sid, voter_id=voter))
            case e.VoteTakenBack(short_id=sid, voter=voter):
                s.execute(
                    delete(VoteRow).where(
                        VoteRow.workshop_id == workshop.id,
                        VoteRow.short_id == sid,
                        VoteRow.voter_id == voter,
                    )
                )
            case e.WorkshopReopened(step=step):
                self._set(step=step.value, closed_at=None, closed_from=None)
            case e.LanguageChanged(language=language):
                s.execute(
                    update(WorkshopRow)
                    .where(WorkshopRow.id == workshop.id)
                    .values(language=language)
                )
            case e.WorkshopEnded(at=at):
                s.execute(
                    update(WorkshopRow)
                    .where(WorkshopRow.id == workshop.id)
                    .values(step="closed", closed_at=at, closed_from=workshop.step.value)
                )
            case e.ExportMade(who=who, at=at):
                s.execute(
                    delete(ExportMarkRow).where(
                        ExportMarkRow.workshop_id == workshop.id, ExportMarkRow.who == who
                    )
                )
                s.add(ExportMarkRow(workshop_id=workshop.id, who=who, at=at))
            case e.WorkshopDeleted():
                cw.delete_all_of(s, workshop.id, workshop.channel)
            case _:
                if not apply_followup(s, workshop, event):
                    raise TypeError(f"no storage for the event {event!r}")

    def _set(self, **values) -> None:
        """Changes columns of the workshop's own row."""
        self.session.execute(
            update(WORKSHOPS).where(WORKSHOPS.c.id == self.workshop.id).values(**values)
        )
