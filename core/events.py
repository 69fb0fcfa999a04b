"""What happened to a workshop. Stores persist these; `evolve` applies them in memory."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from core.events_followup import (  # re-exported: e.CheckInPosted and the rest
    ActionableMarked,
    AgreementDone,
    AgreementReopened,
    CheckInAnswered,
    CheckInClosed,
    CheckInMissed,
    CheckInPosted,
    CheckInsKept,
    FollowUpPlanned,
    LearningAdded,
    PrerequisiteMet,
    Sent,
    evolve_followup,
)
from core.model import (
    Agreement,
    Colour,
    ItemStatus,
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
    after = _evolve(workshop, event)
    return after.keeping_tally_of(workshop) if after is not None else None


def _evolve(workshop: Workshop | None, event: Event) -> Workshop | None:
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
            return workshop.with_note(note)
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
    return evolve_followup(workshop, event, _change_item)
