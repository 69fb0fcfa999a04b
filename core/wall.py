"""The wall: each circle's notes as everyone sees them in the channel, grouped by colour.

On paper the notes hang where all can read them; reading each other's notes starts the talk.
The circle messages show them, without authors for anonymous notes, and without any names
when the workshop's facilitator chose `names off` (post-its carry no names).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.circles import Circle
from core.messages import CirclePrompt, CountsChanged, Reply, WallNote
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
    """The circle's new counts; its wall is read when the message is shown (`filled`)."""
    return CountsChanged(workshop.id, circle, step, workshop.counts(circle, step))


def counts_shown(workshop: Workshop, circle: Circle, step: Step) -> CountsChanged:
    """The circle's counts with its wall as it stands: what a circle message shows."""
    return CountsChanged(
        workshop.id,
        circle,
        step,
        workshop.counts(circle, step),
        wall_notes(workshop, circle, step),
    )


def filled(replies: Sequence[Reply], workshop: Workshop | None) -> list[Reply]:
    """The replies with each circle's wall read from `workshop`, for replies shown straight
    after the decision (without the outbox, which reads the wall as it sends)."""
    done = []
    for reply in replies:
        message = reply.message
        if isinstance(message, CountsChanged) and message.notes is None:
            wall = (
                wall_notes(workshop, message.circle, message.step)
                if workshop is not None and workshop.id == message.workshop_id
                else ()
            )
            reply = replace(reply, message=replace(message, notes=wall))
        done.append(reply)
    return done
