"""How often one conversation may be written to, as each platform states it, and when the next
message may go.

Slack states a pace ("about one message a second per channel, short bursts allowed"): a
bucket that holds `burst` messages and empties at `burst / per` a second. Teams states windows
("7 in any second, 8 in any 2 s, 60 in any 30 s, 1800 in any hour", per bot and conversation):
each `sliding` pace counts the messages given a time in the last `per` seconds. A `Pacer` keeps
one conversation's paces and hands out send times in order, each the earliest that keeps all
of them; a time may lie ahead, which is how a message waits its turn without holding a slot.
Pure: the clock is passed in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Pace:
    """At most `burst` messages at once, refilled at `burst / per` a second; `sliding`: at
    most `burst` messages in any `per` seconds."""

    burst: float
    per: float
    sliding: bool = False


class Pacer:
    def __init__(self, paces: Sequence[Pace]):
        self.paces = tuple(paces)
        windows = [int(p.burst) for p in self.paces if p.sliding]
        self._given: deque[float] = deque(maxlen=max(windows, default=1))
        self._levels = [0.0 for _ in self.paces]  # each bucket's level at `_last`
        self._last: float | None = None

    @property
    def last(self) -> float | None:
        """The latest time handed out (None: none yet)."""
        return self._last

    def next_free(self, now: float) -> float:
        """The earliest time, not before `now` nor before a time already handed out, at which
        one more message keeps every pace."""
        at = now if self._last is None else max(now, self._last)
        for pace, level in zip(self.paces, self._levels, strict=True):
            if pace.sliding:
                n = int(pace.burst)
                if len(self._given) >= n:
                    at = max(at, self._given[-n] + pace.per)
            else:
                at = max(at, self._bucket_free(pace, level, at))
        return at

    def take(self, now: float) -> float:
        """Hands out `next_free(now)` and counts it."""
        at = self.next_free(now)
        for index, pace in enumerate(self.paces):
            if not pace.sliding:
                self._levels[index] = self._drained(pace, self._levels[index], at) + 1
        self._given.append(at)
        self._last = at
        return at

    def _drained(self, pace: Pace, level: float, at: float) -> float:
        since = 0.0 if self._last is None else at - self._last
        return max(0.0, level - since * pace.burst / pace.per)

    def _bucket_free(self, pace: Pace, level: float, at: float) -> float:
        over = self._drained(pace, level, at) + 1 - pace.burst
        return at if over <= 0 else at + over * pace.per / pace.burst


# The longest a row waits for its pace in a dispatcher's slot; one due later goes back to the
# outbox until then. Well inside the lease, and short enough that one busy conversation cannot
# hold the slots of all the others.
HOLD_SECONDS = 2.0


class PacedConversations:
    """Every conversation's `Pacer`, and the times given to rows that went back to wait."""

    def __init__(self, hold: float = HOLD_SECONDS, most: int = 10_000):
        self.hold, self.most = hold, most
        self._pacers: dict[str, Pacer] = {}
        self._given: dict[int, float] = {}  # row -> its send time, kept while it waits

    def time_for(
        self, conversation: str, paces: tuple[Pace, ...], row: int, now: float
    ) -> tuple[float, bool]:
        """The row's send time, and whether to wait for it in hand (False: it is further off
        than `hold`; the time is kept for the row, to be used when it comes back)."""
        given = self._given.pop(row, None)
        if given is not None:
            return given, True
        pacer = self._pacers.get(conversation)
        if pacer is None:
            if len(self._pacers) > self.most:
                self._forget_quiet(now)
            pacer = self._pacers[conversation] = Pacer(paces)
        if pacer.next_free(now) - now > self.hold:
            self._given[row] = at = pacer.take(now)
            return at, False
        return pacer.take(now), True

    def _forget_quiet(self, now: float) -> None:
        """Conversations quiet for longer than their longest window; times given to rows that
        another dispatcher took meanwhile."""
        for key, pacer in list(self._pacers.items()):
            if pacer.last is None or now - pacer.last > max(p.per for p in pacer.paces):
                del self._pacers[key]
        for row, at in list(self._given.items()):
            if now - at > self.hold * 10:
                del self._given[row]


Paced = Pace | tuple[Pace, ...]


@dataclass(frozen=True)
class Paces:
    """A platform's paces per conversation: new posts, edits of earlier messages (their own
    outbox conversation, see outbox.EDITS), private replies and direct messages (each person's
    DMs a conversation of their own, see routes.direct_conversation); None: no pace of ours.
    `edits_apart`: the platform limits edits apart from posts (Slack's chat.update); else an
    edit counts against its conversation as a post does (Teams)."""

    posts: Paced
    edits: Paced
    private: Paced | None = None
    direct: Paced | None = None
    edits_apart: bool = True


# Teams, per bot and conversation (learn.microsoft.com, "Optimize your bot with rate limiting
# in Teams"); sends, updates and targeted messages alike.
TEAMS_WINDOWS = (
    Pace(7, 1.0, sliding=True),
    Pace(8, 2.0, sliding=True),
    Pace(60, 30.0, sliding=True),
    Pace(1800, 3600.0, sliding=True),
)

# Slack: "about one message per second per channel, short bursts allowed" (a step opening
# posts seven at once); chat.update is limited apart.
DEFAULT_PACE: dict[str, Paces] = {
    "slack": Paces(posts=Pace(8, 8.0), edits=Pace(2, 2.0), direct=Pace(8, 8.0)),
    "msteams": Paces(
        posts=TEAMS_WINDOWS,
        edits=TEAMS_WINDOWS,
        private=TEAMS_WINDOWS,
        direct=TEAMS_WINDOWS,
        edits_apart=False,
    ),
}
UNPACED = Paces(Pace(10, 1.0), Pace(10, 1.0))


def as_paces(paced: Paced) -> tuple[Pace, ...]:
    return paced if isinstance(paced, tuple) else (paced,)
