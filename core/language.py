"""The command language every channel shares: English words with Danish aliases (their table
is `core.method`), thread replies, and the text rules every command meets."""

from __future__ import annotations

from dataclasses import replace

from core import commands as c
from core.circles import Circle, fold
from core.messages import Refusal
from core.method import COMMANDS
from core.model import Colour
from core.parsers import MAX_TEXT, clean_text, mention_id, rest_of, user_ref

__all__ = ["MAX_NAME", "MAX_TEXT", "mention_id", "user_ref"]

# Every word (folded: no accents, lower case) to the command entry it names.
_VERBS = {fold(word): entry for entry in COMMANDS for word in entry.words}


def split_colour(text: str) -> tuple[Colour | None, str]:
    """`+ faster rotas` is green, `- more screen time` is red; anything else has no colour."""
    stripped = text.lstrip()
    if stripped[:1] == "+":
        return Colour.GREEN, stripped[1:].strip()
    if stripped[:1] in ("-", "–", "−"):
        return Colour.RED, stripped[1:].strip()
    return None, text.strip()


def strip_prefix(text: str) -> str:
    """Drop a leading `/rasmus` so the console and chat messages read alike."""
    stripped = text.strip()
    if fold(stripped.split(maxsplit=1)[0] if stripped else "") == "/rasmus":
        return rest_of(stripped, 1)
    return stripped


def parse(text: str) -> c.Command | Refusal:
    text = strip_prefix(text)
    if not text:
        return Refusal("empty_command", hint="hint_help")
    verb = text.split(maxsplit=1)[0]
    entry = _VERBS.get(fold(verb))
    if entry is None:
        return Refusal("unknown_command", {"word": verb[:40]}, "hint_help")
    return entry.parser(rest_of(text, 1))


def is_command(text: str) -> bool:
    """Whether `text` (after an optional `/rasmus`) starts with one of the command words."""
    words = strip_prefix(text).split(maxsplit=1)
    return bool(words) and fold(words[0]) in _VERBS


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
}


def check_texts(command: c.Command) -> c.Command | Refusal:
    """Every command, typed or built by a form (modal, card), meets the same text rules."""
    cleaned = {}
    for field, limit, hint in _TEXTS.get(type(command), ()):
        text = clean_text(getattr(command, field), hint, limit)
        if isinstance(text, Refusal):
            return text
        cleaned[field] = text
    return replace(command, **cleaned) if cleaned else command
