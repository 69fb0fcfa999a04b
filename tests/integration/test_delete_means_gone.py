"""Delete means gone (issue 9, finding 5): every row of a workshop, and everything the Slack and
Teams adapters kept about it, is deleted with it in one transaction; a person's own 1:1 chat
reference is not the workshop's and stays. On SQLite and PostgreSQL (the `engine` fixture)."""

import asyncio

from sqlalchemy import text

from adapters.chat.core_runner import CoreRunner
from adapters.chat.memory import ChatMemory
from adapters.persistence.state import PlatformState
from adapters.slack.delivery import Where
from adapters.slack.state import SlackState
from adapters.teams.state import TeamsState
from core.circles import Circle
from core.messages import ColourNeeded
from core.model import Actor, ChannelKey, Step
from core.service import Incoming

SLACK = ChannelKey("slack", "T1", "C1")
TEAMS = ChannelKey("msteams", "tenant-1", "19:general@thread.tacv2")
OTHER = ChannelKey("slack", "T1", "C2")
WORKSHOP_TABLES = (
    "workshops",
    "notes",
    "facilitators",
    "prerequisites",
    "agreements",
    "export_marks",
    "prerequisite_votes",
)


def say(service, text, who="anne", channel=SLACK):
    return service.handle(Incoming(channel, Actor(who, who.title()), text=text))


def state_rows(engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT namespace, key FROM platform_state")).all()
    return sorted((row[0], row[1]) for row in rows)


def count(engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()


def keep(write) -> None:
    """Runs `write(core)` as the adapters do: PlatformState on the kit's core threads."""

    async def run() -> None:
        core = CoreRunner(threads=1, name="test-keep")
        try:
            await write(core)
        finally:
            core.close()

    asyncio.run(run())


def slack_keeps(state: PlatformState, channel: ChannelKey, workshop_id: str, token: str):
    """What the Slack adapter writes for a workshop: six circle messages, their threads (the
    kit's ChatMemory), and an unanswered colour question (as its delivery calls SlackState)."""
    where = Where(channel.workspace, channel.channel, "U-BO")

    async def write(core):
        memory = ChatMemory(state, core)
        for number, circle in enumerate(Circle):
            ts = f"1700000000.{number:06d}"
            await memory.remember_circle_message(channel, workshop_id, Step.TODAY, circle, ts)
        question = ColourNeeded(Circle.HEALTHY, "Ondt i ryggen", False)
        await SlackState(state, core).put_pending(token, where, question)

    keep(write)


def teams_keeps(state: PlatformState, channel: ChannelKey, workshop_id: str):
    """What the Teams adapter writes: the channel's conversation reference (with the
    facilitator's id and name), six circle cards and their threads, a report waiting for the
    facilitator's consent, and the facilitator's own 1:1 chat reference."""
    reference = {"user": {"id": "29:anne", "name": "Anne"}, "conversation": {"id": "19:x"}}

    async def write(core):
        teams, memory = TeamsState(state, core), ChatMemory(state, core)
        await teams.remember_channel(channel, reference)
        for number, circle in enumerate(Circle):
            await memory.remember_circle_message(
                channel, workshop_id, Step.TODAY, circle, f"activity-{number}"
            )
        pending = {"user": "29:anne", "markdown": "# Vagtplan", "at": "2026-11-02T09:00:00"}
        await teams.keep_export("token-export", pending, channel=channel, workshop_id=workshop_id)
        await teams.remember_person("29:anne", {"conversation": {"id": "a:1on1"}})

    keep(write)


def test_deleting_a_workshop_deletes_its_rows_and_what_slack_kept_about_it(sql_service, engine):
    workshop = say(sql_service, "ny Vagtplan").workshop
    say(sql_service, "next")
    say(sql_service, "note sundt Ondt i ryggen", who="bo")
    say(sql_service, "note anonym sundt Lederen ringer", who="cai")
    say(sql_service, "eksport", who="bo")
    other = say(sql_service, "ny Robot", channel=OTHER).workshop
    state = PlatformState(engine)
    slack_keeps(state, SLACK, workshop.id, "token-c1")
    slack_keeps(state, OTHER, other.id, "token-c2")
    kept_elsewhere = [row for row in state_rows(engine) if "C2" in row[1] or other.id in row[1]]

    before = state_rows(engine)
    say(sql_service, "slet")
    assert state_rows(engine) == before and len(before) == 2 * (6 + 6 + 1)  # asking deletes none
    say(sql_service, "slet bekræft")

    assert say(sql_service, "status").workshop is None
    assert state_rows(engine) == sorted(kept_elsewhere + [("slack.pending_colour", "token-c2")])
    with engine.connect() as connection:
        for table in WORKSHOP_TABLES:
            left = connection.execute(
                text(f"SELECT COUNT(*) FROM {table} WHERE {_id_column(table)} = :id"),
                {"id": workshop.id},
            ).scalar()
            assert left == 0, table
    assert count(engine, "workshops") == 1  # the other channel's


def _id_column(table: str) -> str:
    return "id" if table == "workshops" else "workshop_id"


def test_deleting_a_teams_workshop_leaves_only_the_persons_own_chat_reference(sql_service, engine):
    workshop = say(sql_service, "ny Vagtplan", channel=TEAMS).workshop
    state = PlatformState(engine)
    teams_keeps(state, TEAMS, workshop.id)
    assert len(state_rows(engine)) == 1 + 6 + 6 + 1 + 1
    say(sql_service, "slet bekræft", channel=TEAMS)
    assert state_rows(engine) == [("teams.personal_ref", "29:anne")]


def test_deleting_an_earlier_workshop_keeps_what_the_open_one_needs(sql_service, engine):
    first = say(sql_service, "ny Vagtplan").workshop
    say(sql_service, "afslut")
    second = say(sql_service, "ny Robot", who="bo").workshop
    state = PlatformState(engine)
    slack_keeps(state, SLACK, first.id, "token-old")
    slack_keeps(state, SLACK, second.id, "token-open")
    open_rows = [
        row
        for row in state_rows(engine)
        if row[0] == "slack.pending_colour" or second.id in row[1] or row[0] == "chat.thread"
    ]
    say(sql_service, "slet 1 bekræft")
    assert say(sql_service, "status", who="bo").workshop.id == second.id
    left = state_rows(engine)
    assert not [row for row in left if first.id in row[1]]  # its circle messages
    assert [row for row in left if row[0] == "chat.circle_message"] == [
        row for row in open_rows if row[0] == "chat.circle_message"
    ]
    # Threads of the deleted workshop are gone, the open workshop's six stay; so do the
    # channel's unanswered questions, which belong to the open workshop's people.
    assert len([row for row in left if row[0] == "chat.thread"]) == 6
    assert ("slack.pending_colour", "token-open") in left
    assert count(engine, "workshops") == 1


def test_a_row_about_a_person_alone_is_never_touched_by_a_delete(sql_service, engine):
    state = PlatformState(engine)
    state.put("teams.personal_ref", "29:bo", "{}")
    state.put("teams.member", "29:bo", '"Bo"')
    say(sql_service, "ny Vagtplan")
    say(sql_service, "slet bekræft")
    assert state_rows(engine) == [("teams.member", "29:bo"), ("teams.personal_ref", "29:bo")]


def test_export_pacing_is_stored_so_another_process_keeps_it_too(sql_service, engine, clock):
    from adapters.persistence.store import SqlStore
    from core.service import WorkshopService
    from tests.fakes import CountingIds

    other = WorkshopService(SqlStore(engine), clock, CountingIds(count=1000))
    say(sql_service, "ny Vagtplan")
    assert say(sql_service, "eksport", who="bo").events  # the time of it is kept
    refused = say(other, "eksport", who="bo")
    assert refused.replies[0].message.key == "export_too_soon"
    assert count(engine, "export_marks") == 1
    say(sql_service, "slet bekræft")
    assert count(engine, "export_marks") == 0


def test_deleting_a_workshop_deletes_its_prerequisites_votes_and_agreements(sql_service, engine):
    say(sql_service, "ny Vagtplan")
    while say(sql_service, "status").workshop.step is not Step.PREREQUISITES:
        say(sql_service, "next")
    say(sql_service, "forudsætning før Oplæring i vagtplanen", who="cai")
    assert say(sql_service, "stem F1", who="cai").events  # a vote keeps who cast it
    assert count(engine, "prerequisite_votes") == 1
    say(sql_service, "slet bekræft")
    for table in ("prerequisite_votes", "prerequisites", "facilitators", "workshops"):
        assert count(engine, table) == 0, table
    assert say(sql_service, "status").workshop is None
