"""The console's own clock, which a line can move, so a whole follow-up (go-live, check-ins a
month apart, reminders) can be tried in minutes. Only the console has it: the core is handed
this clock like any other (it never reads the time itself), so nothing else changes."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_STEP = re.compile(r"^\+\s*(\d{1,4})\s*(d|w|u|h|t|m)$", re.IGNORECASE)
_AT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2})[:.](\d{2}))?$")
# `:clock` (English) or `:ur` (Danish); `:clock now` / `:ur nu` goes back to the real time.
WORDS = (":clock", ":ur")
NOW_WORDS = ("now", "nu")


def utc_now() -> datetime:
    return datetime.now(UTC)


class ConsoleClock:
    def __init__(self, real: Callable[[], datetime] = utc_now):
        self._real = real
        self._offset = timedelta(0)

    def __call__(self) -> datetime:
        return self._real() + self._offset

    @property
    def moved(self) -> bool:
        return self._offset != timedelta(0)

    def set(self, argument: str, timezone: str) -> bool:
        """Moves the clock as `argument` says: `+30d`, `+2w` (`+2u`), `+3h` (`+3t`), `+1m`
        (a calendar month), `2027-03-01 09:00` (local time in `timezone`; the time may be
        left out: midnight), or `now` / `nu`. False when the argument is none of these."""
        argument = argument.strip()
        if argument.lower() in NOW_WORDS:
            self._offset = timedelta(0)
            return True
        if m := _STEP.match(argument):
            amount, unit = int(m[1]), m[2].lower()
            now = self()
            # Days, weeks and months on the local calendar: 09:00 stays 09:00 over summer time.
            zone = ZoneInfo(timezone)
            local = now.astimezone(zone).replace(tzinfo=None)
            if unit == "m":
                target = add_months(local, amount).replace(tzinfo=zone).astimezone(UTC)
            elif unit in "dwu":
                local += timedelta(days=amount * (1 if unit == "d" else 7))
                target = local.replace(tzinfo=zone).astimezone(UTC)
            else:  # hours are hours, summer time or not
                target = now + timedelta(hours=amount)
            self._offset += target - now
            return True
        if m := _AT.match(argument):
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            hour, minute = int(m[4] or 0), int(m[5] or 0)
            try:
                local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(timezone))
            except ValueError:
                return False
            self._offset = local.astimezone(UTC) - self._real()
            return True
        return False


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month: 28/29 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
