"""What people ask the workshop to do. Every channel turns its input into one of these."""

from __future__ import annotations

from dataclasses import dataclass

from core.circles import Circle
from core.dates import Day
from core.model import Colour, Step, Timing


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
)
