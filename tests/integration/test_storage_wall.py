"""The wall's setting and the method's freedoms survive a reload, on SQLite and PostgreSQL."""

from datetime import date

from adapters.persistence.store import SqlStore
from core.circles import Circle
from core.model import Actor, ChannelKey, Step
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

CHANNEL = ChannelKey("slack", "T1", "C1")


def say(service, text, who="anne"):
    return service.handle(Incoming(CHANNEL, Actor(who, who.title()), text=text))


def fresh(engine):
    return WorkshopService(SqlStore(engine), SteppingClock(), CountingIds()).workshop(CHANNEL)


def test_votes_ties_owners_and_names_are_read_back_as_they_were_kept(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "facilitator @bo")
    say(sql_service, "navne fra")
    say(sql_service, "next")
    say(sql_service, "note realistisk For lidt tid", who="cai")
    say(sql_service, "next")
    say(sql_service, "next")
    say(sql_service, "forudsætning for R1 Tid til oplæring", who="cai")
    say(sql_service, "forudsætning realistisk Superbrugere", who="dan")
    say(sql_service, "stem F1", who="cai")
    say(sql_service, "stem F1", who="dan")
    say(sql_service, "stem F2", who="dan")
    say(sql_service, "stem F2", who="dan")  # taken back again
    say(sql_service, "next")
    say(sql_service, "aftale TR og AMR 1/3-2027 Planlægger oplæringen for F1")
    say(sql_service, "ret AF1 <@U9> og Bo 2/3-2027 Planlægger oplæringen", who="bo")
    say(sql_service, "facilitator fjern @bo")
    workshop = fresh(engine)
    assert workshop.show_names is False
    assert workshop.facilitators == ("anne",)
    first, second = workshop.prerequisites
    assert (first.timing, first.note, first.circles) == (None, "R1", (Circle.REALISTIC,))
    assert (first.voters, second.voters) == (("cai", "dan"), ())
    assert second.circles == (Circle.REALISTIC,)
    agreement = workshop.agreements[0]
    assert (agreement.owner, agreement.due) == ("<@U9> og Bo", date(2027, 3, 2))
    assert (agreement.what, agreement.prerequisite) == ("Planlægger oplæringen", "F1")
    assert sql_service.workshop(CHANNEL) == workshop


def test_a_reopened_workshop_returns_to_its_step_and_stays_open_after_a_reload(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    say(sql_service, "afslut")
    assert fresh(engine).closed_from is Step.TODAY
    say(sql_service, "genåbn")
    workshop = fresh(engine)
    assert (workshop.step, workshop.closed_at, workshop.closed_from) == (Step.TODAY, None, None)
    say(sql_service, "note sundt Ondt i ryggen", who="cai")
    assert len(fresh(engine).notes) == 1


def test_deleting_a_workshop_deletes_its_votes(sql_service, engine):
    from sqlalchemy import func, select

    from adapters.persistence.tables import VoteRow

    say(sql_service, "ny Vagtplan")
    for _ in range(3):
        say(sql_service, "next")
    say(sql_service, "forudsætning før Oplæring", who="cai")
    say(sql_service, "stem F1", who="cai")
    say(sql_service, "slet bekræft")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(VoteRow)).scalar() == 0
