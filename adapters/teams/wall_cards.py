"""The wall on Teams cards: a circle's notes by colour on its card, and long texts (the board)
split over several cards. Pure functions, as cards.py.

Teams refuses a message over about 28 KB; a circle's card keeps its notes well under that
(`WALL_BYTES`) and shows the newest, saying how many older ones its "see all" button holds.
"""

from __future__ import annotations

import json

from adapters.chat.fitting import newest_that_fit
from adapters.teams.escape import defuse_markdown
from core import wall
from core.circles import BY_CIRCLE, Circle
from core.messages import WallNote
from core.model import Colour, Step
from core.report import colour_label
from core.texts import t

WALL_BYTES = 14_000  # the notes' share of a circle's card; the rest is inputs and buttons
CARD_BYTES = 20_000  # one card of a long text (the board): well under Teams' ~28 KB
WALL_NOTE_CHARS = 500  # one long note never pushes the others off; "see all" has it in full
_STYLE = {Colour.ORANGE: "warning", Colour.GREEN: "good", Colour.RED: "attention"}


def _text(value: str, **style) -> dict:
    return {"type": "TextBlock", "text": defuse_markdown(value), "wrap": True, **style}


def _short(text: str) -> str:
    text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return text if len(text) <= WALL_NOTE_CHARS else text[: WALL_NOTE_CHARS - 1] + "…"


def _containers(notes: tuple[WallNote, ...], step: Step, lang: str) -> list[dict]:
    """One container per colour, in the colour's style; a note's author only where shown."""
    containers = []
    for colour, group in wall.by_colour(notes):
        items = [_text(colour_label(colour, step, lang), weight="Bolder")]
        for note in group:
            items.append(_text(f"{note.short_id} · {_short(note.text)}", spacing="Small"))
            if note.author:
                items.append(_text(note.author, isSubtle=True, size="Small", spacing="None"))
        containers.append({"type": "Container", "style": _STYLE[colour], "items": items})
    return containers


def _fits(notes: tuple[WallNote, ...], step: Step, lang: str) -> bool:
    size = len(json.dumps(_containers(notes, step, lang), ensure_ascii=False).encode())
    return size <= WALL_BYTES


def wall_body(
    notes: tuple[WallNote, ...], circle: Circle, step: Step, lang: str
) -> tuple[list[dict], list[dict]]:
    """The card's wall: its blocks, and a "see all" action when older notes stay off it."""
    shown, hidden = newest_that_fit(notes, lambda chosen: _fits(chosen, step, lang))
    body = _containers(shown, step, lang)
    if not hidden:
        return body, []
    word = BY_CIRCLE[circle].name[lang].split()[0].lower()  # as people type it
    body.append(_text(t("wall_more", lang, count=hidden, circle=word), isSubtle=True, size="Small"))
    see_all = {
        "type": "Action.Submit",
        "title": t("wall_show_all", lang),
        "data": {"rasmus": "board", "circle": circle.value},
    }
    return body, [see_all]


def split_card_body(body: list[dict], limit: int = CARD_BYTES) -> list[list[dict]]:
    """A long card body as several, each under `limit` bytes of JSON."""
    pages: list[list[dict]] = [[]]
    size = 0
    for block in body:
        block_size = len(json.dumps(block, ensure_ascii=False).encode())
        if pages[-1] and size + block_size > limit:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += block_size
    return pages
