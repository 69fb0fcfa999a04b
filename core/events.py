"""What happened to a workshop. Stores persist these; `evolve` applies them in memory."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from core.model import (
    Agreement,
    CheckIn,
    CheckInAnswer,
    Colour,
    FollowUpSettings,
    ItemStatus,
    Learning,
    Note,
    Prerequisite,
    Step,
    Workshop,
)


@dataclass(frozen=True)
class WorkshopStarted:
    workshop: Workshop


@dataclass(frozen=True)
class StepChanged:
    step: Step
    at: datetime


@dataclass(frozen=True)
class NoteAdded:
    note: Note


@dataclass(frozen=True)
class PrerequisiteAdded:
    prerequisite: Prerequisite


@dataclass(frozen=True)
class AgreementAdded:
    agreement: Agreement


@dataclass(frozen=True)
class ItemEdited:
    short_id: str
    text: str
    at: datetime
    colour: Colour | None = None
    code_hash: str | None = None  # a fresh one-time code's hash for anonymous items
    owner: str | None = None  # agreements: a new owner and due day, when given
    due: date | None = None


@dataclass(frozen=True)
class ItemStatusChanged:
    """Withdrawn by its author or removed by a facilitator; the text is blanked for good."""

    short_id: str
    status: ItemStatus
    at: datetime


@dataclass(frozen=True)
class RolloutSet:
    day: date


@dataclass(frozen=True)
class FacilitatorAdded:
    user_id: str


@dataclass(frozen=True)
class FacilitatorRemoved:
    user_id: str


@dataclass(frozen=True)
class NamesShown:
    """Whether the wall and the board show who wrote each note."""

    shown: bool


@dataclass(frozen=True)
class VoteCast:
    short_id: str  # a prerequisite
    voter: str  # a user id: votes are by named people, so the limit per person holds


@dataclass(frozen=True)
class VoteTakenBack:
    short_id: str
    voter: str


@dataclass(frozen=True)
class WorkshopReopened:
    step: Step


@dataclass(frozen=True)
class LanguageChanged:
    language: str


@dataclass(frozen=True)
class WorkshopEnded:
    at: datetime


@dataclass(frozen=True)
class WorkshopDeleted:
    workshop_id: str = ""  # which one: an earlier workshop of the channel can be deleted too


@dataclass(frozen=True)
class ExportMade:
    """Someone took a report; `who` is a hash of them, kept only to pace their next export."""

    who: str
    at: datetime


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


Event = (
    WorkshopStarted
    | StepChanged
    | NoteAdded
    | PrerequisiteAdded
    | AgreementAdded
    | ItemEdited
    | ItemStatusChanged
    | RolloutSet
    | FacilitatorAdded
    | FacilitatorRemoved
    | NamesShown
    | VoteCast
    | VoteTakenBack
    | WorkshopReopened
    | LanguageChanged
    | WorkshopEnded
    | WorkshopDeleted
    | ExportMade
    | FollowUpPlanned
    | CheckInPosted
    | CheckInMissed
    | CheckInAnswered
    | CheckInClosed
    | LearningAdded
    | ActionableMarked
    | AgreementDone
    | AgreementReopened
    | PrerequisiteMet
    | Sent
    | CheckInsKept
)


_LISTS = {Note: "notes", Prerequisite: "prerequisites", Agreement: "agreements"}


def _change_item(workshop: Workshop, short_id: str, **changes) -> Workshop:
    item = workshop.find(short_id)
    if not isinstance(item, Note):
        changes.pop("colour", None)
    if isinstance(item, Agreement):  # no code, and its text is called `what`
        changes.pop("code_hash", None)
        if "text" in changes:
            changes["what"] = changes.pop("text")
    kind = _LISTS[type(item)]
    items = tuple(
        replace(i, **changes) if i.short_id == item.short_id else i for i in getattr(workshop, kind)
    )
    return replace(workshop, **{kind: items})


def _vote(workshop: Workshop, short_id: str, change) -> Workshop:
    prereqs = tuple(
        replace(p, voters=change(p.voters)) if p.short_id == short_id else p
        for p in workshop.prerequisites
    )
    return replace(workshop, prerequisites=prereqs)


def evolve(workshop: Workshop | None, event: Event) -> Workshop | None:
    match event:
        case WorkshopStarted(workshop=started):
            return started
        case WorkshopDeleted():
            return None
    assert workshop is not None, "only WorkshopStarted applies to no workshop"
    match event:
        case StepChanged(step=step, at=at):
            return replace(workshop, step=step, step_opened_at=at)
        case NoteAdded(note=note):
            return replace(workshop, notes=(*workshop.notes, note))
        case PrerequisiteAdded(prerequisite=prereq):
            return replace(workshop, prerequisites=(*workshop.prerequisites, prereq))
        case AgreementAdded(agreement=agreement):
            return replace(workshop, agreements=(*workshop.agreements, agreement))
        case ItemEdited(short_id=sid, text=text, at=at, colour=colour, code_hash=code_hash):
            changes: dict = {"text": text, "updated_at": at}
            if colour is not None:
                changes["colour"] = colour
            if code_hash is not None:
                changes["code_hash"] = code_hash
            if event.owner is not None:
                changes["owner"] = event.owner
            if event.due is not None:
                changes["due"] = event.due
            return _change_item(workshop, sid, **changes)
        case ItemStatusChanged(short_id=sid, status=status, at=at):
            return _change_item(workshop, sid, status=status, text="", updated_at=at)
        case RolloutSet(day=day):
            return replace(workshop, rollout=day)
        case FacilitatorAdded(user_id=user_id):
            return replace(workshop, facilitators=(*workshop.facilitators, user_id))
        case FacilitatorRemoved(user_id=user_id):
            kept = tuple(f for f in workshop.facilitators if f != user_id)
            return replace(workshop, facilitators=kept)
        case NamesShown(shown=shown):
            return replace(workshop, show_names=shown)
        case VoteCast(short_id=sid, voter=voter):
            # Sorted, as a store reads them back: equal workshops compare equal.
            return _vote(workshop, sid, lambda voters: tuple(sorted((*voters, voter))))
        case VoteTakenBack(short_id=sid, voter=voter):
            return _vote(workshop, sid, lambda voters: tuple(v for v in voters if v != voter))
        case WorkshopReopened(step=step):
            return replace(workshop, step=step, closed_at=None, closed_from=None)
        case LanguageChanged(language=language):
            return replace(workshop, language=language)
        case WorkshopEnded(at=at):
            return replace(workshop, step=Step.CLOSED, closed_at=at, closed_from=workshop.step)
        case ExportMade(who=who, at=at):
            kept = tuple((w, t) for w, t in workshop.exports if w != who)
            return replace(workshop, exports=(*kept, (who, at)))
    return _evolve_followup(workshop, event)


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


def _marked(workshop: Workshop, short_id: str, actionable: bool) -> Workshop:
    if any(a.short_id == short_id for a in workshop.answers):
        answers = tuple(
            replace(a, actionable=actionable) if a.short_id == short_id else a
            for a in workshop.answers
        )
        return replace(workshop, answers=answers)
    return _change_item(workshop, short_id, actionable=actionable)


def _evolve_followup(workshop: Workshop, event: Event) -> Workshop:
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
            return _marked(workshop, sid, actionable)
        case AgreementDone(short_id=sid, at=at):
            return _change_item(workshop, sid, done_at=at)
        case AgreementReopened(short_id=sid):
            return _change_item(workshop, sid, done_at=None)
        case PrerequisiteMet(short_id=sid, met=met):
            return _change_item(workshop, sid, met=met)
        case Sent(key=key):
            return replace(workshop, sent=(*workshop.sent, key))
        case CheckInsKept(keep=keep):
            return replace(workshop, checkins_after_end=keep)
    raise TypeError(f"unknown event {event!r}")
