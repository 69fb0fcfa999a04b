"""A channel's workshops beside its current one: found by number (`eksport 1`, `slet 1`) or by
id (a delete button made for an earlier one), listed for `status`, and deleted with everything
kept about them, in the transaction of the command that deletes them."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from adapters.persistence.state import forget_workshop
from adapters.persistence.tables import (
    AgreementRow,
    ExportMarkRow,
    FacilitatorRow,
    NoteRow,
    PrerequisiteRow,
    VoteRow,
    WorkshopRow,
)
from adapters.persistence.tables_followup import (
    CheckInAnswerRow,
    CheckInRow,
    LearningRow,
    SentKeyRow,
)
from core.messages import EarlierWorkshop
from core.model import ChannelKey

# Every table holding rows of one workshop (the workshop's own row goes last).
WORKSHOP_TABLES = (
    NoteRow,
    VoteRow,
    PrerequisiteRow,
    AgreementRow,
    FacilitatorRow,
    ExportMarkRow,
    CheckInAnswerRow,
    LearningRow,
    CheckInRow,
    SentKeyRow,
)


def in_channel(channel: ChannelKey) -> tuple:
    return (
        WorkshopRow.platform == channel.platform,
        WorkshopRow.workspace == channel.workspace,
        WorkshopRow.channel == channel.channel,
    )


def find_row(
    session: Session,
    channel: ChannelKey,
    *,
    number: int | None,
    workshop_id: str | None,
    lock: bool,
) -> WorkshopRow | None:
    """The channel's workshop with that number and/or id (the latest, should two share one)."""
    query = select(WorkshopRow).where(*in_channel(channel))
    if number is not None:
        query = query.where(WorkshopRow.number == number)
    if workshop_id is not None:
        query = query.where(WorkshopRow.id == workshop_id)
    if lock:
        query = query.with_for_update()
    # populate_existing: the workshop's own columns are changed with plain UPDATEs (see
    # adapters.persistence.unit), which do not refresh a row this session read before.
    query = query.order_by(WorkshopRow.created_at.desc()).execution_options(
        populate_existing=True
    )
    return session.exec(query).first()


def others(session: Session, channel: ChannelKey, mine: str) -> list[EarlierWorkshop]:
    rows = session.exec(
        select(WorkshopRow)
        .where(*in_channel(channel), WorkshopRow.id != mine)
        .order_by(WorkshopRow.number, WorkshopRow.created_at)
        .execution_options(populate_existing=True)
    ).all()
    return [EarlierWorkshop(r.number, r.technology, r.closed_at) for r in rows]


def delete_all_of(session: Session, workshop_id: str, channel: ChannelKey) -> None:
    """Every row of the workshop, and what the adapters kept about it, in this transaction."""
    for table in WORKSHOP_TABLES:
        session.execute(delete(table).where(table.workshop_id == workshop_id))
    session.execute(delete(WorkshopRow).where(WorkshopRow.id == workshop_id))
    # The channel's own facts (its conversation reference, unanswered questions) go too,
    # unless an open workshop still lives in the channel and needs them.
    still_open = session.exec(
        select(WorkshopRow.id).where(*in_channel(channel), WorkshopRow.closed_at.is_(None))
    ).first()
    forget_workshop(session, workshop_id, None if still_open else channel)
