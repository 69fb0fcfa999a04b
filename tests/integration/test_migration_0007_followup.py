"""Upgrading a database from before 0007_followup: every workshop keeps what it had (nothing is
copied or cascaded away) and reads back with the follow-up's defaults."""

from alembic import command
from sqlalchemy import text

from adapters.persistence.database import alembic_config
from adapters.persistence.store import SqlStore
from core.model import ChannelKey, FollowUpSettings

CHANNEL = ChannelKey("slack", "T1", "C1")
WID = "a" * 32


def _old_rows(connection):
    connection.execute(
        text(
            "INSERT INTO workshops (id, platform, workspace, channel, technology, started_by_id, "
            "started_by_name, created_at, step, language, timezone, version, show_names, number) "
            "VALUES (:id, 'slack', 'T1', 'C1', 'Vagtplan', 'anne', 'Anne', "
            "'2026-11-01 09:00:00+00:00', 'agreements', 'da', 'Europe/Copenhagen', 3, :yes, 1)"
        ),
        {"id": WID, "yes": True},
    )
    connection.execute(
        text("INSERT INTO facilitators (workshop_id, user_id, position) VALUES (:id, 'anne', 0)"),
        {"id": WID},
    )
    connection.execute(
        text(
            "INSERT INTO notes (id, workshop_id, short_id, circle, colour, step, text, status, "
            "created_at) VALUES ('n1', :id, 'SS1', 'healthy', 'red', 'expectations', 'Fejl', "
            "'active', '2026-11-01 09:05:00+00:00')"
        ),
        {"id": WID},
    )
    connection.execute(
        text(
            "INSERT INTO agreements (id, workshop_id, short_id, owner, due, what, author_id, "
            "author_name, status, created_at) VALUES ('a1', :id, 'AF1', '<@U9>', '2027-03-01', "
            "'Evaluering', 'anne', 'Anne', 'active', '2026-11-01 09:10:00+00:00')"
        ),
        {"id": WID},
    )


def test_workshops_from_before_keep_everything_and_get_the_follow_up_defaults(engine):
    config = alembic_config(engine)
    command.downgrade(config, "0006_gone")
    with engine.begin() as connection:
        _old_rows(connection)
    command.upgrade(config, "head")

    with SqlStore(engine).unit(CHANNEL) as unit:
        workshop = unit.workshop
    assert workshop.facilitators == ("anne",)
    assert [(n.short_id, n.actionable) for n in workshop.notes] == [("SS1", False)]
    assert workshop.agreements[0].done_at is None and workshop.agreements[0].checkin is None
    assert workshop.followup == FollowUpSettings()
    assert workshop.checkins_after_end is True
    assert (workshop.checkins, workshop.answers, workshop.learnings, workshop.sent) == (
        (),
        (),
        (),
        (),
    )
    assert workshop.step_opened_at is None


def test_the_follow_up_revision_can_be_taken_back_and_applied_again(engine):
    config = alembic_config(engine)
    command.downgrade(config, "0006_gone")
    with engine.connect() as connection:
        tables = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                    if engine.dialect.name == "sqlite"
                    else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            )
        }
    assert "checkins" not in tables and "sent_keys" not in tables
    command.upgrade(config, "head")
    with SqlStore(engine).unit(CHANNEL) as unit:
        assert unit.workshop is None
