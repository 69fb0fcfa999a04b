"""Stateful fakes for the core's ports: a store in memory, a clock and ids that tests steer."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from core.commands import Tick
from core.events import Event, evolve
from core.messages import EarlierWorkshop
from core.model import ChannelKey, Workshop
from core.service import Outcome


class MemoryUnit:
    def __init__(self, store: MemoryStore, channel: ChannelKey):
        self.store, self.channel = store, channel
        self.workshop = store.current(channel)
        self.focused = self.workshop
        self._seen: set[str] = set()

    def switch(self, *, number: int | None = None, workshop_id: str | None = None) -> bool:
        found = [
            w
            for w in self.store.workshops.values()
            if w.channel == self.channel
            and (number is None or w.number == number)
            and (workshop_id is None or w.id == workshop_id)
        ]
        if not found:
            return False
        self.workshop = self.focused = found[0]
        return True

    def others(self) -> list[EarlierWorkshop]:
        mine = self.workshop.id if self.workshop else ""
        return [
            EarlierWorkshop(w.number, w.technology, w.closed_at)
            for w in sorted(self.store.workshops.values(), key=lambda w: w.number)
            if w.channel == self.channel and w.id != mine
        ]

    def already_seen(self, key: str) -> bool:
        if key in self.store.seen or key in self._seen:
            return True
        self._seen.add(key)
        return False

    def record(self, events: Sequence[Event]) -> None:
        for event in events:
            self.workshop = evolve(self.workshop, event)

    def wake_at(self, when: datetime | None) -> None:
        self.store.wakeups[self.channel] = when


@dataclass
class MemoryStore:
    workshops: dict[str, Workshop] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    wakeups: dict[ChannelKey, datetime | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, channel: ChannelKey) -> Workshop | None:
        mine = [w for w in self.workshops.values() if w.channel == channel]
        mine.sort(key=lambda w: (w.closed_at is not None, -w.created_at.timestamp()))
        return mine[0] if mine else None

    @contextmanager
    def unit(self, channel: ChannelKey) -> Iterator[MemoryUnit]:
        with self.lock:
            unit = MemoryUnit(self, channel)
            yield unit
            # Committed only when the block ends without an error, like a transaction.
            self.seen |= unit._seen
            if unit.focused is not None and unit.workshop is None:
                del self.workshops[unit.focused.id]
            elif unit.workshop is not None:
                self.workshops[unit.workshop.id] = unit.workshop

    def channels_with_anonymous(self, platform: str, short_id: str) -> list[ChannelKey]:
        return [
            w.channel
            for w in self.workshops.values()
            if w.channel.platform == platform
            and not w.is_closed
            and (item := w.find(short_id)) is not None
            and item.anonymous
        ]

    def workshops_of(self, platform: str, workspace: str, user_id: str) -> list[Workshop]:
        return [
            w
            for w in self.workshops.values()
            if (w.channel.platform, w.channel.workspace) == (platform, workspace)
            and (
                user_id in w.facilitators
                or any(n.author and n.author.user_id == user_id for n in w.notes)
            )
        ]


@dataclass
class SteppingClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    step: timedelta = timedelta(seconds=1)

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


@dataclass
class CountingIds:
    count: int = 0
    codes: list[str] = field(default_factory=list)

    def new_id(self) -> str:
        self.count += 1
        return f"{self.count:032x}"

    def new_code(self) -> str:
        self.count += 1
        code = f"C{self.count:03d}-X{self.count:03d}"[:9]
        self.codes.append(code)
        return code


class TickRecorder:
    """Stands in for the core where only the scheduling of due work is tested: keeps the
    message id of every Tick it is given and decides nothing."""

    def __init__(self) -> None:
        self.ticks: list[str] = []
        self._lock = threading.Lock()

    def handle(self, incoming):
        if not isinstance(incoming.command, Tick):
            raise AssertionError(f"only Ticks were expected, not {incoming!r}")
        with self._lock:
            self.ticks.append(incoming.message_id)
        return Outcome([], None)
