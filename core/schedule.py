"""The follow-up's calendar: offsets after go-live, Danish working days and local posting times.

Pure: every function takes the days and times it works on. Times are the workshop's local time
(summer time included, through zoneinfo) turned into UTC, the way they are stored.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# `2w`, `1m`, `10d`; Danish `2u` (uger) is the same as `2w`.
_OFFSET = re.compile(r"^(\d{1,3})([dwum])$")
_UNITS = {"d": "d", "w": "w", "u": "w", "m": "m"}
# The longest a check-in may lie after go-live: a follow-up, not a calendar of years.
_MAX_DAYS = 3 * 366
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def read_offset(word: str) -> str | None:
    """`2u` as `2w`, `1M` as `1m`; None for anything else (`0d` and more than three years too)."""
    m = _OFFSET.match(word.strip().lower())
    if m is None or int(m[1]) == 0:
        return None
    offset = f"{int(m[1])}{_UNITS[m[2]]}"
    start = date(2000, 1, 31)
    return offset if (add_offset(start, offset) - start).days <= _MAX_DAYS else None


def add_offset(day: date, offset: str) -> date:
    """`day` moved on by `offset`; months are calendar months, clamped to the month's end
    (31 January + 1m is 28 or 29 February)."""
    count, unit = int(offset[:-1]), offset[-1]
    if unit == "d":
        return day + timedelta(days=count)
    if unit == "w":
        return day + timedelta(weeks=count)
    months = day.month - 1 + count
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def read_time(word: str) -> str | None:
    """`10`, `10:00`, `9.30` as `10:00`, `09:30`; None when it is no time of day."""
    m = _TIME.match(word.strip())
    if m is None:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Denmark(years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when people work that day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (Thursday is two before Monday)."""
    while count:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def at_local(day: date, post_time: str, timezone: str) -> datetime:
    """`day` at `post_time` where the workshop is, as UTC: 09:00 in Copenhagen is 08:00 UTC in
    winter and 07:00 UTC in summer."""
    hour, minute = (int(part) for part in post_time.split(":"))
    local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)


def local_time(moment: datetime, timezone: str) -> tuple[date, str]:
    """A stored UTC moment as the workshop's local day and `HH:MM`, for showing."""
    local = moment.astimezone(ZoneInfo(timezone))
    return local.date(), f"{local.hour:02d}:{local.minute:02d}"
