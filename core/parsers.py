"""One reader per command word: the words after it turned into a command, or a refusal
saying what was wrong. `core.method` names which reader each word uses."""

from __future__ import annotations

import re
from collections.abc import Callable

from core import cleaning
from core import commands as c
from core.circles import closest_circle, fold, match_circle_prefix
from core.dates import take_day
from core.messages import Refusal
from core.model import Timing

MAX_TEXT = 2000

_ANONYMOUS = {"anonymous", "anonym", "anon", "anonymt", "anonymously"}
_SIGNS = ("+", "-", "–", "−")
_TIMINGS = {
    "before": Timing.BEFORE,
    "foer": Timing.BEFORE,
    "for": Timing.BEFORE,
    "during": Timing.DURING,
    "under": Timing.DURING,
    "after": Timing.AFTER,
    "efter": Timing.AFTER,
}
# Only the words help and the question name: `slet ja` / `delete yes` ask again, never delete.
_CONFIRM = {"confirm", "bekraeft", "bekraft"}
_NUMBER = re.compile(r"^(?:#|nr\.?|no\.?)?(\d{1,6})$")
_SHORT_ID = re.compile(r"^(?:[RASMUH]|SS|F|AF)\d+$", re.IGNORECASE)  # H: SS's old letter
_CODE = re.compile(r"^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")
_MENTION = re.compile(r"^<@([^>|]+)(?:\|[^>]*)?>$")


def user_ref(token: str) -> str:
    """A person as the core stores them: `<@id>` for a platform mention, else the plain name."""
    if m := _MENTION.match(token):
        return f"<@{m[1]}>"
    return token.lstrip("@")


def mention_id(ref: str) -> str:
    m = _MENTION.match(ref)
    return m[1] if m else ref


def clean_text(words: str, hint: str, limit: int = MAX_TEXT) -> str | Refusal:
    """The shared text rules (core.cleaning), then: not empty, visible, not too long."""
    text = cleaning.clean_text(words).strip()
    if not text:
        return Refusal("missing_text", hint=hint)
    body = text.lstrip()[1:] if text.lstrip()[:1] in ("+", "-", "–", "−") else text
    # `+ …` and `- …` only choose a colour; the note itself must show something too.
    if not cleaning.has_visible(text) or (body.strip() and not cleaning.has_visible(body)):
        return Refusal("invisible_text", hint=hint)
    if len(text) > limit:
        return Refusal("text_too_long", {"length": len(text), "limit": limit}, "hint_shorter")
    return text


def rest_of(raw: str, count: int) -> str:
    """What is left of `raw` after its first `count` words, with its own spacing kept."""
    parts = raw.split(maxsplit=count)
    return parts[count] if len(parts) > count else ""


def _circle_words(words: list[str]) -> int:
    found = match_circle_prefix(words)
    return found[1] if found else 0


def _timing_words(words: list[str]) -> int:
    return 1 if fold(words[0]) in _TIMINGS else _circle_words(words)


def _take_anonymous(raw: str, head: Callable[[list[str]], int]) -> tuple[bool, str, list[str]]:
    """Whether `anonym` (`anonymous`, `anonymt`, `anonymously`) stands among the leading words
    of `raw`, before the text begins, and `raw` without it. `head(words)` says how many words at
    the start of `words` are the command's own (a circle, a timing), not yet the text."""
    words = raw.split()
    position = 0
    while position < len(words):
        if fold(words[position].rstrip(".,:;")) in _ANONYMOUS:
            kept = " ".join(words[:position])
            rest = rest_of(raw, position + 1)
            without = f"{kept} {rest}" if kept and rest else kept or rest
            return True, without, words[:position] + words[position + 1 :]
        taken = head(words[position:])
        if taken == 0:
            break
        position += taken
    return False, raw, words


def _unknown_circle(word: str) -> Refusal:
    suggestion = closest_circle(word)
    if suggestion:
        return Refusal("unknown_circle", {"word": word, "suggestion": suggestion}, "hint_maybe")
    return Refusal("unknown_circle", {"word": word}, "hint_circles")


def parse_note(raw: str) -> c.Command | Refusal:
    anonymous, raw, words = _take_anonymous(raw, _circle_words)
    if not words:
        return Refusal("missing_circle", hint="hint_note")
    found = match_circle_prefix(words)
    if found is None and words[0][:1] in _SIGNS and match_circle_prefix(words[1:] or [""]):
        # `note + anerkendt Mere ros`: the sign belongs to the text, after the circle.
        circle_word = words[1]
        return Refusal("sign_before_circle", {"sign": words[0][:1], "circle": circle_word})
    if found is None:
        return _unknown_circle(words[0])
    circle, size = found
    text = clean_text(rest_of(raw, size), "hint_note")
    if isinstance(text, Refusal):
        return text
    return c.AddNote(circle, text, anonymous=anonymous)


def parse_rollout(raw: str) -> c.Command | Refusal:
    found = take_day(raw.split())
    if found is None:
        return Refusal("bad_date", {"word": raw.strip()}, "hint_date")
    return c.SetRollout(found[0])


def _item_target(raw: str) -> tuple[str, str | None, str] | Refusal:
    words = raw.split()
    if not words or not _SHORT_ID.match(words[0]):
        return Refusal("missing_id", hint="hint_board")
    short_id = words[0].upper()
    if len(words) > 1 and _CODE.match(words[1]):
        return short_id, words[1].upper(), rest_of(raw, 2)
    return short_id, None, rest_of(raw, 1)


def parse_edit(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    if isinstance(target, Refusal):
        return target
    short_id, code, rest = target
    text = clean_text(rest, "hint_code" if code else "hint_board")
    return text if isinstance(text, Refusal) else c.EditItem(short_id, text, code)


def parse_withdraw(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    return target if isinstance(target, Refusal) else c.WithdrawItem(target[0], target[1])


def parse_remove(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    return target if isinstance(target, Refusal) else c.RemoveItem(target[0])


def parse_start(raw: str) -> c.Command | Refusal:
    technology = raw.strip()
    if not technology:
        return Refusal("missing_technology", hint="hint_start")
    return c.StartWorkshop(technology)


def parse_lang(raw: str) -> c.Command | Refusal:
    word = fold(raw)
    aliases = {"da": "da", "dansk": "da", "danish": "da", "en": "en", "engelsk": "en"}
    aliases["english"] = "en"
    if word not in aliases:
        return Refusal("bad_language", {"word": raw.strip()}, "hint_language")
    return c.SetLanguage(aliases[word])


def parse_inspiration(raw: str) -> c.Command | Refusal:
    if not raw.strip():
        return c.ShowInspiration()
    found = match_circle_prefix(raw.split())
    if found is None:
        return _unknown_circle(raw.split()[0])
    return c.ShowInspiration(found[0])


def parse_help(raw: str) -> c.Command | Refusal:
    return c.Help()


def parse_next(raw: str) -> c.Command | Refusal:
    return c.MoveStep(forward=True)


def parse_back(raw: str) -> c.Command | Refusal:
    return c.MoveStep(forward=False)


def parse_status(raw: str) -> c.Command | Refusal:
    return c.ShowStatus()


def _workshop_number(words: list[str], hint: str) -> int | None | Refusal:
    """The number of an earlier workshop (`1`, `#1`, `nr. 1`) among `words`, if one is named."""
    joined = "".join(words)
    if not joined:
        return None
    found = _NUMBER.match(fold(joined))
    return int(found[1]) if found else Refusal("bad_workshop_number", {"word": joined}, hint)


def parse_export(raw: str) -> c.Command | Refusal:
    number = _workshop_number(raw.split(), "hint_export")
    return number if isinstance(number, Refusal) else c.Export(number)


def parse_end(raw: str) -> c.Command | Refusal:
    return c.EndWorkshop()


def parse_delete(raw: str) -> c.Command | Refusal:
    words = raw.split()
    confirmed = bool(words) and fold(words[-1]).rstrip(".!") in _CONFIRM
    named = words[:-1] if confirmed else words
    number = _workshop_number(named, "hint_delete") if named else None
    if isinstance(number, Refusal):
        # `slet ja`, `delete yes`, `slet nu`: not the documented words, so the question again.
        return c.DeleteWorkshop(confirmed=False)
    return c.DeleteWorkshop(confirmed=confirmed, number=number)
