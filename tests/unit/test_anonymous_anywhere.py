"""`anonym` is understood wherever it stands among a note's or prerequisite's leading words,
and such a note is never stored with a name (issue 9, finding 4)."""

import pytest

from core import commands as c
from core.circles import Circle
from core.language import parse
from core.model import Timing


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("note anonym udviklende Nye ting", c.AddNote(Circle.DEVELOPING, "Nye ting", True)),
        ("note udviklende anonym Nye ting", c.AddNote(Circle.DEVELOPING, "Nye ting", True)),
        ("note healthy anonymous Sore back", c.AddNote(Circle.HEALTHY, "Sore back", True)),
        ("note sundt og sikkert anonymt Ondt", c.AddNote(Circle.HEALTHY, "Ondt", True)),
        ("note anonymously meaningful Less time", c.AddNote(Circle.MEANINGFUL, "Less time", True)),
        ("note sundt Anonym henvendelse", c.AddNote(Circle.HEALTHY, "henvendelse", True)),
        (
            "forudsætning efter anonym Kursus i systemet",
            c.AddPrerequisite(Timing.AFTER, "Kursus i systemet", (), True),
        ),
        (
            "prereq anonymously before Training",
            c.AddPrerequisite(Timing.BEFORE, "Training", (), True),
        ),
    ],
)
def test_anonym_among_the_leading_words_makes_it_anonymous(typed, expected):
    assert parse(typed) == expected


def test_anonym_inside_the_text_is_just_a_word():
    assert parse("note sundt Vi fik en anonym klage") == c.AddNote(
        Circle.HEALTHY, "Vi fik en anonym klage"
    )


def test_anonymt_is_not_refused_as_a_circle():
    assert parse("note anonymt realistisk For lidt tid").anonymous


def test_a_note_with_anonym_after_the_circle_is_stored_without_a_name(say):
    say("ny Vagtplan")
    say("næste")
    note = say("note udviklende anonym Min leder presser").workshop.notes[0]
    assert note.author is None and note.text == "Min leder presser"
    for _ in range(2):
        say("næste")
    prereq = say("forudsætning efter anonym Kursus").workshop.prerequisites[0]
    assert prereq.author is None and prereq.text == "Kursus"
