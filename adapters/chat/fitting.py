"""How many of a circle's newest notes fit on its message, found in a few tries.

`core.wall.newest` asks its `fits` once per note, each time with one note more: a full render
of up to ~150 notes, ~150 times, for every note added (most of a note's CPU on a busy wall).
Fitting only grows with the notes, so a binary search finds the same count in log2(n) renders;
the core then picks those notes as it always does.
"""

from __future__ import annotations

from collections.abc import Callable

from core import wall
from core.messages import WallNote


def newest_that_fit(
    notes: tuple[WallNote, ...], fits: Callable[[tuple[WallNote, ...]], bool]
) -> tuple[tuple[WallNote, ...], int]:
    """As `core.wall.newest(notes, fits)`, for a `fits` that holds for fewer notes whenever it
    holds for more (a size limit)."""
    if fits(notes):
        count = len(notes)
    else:
        low, high = 0, len(notes)  # the newest `low` fit (or low is 0); the newest `high` do not
        while high - low > 1:
            middle = (low + high) // 2
            if fits(notes[len(notes) - middle :]):
                low = middle
            else:
                high = middle
        count = low
    return wall.newest(notes, lambda chosen: len(chosen) <= count)
