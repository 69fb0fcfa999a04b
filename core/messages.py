"""What the workshop says back, independent of any chat platform.

Adapters render these: Block Kit for Slack, Adaptive Cards for Teams, plain text for the console
(`core.plain`). A reply names its audience: the whole channel, or only the person who acted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core.circles import Circle
from core.cleaning import quote
from core.model import Agreement, CheckInAnswer, Colour, Item, Step, Workshop


class Audience(StrEnum):
    CHANNEL = "channel"
    PRIVATE = "private"  # only the person who acted (ephemeral in Slack, 1:1 where Teams allows)
    DIRECT = "direct"  # a direct message to each of `Reply.to` (reminders, nudges): a DM, a 1:1


@dataclass(frozen=True)
class TextRef:
    """A text key inside a message's params, rendered in the reader's language."""

    key: str


@dataclass(frozen=True)
class ItemId:
    """An item's short id inside a message's params, shown with its circle's or kind's name."""

    short_id: str


@dataclass(frozen=True)
class Mentions:
    """People inside a message's params, by user id; each platform names them its own way."""

    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """Nothing changed. `key` names the reason in core.texts; `hint` what to type instead."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    hint: str | None = None

    def __post_init__(self) -> None:
        # A refusal repeats at most a short quote of what was typed, never a whole upload.
        object.__setattr__(self, "params", {k: quote(v) for k, v in self.params.items()})


@dataclass(frozen=True)
class Said:
    """A short sentence from core.texts, e.g. 'Language set to English'."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StepOpened:
    """A step begins (or is returned to): its heading and guidance, then prompts per circle."""

    workshop: Workshop
    step: Step


@dataclass(frozen=True)
class WallNote:
    """A note as the wall shows it to everyone: no author when it is anonymous or when the
    workshop shows no names (then nothing of the author reaches the adapters at all)."""

    short_id: str
    colour: Colour
    text: str
    author: str | None = None  # a display name, or `<@id>` where the platform names people


@dataclass(frozen=True)
class CirclePrompt:
    """One circle in a step that collects notes: its counts and its notes, oldest first."""

    workshop_id: str
    circle: Circle
    step: Step
    counts: dict[Colour, int]
    notes: tuple[WallNote, ...] = ()


@dataclass(frozen=True)
class CountsChanged:
    """A circle's notes changed; adapters update the circle's message in place.

    `notes` None: the wall is read as it stands when the message is shown (the outbox reads it
    when it sends, `core.wall.filled` for a reply shown at once). Built for every note, the
    whole wall made each note cost more than the one before."""

    workshop_id: str
    circle: Circle
    step: Step
    counts: dict[Colour, int]
    notes: tuple[WallNote, ...] | None = None


@dataclass(frozen=True)
class ItemConfirmed:
    """A contribution was stored, corrected or withdrawn; shown only to its author."""

    item: Item
    change: str  # "added", "edited", "withdrawn", "removed"
    code: str | None = None  # anonymous authors' one-time code; shown once, stored only hashed


@dataclass(frozen=True)
class ItemRemoved:
    """A facilitator took a contribution off the board; the channel is told which."""

    short_id: str


@dataclass(frozen=True)
class BoardView:
    workshop: Workshop
    circle: Circle | None = None  # one circle's notes in full (the wall's "show all")
    today: date | None = None  # the workshop's local day: what is overdue


@dataclass(frozen=True)
class EarlierWorkshop:
    """Another workshop of the channel, as status lists it, so it can be named by number."""

    number: int
    technology: str
    closed_at: datetime | None


@dataclass(frozen=True)
class StatusView:
    workshop: Workshop
    others: tuple[EarlierWorkshop, ...] = ()
    today: date | None = None  # the workshop's local day: what is overdue


@dataclass(frozen=True)
class HelpView:
    step: Step | None
    facilitator: bool


@dataclass(frozen=True)
class InspirationView:
    circles: tuple[Circle, ...]


@dataclass(frozen=True)
class ExportReady:
    """The whole workshop as Markdown; the adapter stores or uploads it and says where."""

    workshop: Workshop
    filename: str
    markdown: str


@dataclass(frozen=True)
class DeleteConfirmNeeded:
    technology: str
    workshop_id: str = ""  # buttons and cards carry it: a stale one deletes nothing
    number: int | None = None  # set when an earlier workshop was named: `slet 1 bekræft`


@dataclass(frozen=True)
class ColourNeeded:
    """An expectation note without + or -: ask its author which colour (nothing stored yet)."""

    circle: Circle
    text: str
    anonymous: bool


@dataclass(frozen=True)
class CheckInPost:
    """A check-in in the channel: every circle with better / same / worse, how to answer by
    text, and the agreements that are open or due."""

    workshop: Workshop
    number: int


@dataclass(frozen=True)
class AnswerConfirmed:
    """Shown only to the person who answered (an anonymous answer cannot be changed later)."""

    answer: CheckInAnswer
    replaced: bool = False


@dataclass(frozen=True)
class StockTaking:
    """After a check-in closes: per circle what was expected (green and red notes) beside what
    was experienced (counts and comments, earlier check-ins too), then the method's questions."""

    workshop: Workshop
    number: int


@dataclass(frozen=True)
class AgreementReminder:
    """To each owner: an agreement is due in two working days (`soon`) or today (`today`)."""

    agreement: Agreement
    technology: str
    when: str  # "soon" | "today"


@dataclass(frozen=True)
class FacilitatorNudge:
    """To the facilitators: a step open for a week (`step_open`, with its contributions), a
    go-live passed with no check-ins planned (`no_checkins`), or work missed while the bot was
    down (`missed`, with what)."""

    technology: str
    kind: str
    step: Step | None = None
    contributions: int = 0
    missed: tuple[str, ...] = ()  # e.g. ("checkin:1", "reminder:AF2")


@dataclass(frozen=True)
class KeepCheckInsQuestion:
    """`end` before follow-up: should the planned check-ins still come?"""

    workshop_id: str
    planned: int


Message = (
    Refusal
    | Said
    | StepOpened
    | CirclePrompt
    | CountsChanged
    | ItemConfirmed
    | ItemRemoved
    | BoardView
    | StatusView
    | HelpView
    | InspirationView
    | ExportReady
    | DeleteConfirmNeeded
    | ColourNeeded
    | CheckInPost
    | AnswerConfirmed
    | StockTaking
    | AgreementReminder
    | FacilitatorNudge
    | KeepCheckInsQuestion
)


@dataclass(frozen=True)
class Reply:
    audience: Audience
    message: Message
    language: str = "da"
    to: tuple[str, ...] = ()  # user ids, for Audience.DIRECT only
