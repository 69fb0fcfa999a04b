"""Dates as people write them in Danish and English workplaces, formatted with Babel."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_month_names

LOCALES = {"da": "da_DK", "en": "en_GB"}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# 1/3-2027, 1.3.2027, 1/3/2027, 1-3-2027, 01.03.27: day before month, as in Denmark.
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")


def _month_lookup() -> dict[str, int]:
    months: dict[str, int] = {}
    for locale in LOCALES.values():
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                months[name.lower().rstrip(".")] = number
    return months


_MONTHS: dict[str, int] | None = None


def parse_day(text: str) -> date | None:
    """A calendar day from `2027-03-01`, `1/3-2027`, `1.3.2027` or `1. marts 2027`; else None."""
    global _MONTHS
    text = text.strip()
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1]))
        if m := _WORDS.match(text):
            if _MONTHS is None:
                _MONTHS = _month_lookup()
            month = _MONTHS.get(m[2].lower())
            return date(int(m[3]), month, int(m[1])) if month else None
    except ValueError:  # 31/2-2027 and friends
        return None
    return None


def take_day(words: list[str]) -> tuple[date, int] | None:
    """A day at the start of `words` (one word, or three as in `1. marts 2027`)."""
    for size in (1, 3):
        if len(words) >= size:
            found = parse_day(" ".join(words[:size]))
            if found:
                return found, size
    return None


def show_day(day: date, lang: str) -> str:
    return format_date(day, format="long", locale=LOCALES[lang])


def local_day(moment: datetime, timezone: str) -> date:
    """The calendar day a moment falls on where the workshop is (late UTC is tomorrow in DK)."""
    return moment.astimezone(ZoneInfo(timezone)).date()
