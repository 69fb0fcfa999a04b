"""The command language every channel shares: English words with Danish aliases."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from core import commands as c
from core.circles import Circle, fold, match_circle_prefix
from core.dates import take_day
from core.messages import Refusal
from core.model import Colour, Timing

MAX_TEXT = 2000

_VERBS: dict[str, str] = {}
for _canonical, _aliases in {
    "help": ("help", "hjælp", "hjaelp", "hjalp", "?"),
    "start": ("start", "ny"),
    "next": ("next", "næste", "naeste", "naste"),
    "back": ("back", "tilbage"),
    "note": ("note", "notat"),
    "prereq": ("prereq", "prerequisite", "forudsætning", "forudsaetning", "forudsatning"),
    "agree": ("agree", "agreement", "aftale"),
    "rollout": ("rollout", "udrulning"),
    "facilitator": ("facilitator",),
    "edit": ("edit", "ret"),
    "withdraw": ("withdraw", "træk", "traek", "trak"),
    "remove": ("remove", "fjern"),
    "board": ("board", "tavle"),
    "status": ("status",),
    "inspiration": ("inspiration",),
    "export": ("export", "eksport"),
    "lang": ("lang", "language", "sprog"),
    "end": ("end", "afslut"),
    "delete": ("delete", "slet"),
}.items():
    for _alias in _aliases:
        _VERBS[fold(_alias)] = _canonical

_ANONYMOUS = {"anonymous", "anonym", "anon"}
_TIMINGS = {
    "before": Timing.BEFORE,
    "foer": Timing.BEFORE,
    "for": Timing.BEFORE,
    "during": Timing.DURING,
    "under": Timing.DURING,
    "after": Timing.AFTER,
    "efter": Timing.AFTER,
}
_CONFIRM = {"confirm", "bekraeft", "bekraft", "yes", "ja"}
_SHORT_ID = re.compile(r"^(?:[RASMUH]|F|AF)\d+$", re.IGNORECASE)
_CODE = re.compile(r"^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$")
_MENTION = re.compile(r"^<@([^>|]+)(?:\|[^>]*)?>$")


def split_colour(text: str) -> tuple[Colour | None, str]:
    """`+ faster rotas` is green, `- more screen time` is red; anything else has no colour."""
    stripped = text.lstrip()
    if stripped[:1] == "+":
        return Colour.GREEN, stripped[1:].strip()
    if stripped[:1] in ("-", "–", "−"):
        return Colour.RED, stripped[1:].strip()
    return None, text.strip()


def user_ref(token: str) -> str:
    """A person as the core stores them: `<@id>` for a platform mention, else the plain name."""
    if m := _MENTION.match(token):
        return f"<@{m[1]}>"
    return token.lstrip("@")


def mention_id(ref: str) -> str:
    m = _MENTION.match(ref)
    return m[1] if m else ref


# Control characters and the private-use area have no place in a note; adapters may use the
# latter as markers around names when they render (see adapters.slack.render).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")


def _text(words: str, hint: str, limit: int = MAX_TEXT) -> str | Refusal:
    text = _UNPRINTABLE.sub("", words).strip()
    if not text:
        return Refusal("missing_text", hint=hint)
    if len(text) > limit:
        return Refusal("text_too_long", {"length": len(text), "limit": limit}, "hint_shorter")
    return text


def _rest(raw: str, count: int) -> str:
    """What is left of `raw` after its first `count` words, with its own spacing kept."""
    parts = raw.split(maxsplit=count)
    return parts[count] if len(parts) > count else ""


def _take_anonymous(raw: str) -> tuple[bool, str, list[str]]:
    """Whether `raw` starts with `anonym`/`anonymous`, and what follows it."""
    words = raw.split()
    if words and fold(words[0]) in _ANONYMOUS:
        return True, _rest(raw, 1), words[1:]
    return False, raw, words


def _note(raw: str) -> c.Command | Refusal:
    anonymous, raw, words = _take_anonymous(raw)
    if not words:
        return Refusal("missing_circle", hint="hint_note")
    found = match_circle_prefix(words)
    if found is None:
        return Refusal("unknown_circle", {"word": words[0]}, "hint_circles")
    circle, size = found
    text = _text(_rest(raw, size), "hint_note")
    if isinstance(text, Refusal):
        return text
    return c.AddNote(circle, text, anonymous=anonymous)


def _prereq(raw: str) -> c.Command | Refusal:
    anonymous, raw, words = _take_anonymous(raw)
    if not words:
        return Refusal("missing_text", hint="hint_prereq")
    timing = _TIMINGS.get(fold(words[0]))
    if timing is None:
        return Refusal("bad_timing", {"word": words[0]}, "hint_prereq")
    text = _text(_rest(raw, 1), "hint_prereq")
    return text if isinstance(text, Refusal) else c.AddPrerequisite(timing, text, (), anonymous)


def _agree(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words:
        return Refusal("missing_who", hint="hint_agree")
    if len(words) < 2:
        return Refusal("bad_date", {"word": ""}, "hint_agree")
    found = take_day(words[1:])
    if found is None:
        return Refusal("bad_date", {"word": words[1]}, "hint_date")
    day, size = found
    what = _text(_rest(raw, 1 + size), "hint_agree")
    return what if isinstance(what, Refusal) else c.AddAgreement(user_ref(words[0]), day, what)


def _rollout(raw: str) -> c.Command | Refusal:
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
        return short_id, words[1].upper(), _rest(raw, 2)
    return short_id, None, _rest(raw, 1)


def _edit(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    if isinstance(target, Refusal):
        return target
    short_id, code, rest = target
    text = _text(rest, "hint_code" if code else "hint_board")
    return text if isinstance(text, Refusal) else c.EditItem(short_id, text, code)


def _withdraw(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    return target if isinstance(target, Refusal) else c.WithdrawItem(target[0], target[1])


def _remove(raw: str) -> c.Command | Refusal:
    target = _item_target(raw)
    return target if isinstance(target, Refusal) else c.RemoveItem(target[0])


def _start(raw: str) -> c.Command | Refusal:
    technology = raw.strip()
    if not technology:
        return Refusal("missing_technology", hint="hint_start")
    return c.StartWorkshop(technology)


def _lang(raw: str) -> c.Command | Refusal:
    word = fold(raw)
    aliases = {"da": "da", "dansk": "da", "danish": "da", "en": "en", "engelsk": "en"}
    aliases["english"] = "en"
    if word not in aliases:
        return Refusal("bad_language", {"word": raw.strip()}, "hint_language")
    return c.SetLanguage(aliases[word])


def _facilitator(raw: str) -> c.Command | Refusal:
    words = raw.split()
    if not words:
        return Refusal("missing_who", hint="hint_help")
    return c.AddFacilitator(user_ref(words[0]))


def _inspiration(raw: str) -> c.Command | Refusal:
    if not raw.strip():
        return c.ShowInspiration()
    found = match_circle_prefix(raw.split())
    if found is None:
        return Refusal("unknown_circle", {"word": raw.split()[0]}, "hint_circles")
    return c.ShowInspiration(found[0])


_PARSERS: dict[str, Callable[[str], c.Command | Refusal]] = {
    "help": lambda _: c.Help(),
    "start": _start,
    "next": lambda _: c.MoveStep(forward=True),
    "back": lambda _: c.MoveStep(forward=False),
    "note": _note,
    "prereq": _prereq,
    "agree": _agree,
    "rollout": _rollout,
    "facilitator": _facilitator,
    "edit": _edit,
    "withdraw": _withdraw,
    "remove": _remove,
    "board": lambda _: c.ShowBoard(),
    "status": lambda _: c.ShowStatus(),
    "inspiration": _inspiration,
    "export": lambda _: c.Export(),
    "lang": _lang,
    "end": lambda _: c.EndWorkshop(),
    "delete": lambda raw: c.DeleteWorkshop(confirmed=fold(raw) in _CONFIRM),
}


def strip_prefix(text: str) -> str:
    """Drop a leading `/rasmus` so the console and chat messages read alike."""
    stripped = text.strip()
    if fold(stripped.split(maxsplit=1)[0] if stripped else "") == "/rasmus":
        return _rest(stripped, 1)
    return stripped


def parse(text: str) -> c.Command | Refusal:
    text = strip_prefix(text)
    if not text:
        return Refusal("empty_command", hint="hint_help")
    verb = text.split(maxsplit=1)[0]
    canonical = _VERBS.get(fold(verb))
    if canonical is None:
        return Refusal("unknown_command", {"word": verb[:40]}, "hint_help")
    return _PARSERS[canonical](_rest(text, 1))


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
        text = _text(getattr(command, field), hint, limit)
        if isinstance(text, Refusal):
            return text
        cleaned[field] = text
    return replace(command, **cleaned) if cleaned else command
