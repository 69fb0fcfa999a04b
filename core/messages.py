"""What the workshop says back, independent of any chat platform.

Adapters render these: Block Kit for Slack, Adaptive Cards for Teams, plain text for the console
(`core.plain`). A reply names its audience: the whole channel, or only the person who acted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from core.circles import Circle
from core.cleaning import quote
from core.model import Colour, Item, Step, Workshop


class Audience(StrEnum):
    CHANNEL = "channel"
    PRIVATE = "private"  # only the person who acted (ephemeral in Slack, 1:1 where Teams allows)


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
    """A circle's notes changed; adapters update the circle's message in place."""

    workshop_id: str
    circle: Circle
    step: Step
    counts: dict[Colour, int]
    notes: tuple[WallNote, ...] = ()


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
)


@dataclass(frozen=True)
class Reply:
    audience: Audience
    message: Message
    language: str = "da"
