"""The follow-up's rows to core types and back, and its events applied to the rows.

Anonymous answers and learnings are written with empty author columns: nothing of the person
reaches the database, and nothing is looked up or touched for them.
"""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlmodel import Session, select

from adapters.persistence.tables import AgreementRow, NoteRow, PrerequisiteRow, WorkshopRow
from adapters.persistence.tables_followup import (
    CheckInAnswerRow,
    CheckInRow,
    LearningRow,
    SentKeyRow,
)
from core import events as e
from core.circles import Circle
from core.model import (
    Actor,
    CheckIn,
    CheckInAnswer,
    FollowUpSettings,
    Learning,
    Rating,
    Workshop,
)


def settings_columns(settings: FollowUpSettings) -> dict:
    return {
        "followup_offsets": ",".join(settings.offsets),
        "followup_post_time": settings.post_time,
        "followup_window_days": settings.window_days,
        "followup_anonymous_threshold": settings.anonymous_threshold,
        "followup_late_limit_days": settings.late_limit_days,
    }


def settings_of(row: WorkshopRow) -> FollowUpSettings:
    return FollowUpSettings(
        offsets=tuple(o for o in row.followup_offsets.split(",") if o),
        post_time=row.followup_post_time,
        window_days=row.followup_window_days,
        anonymous_threshold=row.followup_anonymous_threshold,
        late_limit_days=row.followup_late_limit_days,
    )


def checkin_row(workshop_id: str, c: CheckIn) -> CheckInRow:
    return CheckInRow(
        workshop_id=workshop_id,
        number=c.number,
        offset=c.offset,
        due_at=c.due_at,
        posted_at=c.posted_at,
        closes_at=c.closes_at,
        closed_at=c.closed_at,
        missed=c.missed,
    )


def answer_row(workshop_id: str, a: CheckInAnswer) -> CheckInAnswerRow:
    return CheckInAnswerRow(
        id=a.id,
        workshop_id=workshop_id,
        short_id=a.short_id,
        checkin=a.checkin,
        circle=a.circle.value,
        rating=a.rating.value,
        comment=a.comment,
        author_id=a.author.user_id if a.author else None,
        author_name=a.author.display_name if a.author else None,
        created_at=a.created_at,
        actionable=a.actionable,
    )


def learning_row(workshop_id: str, lr: Learning) -> LearningRow:
    return LearningRow(
        id=lr.id,
        workshop_id=workshop_id,
        short_id=lr.short_id,
        checkin=lr.checkin,
        circle=lr.circle.value if lr.circle else None,
        text=lr.text,
        author_id=lr.author.user_id if lr.author else None,
        author_name=lr.author.display_name if lr.author else None,
        created_at=lr.created_at,
    )


def _actor(user_id: str | None, name: str | None) -> Actor | None:
    return Actor(user_id, name or "") if user_id else None


def load_followup(session: Session, wid: str) -> dict:
    """The follow-up's fields of `Workshop` (checkins, answers, learnings, sent)."""
    checkins = session.exec(
        select(CheckInRow).where(CheckInRow.workshop_id == wid).order_by(CheckInRow.number)
    ).all()
    answers = session.exec(
        select(CheckInAnswerRow)
        .where(CheckInAnswerRow.workshop_id == wid)
        .order_by(CheckInAnswerRow.seq)
    ).all()
    learnings = session.exec(
        select(LearningRow).where(LearningRow.workshop_id == wid).order_by(LearningRow.seq)
    ).all()
    sent = session.exec(
        select(SentKeyRow.key).where(SentKeyRow.workshop_id == wid).order_by(SentKeyRow.position)
    ).all()
    return {
        "checkins": tuple(
            CheckIn(
                number=c.number,
                offset=c.offset,
                due_at=c.due_at,
                posted_at=c.posted_at,
                closes_at=c.closes_at,
                closed_at=c.closed_at,
                missed=c.missed,
            )
            for c in checkins
        ),
        "answers": tuple(
            CheckInAnswer(
                id=a.id,
                short_id=a.short_id,
                checkin=a.checkin,
                circle=Circle(a.circle),
                rating=Rating(a.rating),
                comment=a.comment,
                author=_actor(a.author_id, a.author_name),
                created_at=a.created_at,
                actionable=a.actionable,
            )
            for a in answers
        ),
        "learnings": tuple(
            Learning(
                id=lr.id,
                short_id=lr.short_id,
                checkin=lr.checkin,
                circle=Circle(lr.circle) if lr.circle else None,
                text=lr.text,
                author=_actor(lr.author_id, lr.author_name),
                created_at=lr.created_at,
            )
            for lr in learnings
        ),
        "sent": tuple(sent),
    }


def apply_followup(session: Session, workshop: Workshop, event: e.Event) -> bool:
    """Writes a follow-up event to the rows; False for an event this module does not know."""
    s, wid = session, workshop.id
    match event:
        case e.FollowUpPlanned(settings=settings, checkins=planned):
            # As core.events.evolve: unposted, unmissed check-ins give way to the new plan.
            s.execute(
                delete(CheckInRow).where(
                    CheckInRow.workshop_id == wid,
                    CheckInRow.posted_at.is_(None),
                    CheckInRow.missed.is_(False),
                )
            )
            s.flush()  # the deletes first: a new plan may reuse their numbers
            s.add_all(checkin_row(wid, c) for c in planned)
            _workshop(s, wid, **settings_columns(settings))
        case e.CheckInPosted(number=number, at=at, closes_at=closes_at):
            _checkin(s, wid, number, posted_at=at, closes_at=closes_at)
        case e.CheckInMissed(number=number):
            _checkin(s, wid, number, missed=True)
        case e.CheckInClosed(number=number, at=at):
            _checkin(s, wid, number, closed_at=at)
        case e.CheckInAnswered(answer=answer):
            if answer.author is not None:  # a named person's earlier answer is replaced
                s.execute(
                    delete(CheckInAnswerRow).where(
                        CheckInAnswerRow.workshop_id == wid,
                        CheckInAnswerRow.checkin == answer.checkin,
                        CheckInAnswerRow.circle == answer.circle.value,
                        CheckInAnswerRow.author_id == answer.author.user_id,
                    )
                )
                s.flush()
            s.add(answer_row(wid, answer))
        case e.LearningAdded(learning=learning):
            s.add(learning_row(wid, learning))
        case e.ActionableMarked(short_id=sid, actionable=actionable):
            answered = any(a.short_id == sid for a in workshop.answers)
            _item(s, wid, CheckInAnswerRow if answered else NoteRow, sid, actionable=actionable)
        case e.AgreementDone(short_id=sid, at=at):
            _item(s, wid, AgreementRow, sid, done_at=at)
        case e.AgreementReopened(short_id=sid):
            _item(s, wid, AgreementRow, sid, done_at=None)
        case e.PrerequisiteMet(short_id=sid, met=met):
            _item(s, wid, PrerequisiteRow, sid, met=met)
        case e.Sent(key=key):
            if key not in workshop.sent:  # the core sends a key once; a repeat changes nothing
                s.add(SentKeyRow(workshop_id=wid, key=key, position=len(workshop.sent)))
        case e.CheckInsKept(keep=keep):
            _workshop(s, wid, checkins_after_end=keep)
        case _:
            return False
    return True


def _workshop(s: Session, wid: str, **values) -> None:
    s.execute(update(WorkshopRow).where(WorkshopRow.id == wid).values(**values))


def _checkin(s: Session, wid: str, number: int, **values) -> None:
    s.execute(
        update(CheckInRow)
        .where(CheckInRow.workshop_id == wid, CheckInRow.number == number)
        .values(**values)
    )


def _item(s: Session, wid: str, table, short_id: str, **values) -> None:
    s.execute(
        update(table).where(table.workshop_id == wid, table.short_id == short_id).values(**values)
    )
