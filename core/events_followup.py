"""What happened to a workshop after the roll-out: check-ins planned, posted, answered and closed,
learnings, marks, agreements done, reminders and nudges sent. `core.events` re-exports these and
`evolve` applies them through `evolve_followup`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from core.model import CheckIn, CheckInAnswer, FollowUpSettings, Learning, Workshop

ChangeItem = Callable[..., Workshop]


@dataclass(frozen=True)
class FollowUpPlanned:
    """A new plan (`checkins ...`, or the go-live set): check-ins not yet posted are replaced
    by `checkins`; posted ones stay as they were."""

    settings: FollowUpSettings
    checkins: tuple[CheckIn, ...]


@dataclass(frozen=True)
class CheckInPosted:
    number: int
    at: datetime
    closes_at: datetime


@dataclass(frozen=True)
class CheckInMissed:
    number: int


@dataclass(frozen=True)
class CheckInAnswered:
    """A named person's earlier answer for the same check-in and circle is replaced."""

    answer: CheckInAnswer


@dataclass(frozen=True)
class CheckInClosed:
    number: int
    at: datetime


@dataclass(frozen=True)
class LearningAdded:
    learning: Learning


@dataclass(frozen=True)
class ActionableMarked:
    short_id: str  # a red note or a worse answer
    actionable: bool


@dataclass(frozen=True)
class AgreementDone:
    short_id: str
    at: datetime


@dataclass(frozen=True)
class AgreementReopened:
    short_id: str


@dataclass(frozen=True)
class PrerequisiteMet:
    short_id: str
    met: bool | None


@dataclass(frozen=True)
class Sent:
    """A reminder or a nudge went out; its key keeps it from going out again."""

    key: str


@dataclass(frozen=True)
class CheckInsKept:
    """Answered when `end` came before follow-up: whether the check-ins still come."""

    keep: bool


def _checkin(workshop: Workshop, number: int, **changes) -> Workshop:
    checkins = tuple(replace(c, **changes) if c.number == number else c for c in workshop.checkins)
    return replace(workshop, checkins=checkins)


def _answered(workshop: Workshop, answer: CheckInAnswer) -> Workshop:
    def same_slot(a: CheckInAnswer) -> bool:
        return (
            answer.author is not None
            and a.author is not None
            and a.author.user_id == answer.author.user_id
            and a.checkin == answer.checkin
            and a.circle is answer.circle
        )

    kept = tuple(a for a in workshop.answers if not same_slot(a))
    return replace(workshop, answers=(*kept, answer))


def _marked(
    workshop: Workshop, short_id: str, actionable: bool, change_item: ChangeItem
) -> Workshop:
    if any(a.short_id == short_id for a in workshop.answers):
        answers = tuple(
            replace(a, actionable=actionable) if a.short_id == short_id else a
            for a in workshop.answers
        )
        return replace(workshop, answers=answers)
    return change_item(workshop, short_id, actionable=actionable)


def evolve_followup(workshop: Workshop, event, change_item: ChangeItem) -> Workshop:
    """The follow-up's events; `change_item` is the one way an item is changed (core.events)."""
    match event:
        case FollowUpPlanned(settings=settings, checkins=planned):
            kept = tuple(c for c in workshop.checkins if c.posted_at is not None or c.missed)
            return replace(workshop, followup=settings, checkins=(*kept, *planned))
        case CheckInPosted(number=number, at=at, closes_at=closes_at):
            return _checkin(workshop, number, posted_at=at, closes_at=closes_at)
        case CheckInMissed(number=number):
            return _checkin(workshop, number, missed=True)
        case CheckInAnswered(answer=answer):
            return _answered(workshop, answer)
        case CheckInClosed(number=number, at=at):
            return _checkin(workshop, number, closed_at=at)
        case LearningAdded(learning=learning):
            return replace(workshop, learnings=(*workshop.learnings, learning))
        case ActionableMarked(short_id=sid, actionable=actionable):
            return _marked(workshop, sid, actionable, change_item)
        case AgreementDone(short_id=sid, at=at):
            return change_item(workshop, sid, done_at=at)
        case AgreementReopened(short_id=sid):
            return change_item(workshop, sid, done_at=None)
        case PrerequisiteMet(short_id=sid, met=met):
            return change_item(workshop, sid, met=met)
        case Sent(key=key):
            return replace(workshop, sent=(*workshop.sent, key))
        case CheckInsKept(keep=keep):
            return replace(workshop, checkins_after_end=keep)
    raise TypeError(f"unknown event {event!r}")
