"""Upgrading a database from before 0006_gone: its workshops get numbers per channel, and the
platform state the adapters wrote before learns what it is about, so a delete finds it."""

import json

from alembic import command
from sqlalchemy import text

from adapters.persistence.database import alembic_config
from adapters.persistence.store import SqlStore
from core.model import Actor, ChannelKey
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, SteppingClock

SLACK = ChannelKey("slack", "T1", "C1")
TEAMS = ChannelKey("msteams", "tenant-1", "19:general@thread.tacv2")
WORKSHOP = (
    "INSERT INTO workshops (id, platform, workspace, channel, technology, started_by_id, "
    "started_by_name, created_at, step, language, timezone, closed_at, version) VALUES (:id, "
    ":platform, :workspace, :channel, :technology, 'anne', 'Anne', :created_at, :step, 'da', "
    "'Europe/Copenhagen', :closed_at, 0)"
)


def _workshop(connection, wid, channel, technology, day, closed):
    connection.execute(
        text(WORKSHOP),
        {
            "id": wid,
            "platform": channel.platform,
            "workspace": channel.workspace,
            "channel": channel.channel,
            "technology": technology,
            "created_at": f"2026-11-0{day} 09:00:00+00:00",
            "step": "closed" if closed else "intro",
            "closed_at": f"2026-11-0{day} 12:00:00+00:00" if closed else None,
        },
    )
    connection.execute(
        text("INSERT INTO facilitators (workshop_id, user_id, position) VALUES (:id, 'anne', 0)"),
        {"id": wid},
    )


def _state(connection, namespace, key, value):
    connection.execute(
        text(
            "INSERT INTO platform_state (namespace, key, value, updated_at) "
            "VALUES (:n, :k, :v, '2026-11-01 09:00:00+00:00')"
        ),
        {"n": namespace, "k": key, "v": json.dumps(value)},
    )


def test_old_workshops_are_numbered_and_old_state_is_deleted_with_its_workshop(engine):
    config = alembic_config(engine)
    command.downgrade(config, "0004_wall")
    with engine.begin() as connection:
        _workshop(connection, "a" * 32, SLACK, "Vagtplan", 1, closed=True)
        _workshop(connection, "b" * 32, SLACK, "Robot", 2, closed=False)
        _workshop(connection, "c" * 32, TEAMS, "Teams-app", 3, closed=False)
        b, c = "b" * 32, "c" * 32
        # As the shared kit (adapters.chat.memory) and the Slack/Teams state wrote them.
        _state(connection, "chat.circle_message", f"slack|{b}|today|healthy", {"w": "T1"})
        _state(connection, "chat.thread", "slack|T1|C1|17.01", {"w": b, "c": "healthy"})
        _state(connection, "slack.pending_colour", "tok", {"team": "T1", "channel": "C1"})
        place = f"{TEAMS.workspace}|{TEAMS.channel}"
        _state(connection, "teams.channel_ref", place, {"user": {"name": "Anne"}})
        _state(connection, "chat.circle_message", f"msteams|{c}|today|healthy", {"id": "a"})
        _state(connection, "chat.thread", f"msteams|{place}|act-1", {"w": c, "c": "healthy"})
        # A report waiting for consent says nothing of its workshop: it goes at the upgrade.
        _state(connection, "teams.export", "offer", {"user": "29:anne", "markdown": "# x"})
        _state(connection, "teams.personal_ref", "29:anne", {})
    command.upgrade(config, "head")

    with engine.connect() as connection:
        numbers = dict(connection.execute(text("SELECT technology, number FROM workshops")).all())
    assert numbers == {"Vagtplan": 1, "Robot": 2, "Teams-app": 1}

    service = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    for channel in (SLACK, TEAMS):
        service.handle(Incoming(channel, Actor("anne", "Anne"), text="slet bekræft"))
    with engine.connect() as connection:
        left = connection.execute(text("SELECT namespace FROM platform_state")).scalars().all()
    assert left == ["teams.personal_ref"]
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT technology FROM workshops")).scalars().all()
    assert kept == ["Vagtplan"]  # closed, in the Slack channel: not asked to go
