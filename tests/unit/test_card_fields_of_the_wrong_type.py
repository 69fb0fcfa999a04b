"""Teams card submits with fields of the wrong type reach the core and are refused (issue 9, #8)."""

import pytest

from adapters.teams.submits import command_from_submit
from core.messages import Audience, Refusal
from core.model import Actor
from core.service import Incoming
from tests.conftest import CHANNEL

ANNE = Actor("anne", "Anne")


def handle_submit(service, values):
    command = command_from_submit(values)
    return service.handle(Incoming(CHANNEL, ANNE, command=command))


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"rasmus": "prereq", "timing": {"value": "before"}, "text": "Støtte"}, "bad_form_field"),
        ({"rasmus": "note", "circle": "realistic", "text": ["a", "b"]}, "bad_form_field"),
        ({"rasmus": "edit", "short_id": "R1", "new_text": "Ny", "code": 1234}, "bad_form_field"),
        ({"rasmus": "edit", "short_id": ["R1"], "new_text": "Ny"}, "bad_form_field"),
        ({"rasmus": "withdraw", "short_id": 7}, "bad_form_field"),
        ({"rasmus": "agree", "owner": ["bo"], "due": "2027-03-01", "what": "P"}, "bad_form_field"),
        ({"rasmus": "agree", "owner": "bo", "due": {"d": 1}, "what": "Plan"}, "bad_form_field"),
    ],
)
def test_a_card_field_of_the_wrong_type_is_refused_privately_and_nothing_is_stored(
    service, values, key
):
    service.handle(Incoming(CHANNEL, ANNE, text="ny Vagtplan"))
    for _ in range(4 if values["rasmus"] == "agree" else 1):
        service.handle(Incoming(CHANNEL, ANNE, text="næste"))
    service.handle(Incoming(CHANNEL, ANNE, text="note realistisk Mere tid"))
    outcome = handle_submit(service, values)
    [reply] = outcome.replies
    assert reply.audience is Audience.PRIVATE
    assert isinstance(reply.message, Refusal) and reply.message.key == key
    assert outcome.events == []
    assert all("['" not in note.text for note in outcome.workshop.notes)
