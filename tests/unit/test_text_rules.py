"""The shared text rules (issue 9, findings 8 and 9), through the service every channel calls."""

from datetime import date

import pytest

from core import commands as c
from core.circles import Circle
from core.messages import Audience, ItemConfirmed, Refusal
from core.model import Actor, Colour, Timing
from core.plain import render
from core.service import Incoming
from tests.conftest import CHANNEL


def refusal_of(outcome) -> Refusal:
    [reply] = outcome.replies
    assert reply.audience is Audience.PRIVATE
    assert isinstance(reply.message, Refusal)
    return reply.message


def in_note_step(say):
    say("ny Vagtplan")
    say("næste")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200e\u2069", "\u3164 \u2800", "\ufeff\u202e"])
def test_a_note_of_only_invisible_characters_is_refused_and_not_counted(say, invisible):
    in_note_step(say)
    outcome = say(f"note realistisk {invisible}")
    refused = refusal_of(outcome)
    assert refused.key in ("invisible_text", "missing_text")
    assert outcome.events == []
    assert outcome.workshop.notes == ()


def test_a_colour_sign_before_invisible_characters_is_no_note_either(say):
    in_note_step(say)
    say("næste")
    outcome = say("note sundt +\u200b\u2060")
    assert refusal_of(outcome).key == "invisible_text"
    assert outcome.workshop.notes == ()


def test_the_invisible_text_refusal_asks_for_something_to_read_in_both_languages(say):
    in_note_step(say)
    refused = refusal_of(say("note realistisk \u200b"))
    assert refused.key == "invisible_text"
    assert "Skriv noget" in render(refused, "da")
    assert "Write something" in render(refused, "en")


def test_bidi_controls_are_removed_from_texts_and_author_names(service):
    def as_(name, text):
        return service.handle(Incoming(CHANNEL, Actor("u1", name), text=text))

    as_("anne", "ny Vagtplan")
    as_("anne", "næste")
    outcome = as_("\u202eenna\u202c", "note realistisk \u2066Mere\u2069 tid\u200f")
    [note] = outcome.workshop.notes
    assert note.text == "Mere tid"
    assert note.author.display_name == "enna"


def test_texts_are_stored_in_composed_unicode(say):
    in_note_step(say)
    [note] = say("note realistisk Cafe\u0301en lukker").workshop.notes
    assert note.text == "Caféen lukker"


def test_a_leading_byte_order_mark_is_ignored(say):
    outcome = say("\ufeffny Vagtplan")
    assert outcome.workshop is not None and outcome.workshop.technology == "Vagtplan"


def test_lone_surrogates_and_control_characters_are_dropped_from_notes(say):
    in_note_step(say)
    [note] = say("note realistisk For\ud800 lidt\x00 tid\x1b").workshop.notes
    assert note.text == "For lidt tid"


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (c.AddPrerequisite({"x": 1}, "Superbrugere"), "timing"),  # type: ignore[arg-type]
        (c.EditItem("R1", "Ny tekst", 1234), "code"),  # type: ignore[arg-type]
        (c.AddNote(Circle.REALISTIC, ["a", "b"]), "text"),  # type: ignore[arg-type]
        (c.AddNote(Circle.REALISTIC, "tekst", anonymous="yes"), "anonymous"),  # type: ignore[arg-type]
        (c.AddNote("realistic", "tekst"), "circle"),  # type: ignore[arg-type]
        (c.AddAgreement("bo", "1/3", "Evaluering"), "due"),  # type: ignore[arg-type]
        (c.StartWorkshop(None), "technology"),  # type: ignore[arg-type]
    ],
)
def test_a_form_field_of_the_wrong_type_is_refused_privately_and_nothing_is_stored(
    service, command, field
):
    anne = Actor("anne", "Anne")
    service.handle(Incoming(CHANNEL, anne, text="ny Vagtplan"))
    service.handle(Incoming(CHANNEL, anne, text="næste"))
    outcome = service.handle(Incoming(CHANNEL, anne, command=command))
    refused = refusal_of(outcome)
    assert (refused.key, refused.params) == ("bad_form_field", {"field": field})
    assert outcome.events == []
    assert outcome.workshop.notes == () and outcome.workshop.prerequisites == ()
    assert f"»{field}«" in render(refused, "da") and "formularen" in render(refused, "da")


def test_form_built_commands_of_the_right_types_still_pass(service):
    anne = Actor("anne", "Anne")
    service.handle(Incoming(CHANNEL, anne, text="ny Vagtplan"))
    service.handle(Incoming(CHANNEL, anne, text="næste"))
    note = c.AddNote(Circle.REALISTIC, "Mere tid", anonymous=True, colour=Colour.ORANGE)
    outcome = service.handle(Incoming(CHANNEL, anne, command=note))
    assert any(isinstance(r.message, ItemConfirmed) for r in outcome.replies)
    for _ in range(4):
        service.handle(Incoming(CHANNEL, anne, text="næste"))
    agreement = c.AddAgreement("<@bo>", date(2027, 3, 1), "Evaluering")
    assert service.handle(Incoming(CHANNEL, anne, command=agreement)).events
    prereq = c.AddPrerequisite(Timing.AFTER, "Opfølgning", (Circle.HEALTHY,))
    assert service.handle(Incoming(CHANNEL, anne, command=prereq)).replies


HUGE = "x" * 500_000


@pytest.mark.parametrize(
    "typed",
    [
        f"sprog {HUGE}",
        f"{HUGE} note",
        f"note {HUGE} tekst",
        f"forudsætning {HUGE} tekst",
        f"aftale @bo {HUGE} Evaluering",
        f"udrulning {HUGE}",
        f"inspiration {HUGE}",
    ],
)
def test_refusals_quote_at_most_sixty_characters_of_the_input(say, typed):
    say("ny Vagtplan")
    refused = refusal_of(say(typed))
    quoted = [v for v in refused.params.values() if isinstance(v, str)]
    # A prerequisite's timing is optional now, so a huge first word is text: too long, not quoted.
    assert quoted or refused.key == "text_too_long"
    assert all(len(v.rstrip("…")) <= 60 for v in quoted)
    for lang in ("da", "en"):
        assert len(render(refused, lang)) < 400


def test_a_refusal_built_anywhere_in_the_core_is_shortened_where_it_is_made():
    refused = Refusal("workshop_exists", {"technology": "T" * 200, "limit": 2000})
    assert refused.params == {"technology": "T" * 60 + "…", "limit": 2000}


def test_a_workshop_exists_refusal_does_not_repeat_a_long_technology_in_full(say):
    say("ny " + "Vagtplan " * 22)
    refused = refusal_of(say("ny Andet"))
    assert refused.key == "workshop_exists"
    assert len(refused.params["technology"]) <= 61
