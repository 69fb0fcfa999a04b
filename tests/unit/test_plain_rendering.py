from core.messages import BoardView, Refusal, StatusView
from core.model import Step
from core.plain import refusal_text, render


def test_a_refusal_says_what_was_wrong_and_what_to_type_in_the_workshops_language():
    refusal = Refusal("unknown_circle", {"word": "glad"}, "hint_circles")
    assert refusal_text(refusal, "da").startswith("»glad« er ikke en af de seks cirkler.")
    assert "realistic, recognised" in refusal_text(refusal, "en")


def test_the_board_shows_notes_by_circle_and_colour_with_counts_and_no_anonymous_author(say):
    say("ny Vagtplan")
    say("next")
    say.as_("bo")("note anonym sundt Hemmelig")
    say.as_("cai")("note realistisk For lidt tid")
    say("next")
    say.as_("cai")("note sundt +Færre løft")
    say.as_("cai")("note sundt -Mere skærm")
    workshop = say("status").workshop
    board = render(BoardView(workshop), "da")
    assert "-- Sundt & sikkert [orange: 1, grøn: 1, rød: 1]" in board
    assert "SS1 · Sundt & sikkert (orange) Hemmelig (anonym)" in board
    assert "R1 · Realistisk (orange) For lidt tid (Cai)" in board
    assert "Bo" not in board


def test_status_names_the_step_and_counts_in_english(say):
    say("start Robot")
    say("lang en")
    workshop = say("next").workshop
    assert workshop.step is Step.TODAY
    text = render(StatusView(workshop), "en")
    assert "Workshop about Robot · step: Today." in text
    assert "Notes: 0 · prerequisites: 0 · agreements: 0." in text


def test_refused_rendering_of_a_date_param_uses_the_workshops_language(say):
    say("ny Vagtplan")
    outcome = say("udrulning 1.2.2027")
    assert render(outcome.replies[0].message, "da") == "Udrulningen er sat til 1. februar 2027."
    assert render(outcome.replies[0].message, "en") == "The go-live date is set to 1 February 2027."


def test_a_note_written_over_several_lines_keeps_to_one_line_of_the_board(say):
    say("ny Vagtplan")
    say("next")
    say.as_("bo")("note sundt Første linje\nAnden linje\n\n")
    board = render(BoardView(say("status").workshop), "da")
    assert "SS1 · Sundt & sikkert (orange) Første linje / Anden linje (Bo)" in board
