"""Wrong input gets an answer that points the right way: the likely word, the command typed,
where the text goes, and what the current step collects."""

import pytest

from core import commands as c
from core.circles import Circle
from core.language import MAX_NAME, check_texts, parse
from core.messages import Refusal
from core.plain import refusal_text


def only_refusal(outcome) -> Refusal:
    [reply] = outcome.replies
    assert isinstance(reply.message, Refusal)
    return reply.message


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("note realistsk Travlt", "realistisk"), ("note meningsfuldt Travlt", "meningsfyldt")],
)
def test_a_misspelt_circle_gets_a_did_you_mean(typed, suggested):
    refusal = parse(typed)
    assert refusal.key == "unknown_circle" and refusal.params["suggestion"] == suggested
    assert f"Mente du »{suggested}«?" in refusal_text(refusal, "da")


def test_a_misspelt_command_gets_a_did_you_mean():
    refusal = parse("tavel")
    assert refusal.key == "unknown_command" and refusal.params["suggestion"] == "tavle"
    assert "Did you mean “tavle”?" in refusal_text(refusal, "en")
    assert parse("dance").hint == "hint_help"  # nothing close: the list of commands


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hjælp?", c.Help()),
        ("næste.", c.MoveStep(forward=True)),
        ("tavle!", c.ShowBoard()),
        ("?", c.Help()),
        ("slet bekræft.", c.DeleteWorkshop(confirmed=True)),
        ("note realistisk: Travlt", c.AddNote(Circle.REALISTIC, "Travlt")),
    ],
)
def test_trailing_punctuation_is_ignored(typed, expected):
    assert parse(typed) == expected


def test_withdrawing_an_anonymous_note_without_its_code_shows_the_withdraw_example(say):
    say("ny Vagtplan")
    say("næste")
    say("note anonym udviklende Nye opgaver hele tiden")
    refusal = only_refusal(say("træk U1"))
    assert refusal.hint == "hint_code_withdraw"
    text = refusal_text(refusal, "da")
    assert "/rasmus træk R3 K7QX-9M2P" in text and "/rasmus ret" not in text
    assert only_refusal(say("ret U1 Ny tekst")).hint == "hint_code"


def test_a_sign_before_the_circle_is_told_to_go_before_the_text():
    refusal = parse("note + anerkendt Mere ros fra borgerne")
    assert refusal.key == "sign_before_circle"
    assert "/rasmus note anerkendt + <tekst>" in refusal_text(refusal, "da")


def test_a_note_in_a_later_step_says_what_the_step_collects_and_that_the_facilitator_can_go_back(
    say,
):
    say("ny Vagtplan")
    for _ in range(3):
        say("næste")
    refusal = only_refusal(say("note sundt + Færre løft"))
    assert refusal.key == "no_notes_in_step" and refusal.hint == "hint_back_step"
    text = refusal_text(refusal, "da")
    assert "/rasmus forudsætning" in text and "/rasmus tilbage" in text
    assert "/rasmus næste" not in text


def test_a_note_before_the_note_steps_still_points_on(say):
    say("ny Vagtplan")
    refusal = only_refusal(say("note sundt Ondt i ryggen"))
    assert refusal.hint == "hint_next_step"
    assert "Her læser I de seks cirkler." in refusal_text(refusal, "da")


def test_a_too_long_technology_name_is_told_the_limit_for_names():
    refusal = check_texts(parse("ny " + "x" * 329))
    assert refusal.key == "name_too_long"
    text = refusal_text(refusal, "da")
    assert f"højst være {MAX_NAME} tegn" in text and "329" in text
    assert "flere noter" not in text
