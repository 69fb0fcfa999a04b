"""The wall: each circle's notes as everyone sees them in the channel, grouped by colour.

On paper the notes hang where all can read them; reading each other's notes starts the talk.
The circle messages show them, without authors for anonymous notes, and without any names
when the workshop's facilitator chose `names off` (post-its carry no names).
"""

from __future__ import annotations

from core.circles import Circle
from core.messages import CirclePrompt, CountsChanged, WallNote
from core.model import Colour, Step, Workshop

# The order colours hang in on the wall: today's orange, then green before red.
COLOUR_ORDER: tuple[Colour, ...] = (Colour.ORANGE, Colour.GREEN, Colour.RED)


def wall_notes(workshop: Workshop, circle: Circle, step: Step) -> tuple[WallNote, ...]:
    """The circle's active notes of `step`, oldest first, as the wall may show them."""
    shown = []
    for note in workshop.active_notes(circle, step):
        author = None
        if workshop.show_names and note.author is not None:
            author = note.author.label
        shown.append(WallNote(note.short_id, note.colour, note.text, author))
    return tuple(shown)


def by_colour(notes: tuple[WallNote, ...]) -> list[tuple[Colour, list[WallNote]]]:
    """The notes per colour in wall order, oldest first within each; empty colours left out."""
    groups = []
    for colour in COLOUR_ORDER:
        mine = [n for n in notes if n.colour is colour]
        if mine:
            groups.append((colour, mine))
    return groups


def newest(notes: tuple[WallNote, ...], fits) -> tuple[tuple[WallNote, ...], int]:
    """The newest notes that `fits(chosen)` accepts (in their original order), and how many
    older ones stay off the message. `fits` is the platform's own limit check."""
    chosen: list[WallNote] = []
    for note in reversed(notes):
        trial = (note, *chosen)
        if not fits(tuple(trial)):
            break
        chosen = list(trial)
    return tuple(chosen), len(notes) - len(chosen)


def circle_prompt(workshop: Workshop, circle: Circle, step: Step) -> CirclePrompt:
    return CirclePrompt(
        workshop.id,
        circle,
        step,
        workshop.counts(circle, step),
        wall_notes(workshop, circle, step),
    )


def counts_changed(workshop: Workshop, circle: Circle, step: Step) -> CountsChanged:
    return CountsChanged(
        workshop.id,
        circle,
        step,
        workshop.counts(circle, step),
        wall_notes(workshop, circle, step),
    )
