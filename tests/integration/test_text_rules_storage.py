"""Text rules where storage is involved (issue 9, findings 8, 10, 12) on SQLite and PostgreSQL."""

from sqlalchemy import select, text, update

from adapters.persistence.store import SqlStore
from adapters.persistence.tables import NoteRow, WorkshopRow
from core.messages import HelpView
from core.model import Actor, ChannelKey
from core.plain import render
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

CHANNEL = ChannelKey("slack", "T1", "C1")
# Microsoft allows 256 characters; the Slack adapter marks people with U+E000/U+E001.
LONG_NAME = "\ue000U0ADMIN\ue001 Anne\x00" + "a" * 256


ANNE = Actor("anne", "Anne")


def say(service, typed, actor=ANNE):
    return service.handle(Incoming(CHANNEL, actor, text=typed))


def test_a_person_with_a_long_name_with_nul_and_markers_can_start_a_workshop(sql_service, engine):
    starter = Actor("anne", LONG_NAME)
    outcome = say(sql_service, "ny Vagtplan", starter)
    assert outcome.workshop is not None and outcome.events
    say(sql_service, "næste", starter)
    assert say(sql_service, "note realistisk Mere tid", starter).events
    with engine.connect() as connection:
        stored = connection.execute(select(WorkshopRow.started_by_name)).scalar_one()
        author = connection.execute(select(NoteRow.author_name)).scalar_one()
    assert stored == author
    assert stored.startswith("U0ADMIN Anne") and len(stored) <= 200
    assert "\x00" not in stored and "\ue000" not in stored and "\ue001" not in stored


def test_a_lone_surrogate_in_a_note_is_dropped_before_it_reaches_the_database(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "næste")
    assert say(sql_service, "note realistisk For\ud800 lidt tid").events
    with engine.connect() as connection:
        assert connection.execute(select(NoteRow.text)).scalar_one() == "For lidt tid"


def test_a_note_of_invisible_characters_stores_nothing(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "næste")
    assert say(sql_service, "note realistisk \u200e\u2069").events == []
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0


def test_a_workshop_stored_with_an_upper_case_language_still_helps(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    with engine.begin() as connection:
        connection.execute(update(WorkshopRow).values(language="EN"))
    fresh = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    [reply] = say(fresh, "hjælp").replies
    assert isinstance(reply.message, HelpView) and reply.language == "en"
    assert render(reply.message, reply.language)


def test_an_upper_case_default_language_starts_workshops_in_lower_case(engine):
    service = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds(), "EN")
    say(service, "ny Vagtplan")
    assert say(service, "sprog EN").workshop.language == "en"
    with engine.connect() as connection:
        assert connection.execute(select(WorkshopRow.language)).scalar_one() == "en"
    hint = Incoming(ChannelKey("slack", "T1", "C2"), Actor("anne"), "ny Andet", language_hint="EN")
    assert service.handle(hint).workshop.language == "en"
