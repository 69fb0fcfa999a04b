"""Editing or deleting a Teams message that became a note corrects or withdraws the note."""

from __future__ import annotations

from core.model import ItemStatus
from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector


async def open_today(bot: Bot) -> None:
    await bot.say("start Rostering")
    await bot.say("next")
    await bot.settle()


def changed(activity: dict, kind: str, text: str | None = None) -> dict:
    return {**activity, "type": kind, **({"text": text} if text is not None else {})}


async def test_editing_a_note_command_keeps_only_the_new_note_text(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        message = channel_message("note realistic slow screens", bot.connector.url)
        await bot.post(message)
        await bot.post(
            changed(
                message, "messageUpdate", "<at>RASMUS</at> note realistic slow screens at night"
            )
        )
        await bot.settle()
        assert [n.text for n in bot.workshop().notes] == ["slow screens at night"]


async def test_deleting_the_message_withdraws_its_note_and_updates_the_counts(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        message = channel_message("note realistic slow screens", bot.connector.url)
        await bot.post(message)
        await bot.settle()
        before = len(bot.connector.activities())
        await bot.post(changed(message, "messageDelete"))
        await bot.settle()
        assert bot.workshop().notes[0].status is ItemStatus.WITHDRAWN
        assert any(r.method == "PUT" for r in bot.connector.activities()[before:])


async def test_editing_or_deleting_an_ordinary_command_changes_nothing(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        message = channel_message("board", bot.connector.url)
        await bot.post(message)
        await bot.settle()
        before = len(bot.connector.activities())
        await bot.post(changed(message, "messageUpdate", "<at>RASMUS</at> status"))
        await bot.post(changed(message, "messageDelete"))
        await bot.settle()
        assert bot.workshop().notes == () and len(bot.connector.activities()) == before


async def test_someone_else_deleting_a_message_does_not_withdraw_its_authors_note(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        message = channel_message("note realistic slow screens", bot.connector.url)
        await bot.post(message)
        other = {**changed(message, "messageDelete"), "from": {"id": "29:bo", "name": "Bo"}}
        await bot.post(other)
        await bot.settle()
        assert bot.workshop().notes[0].status is ItemStatus.ACTIVE


async def test_when_the_database_fails_the_person_is_told_nothing_was_stored(tmp_path):
    from sqlalchemy import text

    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        with bot.runtime.store.engine.begin() as connection:
            connection.execute(text("DROP TABLE notes"))  # a real failure, not a mock
        before = len(bot.connector.activities())
        await bot.say("note realistic slow screens")
        await bot.settle()
        said = [r.body.get("text") or "" for r in bot.connector.activities()[before:]]
        assert any("intet blev gemt" in s and "nothing was stored" in s for s in said), said
        assert not any("Traceback" in s or "Exception" in s for s in said)
