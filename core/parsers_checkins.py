"""Readers for taking stock: check-in answers (`tjek [anonym] <cirkel> <bedre|samme|værre>`),
closing a check-in, learnings, marking what can be acted on, agreements done or reopened,
and prerequisites met."""

from __future__ import annotations

import re

from core import commands as c
from core.circles import fold, match_circle_prefix
from core.messages import Refusal
from core.model import Rating
from core.parsers import _circle_words, _take_anonymous, _unknown_circle, clean_text, rest_of
from core.parsers_plans import NOTE_ID, PREREQ_ID

# "Same" is a real answer: nothing changed in that circle, and that is worth knowing too.
_RATINGS = {
    "better": Rating.BETTER,
    "bedre": Rating.BETTER,
    "+": Rating.BETTER,
    "same": Rating.SAME,
    "samme": Rating.SAME,
    "uaendret": Rating.SAME,
    "unchanged": Rating.SAME,
    "=": Rating.SAME,
    "worse": Rating.WORSE,
    "vaerre": Rating.WORSE,
    "varre": Rating.WORSE,
    "-": Rating.WORSE,
    "–": Rating.WORSE,
    "−": Rating.WORSE,
}
_CLOSE = {"close", "luk", "slut"}
_YES = {"yes", "ja", "y", "j"}
_NO = {"no", "nej", "n", "not", "ikke"}
_UNKNOWN = {"?", "unknown", "uvist", "clear", "ryd"}
ANSWER_ID = re.compile(r"^E\d+$", re.IGNORECASE)
AGREEMENT_ID = re.compile(r"^AF\d+$", re.IGNORECASE)
ANY_ID = re.compile(r"^[A-Z]{1,2}\d+$", re.IGNORECASE)


def _rating(word: str) -> Rating | None:
    return _RATINGS.get(fold(word).rstrip(".,:;!"))


def parse_checkin(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if len(words) == 1 and fold(words[0]) in _CLOSE:
        return c.CloseCheckIn()
    anonymous, raw, words = _take_anonymous(raw, _circle_words)
    if not words:
        return Refusal("missing_circle_checkin", hint="hint_checkin")
    found = match_circle_prefix(words)
    if found is None:
        return _unknown_circle(words[0])
    circle, size = found
    if len(words) <= size:
        return Refusal("missing_rating", hint="hint_checkin")
    rating = _rating(words[size])
    if rating is None:
        return Refusal("bad_rating", {"word": words[size]}, "hint_checkin")
    comment = rest_of(raw, size + 1).strip()
    if comment:
        comment = clean_text(comment, "hint_checkin")
        if isinstance(comment, Refusal):
            return comment
    return c.AnswerCheckIn(circle, rating, comment, anonymous=anonymous)


def parse_learning(raw: str) -> c.Command | Refusal:
    anonymous, raw, words = _take_anonymous(raw, _circle_words)
    found = match_circle_prefix(words)
    # A circle is named only when text follows it: `læring Mere tid` has none.
    circle, size = found if found and len(words) > found[1] else (None, 0)
    text = clean_text(rest_of(raw, size), "hint_learning")
    if isinstance(text, Refusal):
        return text
    return c.AddLearning(text, circle, anonymous)


def parse_actionable(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words or not (NOTE_ID.match(words[0]) or ANSWER_ID.match(words[0])):
        return Refusal("missing_actionable_id", hint="hint_actionable")
    return c.MarkActionable(words[0].upper())


def parse_done(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words or not AGREEMENT_ID.match(words[0]):
        return Refusal("missing_agreement_id", hint="hint_done")
    return c.MarkDone(words[0].upper())


def parse_reopen(raw: str) -> c.Command | Refusal:
    """`genåbn AF2` reopens an agreement; bare `genåbn` reopens the workshop."""
    words = raw.split()
    if not words:
        return c.ReopenWorkshop()
    if AGREEMENT_ID.match(words[0]):
        return c.ReopenAgreement(words[0].upper())
    if ANY_ID.match(words[0]):  # a note or a prerequisite has nothing to reopen
        return Refusal("reopen_what", {"word": words[0]}, "hint_reopen")
    return c.ReopenWorkshop()


def parse_met(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words or not PREREQ_ID.match(words[0]):
        return Refusal("missing_prereq_id", hint="hint_met")
    said = fold(words[1]).rstrip(".!") if len(words) > 1 else "yes"
    for options, met in ((_YES, True), (_NO, False), (_UNKNOWN, None)):
        if said in options:
            return c.MarkPrerequisite(words[0].upper(), met)
    return Refusal("bad_met", {"word": words[1]}, "hint_met")
