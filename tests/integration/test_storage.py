import threading
from concurrent.futures import ThreadPoolExecutor

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlmodel import SQLModel

from adapters.persistence.state import PlatformState
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import NoteRow, SeenMessageRow
from adapters.slack.installations import SLACK_METADATA
from core.model import Actor, ChannelKey, Colour, ItemStatus, Step
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

CHANNEL = ChannelKey("slack", "T1", "C1")


def say(service, text, who="anne", channel=CHANNEL, **kwargs):
    return service.handle(Incoming(channel, Actor(who, who.title()), text=text, **kwargs))


def test_the_migrations_build_exactly_the_tables_the_code_declares(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, [SQLModel.metadata, SLACK_METADATA]) == []


def test_a_whole_workshop_survives_a_reload_from_the_database(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "facilitator @bo")
    say(sql_service, "udrulning 1.2.2027")
    say(sql_service, "next")
    say(sql_service, "note realistisk For lidt tid", who="cai", source_ref="ts-1")
    say(sql_service, "note anonym sundt Hemmelig", who="dan")
    say(sql_service, "next")
    say(sql_service, "note sundt +Færre løft", who="cai")
    say(sql_service, "next")
    say(sql_service, "forudsætning under Superbrugere på alle hold", who="cai")
    say(sql_service, "next")
    say(sql_service, "aftale <@U9> 1/3-2027 Evaluering")
    say(sql_service, "ret R1 For lidt tid til oplæring", who="cai")
    fresh = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    workshop = fresh.workshop(CHANNEL)
    assert workshop.step is Step.AGREEMENTS
    assert workshop.facilitators == ("anne", "bo")
    assert str(workshop.rollout) == "2027-02-01"
    assert [(n.short_id, n.colour, n.text) for n in workshop.notes] == [
        ("R1", Colour.ORANGE, "For lidt tid til oplæring"),
        ("SS1", Colour.ORANGE, "Hemmelig"),
        ("SS2", Colour.GREEN, "Færre løft"),
    ]
    assert workshop.notes[0].source_ref == "ts-1"
    assert workshop.prerequisites[0].text == "Superbrugere på alle hold"
    assert workshop.agreements[0].owner == "<@U9>"
    assert workshop.notes[0].created_at.tzinfo is not None
    # What the first service keeps in memory is exactly what a fresh load reads.
    assert sql_service.workshop(CHANNEL) == workshop


def test_an_anonymous_note_row_holds_no_trace_of_its_author(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    say(sql_service, "note anonym sundt Hemmelig", who="dan", message_id="m-1", source_ref="ts-9")
    with engine.connect() as connection:
        row = connection.execute(select(NoteRow)).one()
        dump = " ".join(str(v) for v in row)
    assert row.author_id is None and row.author_name is None and row.source_ref is None
    assert "dan" not in dump.lower() and "ts-9" not in dump and "m-1" not in dump


def test_fifty_people_adding_notes_at_the_same_moment_lose_none(sql_service):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    barrier = threading.Barrier(50)

    def write(n):
        barrier.wait()
        return say(sql_service, f"note sundt Note nummer {n}", who=f"p{n}", message_id=f"m{n}")

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(write, range(50)))
    assert all(not o.duplicate for o in outcomes)
    notes = sql_service.workshop(CHANNEL).notes
    assert len(notes) == 50
    assert sorted(n.short_id for n in notes) == sorted(f"SS{i}" for i in range(1, 51))
    assert {n.text for n in notes} == {f"Note nummer {n}" for n in range(50)}


def test_a_retried_message_arriving_concurrently_is_stored_once(sql_service):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    barrier = threading.Barrier(10)

    def send(_):
        barrier.wait()
        return say(sql_service, "note sundt Samme note", who="bo", message_id="Ev-retry")

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(send, range(10)))
    assert sum(not o.duplicate for o in outcomes) == 1
    assert len(sql_service.workshop(CHANNEL).notes) == 1


def test_two_starts_at_once_open_one_workshop(sql_service):
    barrier = threading.Barrier(2)

    def start(who):
        barrier.wait()
        return say(sql_service, f"ny Teknologi fra {who}", who=who)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(start, ["anne", "bo"]))
    started = [o for o in outcomes if o.events]
    assert len(started) == 1
    refused = [o for o in outcomes if not o.events][0]
    assert refused.replies[0].message.key == "workshop_exists"


def test_deleting_a_workshop_removes_all_its_rows(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    say(sql_service, "note sundt Ondt", who="bo")
    say(sql_service, "slet bekræft")
    with engine.connect() as connection:
        for table in ("workshops", "notes", "facilitators", "prerequisites", "agreements"):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0


def test_withdrawn_text_is_gone_from_the_database(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    say(sql_service, "note sundt Fortrudt", who="bo")
    say(sql_service, "træk H1", who="bo")
    with engine.connect() as connection:
        row = connection.execute(select(NoteRow)).one()
    assert (row.status, row.text) == (ItemStatus.WITHDRAWN.value, "")


def test_seen_message_ids_are_stored_hashed(sql_service, engine):
    say(sql_service, "ny Vagtplan", message_id="1712345678.000100")
    with engine.connect() as connection:
        keys = connection.execute(select(SeenMessageRow.key)).scalars().all()
    assert len(keys) == 1 and "1712345678" not in keys[0]


def test_platform_state_keeps_one_value_per_key(engine):
    state = PlatformState(engine)
    state.put("slack:T1:C1", "circle:healthy", "111.1")
    state.put("slack:T1:C1", "circle:healthy", "222.2")
    state.put("slack:T1:C1", "circle:realistic", "333.3")
    state.put("slack:T1:C2", "circle:healthy", "444.4")
    assert state.get("slack:T1:C1", "circle:healthy") == "222.2"
    assert state.items("slack:T1:C1", "circle:") == {
        "circle:healthy": "222.2",
        "circle:realistic": "333.3",
    }
    state.delete("slack:T1:C1", "circle:healthy")
    assert state.get("slack:T1:C1", "circle:healthy") is None


def test_a_persons_workshops_are_found_for_their_home_view(sql_service):
    say(sql_service, "ny Vagtplan")
    say(sql_service, "ny Robot", channel=ChannelKey("slack", "T1", "C2"), who="bo")
    say(sql_service, "ny Andet", channel=ChannelKey("slack", "T2", "C1"))
    mine = sql_service.workshops_of("slack", "T1", "anne")
    assert [w.technology for w in mine] == ["Vagtplan"]


def test_a_change_made_by_another_process_is_seen_despite_the_cache(sql_service, engine, clock):
    other = WorkshopService(SqlStore(engine), clock, CountingIds(count=1000))
    say(sql_service, "ny Vagtplan")
    say(sql_service, "next")
    say(sql_service, "note sundt Fra første", who="bo")
    say(other, "note sundt Fra anden", who="cai")
    outcome = say(sql_service, "note sundt Fra første igen", who="bo")
    assert [n.short_id for n in outcome.workshop.notes] == ["SS1", "SS2", "SS3"]
    assert other.workshop(CHANNEL) == sql_service.workshop(CHANNEL)
