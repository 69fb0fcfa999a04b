"""Forms and cards say which workshop (and step) they were made for, so the core can check."""

from adapters.slack import modals
from adapters.teams.cards import circle_card
from adapters.teams.submits import command_from_submit
from core import commands as c
from core.circles import Circle
from core.model import Colour, Step


def _submitted(view: dict, values: dict) -> dict:
    return {**view, "state": {"values": values}}


def _text(value: str) -> dict:
    return {"text": {"value": {"type": "plain_text_input", "value": value}}}


def test_a_slack_note_form_carries_the_workshop_and_step_it_was_opened_for():
    view = modals.note_modal("T1", "C1", Circle.HEALTHY, Step.TODAY, "da", "w1")
    note = modals.read_note(_submitted(view, _text("Ondt i nakken")))
    assert note.origin == c.Origin("w1", Step.TODAY)
    assert (note.circle, note.text) == (Circle.HEALTHY, "Ondt i nakken")


def test_a_slack_note_form_without_a_workshop_carries_no_origin():
    view = modals.note_modal("T1", "C1", Circle.HEALTHY, Step.TODAY, "da")
    assert modals.read_note(_submitted(view, _text("x"))).origin is None


def test_slack_prerequisite_and_agreement_forms_carry_their_workshop():
    view = modals.prerequisite_modal("T1", "C1", "da", "w1")
    values = {
        **_text("Oplæring"),
        "timing": {"value": {"type": "radio_buttons", "selected_option": {"value": "before"}}},
    }
    assert modals.read_prerequisite(_submitted(view, values)).origin == c.Origin("w1")
    view = modals.agreement_modal("T1", "C1", "da", "w1")
    values = {
        "owner": {"value": {"type": "users_select", "selected_user": "U7"}},
        "due": {"value": {"type": "datepicker", "selected_date": "2027-03-01"}},
        "what": {"value": {"type": "plain_text_input", "value": "Evaluering"}},
    }
    assert modals.read_agreement(_submitted(view, values)).origin == c.Origin("w1")


def test_a_teams_circle_card_submit_carries_the_workshop_and_step_it_was_made_for():
    card = circle_card("w1", Circle.HEALTHY, Step.EXPECTATIONS, dict.fromkeys(Colour, 0), "en")
    data = card["actions"][0]["data"]
    note = command_from_submit({**data, "text": "Mindre løft", "colour": "green"})
    assert note.origin == c.Origin("w1", Step.EXPECTATIONS)


def test_teams_prerequisite_and_agreement_submits_carry_their_workshop():
    prereq = command_from_submit(
        {"rasmus": "prereq", "workshop": "w1", "timing": "before", "text": "Oplæring"}
    )
    assert prereq.origin == c.Origin("w1")
    agreement = command_from_submit(
        {"rasmus": "agree", "workshop": "w1", "owner": "Bo", "due": "2027-03-01", "what": "Ev"}
    )
    assert agreement.origin == c.Origin("w1")
    assert command_from_submit({"rasmus": "prereq", "timing": "before"}).origin is None
