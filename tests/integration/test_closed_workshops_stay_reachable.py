"""A closed workshop can't be hidden (finding 13): after `afslut` anyone may start a new one,
and the closed one keeps its number; `status` lists it, and `eksport 1` / `slet 1 bekræft`
reach it, anonymous notes included. On SQLite and PostgreSQL (the `engine` fixture)."""

from sqlalchemy import text

from core.messages import DeleteConfirmNeeded, ExportReady, Refusal, Said
from core.model import Actor, ChannelKey
from core.plain import render
from core.service import Incoming

CHANNEL = ChannelKey("slack", "T1", "C1")


def say(service, typed, who="anne"):
    return service.handle(Incoming(CHANNEL, Actor(who, who.title()), text=typed))


def only(outcome, kind):
    [message] = [r.message for r in outcome.replies if isinstance(r.message, kind)]
    return message


def closed_then_new(service):
    say(service, "ny Vagtplan")
    say(service, "next")
    say(service, "note anonym sundt Lederen ringer på fridage", who="cai")
    say(service, "afslut")
    return say(service, "ny Robot", who="bo")  # any member may start the next one


def test_starting_after_a_closed_workshop_says_how_to_reach_it(sql_service):
    started = closed_then_new(sql_service)
    assert started.workshop.number == 2 and started.workshop.technology == "Robot"
    assert [r.message.key for r in started.replies if isinstance(r.message, Said)] == [
        "started",
        "earlier_kept",
    ]
    said = [render(r.message, "da") for r in started.replies if isinstance(r.message, Said)]
    assert any("/rasmus eksport 1" in line and "Vagtplan" in line for line in said)
    status = render(say(sql_service, "status", who="dan").replies[0].message, "da")
    assert "nr. 1 Vagtplan (afsluttet" in status


def test_the_closed_workshops_anonymous_notes_can_still_be_exported(sql_service):
    closed_then_new(sql_service)
    report = only(say(sql_service, "eksport 1"), ExportReady)
    assert report.workshop.technology == "Vagtplan"
    assert "Lederen ringer på fridage" in report.markdown
    current = only(say(sql_service, "eksport", who="bo"), ExportReady)
    assert current.workshop.technology == "Robot"


def test_the_closed_workshop_can_still_be_deleted_by_its_facilitator(sql_service, engine):
    closed_then_new(sql_service)
    refused = say(sql_service, "slet 1 bekræft", who="bo")  # Robot's facilitator, not Vagtplan's
    assert isinstance(refused.replies[0].message, Refusal)
    assert refused.replies[0].message.key == "facilitator_only"
    question = only(say(sql_service, "slet 1"), DeleteConfirmNeeded)
    assert "/rasmus slet 1 bekræft" in render(question, "da")
    say(sql_service, "slet 1 bekræft")
    with engine.connect() as connection:
        left = connection.execute(text("SELECT technology FROM workshops")).scalars().all()
        notes = connection.execute(text("SELECT COUNT(*) FROM notes")).scalar()
    assert left == ["Robot"] and notes == 0
    assert say(sql_service, "status", who="bo").workshop.technology == "Robot"


def test_a_number_that_names_no_workshop_is_refused_with_where_to_look(sql_service):
    closed_then_new(sql_service)
    outcome = say(sql_service, "eksport 7")
    [reply] = outcome.replies
    assert reply.message.key == "no_such_workshop"
    assert render(reply.message, "da").endswith("Se numrene med /rasmus status.")


def test_a_delete_button_made_for_the_closed_workshop_deletes_that_one_only(sql_service):
    from core import commands as c

    first = say(sql_service, "ny Vagtplan").workshop
    asked = only(say(sql_service, "slet"), DeleteConfirmNeeded)  # the button is made now
    assert asked.workshop_id == first.id
    say(sql_service, "afslut")
    say(sql_service, "ny Robot", who="bo")
    pressed = c.DeleteWorkshop(confirmed=True, origin=c.Origin(asked.workshop_id))
    outcome = sql_service.handle(Incoming(CHANNEL, Actor("anne", "Anne"), command=pressed))
    assert [r.message.key for r in outcome.replies] == ["deleted"]
    assert say(sql_service, "status", who="bo").workshop.technology == "Robot"
    assert say(sql_service, "eksport 1").replies[0].message.key == "no_such_workshop"
