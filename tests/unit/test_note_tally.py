"""A workshop's note counts are kept as notes come, change colour and go, and always agree
with counting every note afresh (a tally carried from one workshop value to the next)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from core.circles import Circle
from core.events import ItemEdited, ItemStatusChanged, NoteAdded, StepChanged, evolve
from core.model import Actor, ChannelKey, Colour, ItemStatus, Note, Step, Workshop

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
STEPS = (Step.TODAY, Step.EXPECTATIONS)


def counted_afresh(workshop: Workshop, circle: Circle, step: Step) -> dict[Colour, int]:
    counts = {colour: 0 for colour in Colour}
    for note in workshop.notes:
        if note.status is ItemStatus.ACTIVE and note.circle is circle and note.step is step:
            counts[note.colour] += 1
    return counts


actions = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "add", "withdraw", "recolour", "step"]),
        st.sampled_from(list(Circle)),
        st.sampled_from(list(Colour)),
        st.integers(min_value=0, max_value=40),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(actions)
def test_counts_kept_as_notes_come_and_go_agree_with_counting_every_note(steps):
    workshop = Workshop("w", ChannelKey("slack", "T", "C"), "Robot", Actor("U"), AT)
    workshop = evolve(workshop, StepChanged(Step.TODAY, AT))
    for what, circle, colour, pick in steps:
        workshop.counts(circle, workshop.step)  # counted now, then carried forward
        if what == "add":
            number = workshop.notes_written(circle) + 1
            note = Note(f"n{len(workshop.notes)}", f"{circle.value}{number}", circle, colour,
                        workshop.step, "tekst", None, AT)
            workshop = evolve(workshop, NoteAdded(note))
        elif what == "step":
            workshop = evolve(workshop, StepChanged(STEPS[pick % 2], AT))
        elif workshop.notes:
            target = workshop.notes[pick % len(workshop.notes)]
            if what == "withdraw":
                event = ItemStatusChanged(target.short_id, ItemStatus.WITHDRAWN, AT)
            else:
                event = ItemEdited(target.short_id, "ny tekst", AT, colour=colour)
            workshop = evolve(workshop, event)
        for each in Circle:
            for step in STEPS:
                assert workshop.counts(each, step) == counted_afresh(workshop, each, step)
            written = sum(1 for n in workshop.notes if n.circle is each)
            assert workshop.notes_written(each) == written
