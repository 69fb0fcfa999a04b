"""Steps the whole-follow-up tests of Slack and Teams share: a go-live in the past that makes
one check-in due now on any day, the worker's look for due work done on request, and every
stored row read back (to show an anonymous answer left nothing of its author)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import inspect, text

from adapters.persistence.database import StorageBusy
from adapters.persistence.wakeups import Wakeups
from core.schedule import at_local, is_working_day

TRIES = 20


def past_go_live(now: datetime, post_time: str, zone: str) -> tuple[date, date]:
    """A go-live two days before the latest working day whose posting time has passed, and
    that day: `tjekplan 2d` then plans one check-in already due, at most a few days late
    (the longest Danish run of days off is five), whatever day the test runs on."""
    day = now.astimezone(ZoneInfo(zone)).date()
    while not (is_working_day(day) and at_local(day, post_time, zone) <= now):
        day -= timedelta(days=1)
    return day - timedelta(days=2), day


async def enqueue_due_ticks(runtime) -> None:
    """What the worker does every interval, done now: due wake-ups become Ticks in the inbox
    (the worker may have been first: no matter). Off the event loop, as the worker does it;
    while a decision holds the database past the queue's wait, our look comes next."""
    for _ in range(TRIES):
        try:
            await asyncio.to_thread(Wakeups(runtime.queue).enqueue_due)
            return
        except StorageBusy:
            continue
    raise AssertionError(f"the database stayed busy for {TRIES} looks for due work")


def everything_stored(runtime) -> str:
    """Every row of every table, as one string."""
    with runtime.store.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        rows = [connection.execute(text(f'SELECT * FROM "{name}"')).all() for name in tables]
    return repr(rows)
