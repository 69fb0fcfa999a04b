"""A controlled clock and the scheduler's part, for the follow-up's tests: time moves only
when a test moves it, and a Tick comes exactly when the store's wake-up time says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.commands import Tick
from core.messages import Reply
from core.model import Actor
from core.service import Incoming, Outcome, WorkshopService
from tests.conftest import CHANNEL, Speaker
from tests.fakes import CountingIds, MemoryStore, SteppingClock

RASMUS = Actor("rasmus", "RASMUS")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


MONDAY = utc(2027, 1, 4, 9)  # Monday 4 January 2027, 10:00 in Copenhagen


class Follow:
    """One channel's workshop with a clock that stands still until told, and the scheduler."""

    def __init__(self, start: datetime = MONDAY):
        self.clock = SteppingClock(now=start, step=timedelta(0))
        self.store = MemoryStore()
        self.service = WorkshopService(self.store, self.clock, CountingIds())
        self.say = Speaker(self.service)

    @property
    def now(self) -> datetime:
        return self.clock.now

    def at(self, moment: datetime) -> Follow:
        self.clock.now = moment
        return self

    @property
    def wake_at(self) -> datetime | None:
        return self.store.wakeups.get(CHANNEL)

    @property
    def workshop(self):
        return self.service.workshop(CHANNEL)

    def tick(self) -> Outcome:
        """A Tick now, as the scheduler gives it (its own message id, once per wake-up)."""
        message_id = f"tick:{self.now.isoformat()}"
        return self.service.handle(Incoming(CHANNEL, RASMUS, command=Tick(), message_id=message_id))

    def run_until(self, until: datetime, limit: int = 100) -> list[tuple[datetime, Reply]]:
        """Ticks at every wake-up up to `until` (a past one at once), then the clock is there.
        Each Tick must move the wake-up on: a Tick that does nothing would wake forever."""
        said = []
        for _ in range(limit):
            wake = self.wake_at
            if wake is None or wake > until:
                break
            self.clock.now = max(wake, self.now)
            outcome = self.tick()
            assert outcome.events, f"woken at {wake} for nothing"
            said += [(self.now, reply) for reply in outcome.replies]
        else:
            pytest.fail("the wake-ups never ended")
        self.clock.now = max(until, self.now)
        return said


def of(said: list[tuple[datetime, Reply]], kind: type) -> list[tuple[datetime, Reply]]:
    return [(when, reply) for when, reply in said if isinstance(reply.message, kind)]


def walk(say, steps: int) -> None:
    for _ in range(steps):
        say("næste")
