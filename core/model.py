"""The workshop and what people put on its board, as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property

from core.circles import Circle
from core.ids import canonical_id


class Step(StrEnum):
    INTRO = "intro"
    TODAY = "today"
    EXPECTATIONS = "expectations"
    PREREQUISITES = "prerequisites"
    AGREEMENTS = "agreements"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


STEP_ORDER: tuple[Step, ...] = tuple(Step)
# Steps a facilitator walks with next/back; closed is reached only with `end`.
WALKABLE: tuple[Step, ...] = STEP_ORDER[:-1]
VOTES_PER_PERSON = 3  # dot-voting on prerequisites, as with three dots on a wall


class Colour(StrEnum):
    ORANGE = "orange"  # how today's technology affects the circle
    GREEN = "green"  # an expected (or, at follow-up, experienced) improvement
    RED = "red"  # an expected (or experienced) deterioration


class Timing(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


class Rating(StrEnum):
    """How work in a circle changed after the roll-out, as a check-in asks it."""

    BETTER = "better"
    SAME = "same"  # a real answer: nothing changed here
    WORSE = "worse"


class ItemStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # by its author
    REMOVED = "removed"  # by a facilitator


@dataclass(frozen=True)
class ChannelKey:
    """Where a workshop lives. Workshops in other channels or workspaces never meet."""

    platform: str
    workspace: str
    channel: str


@dataclass(frozen=True)
class Actor:
    user_id: str
    display_name: str = ""

    @property
    def label(self) -> str:
        return self.display_name or self.user_id


@dataclass(frozen=True)
class Note:
    id: str
    short_id: str
    circle: Circle
    colour: Colour
    step: Step
    text: str
    author: Actor | None  # None for anonymous notes: no id, no hash, nothing
    created_at: datetime
    status: ItemStatus = ItemStatus.ACTIVE
    code_hash: str | None = None  # anonymous authors prove authorship with a one-time code
    source_ref: str | None = None  # the platform message it came from; never for anonymous notes
    updated_at: datetime | None = None
    actionable: bool = False  # a red note the team judged it can do something about

    @property
    def anonymous(self) -> bool:
        return self.author is None


@dataclass(frozen=True)
class Prerequisite:
    id: str
    short_id: str
    timing: Timing | None  # None: "so far as possible" left open, as the method allows
    text: str
    author: Actor | None
    created_at: datetime
    circles: tuple[Circle, ...] = ()
    status: ItemStatus = ItemStatus.ACTIVE
    code_hash: str | None = None
    updated_at: datetime | None = None
    note: str | None = None  # the short id of the note it answers, e.g. a red R2
    met: bool | None = None  # at a check-in: met, not met, or not yet said
    voters: tuple[str, ...] = ()  # user ids of the dot-votes on it, one per person

    @property
    def votes(self) -> int:
        return len(self.voters)

    @property
    def anonymous(self) -> bool:
        return self.author is None


@dataclass(frozen=True)
class Agreement:
    id: str
    short_id: str
    owner: str  # a user reference `<@id>` or a plain name
    due: date
    what: str
    author: Actor
    created_at: datetime
    status: ItemStatus = ItemStatus.ACTIVE
    updated_at: datetime | None = None
    prerequisite: str | None = None  # the short id of the prerequisite it carries out
    done_at: datetime | None = None  # closed by an owner or a facilitator; None: open
    checkin: int | None = None  # made in follow-up: the number of the check-in it came from

    @property
    def anonymous(self) -> bool:
        return False

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def code_hash(self) -> None:
        return None


Item = Note | Prerequisite | Agreement


@dataclass(frozen=True)
class FollowUpSettings:
    """When check-ins come and how they are read; per workshop."""

    offsets: tuple[str, ...] = ("1m", "3m")  # after go-live; `2w`, `1m`, `10d`; () plans none
    post_time: str = "09:00"  # local time, in the workshop's timezone, on a working day
    window_days: int = 7  # how long a check-in takes answers before the stock-taking
    anonymous_threshold: int = 3  # anonymous answers count once this many people answered
    late_limit_days: int = 7  # due work later than this is shown as missed, never sent late


@dataclass(frozen=True)
class CheckIn:
    """One planned check-in after go-live. Kept after it closes, so the next compares with it."""

    number: int  # 1, 2, ...: in the order they were planned
    offset: str  # as planned: `1m`
    due_at: datetime  # the working day's posting time, UTC
    posted_at: datetime | None = None
    closes_at: datetime | None = None  # posted_at + the window
    closed_at: datetime | None = None  # the stock-taking was posted
    missed: bool = False  # over the late limit when the bot came to it: never posted

    @property
    def is_open(self) -> bool:
        return self.posted_at is not None and self.closed_at is None


@dataclass(frozen=True)
class CheckInAnswer:
    """Per person, circle and check-in one answer (a named one is replaced by the next)."""

    id: str
    short_id: str  # E1, E2 ...: a worse answer can be marked actionable by it
    checkin: int
    circle: Circle
    rating: Rating
    comment: str
    author: Actor | None  # None: anonymous; nothing of the author is kept
    created_at: datetime
    actionable: bool = False

    @property
    def anonymous(self) -> bool:
        return self.author is None


@dataclass(frozen=True)
class Learning:
    """How an improvement succeeded, kept so it can be used again (the stock-taking asks)."""

    id: str
    short_id: str  # L1, L2 ...
    checkin: int | None
    circle: Circle | None
    text: str
    author: Actor | None
    created_at: datetime


def _tally_note(active: dict, written: dict, note: Note) -> None:
    written[note.circle] = written.get(note.circle, 0) + 1
    if note.status is ItemStatus.ACTIVE:
        colours = active.setdefault((note.circle, note.step), {colour: 0 for colour in Colour})
        colours[note.colour] += 1


@dataclass(frozen=True)
class Workshop:
    id: str
    channel: ChannelKey
    technology: str
    started_by: Actor
    created_at: datetime
    step: Step = Step.INTRO
    language: str = "da"
    timezone: str = "Europe/Copenhagen"
    facilitators: tuple[str, ...] = ()
    rollout: date | None = None
    notes: tuple[Note, ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    closed_at: datetime | None = None
    closed_from: Step | None = None  # the step `end` was given in; `reopen` returns there
    show_names: bool = True  # False: the wall and the board show no names, as on paper
    number: int = 1  # the channel's first workshop is 1, the next 2: how status names them
    exports: tuple[tuple[str, datetime], ...] = ()  # (hashed person, last export): pacing
    step_opened_at: datetime | None = None  # when the current step began (nudges count from it)
    followup: FollowUpSettings = FollowUpSettings()
    checkins: tuple[CheckIn, ...] = ()
    answers: tuple[CheckInAnswer, ...] = ()
    learnings: tuple[Learning, ...] = ()
    # Keys of reminders and nudges already sent: each goes out once (core.followup names them).
    sent: tuple[str, ...] = ()
    checkins_after_end: bool = True  # `end` before follow-up asks; a closed workshop may keep them

    @property
    def is_closed(self) -> bool:
        return self.step is Step.CLOSED

    def is_facilitator(self, user_id: str) -> bool:
        return user_id in self.facilitators

    def items(self) -> tuple[Item, ...]:
        return (*self.notes, *self.prerequisites, *self.agreements)

    def find(self, short_id: str) -> Item | None:
        wanted = canonical_id(short_id)
        return next((item for item in self.items() if item.short_id.upper() == wanted), None)

    def active_notes(self, circle: Circle | None = None, step: Step | None = None) -> list[Note]:
        return [
            n
            for n in self.notes
            if n.status is ItemStatus.ACTIVE
            and (circle is None or n.circle is circle)
            and (step is None or n.step is step)
        ]

    def active_prerequisites(self) -> list[Prerequisite]:
        return [p for p in self.prerequisites if p.status is ItemStatus.ACTIVE]

    def votes_by(self, user_id: str) -> int:
        """Dots a person has on active prerequisites; a withdrawn one gives its dots back."""
        return sum(p.voters.count(user_id) for p in self.active_prerequisites())

    def counts(self, circle: Circle, step: Step | None = None) -> dict[Colour, int]:
        """The circle's active notes per colour (of `step`, or of every step)."""
        active, _ = self._note_tally
        result = {colour: 0 for colour in Colour}
        for (in_circle, in_step), counts in active.items():
            if in_circle is circle and (step is None or in_step is step):
                for colour, count in counts.items():
                    result[colour] += count
        return result

    def notes_written(self, circle: Circle) -> int:
        """Notes ever written in the circle, withdrawn ones too: the next one's number - 1."""
        return self._note_tally[1].get(circle, 0)

    @cached_property
    def _note_tally(self) -> tuple[dict[tuple[Circle, Step], dict[Colour, int]], dict]:
        """Derived from `notes`, once per workshop value: per circle and step the active notes'
        colours, and per circle the notes ever written. Counting every note for every new
        one made a full wall slower with each note; `with_note` carries it forward."""
        active: dict[tuple[Circle, Step], dict[Colour, int]] = {}
        written: dict[Circle, int] = {}
        for note in self.notes:
            _tally_note(active, written, note)
        return active, written

    def with_note(self, note: Note) -> Workshop:
        after = replace(self, notes=(*self.notes, note))
        if "_note_tally" in self.__dict__:  # counted already: count the one new note only
            active, written = self._note_tally
            active, written = {k: dict(v) for k, v in active.items()}, dict(written)
            _tally_note(active, written, note)
            after.__dict__["_note_tally"] = (active, written)
        return after

    def keeping_tally_of(self, before: Workshop | None) -> Workshop:
        """This workshop, with the notes' tally of `before` when its notes are the same."""
        if before is not None and before.notes is self.notes and "_note_tally" in before.__dict__:
            self.__dict__.setdefault("_note_tally", before.__dict__["_note_tally"])
        return self
