"""A closed workshop that kept its check-ins still takes stock; one that did not stays
read-only, and new notes are refused in both."""

from core.events import CheckInsKept, WorkshopEnded
from core.messages import AnswerConfirmed, StockTaking
from core.model import Step
from core.plain import render
from tests.unit.checkin_steps import apply, messages, plan, post, stored, walk_to
from tests.unit.test_workshop_flow import refusal


def ended_with_checkins(say, service, keep=True):
    say("ny Vagtplan")
    walk_to(say, Step.PREREQUISITES)
    say("forudsætning før Alle får oplæring")
    walk_to(say, Step.AGREEMENTS)
    say("aftale <@bo> 1/3-2027 Evaluering")
    plan(service)
    apply(service, WorkshopEnded(service.clock.now), CheckInsKept(keep))
    post(service, 1)


def test_a_closed_workshop_that_kept_its_check_ins_takes_stock(say, service):
    ended_with_checkins(say, service)
    assert stored(service).is_closed
    assert messages(say.as_("bo")("tjek realistisk bedre"), AnswerConfirmed)
    assert say("læring Vi øvede").events
    assert say.as_("bo")("færdig AF1").events
    assert say.as_("bo")("genåbn AF1").events
    assert say("opfyldt F1").events
    [stock] = messages(say("tjek luk"), StockTaking)
    # Agreements are not written in a closed workshop: the question says how to go on.
    assert "/rasmus genåbn" in render(stock, "da")
    assert refusal(say.as_("bo")("tjek realistisk værre")) == "no_open_checkin"
    assert stored(service).is_closed


def test_a_closed_workshop_still_refuses_new_notes_and_agreements(say, service):
    ended_with_checkins(say, service)
    assert refusal(say("note realistisk + Mere tid")) == "closed"
    assert refusal(say("aftale Mette 1/4-2027 Nyt")) == "closed"
    assert refusal(say("tilbage")) == "closed"


def test_a_closed_workshop_without_check_ins_is_read_only(say, service):
    ended_with_checkins(say, service, keep=False)
    for text in ("tjek realistisk bedre", "læring Vi øvede", "færdig AF1", "tjek luk"):
        assert refusal(say(text)) == "closed", text
    assert stored(service).answers == () and not stored(service).find("AF1").is_done


def test_bare_reopen_still_reopens_the_workshop(say, service):
    ended_with_checkins(say, service)
    outcome = say("genåbn")
    assert not outcome.workshop.is_closed
