"""Dates written as weeks and words are stored as the day they name, on both databases."""

from datetime import date

from adapters.persistence.store import SqlStore
from core.model import Actor, ChannelKey
from core.plain import render
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

CHANNEL = ChannelKey("console", "local", "dates")


def say(service, text):
    return service.handle(Incoming(CHANNEL, Actor("anne", "Anne"), text=text))


def test_an_agreement_by_week_and_a_relative_day_survive_a_reload(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    for _ in range(4):
        say(sql_service, "næste")
    outcome = say(sql_service, "aftale TR uge 50 Følger op på oplæringen")  # clock: 2 Nov 2026
    receipt = render(outcome.replies[0].message, "da")
    assert "uge 50 (fredag 11. december 2026)" in receipt
    say(sql_service, "aftale AMR i morgen Tjekker skærmene")
    say(sql_service, "udrulning 1/3")
    fresh = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    workshop = say(fresh, "status").workshop
    assert [a.due for a in workshop.agreements] == [date(2026, 12, 11), date(2026, 11, 3)]
    assert workshop.rollout == date(2027, 3, 1)
