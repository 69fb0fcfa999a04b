"""A Teams turn is answered only once its request is stored; replies leave later through the
outbox and the dispatcher, which waits out a throttled connector and shows nothing twice."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter

from core.texts import t
from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector


def inbox_rows(bot: Bot) -> int:
    """Counted on a connection of its own: only what was committed is seen."""
    connection = sqlite3.connect(bot.runtime.store.engine.url.database)
    try:
        return connection.execute("SELECT count(*) FROM inbox").fetchone()[0]
    finally:
        connection.close()


def bodies(sent) -> Counter:
    return Counter(repr(r.body.get("attachments") or r.body.get("text")) for r in sent)


async def test_a_turn_is_answered_only_after_its_request_is_committed_to_the_inbox(tmp_path):
    async with Bot(tmp_path, FakeConnector(), work=False) as bot:  # nobody decides meanwhile
        assert inbox_rows(bot) == 0
        status = await bot.post_for_status(channel_message("start Rostering", bot.connector.url))
        stored = inbox_rows(bot)
    assert status in (200, 202)
    assert stored == 1


async def test_when_the_database_cannot_take_a_turn_it_is_not_answered_ok_and_the_person_is_told(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        before = len(bot.connector.activities())
        writer = sqlite3.connect(bot.runtime.store.engine.url.database, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another writer holds the database
        try:
            status = await bot.post_for_status(
                channel_message("status", bot.connector.url, activity_id="1700000000999")
            )
        finally:
            writer.close()
        told = [r.body.get("text", "") for r in bot.connector.activities()[before:]]
        stored = inbox_rows(bot)
        # Sent again once the database is free: taken, decided and answered as usual.
        again = await bot.post_for_status(
            channel_message("status", bot.connector.url, activity_id="1700000000999")
        )
        await bot.settle()
        answered = bot.connector.shown()[before + 1 :]
    assert status == 503  # our storage failed: never an "OK" for something not stored
    assert stored == 0
    assert told == [t("something_wrong", "da") + "\n\n" + t("something_wrong", "en")]
    assert again in (200, 202) and len(answered) == 1


async def test_a_throttled_reply_waits_out_retry_after_in_the_dispatcher_and_is_shown_once(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        before = len(bot.connector.received)
        bot.connector.troubles = [(429, {"Retry-After": "1"})]
        await bot.say("help")
        await bot.settle()
        tries = [r for r in bot.connector.received[before:] if "/activities" in r.path]
    throttled, shown = tries
    assert (throttled.status, shown.status) == (429, 200)
    assert bodies([throttled]) == bodies([shown])  # the same reply, sent again
    assert shown.at - throttled.at >= 1.0  # after the Retry-After, not before
    assert bot.sleeps == []  # waited in the outbox, holding no connection and no turn


async def test_server_errors_on_the_posts_of_a_new_step_are_retried_and_no_card_is_doubled(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        before = len(bot.connector.received)
        bot.connector.troubles = [(503, {}), (502, {}), (429, {"Retry-After": "0.2"})]
        await bot.say("next")  # the step's card and six circle cards: seven replies
        await bot.settle()
        sent = [r for r in bot.connector.received[before:] if "/activities" in r.path]
    shown = [r for r in sent if r.status == 200]
    assert len(sent) - len(shown) == 3  # each trouble answered once ...
    assert len(shown) == 7  # ... and every card shown,
    assert set(bodies(shown).values()) == {1}  # each exactly once


async def test_an_unreachable_connector_is_backed_off_and_the_reply_shown_once_it_answers(
    tmp_path,
):
    connector = FakeConnector()
    async with Bot(tmp_path, connector) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        port = connector.port
        await connector.stop()  # connection refused
        await bot.say("help")
        await _until(lambda: bot.background.dispatcher.retried >= 1)
        await connector.start(port)
        bot.background.dispatcher.notify()
        await bot.settle()
    assert bot.background.dispatcher.retried >= 1
    assert len([r for r in connector.shown() if r.query.get("isTargetedActivity")]) == 1


async def _until(condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_every_later_send_shares_one_pooled_connector_session(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.say("next")
        await bot.settle()
        pool = bot.platform.sdk.pool
        opened = pool.sessions_opened
        for n in range(10):
            await bot.say(f"note realistic slow screens {n}", user=(f"29:p{n}", f"P{n}"))
        await bot.settle()
        shown = len(bot.connector.shown())
    assert shown >= 7 + 10  # the step's posts, and a receipt for each note
    # One session for the turns' own answers (retrying in place) and one for every later
    # send, opened once: none per turn or per reply.
    assert opened <= 3 and pool.sessions_opened == opened
