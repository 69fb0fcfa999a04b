"""Anonymity in Teams (issue 9, findings 2 and 3), through /api/messages with a fake connector.

A typed message in a channel stays there under its author's name, so an anonymous note or a
code typed there is refused privately; the card's anonymous choice is private, and its code
works from the personal chat with RASMUS. No row about the author is written around an
anonymous note, even when its receipt must go to the personal chat.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlmodel import Session, select

from adapters.persistence.tables import PlatformStateRow
from adapters.teams.state import PERSONAL_REFS
from core.model import ItemStatus
from tests.e2e.teams.activities import CHANNEL, PERSONAL_CHAT, card_submit, personal_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector

ANONYMOUS_NOTE = {"rasmus": "note", "circle": "realistic", "text": "slow screens"}


async def _today(bot: Bot) -> None:
    await bot.say("start Rostering")
    await bot.say("lang en")
    await bot.say("next")
    await bot.settle()


def _sent_since(bot: Bot, before: int) -> list:
    return [r for r in bot.connector.activities()[before:] if r.body]


def _code_in(sent) -> str:
    codes = [re.search(r"code (\w{4}-\w{4})", str(r.body)) for r in sent]
    return next(found[1] for found in codes if found)


def _state_rows(bot: Bot) -> list[PlatformStateRow]:
    with Session(bot.runtime.store.engine) as session:
        return [row.model_copy() for row in session.exec(select(PlatformStateRow)).all()]


async def test_a_typed_anonymous_note_in_a_channel_is_refused_privately_and_stores_nothing(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await _today(bot)
        before = len(bot.connector.activities())
        for typed in ("note anonymous realistic slow screens", "prereq anonymous before Training"):
            await bot.say(typed)
        await bot.settle()
        assert bot.workshop().notes == () and bot.workshop().prerequisites == ()
        sent = _sent_since(bot, before)
    assert len(sent) == 2 and all(r.query.get("isTargetedActivity") == "true" for r in sent)
    assert all(r.body["recipient"]["id"] == "29:anne" for r in sent)
    text = str(sent[0].body)
    assert "Not stored" in text and "“anonymous”" in text and "card" in text


async def test_the_card_receipt_keeps_the_code_private_and_a_typed_code_in_the_channel_is_refused(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await _today(bot)
        before = len(bot.connector.activities())
        await bot.post(card_submit({**ANONYMOUS_NOTE, "anonymous": "true"}, bot.connector.url))
        await bot.settle()
        receipt = [r for r in _sent_since(bot, before) if "code" in str(r.body)]
        assert [r.query.get("isTargetedActivity") for r in receipt] == ["true"]
        text = str(receipt[0].body)
        assert "personal chat with RASMUS" in text and "@RASMUS edit R1" in text
        code = _code_in(receipt)
        before = len(bot.connector.activities())
        await bot.say(f"withdraw R1 {code}")
        await bot.say(f"edit R1 {code} faster screens")
        await bot.settle()
        [note] = bot.workshop().notes
        assert note.status is ItemStatus.ACTIVE and note.text == "slow screens"
        refusals = _sent_since(bot, before)
    assert [r.query.get("isTargetedActivity") for r in refusals] == ["true", "true"]
    assert all("Nothing changed" in str(r.body) for r in refusals)
    assert all(code not in str(r.body) for r in refusals)


async def test_a_code_from_the_personal_chat_corrects_and_withdraws_the_note_in_the_channel(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await _today(bot)
        before = len(bot.connector.activities())
        await bot.post(card_submit({**ANONYMOUS_NOTE, "anonymous": "true"}, bot.connector.url))
        await bot.settle()
        code = _code_in(_sent_since(bot, before))
        before = len(bot.connector.activities())
        await bot.post(personal_message(f"edit R1 {code} slow, slow screens", bot.connector.url))
        await bot.settle()
        [note] = bot.workshop().notes
        assert note.text == "slow, slow screens" and note.author is None
        sent = _sent_since(bot, before)
        # The answer comes in the personal chat; the circle card in the channel is updated.
        answer = [r for r in sent if PERSONAL_CHAT in r.path and r.method == "POST"]
        assert answer and "is corrected" in str(answer[0].body)
        assert any(r.method == "PUT" and CHANNEL in r.path for r in sent)
        new_code = _code_in(answer)
        # The receipt's own button, pressed in the personal chat, works the same way.
        withdraw = card_submit(
            {"rasmus": "withdraw", "short_id": "R1", "code": new_code}, bot.connector.url
        )
        withdraw["conversation"] = personal_message("", bot.connector.url)["conversation"]
        withdraw["channelData"] = {"tenant": withdraw["channelData"]["tenant"]}
        await bot.post(withdraw)
        await bot.settle()
        assert bot.workshop().notes[0].status is ItemStatus.WITHDRAWN


async def test_no_row_about_the_author_changes_around_an_anonymous_note_sent_to_a_personal_chat(
    tmp_path,
):
    connector = FakeConnector(refuse_targeted=True, targeted_status=403)
    async with Bot(tmp_path, connector) as bot:
        await bot.post(personal_message("help", connector.url))  # a named act: remembered
        await _today(bot)
        [personal_before] = [r for r in _state_rows(bot) if r.namespace == PERSONAL_REFS]
        started = datetime.now(UTC)
        before = len(connector.received)
        await bot.post(card_submit({**ANONYMOUS_NOTE, "anonymous": "true"}, connector.url))
        await bot.settle()
        ended = datetime.now(UTC)
        [note] = bot.workshop().notes
        assert note.author is None and started <= note.created_at <= ended
        # The receipt was refused as a targeted message and went to the personal chat.
        after = connector.received[before:]
        assert any(r.query.get("isTargetedActivity") == "true" for r in after)
        assert any("a:personal-chat-with-anne" in r.path and "code" in str(r.body) for r in after)
        rows = _state_rows(bot)
    touched = [r for r in rows if started <= r.updated_at <= ended]
    assert touched == []
    [personal_after] = [r for r in rows if r.namespace == PERSONAL_REFS]
    assert personal_after == personal_before


async def test_an_anonymous_command_in_the_personal_chat_stores_no_reference_of_its_author(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await _today(bot)
        await bot.post(personal_message("note anonymous realistic slow screens", bot.connector.url))
        await bot.settle()
        assert [r for r in _state_rows(bot) if r.namespace == PERSONAL_REFS] == []
        await bot.post(personal_message("help", bot.connector.url))
        await bot.settle()
        assert [r.key for r in _state_rows(bot) if r.namespace == PERSONAL_REFS] == ["29:anne"]
