"""Short ids people read and type: the model's own letters for notes (R, A, S, M, U, and SS for
Sundt & sikkert), F for prerequisites, AF for agreements, E for check-in answers (erfaring) and
L for learnings (læring). An id is the same in every language and is always shown with its
circle's or kind's name in the reader's language."""

from __future__ import annotations

import re

from core.circles import CIRCLES

# Notes of Sundt & sikkert were H<n> before SS; people (and old buttons) may still say H.
_OLD_HEALTHY = re.compile(r"^H(\d+)$")
_PREFIX = re.compile(r"^([A-Z]+)\d+$")
_KINDS = {
    "F": {"da": "forudsætning", "en": "prerequisite"},
    "AF": {"da": "aftale", "en": "agreement"},
    "E": {"da": "erfaring", "en": "experience"},  # a check-in answer
    "L": {"da": "læring", "en": "learning"},  # how an improvement succeeded
}
_BY_LETTER = {info.letter: info for info in CIRCLES}


def canonical_id(short_id: str) -> str:
    """`s1` reads as S1, and the old `H3` as SS3."""
    wanted = short_id.strip().upper()
    if m := _OLD_HEALTHY.match(wanted):
        return f"SS{m[1]}"
    return wanted


def id_name(short_id: str, lang: str) -> str | None:
    """The circle or kind an id belongs to, in `lang`: S1 is Selvstændigt, F2 a forudsætning."""
    m = _PREFIX.match(canonical_id(short_id))
    if m is None:
        return None
    if m[1] in _BY_LETTER:
        return _BY_LETTER[m[1]].name[lang]
    kind = _KINDS.get(m[1])
    return kind[lang] if kind else None


def id_label(short_id: str, lang: str) -> str:
    """`S1 · Selvstændigt`, `F2 · forudsætning`; an id that names nothing stays as typed."""
    name = id_name(short_id, lang)
    return f"{canonical_id(short_id)} · {name}" if name else short_id
