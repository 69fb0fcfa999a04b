"""The adapters' quick count of a circle's newest notes that fit picks what the core would."""

from adapters.chat.fitting import newest_that_fit
from core import wall
from core.messages import WallNote
from core.model import Colour


def _notes(count: int) -> tuple[WallNote, ...]:
    return tuple(WallNote(f"N{n}", Colour.GREEN, "x" * (n % 7 + 1), None) for n in range(count))


def test_it_picks_the_same_notes_as_the_core_for_every_size_limit():
    for count in range(0, 30):
        notes = _notes(count)
        for limit in range(0, 120, 3):

            def fits(chosen, limit=limit):
                return sum(len(note.text) + 2 for note in chosen) <= limit

            assert newest_that_fit(notes, fits) == wall.newest(notes, fits)


def test_it_asks_about_a_long_wall_only_a_few_times():
    notes = _notes(500)
    asked = []

    def fits(chosen):
        asked.append(len(chosen))
        return len(chosen) <= 150

    shown, hidden = newest_that_fit(notes, fits)
    assert (len(shown), hidden) == (150, 350)
    assert shown == notes[-150:]
    assert len(asked) <= 11
