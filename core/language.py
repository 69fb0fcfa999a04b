"""The command language every channel shares: English words with Danish aliases (their table
is `core.method`), thread replies, and the text rules every command meets."""

from __future__ import annotations

import difflib
from dataclasses import replace

from core import commands as c
from core.circles import Circle, fold
from core.cleaning import wrong_field
from core.messages import Refusal
from core.method import COMMANDS
from core.model import Colour
from core.parsers import MAX_TEXT, clean_text, mention_id, rest_of, user_ref

__all__ = ["MAX_NAME", "MAX_TEXT", "mention_id", "user_ref"]

# Every word (folded: no accents, lower case) to the command entry it names.
_VERBS = {fold(word): entry for entry in COMMANDS for word in entry.words}
# What "did you mean" suggests: each command word as written, by its folded form.
_SPELLINGS = {
    fold(word): wording.words[0]
    for entry in COMMANDS
    if entry.parser
    for wording in (entry.da, entry.en)
    for word in wording.words
}


def split_colour(text: str) -> tuple[Colour | None, str]:
    """`+ faster rotas` is green, `- more screen time` is red; anything else has no colour."""
    stripped = text.lstrip()
    if stripped[:1] == "+":
        return Colour.GREEN, stripped[1:].strip()
    if stripped[:1] in ("-", "–", "−"):
        return Colour.RED, stripped[1:].strip()
    return None, text.strip()


def strip_prefix(text: str) -> str:
    """Drop a leading `/rasmus` (or `@RASMUS` typed as plain text, as a receipt's example is
    copied into a personal chat) so the console and chat messages read alike."""
    stripped = text.strip()
    if fold(stripped.split(maxsplit=1)[0] if stripped else "") in ("/rasmus", "@rasmus"):
        return rest_of(stripped, 1)
    return stripped


def parse(text: str) -> c.Command | Refusal:
    text = strip_prefix(text)
    if not text:
        return Refusal("empty_command", hint="hint_help")
    verb = text.split(maxsplit=1)[0]
    entry = _VERBS.get(_verb_key(verb))
    if entry is None:
        suggestion = difflib.get_close_matches(_verb_key(verb), _SPELLINGS, n=1, cutoff=0.75)
        if suggestion:
            params = {"word": verb[:40], "suggestion": _SPELLINGS[suggestion[0]]}
            return Refusal("unknown_command", params, "hint_maybe_command")
        return Refusal("unknown_command", {"word": verb[:40]}, "hint_help")
    return entry.parser(rest_of(text, 1))


def _verb_key(verb: str) -> str:
    """`hjælp?` and `næste.` are those commands: trailing punctuation is how people write."""
    folded = fold(verb)
    return folded.rstrip(".,:;!?") or folded  # `?` alone is help's own word


def is_command(text: str) -> bool:
    """Whether `text` (after an optional `/rasmus`) starts with one of the command words."""
    words = strip_prefix(text).split(maxsplit=1)
    return bool(words) and _verb_key(words[0]) in _VERBS


def reply_command(text: str, circle: Circle, origin: c.Origin) -> c.Command | Refusal:
    """A reply in the thread of a circle's message: a command when it starts with a command
    word, else a note for that circle, its raw text as written (the core reads `+`/`-`)."""
    if is_command(text):
        parsed = parse(text)
        return replace(parsed, origin=origin) if isinstance(parsed, c.AddNote) else parsed
    return c.AddNote(circle, text, origin=origin)


# The texts each command carries, with their limits: what people write, and names (a
# technology, a person) that must fit the database's shorter columns.
MAX_NAME = 200
_TEXTS: dict[type, tuple[tuple[str, int, str], ...]] = {
    c.AddNote: (("text", MAX_TEXT, "hint_note"),),
    c.AddPrerequisite: (("text", MAX_TEXT, "hint_prereq"),),
    c.AddAgreement: (("what", MAX_TEXT, "hint_agree"), ("owner", MAX_NAME, "hint_agree")),
    c.EditItem: (("text", MAX_TEXT, "hint_board"),),
    c.StartWorkshop: (("technology", MAX_NAME, "hint_start"),),
    c.AddFacilitator: (("who", MAX_NAME, "hint_help"),),
    c.AddLearning: (("text", MAX_TEXT, "hint_learning"),),
    c.AnswerCheckIn: (("comment", MAX_TEXT, "hint_checkin"),),
}
# Texts a command may leave empty: checked only when something is written.
_OPTIONAL = {(c.AnswerCheckIn, "comment")}


def check_texts(command: c.Command) -> c.Command | Refusal:
    """Every command, typed or built by a form (modal, card), meets the same text rules."""
    if wrong := wrong_field(command):  # a form sent, say, a list where text belongs
        return Refusal("bad_form_field", {"field": wrong}, "hint_form_again")
    cleaned = {}
    for field, limit, hint in _TEXTS.get(type(command), ()):
        if (type(command), field) in _OPTIONAL and not getattr(command, field).strip():
            cleaned[field] = ""  # "same", with nothing to add, is a whole answer
            continue
        text = clean_text(getattr(command, field), hint, limit)
        if isinstance(text, Refusal) and text.key == "text_too_long" and limit == MAX_NAME:
            # A name (a technology, a person) is not a note: no advice to split it.
            return Refusal("name_too_long", text.params, hint)
        if isinstance(text, Refusal):
            return text
        cleaned[field] = text
    return replace(command, **cleaned) if cleaned else command
