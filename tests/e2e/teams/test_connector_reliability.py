"""Calls to the Bot Framework connector: retried as Microsoft advises, never blocking the turn.

What a turn still sends itself (the welcome on install, the file consent answer) is retried in
place; replies leave later through the outbox and the dispatcher (test_durable_turns.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from adapters.teams.retry import RetryPolicy, retry_after_seconds
from tests.e2e.teams.activities import card_submit, installed
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector


async def test_a_throttled_send_in_a_turn_waits_as_long_as_retry_after_says_then_goes_through(
    tmp_path,
):
    connector = FakeConnector(troubles=[(429, {"Retry-After": "2"})])
    async with Bot(tmp_path, connector) as bot:
        await bot.post(installed(connector.url))  # the welcome is sent in the turn
    assert bot.sleeps == [2.0]
    sends = connector.activities()
    assert len(sends) == 2 and sends[0].body == sends[1].body  # the same reply, sent again


async def test_server_errors_back_off_exponentially_with_jitter_and_stop_at_the_limit(tmp_path):
    connector = FakeConnector(troubles=[(503, {})] * 10)
    async with Bot(tmp_path, connector, attempts=4, base_delay=0.5) as bot:
        await bot.post(installed(connector.url))  # the turn survives a connector that fails
    # jitter 0.5 puts each wait at 75 % of its exponential ceiling: 0.5, 1, 2 seconds.
    assert bot.sleeps == [0.375, 0.75, 1.5]
    assert len(connector.activities()) == 4


def test_backoff_stays_between_half_and_all_of_a_ceiling_that_is_capped():
    low = RetryPolicy(base_delay=1, max_delay=8, jitter=lambda: 0.0)
    high = RetryPolicy(base_delay=1, max_delay=8, jitter=lambda: 1.0)
    assert [low.backoff(n) for n in range(5)] == [0.5, 1, 2, 4, 4]
    assert [high.backoff(n) for n in range(5)] == [1, 2, 4, 8, 8]


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    now = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=30)), now) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


async def test_a_retry_after_beyond_the_cap_is_capped_and_client_errors_are_not_retried(tmp_path):
    connector = FakeConnector(troubles=[(429, {"Retry-After": "3600"}), (404, {})])
    async with Bot(tmp_path, connector, max_delay=20) as bot:
        await bot.post(installed(connector.url))
    assert bot.sleeps == [20]
    welcomes = connector.activities()
    assert len(welcomes) == 2  # the 429 retried once, the 404 not at all


async def test_a_turn_answers_in_time_while_slow_channel_posts_run_after_it(tmp_path):
    connector = FakeConnector(delay=0.3)
    async with Bot(tmp_path, connector) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        before = len(connector.activities())
        took = await bot.say("next")  # a step card and six circle cards: 7 posts of 0.3 s
        assert took < 1.0
        await bot.settle()
    assert len(connector.activities()) - before == 7


async def test_a_duplicated_activity_stores_one_note_and_answers_once(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.say("next")
        await bot.settle()
        before = len(bot.connector.activities())
        for _ in range(2):
            await bot.say("note realistic slow screens", activity_id="1700000000123")
        await bot.settle()
        workshop = bot.runtime.service.workshops_of("msteams", "19:team@thread.tacv2", "29:anne")[0]
    assert [n.text for n in workshop.notes] == ["slow screens"]
    assert len(bot.connector.activities()) - before == 2  # one receipt, one count update


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_every_transient_server_error_is_retried(tmp_path, status):
    connector = FakeConnector(troubles=[(status, {})])
    async with Bot(tmp_path, connector) as bot:
        await bot.say("help")
    assert len(connector.activities()) == 2


async def test_where_teams_refuses_targeted_messages_receipts_go_to_a_personal_chat(tmp_path):
    connector = FakeConnector(refuse_targeted=True)
    async with Bot(tmp_path, connector) as bot:
        await bot.say("start Rostering")
        await bot.say("next")
        await bot.settle()
        before = len(connector.received)
        anonymous = {"rasmus": "note", "circle": "realistic", "text": "slow screens"}
        await bot.post(card_submit({**anonymous, "anonymous": "true"}, connector.url))
        await bot.settle()
    after = connector.received[before:]
    # The note also shows on its circle's card (updated in place, by PUT); receipts are posted.
    receipts = [r for r in after if "slow screens" in str(r.body) and r.method == "POST"]
    assert [r.query.get("isTargetedActivity") for r in receipts] == ["true", None]
    assert "a:personal-chat-with-anne" in receipts[1].path  # private still, never the channel
    assert any(r.path.rstrip("/").endswith("/v3/conversations") for r in after)
