"""Readers for the joint part of the method: prerequisites (with or without timing, tied to a
circle or a note), dot-votes, agreements with owners of several words, and the workshop's
own settings (names on the wall, facilitators leaving, repeating a step)."""

from __future__ import annotations

import re
from datetime import date

from core import commands as c
from core.circles import fold, match_circle_prefix
from core.dates import take_day
from core.messages import Refusal
from core.parsers import (
    _TIMINGS,
    _take_anonymous,
    _timing_words,
    clean_text,
    rest_of,
    user_ref,
)

# A note's id as the board shows it: a circle's letter (SS for Sundt & sikkert; H before) and
# a number. A prerequisite's id is F and a number.
NOTE_ID = re.compile(r"^(?:SS|[RASMUH])\d+$", re.IGNORECASE)
PREREQ_ID = re.compile(r"^F\d+$", re.IGNORECASE)
# `for R2` / `til R2`: the words that tie a prerequisite to a note, and an agreement to a
# prerequisite. They read the same in both languages.
_TIE = {"for", "til", "to", "on"}
# Words that try to say when but are not one of ours: refused with the ones we read, rather
# than kept as the start of an untimed prerequisite.
_NEAR_TIMINGS = {"soon", "snart", "later", "senere", "straks", "bagefter", "afterwards", "inden"}
_ON = {"on", "til", "ja", "yes", "vis", "show"}
_OFF = {"off", "fra", "nej", "no", "skjul", "hide"}
_REMOVE = {"remove", "fjern", "slet", "delete"}


def _prereq_head(words: list[str]) -> int:
    """How many leading words are the prerequisite's own: a timing, a circle, `for R2`."""
    if len(words) > 1 and fold(words[0]) in _TIE and NOTE_ID.match(words[1]):
        return 2
    return _timing_words(words)


def parse_prereq(raw: str) -> c.Command | Refusal:
    anonymous, raw, words = _take_anonymous(raw, _prereq_head)
    if not words:
        return Refusal("missing_text", hint="hint_prereq")
    used = 0
    timing = _TIMINGS.get(fold(words[0]))
    if fold(words[0]) == "for" and len(words) > 1 and NOTE_ID.match(words[1]):
        timing = None  # `for R2`: the note it answers, not "før" without its ø
    elif timing is not None:
        used = 1
    elif fold(words[0]) in _NEAR_TIMINGS:
        return Refusal("bad_timing", {"word": words[0]}, "hint_prereq")
    circles, note = (), None
    rest = words[used:]
    if len(rest) > 1 and fold(rest[0]) in _TIE and NOTE_ID.match(rest[1]):
        note, used = rest[1].upper(), used + 2
    elif found := match_circle_prefix(rest):
        circles, used = (found[0],), used + found[1]
    text = clean_text(rest_of(raw, used), "hint_prereq")
    if isinstance(text, Refusal):
        return text
    return c.AddPrerequisite(timing, text, circles, anonymous, note=note)


def _first_day(words: list[str]) -> tuple[int, date, int] | None:
    """Where the first date phrase after the owner starts, the day, and how many words."""
    for start in range(1, len(words)):
        found = take_day(words[start:])
        if found is not None:
            return start, found[0], found[1]
    return None


def _looks_like_date(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _owner(words: list[str]) -> str:
    """Several words or several mentions, each mention kept as the core stores people."""
    return " ".join(user_ref(w) if w.startswith(("<@", "@")) else w for w in words)


def _tie_to_prerequisite(words: list[str]) -> tuple[list[str], str | None]:
    """`… for F2` at the start or the end of the text ties the agreement to F2."""
    if len(words) >= 2 and fold(words[0]) in _TIE and PREREQ_ID.match(words[1]):
        return words[2:], words[1].upper()
    if len(words) >= 2 and fold(words[-2]) in _TIE and PREREQ_ID.match(words[-1]):
        return words[:-2], words[-1].upper()
    return words, None


def read_agreement(raw: str, hint: str = "hint_agree") -> c.AddAgreement | Refusal:
    """`<who> <date> <what> [for F2]`: the first date phrase separates the owner (one word or
    several: `TR og AMR`, `Mette Hansen`, `@a og @b`) from what they will do."""
    words = raw.split()
    if not words or take_day(words) is not None:
        return Refusal("missing_who", hint=hint)
    found = _first_day(words)
    if found is None:
        if len(words) < 2:
            return Refusal("bad_date", {"word": ""}, hint)
        datey = next((w for w in words[1:] if _looks_like_date(w)), words[1])
        return Refusal("bad_date", {"word": datey}, "hint_date")
    start, day, size = found
    rest, prerequisite = _tie_to_prerequisite(raw.split()[start + size :])
    what = clean_text(" ".join(rest), hint)
    if isinstance(what, Refusal):
        return what
    return c.AddAgreement(_owner(words[:start]), day, what, prerequisite=prerequisite)


def parse_agree(raw: str) -> c.Command | Refusal:
    return read_agreement(raw)


def parse_vote(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words or not PREREQ_ID.match(words[0]):
        return Refusal("missing_prereq_id", hint="hint_vote")
    return c.Vote(words[0].upper())


def parse_facilitator(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if words and fold(words[0]) in _REMOVE:
        if len(words) < 2:
            return Refusal("missing_who", hint="hint_facilitator_remove")
        return c.RemoveFacilitator(user_ref(words[1]))
    if not words:
        return Refusal("missing_who", hint="hint_help")
    return c.AddFacilitator(user_ref(words[0]))


def parse_names(raw: str) -> c.Command | Refusal:
    word = fold(raw)
    if word in _ON:
        return c.ShowNames(True)
    if word in _OFF:
        return c.ShowNames(False)
    return Refusal("bad_names", {"word": raw.strip()}, "hint_names")


def parse_board(raw: str) -> c.Command | Refusal:
    if not raw.strip():
        return c.ShowBoard()
    found = match_circle_prefix(raw.split())
    if found is None:
        return Refusal("unknown_circle", {"word": raw.split()[0]}, "hint_circles")
    return c.ShowBoard(found[0])


def parse_again(raw: str) -> c.Command | Refusal:
    return c.RepeatStep()
