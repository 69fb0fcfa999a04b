"""Dates as people write them in Danish and English workplaces, formatted with Babel.

A date written in full (`2027-03-01`, `1/3-2027`, `1. marts 2027`) is read at once. A date that
needs the calendar or the workshop's language (`1/3`, `uge 10`, `i morgen`, `fredag`,
`next Friday`, an English `3/1/2027`) is read as a `WrittenDay` and resolved by the core when it
decides, with the clock it is given (`resolve`): parsing never reads a clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_day_names, get_month_names

from core.messages import Refusal

LOCALES = {"da": "da_DK", "en": "en_GB"}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# 1/3-2027, 1.3.2027, 1-3-2027, 01.03.27: day before month, as in Denmark.
_DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})([./-])(\d{2}|\d{4})$")
_DM = re.compile(r"^(\d{1,2})([./])(\d{1,2})\.?$")  # 1/3 or 1.3: the next such day
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:\.|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?(?:\s+(\d{4}))?$")
_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$")
_WEEK = re.compile(r"^(?:uge|week|wk)\.?\s+(\d{1,2})$")
_NEXT = {"naeste", "nate", "next", "paa", "pa", "on", "this", "denne", "kommende", "coming"}
_RELATIVE = {"i dag": 0, "idag": 0, "today": 0, "i morgen": 1, "imorgen": 1, "tomorrow": 1}
_RELATIVE |= {"i overmorgen": 2, "overmorgen": 2}


def _fold(text: str) -> str:
    return text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def _names(get, widths: tuple[str, ...]) -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in LOCALES.values():
        for width in widths:
            for number, name in get(width, locale=locale).items():
                names[_fold(name).rstrip(".")] = number
    return names


_MONTHS: dict[str, int] = {}
_WEEKDAYS: dict[str, int] = {}  # 0 is Monday, as in date.weekday()


def _month(word: str) -> int | None:
    if not _MONTHS:
        _MONTHS.update(_names(get_month_names, ("wide", "abbreviated")))
    return _MONTHS.get(_fold(word).rstrip("."))


def _weekday(word: str) -> int | None:
    if not _WEEKDAYS:
        # Only whole names: `man`, `ons`, `sat` and `sun` are everyday words too.
        _WEEKDAYS.update(_names(get_day_names, ("wide",)))
    return _WEEKDAYS.get(_fold(word).rstrip("."))


class WeekDay(date):
    """The Friday of a week written as `uge 10`: a date that remembers its week for showing."""

    week: int

    def __new__(cls, day: date, week: int) -> WeekDay:
        made = super().__new__(cls, day.year, day.month, day.day)
        made.week = week
        return made


class SlashedDay(date):
    """`3/1/2027`: 3 January to a Dane or a Briton, 3 March to an American. The core asks an
    English reader which is meant (`resolve_day`); in Danish it is the day it reads as."""

    written: str

    def __new__(cls, day: date, written: str) -> SlashedDay:
        made = super().__new__(cls, day.year, day.month, day.day)
        made.written = written
        return made


@dataclass(frozen=True)
class WrittenDay:
    """A date as written, read when the core knows today and the workshop's language."""

    text: str

    def resolve(self, today: date, lang: str) -> date | Refusal:
        return _resolve(self.text, today, lang)


Day = date | WrittenDay


def _next_of(month: int, day: int, today: date) -> date | None:
    """The next `day`/`month` from today on (this year, or next year once it has passed)."""
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:  # 29/2 in a common year: try the next
            continue
        if found >= today:
            return found
    return None


def _week_friday(week: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            friday = date.fromisocalendar(year, week, 5)
        except ValueError:  # week 53 in a year with 52
            continue
        if friday >= today:
            return WeekDay(friday, week)
    return None


def _resolve(text: str, today: date, lang: str) -> date | Refusal:
    folded = " ".join(_fold(text).split())
    unreadable = Refusal("bad_date", {"word": text}, "hint_date")
    if folded in _RELATIVE:
        return today + timedelta(days=_RELATIVE[folded])
    words = folded.split()
    if words and words[0] in _NEXT and len(words) == 2:
        words = words[1:]
    if len(words) == 1 and (weekday := _weekday(words[0])) is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if m := _WEEK.match(folded):
        return _week_friday(int(m[1]), today) or unreadable
    found = _numeric(text.strip(), today, lang)
    if found is not None:
        return found
    for pattern, day_group, month_group in ((_DAY_FIRST, 1, 2), (_MONTH_FIRST, 2, 1)):
        if m := pattern.match(folded):
            month = _month(m[month_group])
            if month is None:
                return unreadable
            day = int(m[day_group])
            if m[3]:
                return _exact(int(m[3]), month, day) or unreadable
            return _next_of(month, day, today) or unreadable
    return unreadable


def _numeric(text: str, today: date, lang: str) -> date | Refusal | None:
    """`1/3`, `1/3/2027`: day first, except that an English reader is asked which is which."""
    m = _DMY.match(text)
    year = None
    if m:
        first, second = int(m[1]), int(m[3])
        year = int(m[5]) + (2000 if len(m[5]) == 2 else 0)
        slashed = m[2] == m[4] == "/"
    elif m := _DM.match(text):
        first, second = int(m[1]), int(m[3])
        slashed = m[2] == "/"
    else:
        return None
    # Americans write month first, Britons and Danes day first: an English reader is asked.
    if slashed and lang == "en" and first != second and first <= 12 and second <= 12:
        readings = [_exact(year, second, first), _exact(year, first, second)]
        if year is None:
            readings = [_next_of(second, first, today), _next_of(first, second, today)]
        if all(readings):
            return Refusal(
                "ambiguous_date",
                {
                    "word": text,
                    "day_first": readings[0],
                    "month_first": readings[1],
                    "day_first_iso": readings[0].isoformat(),
                    "month_first_iso": readings[1].isoformat(),
                },
                "hint_date_unambiguous",
            )
    if year is None:
        return _next_of(second, first, today) or Refusal("bad_date", {"word": text}, "hint_date")
    return _exact(year, second, first) or Refusal("bad_date", {"word": text}, "hint_date")


def _exact(year: int | None, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if year is not None else None
    except ValueError:  # 31/2-2027 and friends
        return None


def parse_day(text: str) -> date | None:
    """A calendar day written in full: `2027-03-01`, `1/3-2027`, `1.3.2027`, `1. marts 2027`;
    else None (also for dates that need today or the language: see `read_day`)."""
    found = read_day(text)
    return found if isinstance(found, date) else None


def read_day(text: str) -> Day | None:
    """The day `text` names: a date when it is written in full and unambiguous in both
    languages, a `WrittenDay` to resolve later when it needs today or the language, or None."""
    text = text.strip()
    folded = " ".join(_fold(text).split())
    if m := _ISO.match(text):
        return _exact(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.match(text):
        first, second = int(m[1]), int(m[3])
        year = int(m[5]) + (2000 if len(m[5]) == 2 else 0)
        found = _exact(year, second, first)
        if found and m[2] == m[4] == "/" and first != second and first <= 12 and second <= 12:
            return SlashedDay(found, text)  # an English reader is asked which is meant
        return found
    if m := _DM.match(text):
        valid = _next_of(int(m[3]), int(m[1]), date(2028, 1, 1))  # a leap year: 29/2 is a day
        return WrittenDay(text) if valid else None
    for pattern, day_group, month_group in ((_DAY_FIRST, 1, 2), (_MONTH_FIRST, 2, 1)):
        if (m := pattern.match(folded)) and _month(m[month_group]):
            if m[3]:
                return _exact(int(m[3]), _month(m[month_group]), int(m[day_group]))
            return WrittenDay(text)
    words = folded.split()
    relative = folded in _RELATIVE or _WEEK.match(folded)
    if words and words[0] in _NEXT and len(words) == 2:
        words = words[1:]
    if relative or (len(words) == 1 and _weekday(words[0]) is not None):
        return WrittenDay(text)
    return None


def take_day(words: list[str]) -> tuple[Day, int] | None:
    """A day at the start of `words` and how many words it took (one to three, the longest
    that reads as a day): `1/3-2027`, `1. marts 2027`, `uge 10`, `i morgen`, `next Friday`.
    A `WrittenDay` is resolved by the core (`resolve_day`) once it knows today."""
    for size in (3, 2, 1):
        if len(words) >= size:
            found = read_day(" ".join(words[:size]))
            if found is not None:
                return found, size
    return None


def resolve_day(day: Day, today: date, lang: str) -> date | Refusal:
    if isinstance(day, SlashedDay):
        return _numeric(day.written, today, lang) if lang == "en" else date(*day.timetuple()[:3])
    return day.resolve(today, lang) if isinstance(day, WrittenDay) else day


def resolve_days(command, today: date, lang: str):
    """`command` with every `WrittenDay` it carries read against `today`, or the refusal.
    A due date (a field named `due`) must not be in the past; a go-live date may be: a team
    that already uses a technology can take stock."""
    changed = {}
    for field in fields(command):
        value = getattr(command, field.name)
        if not isinstance(value, date | WrittenDay):
            continue
        day = resolve_day(value, today, lang)
        if isinstance(day, Refusal):
            return day
        if field.name == "due" and day < today:
            return Refusal("date_in_past", {"day": day}, "hint_date_future")
        if day is not value:
            changed[field.name] = day
    return replace(command, **changed) if changed else command


def show_day(day: date, lang: str) -> str:
    """`1. marts 2027`; a day written as a week shows it: `uge 10 (fredag 12. marts 2027)`."""
    if isinstance(day, WeekDay):
        pattern = "EEEE d MMMM y" if lang == "en" else "EEEE d. MMMM y"
        spelled = format_date(day, format=pattern, locale=LOCALES[lang])
        return f"{'week' if lang == 'en' else 'uge'} {day.week} ({spelled})"
    return format_date(day, format="long", locale=LOCALES[lang])


def local_day(moment: datetime, timezone: str) -> date:
    """The calendar day a moment falls on where the workshop is (late UTC is tomorrow in DK)."""
    return moment.astimezone(ZoneInfo(timezone)).date()
