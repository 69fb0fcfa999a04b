"""Text rules every channel shares: what people type, what forms send, and names platforms give.

Typed text, form fields and display names all pass through here before the core looks at them,
so a note from Slack, Teams or the console is cleaned the same way.
"""

from __future__ import annotations

import functools
import re
import types
import typing
import unicodedata
from dataclasses import fields, is_dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

# Control characters (tab and newline stay: notes may have lines), lone surrogates (they cannot
# be stored as UTF-8), the byte-order mark, and the bidi controls that can turn a label around
# on the board (U+202E makes "anne" read "enna").
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_REMOVED = re.compile(f"[{_CONTROLS}{_BIDI}\ud800-\udfff\ufeff]")
# The private-use area: adapters mark people with it when they render (adapters.slack.render),
# so text from people must never carry it, or a name could become a live mention.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Letters and symbols that draw nothing: a text of only these has nothing to read.
_BLANK_LOOKING = set("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zs", "Zl", "Zp", "Mn", "Me"}

QUOTE_LIMIT = 60  # how much of someone's input a refusal repeats back


def clean_text(text: str) -> str:
    """`text` normalised (NFC) without controls, bidi overrides, BOMs or private-use marks."""
    text = text.replace("\r\n", "\n")
    text = _PRIVATE_USE.sub("", _REMOVED.sub("", text))
    return unicodedata.normalize("NFC", text)


def has_visible(text: str) -> bool:
    """True when at least one character would show on screen."""
    return any(
        unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_LOOKING
        for ch in text
    )


def clean_name(name: str, limit: int) -> str:
    """A platform's name for a person (or a technology) as one clean line of at most `limit`."""
    line = " ".join(clean_text(name).split())
    return line[:limit].rstrip() if has_visible(line) else ""


def quote(value: Any) -> Any:
    """Someone's input as a refusal repeats it: at most QUOTE_LIMIT characters."""
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return value[:QUOTE_LIMIT].rstrip() + "…"
    return value


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_fits(item, item_hint) for item in value)
    if hint is bool:
        return isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if isinstance(hint, type) and (issubclass(hint, Enum | date) or is_dataclass(hint)):
        return isinstance(value, hint)
    return True  # a type this check does not know: left to the command's own rules


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)  # resolving them cost more than the rest of a command


def wrong_field(command: Any) -> str | None:
    """The first field of a form-built command whose value is not of its declared type."""
    if not is_dataclass(command):
        return None
    hints = _hints(type(command))
    for item in fields(command):
        if not _fits(getattr(command, item.name), hints[item.name]):
            return item.name
    return None


# Names must fit their columns on both databases (varchar(255)); the core's own limit for names
# people type is 200 (core.language.MAX_NAME), so names from platforms get the same.
NAME_LIMIT = 200


def normal_language(value: str | None, fallback: str = "da") -> str:
    """`EN`, ` en ` and `en` are one language; one the bot does not speak is the fallback."""
    from core.texts import LANGUAGES

    word = (value or "").strip().lower()
    return word if word in LANGUAGES else fallback


def tidy_incoming(incoming: Any) -> Any:
    """A core.service.Incoming as the core may trust it: clean text, a clean name, a known
    language hint. One place for every platform."""
    actor = incoming.actor
    name = clean_name(actor.display_name or "", NAME_LIMIT)
    return replace(
        incoming,
        text=clean_text(incoming.text) if isinstance(incoming.text, str) else incoming.text,
        actor=replace(actor, display_name=name) if name != actor.display_name else actor,
        language_hint=normal_language(incoming.language_hint) if incoming.language_hint else None,
    )
