"""What people ask the workshop to do. Every channel turns its input into one of these."""

from __future__ import annotations

from dataclasses import dataclass

from core.circles import Circle
from core.dates import Day
from core.model import Colour, Rating, Step, Timing


@dataclass(frozen=True)
class Origin:
    """The form, card or circle message a command was made under: the workshop it was made for
    and, for circle messages and note forms, the step. The core refuses a mismatch."""

    workshop_id: str
    step: Step | None = None


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class StartWorkshop:
    technology: str


@dataclass(frozen=True)
class MoveStep:
    forward: bool


@dataclass(frozen=True)
class AddNote:
    circle: Circle
    text: str
    anonymous: bool = False
    colour: Colour | None = None  # None: decided by the step (orange today, +/- later)
    origin: Origin | None = None


@dataclass(frozen=True)
class AddPrerequisite:
    timing: Timing | None
    text: str
    circles: tuple[Circle, ...] = ()
    anonymous: bool = False
    origin: Origin | None = None
    note: str | None = None  # the short id of a note it answers (`for R2`)


@dataclass(frozen=True)
class AddAgreement:
    owner: str  # one person or several, as written: `TR og AMR`, `<@U1> og <@U2>`
    due: Day  # a `WrittenDay` (`i morgen`, `uge 10`) is read by the core when it decides
    what: str
    origin: Origin | None = None
    prerequisite: str | None = None  # the short id of the prerequisite it carries out


@dataclass(frozen=True)
class Vote:
    """A dot on a prerequisite; the same vote again takes the dot back."""

    short_id: str


@dataclass(frozen=True)
class RemoveFacilitator:
    who: str


@dataclass(frozen=True)
class ShowNames:
    shown: bool


@dataclass(frozen=True)
class ReopenWorkshop:
    pass


@dataclass(frozen=True)
class RepeatStep:
    """Posts the current step's opening and circle messages again in the channel."""


@dataclass(frozen=True)
class SetRollout:
    day: Day


@dataclass(frozen=True)
class AddFacilitator:
    who: str


@dataclass(frozen=True)
class EditItem:
    short_id: str
    text: str
    code: str | None = None


@dataclass(frozen=True)
class WithdrawItem:
    short_id: str
    code: str | None = None


@dataclass(frozen=True)
class EditFromMessage:
    """A chat message was edited; if it became a note of the editor's, the note follows it.
    The message is the one named by the incoming `source_ref`."""

    text: str


@dataclass(frozen=True)
class WithdrawFromMessage:
    """A chat message was deleted; if it became a note of its author's, the note is withdrawn."""


@dataclass(frozen=True)
class RemoveItem:
    short_id: str


@dataclass(frozen=True)
class ShowBoard:
    circle: Circle | None = None  # one circle's notes in full, always privately


@dataclass(frozen=True)
class ShowStatus:
    pass


@dataclass(frozen=True)
class ShowInspiration:
    circle: Circle | None = None


@dataclass(frozen=True)
class Export:
    number: int | None = None  # an earlier workshop of the channel, by the number status shows


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class EndWorkshop:
    pass


@dataclass(frozen=True)
class DeleteWorkshop:
    confirmed: bool = False
    origin: Origin | None = None
    number: int | None = None  # an earlier workshop of the channel, by the number status shows


@dataclass(frozen=True)
class PlanCheckIns:
    """`checkins 2w 1m 3m` / `tjekplan 2u 1m 3m`: replaces the plan; no offsets plans none."""

    offsets: tuple[str, ...]
    post_time: str | None = None  # `kl 10:00` / `at 10:00`: a new local posting time


@dataclass(frozen=True)
class AnswerCheckIn:
    """`checkin [anonymous] <circle> <better|same|worse> [comment]`."""

    circle: Circle
    rating: Rating
    comment: str = ""
    anonymous: bool = False
    checkin: int | None = None  # a card or button names its check-in; typed: the open one
    origin: Origin | None = None


@dataclass(frozen=True)
class CloseCheckIn:
    """`checkin close` / `tjek luk`: the answer window closes now; the stock-taking follows."""


@dataclass(frozen=True)
class AddLearning:
    """How an improvement succeeded: `learning [circle] <text>` / `læring [cirkel] <tekst>`."""

    text: str
    circle: Circle | None = None
    anonymous: bool = False


@dataclass(frozen=True)
class MarkActionable:
    """A red note or a worse answer the team can do something about (again: unmarks)."""

    short_id: str


@dataclass(frozen=True)
class MarkDone:
    short_id: str  # an agreement: `done AF1` / `færdig AF1`


@dataclass(frozen=True)
class ReopenAgreement:
    short_id: str  # `reopen AF1` / `genåbn AF1`


@dataclass(frozen=True)
class MarkPrerequisite:
    short_id: str
    met: bool | None  # `met F1` / `opfyldt F1`; `met F1 no` / `opfyldt F1 nej`


@dataclass(frozen=True)
class GoToStep:
    step: Step  # `step 6` / `trin opfølgning`


@dataclass(frozen=True)
class KeepCheckIns:
    """The answer to the question `end` asks before follow-up."""

    keep: bool
    origin: Origin | None = None


@dataclass(frozen=True)
class Tick:
    """Due work (check-ins, the stock-taking, reminders, nudges): given by the scheduler, never
    typed. The core does what is due at the decision's `now`, and records it, so a second
    tick for the same moment does nothing."""

    # The workshop whose wake-up came: a closed one keeping its check-ins may sit beside a
    # newer open one in the same channel (core.reach points the unit at it).
    workshop_id: str | None = None


Command = (
    Help
    | StartWorkshop
    | MoveStep
    | AddNote
    | AddPrerequisite
    | AddAgreement
    | SetRollout
    | AddFacilitator
    | RemoveFacilitator
    | Vote
    | ShowNames
    | ReopenWorkshop
    | RepeatStep
    | EditItem
    | WithdrawItem
    | EditFromMessage
    | WithdrawFromMessage
    | RemoveItem
    | ShowBoard
    | ShowStatus
    | ShowInspiration
    | Export
    | SetLanguage
    | EndWorkshop
    | DeleteWorkshop
    | PlanCheckIns
    | AnswerCheckIn
    | CloseCheckIn
    | AddLearning
    | MarkActionable
    | MarkDone
    | ReopenAgreement
    | MarkPrerequisite
    | GoToStep
    | KeepCheckIns
    | Tick
)
