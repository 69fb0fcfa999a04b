"""Steps the check-in tests share: a workshop walked to its follow-up, and check-ins planned and
posted by applying their events to the stored workshop (the Tick that posts them is tested on
its own), so these tests are about answering and taking stock."""

from __future__ import annotations

from datetime import timedelta

from core.events import CheckInPosted, Event, FollowUpPlanned, evolve
from core.messages import Reply
from core.model import CheckIn, FollowUpSettings
from tests.conftest import CHANNEL
from tests.unit.test_workshop_flow import walk_to

__all__ = ["CHANNEL", "apply", "messages", "plan", "post", "stored", "walk_to"]


def stored(service):
    return service.store.current(CHANNEL)


def apply(service, *events: Event):
    """The events, as a store would record them, on the channel's workshop."""
    workshop = stored(service)
    for event in events:
        workshop = evolve(workshop, event)
    service.store.workshops[workshop.id] = workshop
    return workshop


def plan(service, count: int = 2, **settings):
    """`count` check-ins a month apart, from a week after the clock's now."""
    start = service.clock.now + timedelta(days=7)
    checkins = tuple(
        CheckIn(n, f"{n}m", start + timedelta(days=30 * (n - 1))) for n in range(1, count + 1)
    )
    return apply(service, FollowUpPlanned(FollowUpSettings(**settings), checkins))


def post(service, number: int = 1):
    """Check-in `number` goes up now and takes answers for a week."""
    now = service.clock.now
    return apply(service, CheckInPosted(number, now, now + timedelta(days=7)))


def messages(outcome, kind) -> list:
    return [r.message for r in outcome.replies if isinstance(r.message, kind)]


def replies(outcome, kind) -> list[Reply]:
    return [r for r in outcome.replies if isinstance(r.message, kind)]
