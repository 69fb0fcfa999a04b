"""Rows to core types and back."""

from __future__ import annotations

from sqlmodel import Session, select

from adapters.persistence.mapping_followup import load_followup, settings_columns, settings_of
from adapters.persistence.tables import (
    AgreementRow,
    ExportMarkRow,
    FacilitatorRow,
    NoteRow,
    PrerequisiteRow,
    VoteRow,
    WorkshopRow,
)
from core import events as e
from core.circles import Circle
from core.cleaning import normal_language
from core.model import (
    Actor,
    Agreement,
    ChannelKey,
    Colour,
    ItemStatus,
    Note,
    Prerequisite,
    Step,
    Timing,
    Workshop,
)


def _actor(user_id: str | None, name: str | None) -> Actor | None:
    return Actor(user_id, name or "") if user_id else None


def workshop_row(w: Workshop) -> WorkshopRow:
    return WorkshopRow(
        id=w.id,
        platform=w.channel.platform,
        workspace=w.channel.workspace,
        channel=w.channel.channel,
        technology=w.technology,
        started_by_id=w.started_by.user_id,
        started_by_name=w.started_by.display_name,
        created_at=w.created_at,
        step=w.step.value,
        language=w.language,
        timezone=w.timezone,
        rollout=w.rollout,
        closed_at=w.closed_at,
        closed_from=w.closed_from.value if w.closed_from else None,
        show_names=w.show_names,
        number=w.number,
        step_opened_at=w.step_opened_at,
        checkins_after_end=w.checkins_after_end,
        **settings_columns(w.followup),
    )


def note_row(workshop_id: str, n: Note) -> NoteRow:
    return NoteRow(**note_values(workshop_id, n))


def note_values(workshop_id: str, n: Note) -> dict:
    """A note's row as column values, for a plain insert (no ORM unit of work per note)."""
    return dict(
        id=n.id,
        workshop_id=workshop_id,
        short_id=n.short_id,
        circle=n.circle.value,
        colour=n.colour.value,
        step=n.step.value,
        text=n.text,
        author_id=n.author.user_id if n.author else None,
        author_name=n.author.display_name if n.author else None,
        code_hash=n.code_hash,
        source_ref=n.source_ref,
        status=n.status.value,
        created_at=n.created_at,
        updated_at=n.updated_at,
        actionable=n.actionable,
    )


def prerequisite_row(workshop_id: str, p: Prerequisite) -> PrerequisiteRow:
    return PrerequisiteRow(
        id=p.id,
        workshop_id=workshop_id,
        short_id=p.short_id,
        timing=p.timing.value if p.timing else "",
        text=p.text,
        circles=",".join(c.value for c in p.circles),
        note=p.note,
        met=p.met,
        author_id=p.author.user_id if p.author else None,
        author_name=p.author.display_name if p.author else None,
        code_hash=p.code_hash,
        status=p.status.value,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def agreement_row(workshop_id: str, a: Agreement) -> AgreementRow:
    return AgreementRow(
        id=a.id,
        workshop_id=workshop_id,
        short_id=a.short_id,
        owner=a.owner,
        due=a.due,
        what=a.what,
        author_id=a.author.user_id,
        author_name=a.author.display_name,
        prerequisite=a.prerequisite,
        status=a.status.value,
        created_at=a.created_at,
        updated_at=a.updated_at,
        done_at=a.done_at,
        checkin=a.checkin,
    )


def item_changes(workshop: Workshop, event: e.ItemEdited | e.ItemStatusChanged):
    """The table an item lives in, and the column values the event sets."""
    item = workshop.find(event.short_id)
    table = {Note: NoteRow, Prerequisite: PrerequisiteRow, Agreement: AgreementRow}[type(item)]
    text_column = "what" if table is AgreementRow else "text"
    if isinstance(event, e.ItemStatusChanged):
        return table, {"status": event.status.value, text_column: "", "updated_at": event.at}
    values = {text_column: event.text, "updated_at": event.at}
    if event.owner is not None and table is AgreementRow:
        values |= {"owner": event.owner, "due": event.due}
    if event.colour is not None and table is NoteRow:
        values["colour"] = event.colour.value
    if event.code_hash is not None and table is not AgreementRow:
        values["code_hash"] = event.code_hash
    return table, values


def load_workshop(session: Session, row: WorkshopRow) -> Workshop:
    wid = row.id
    facilitators = session.exec(
        select(FacilitatorRow.user_id)
        .where(FacilitatorRow.workshop_id == wid)
        .order_by(FacilitatorRow.position)
    ).all()
    notes = session.exec(
        select(NoteRow)
        .where(NoteRow.workshop_id == wid)
        .order_by(NoteRow.created_at, NoteRow.short_id)
    ).all()
    prereqs = session.exec(
        select(PrerequisiteRow)
        .where(PrerequisiteRow.workshop_id == wid)
        .order_by(PrerequisiteRow.created_at)
    ).all()
    votes = session.exec(
        select(VoteRow).where(VoteRow.workshop_id == wid).order_by(VoteRow.voter_id)
    ).all()
    voters: dict[str, list[str]] = {}
    for vote in votes:
        voters.setdefault(vote.short_id, []).append(vote.voter_id)
    agreements = session.exec(
        select(AgreementRow)
        .where(AgreementRow.workshop_id == wid)
        .order_by(AgreementRow.created_at)
    ).all()
    return Workshop(
        id=wid,
        channel=ChannelKey(row.platform, row.workspace, row.channel),
        technology=row.technology,
        started_by=Actor(row.started_by_id, row.started_by_name),
        created_at=row.created_at,
        step=Step(row.step),
        language=normal_language(row.language),  # rows from before: `EN` too
        timezone=row.timezone,
        facilitators=tuple(facilitators),
        rollout=row.rollout,
        closed_at=row.closed_at,
        closed_from=Step(row.closed_from) if row.closed_from else None,
        show_names=row.show_names,
        number=row.number,
        step_opened_at=row.step_opened_at,
        followup=settings_of(row),
        checkins_after_end=row.checkins_after_end,
        **load_followup(session, wid),
        exports=tuple(
            (mark.who, mark.at)
            for mark in session.exec(
                select(ExportMarkRow)
                .where(ExportMarkRow.workshop_id == wid)
                .order_by(ExportMarkRow.at)
            ).all()
        ),
        notes=tuple(
            Note(
                id=n.id,
                short_id=n.short_id,
                circle=Circle(n.circle),
                colour=Colour(n.colour),
                step=Step(n.step),
                text=n.text,
                author=_actor(n.author_id, n.author_name),
                created_at=n.created_at,
                status=ItemStatus(n.status),
                code_hash=n.code_hash,
                source_ref=n.source_ref,
                updated_at=n.updated_at,
                actionable=n.actionable,
            )
            for n in notes
        ),
        prerequisites=tuple(
            Prerequisite(
                id=p.id,
                short_id=p.short_id,
                timing=Timing(p.timing) if p.timing else None,
                text=p.text,
                author=_actor(p.author_id, p.author_name),
                created_at=p.created_at,
                circles=tuple(Circle(c) for c in p.circles.split(",") if c),
                status=ItemStatus(p.status),
                code_hash=p.code_hash,
                updated_at=p.updated_at,
                note=p.note,
                met=p.met,
                voters=tuple(voters.get(p.short_id, ())),
            )
            for p in prereqs
        ),
        agreements=tuple(
            Agreement(
                id=a.id,
                short_id=a.short_id,
                owner=a.owner,
                due=a.due,
                what=a.what,
                author=Actor(a.author_id, a.author_name),
                created_at=a.created_at,
                status=ItemStatus(a.status),
                updated_at=a.updated_at,
                prerequisite=a.prerequisite,
                done_at=a.done_at,
                checkin=a.checkin,
            )
            for a in agreements
        ),
    )
