"""Signatures, retries, rate limits, escaping and Block Kit limits, through the running server."""

from __future__ import annotations

import json
import logging
import time

import aiohttp
from aiohttp import web

from adapters.chat.memory import CIRCLE_MESSAGES, THREADS
from adapters.slack.state import PENDING
from bot.runtime import build_runtime
from bot.server import build_web_app
from core.model import Actor, ChannelKey, ItemStatus
from core.service import Incoming
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import (
    CHANNEL,
    SIGNING_SECRET,
    RunningServer,
    SlackSays,
    slack_settings,
)

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"


async def _start_today(slack, fake):
    await slack.command(ANNE, "start Robotstøvsuger")
    await slack.command(ANNE, "next")
    return fake.posted_with_block("circle_realistic").response["ts"]


def _button(call, action_id: str) -> dict:
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} in {call.method}")


async def test_a_forged_signature_gets_401_and_nothing_is_stored(slack, fake_slack):
    request = sr.slash_command("start Forged", ANNE, CHANNEL, "not-the-signing-secret")
    response = await slack.send(request)
    assert response.status == 401
    await slack.server.drain()
    assert slack.workshop() is None
    assert not fake_slack.calls_to("chat.postMessage")


async def test_a_request_older_than_five_minutes_gets_401_and_nothing_is_stored(slack, fake_slack):
    stale = int(time.time()) - 6 * 60
    request = sr.slash_command("start Replayed", ANNE, CHANNEL, SIGNING_SECRET, timestamp=stale)
    response = await slack.send(request)
    assert response.status == 401
    await slack.server.drain()
    assert slack.workshop() is None


async def test_slack_retries_and_duplicate_deliveries_store_a_reply_once(slack, fake_slack):
    thread_ts = await _start_today(slack, fake_slack)
    reply = sr.thread_reply(CARL, CHANNEL, "Den larmer", slack.next_ts(), thread_ts)
    first = await slack.event(reply, event_id="EvFIRST")
    retry = await slack.event(reply, event_id="EvFIRST", retry_num=1)
    again = await slack.event(reply, event_id="EvOTHER")  # same message, another subscription
    assert (first.status, retry.status, again.status) == (200, 200, 200)
    assert [n.text for n in slack.workshop().notes] == ["Den larmer"]
    receipts = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == CARL]
    assert len(receipts) == 1


async def test_a_rate_limited_web_api_call_is_waited_out_and_nothing_is_lost(slack, fake_slack):
    fake_slack.rate_limit("chat.postMessage", times=2, retry_after=1)
    started = time.monotonic()
    await slack.command(ANNE, "start Robotstøvsuger", settle=False)
    posted = await fake_slack.wait_for_calls("chat.postMessage", 2, timeout=10)
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert len(fake_slack.calls_to("chat.postMessage:429")) == 2
    texts = [c.params["text"] for c in posted]
    assert any("Robotstøvsuger" in text for text in texts)


async def test_people_cannot_ping_link_or_format_through_a_note(slack, fake_slack):
    thread_ts = await _start_today(slack, fake_slack)
    nasty = (
        "Hej <!channel> <!here> @here @channel <@UANNE> <!subteam^S0TEAM> "
        "<https://evil.example|klik her> *fed* _skrå_ ~streg~ `kode`"
    )
    # Slack sends the reply with &, <, > escaped, exactly as typed by the person.
    escaped = nasty.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    fake_slack.forget()
    await slack.event(sr.thread_reply(CARL, CHANNEL, escaped, slack.next_ts(), thread_ts))
    assert slack.workshop().notes[-1].text == nasty
    await slack.command(CARL, "tavle")
    sent = [c for c in fake_slack.calls if c.method.startswith(("chat.", "views."))]
    assert sent
    for call in sent:
        everything = call.text_everywhere()
        for forbidden in (
            "<!channel>",
            "<!here>",
            "<@UANNE>",
            "<!subteam",
            "<https://evil",
            "@here",
            "@channel",
            "*fed*",
            "_skrå_",
            "~streg~",
            "`kode`",
        ):
            assert forbidden not in everything, (forbidden, call.method)
    assert "&lt;!channel&gt;" in json.dumps([c.params for c in sent])


async def test_a_long_board_is_split_into_messages_within_block_kit_limits(
    slack, fake_slack, server
):
    await _start_today(slack, fake_slack)
    service = server.runtime.service
    key = ChannelKey("slack", sr.TEAM_ID, CHANNEL)
    for number in range(120):
        text = f"note {number} " + "lang tekst " * 150
        service.handle(Incoming(key, Actor(BO, "Bo"), text=f"note realistisk {text}"))
    fake_slack.forget()
    await slack.command(BO, "tavle")
    board = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO]
    assert len(board) >= 2
    for call in board:
        blocks = call.params["blocks"]
        assert len(blocks) <= 50
        for block in blocks:
            assert len(block.get("text", {}).get("text", "")) <= 3000
    shown = "".join(b["text"]["text"] for c in board for b in c.params["blocks"] if "text" in b)
    assert "note 0 " in shown and "note 119 " in shown


async def test_authors_correct_and_withdraw_an_anonymous_note_from_its_receipt(slack, fake_slack):
    realistic_ts = await _start_today(slack, fake_slack)
    assert realistic_ts
    fake_slack.forget()
    await slack.command(BO, "note anonym realistisk Skærmen er for lille")
    receipt = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO][0]
    correct = _button(receipt, "rasmus_correct_item")
    fake_slack.forget()
    await slack.click(BO, "rasmus_correct_item", correct["value"], ephemeral=True)
    view = fake_slack.calls_to("views.open")[0].params["view"]
    assert "Skærmen er for lille" in json.dumps(view, ensure_ascii=False)
    fake_slack.forget()
    values = {"text": {"value": {"type": "plain_text_input", "value": "Skærmen er for mørk"}}}
    await slack.submit(BO, view, values)
    note = slack.workshop().notes[-1]
    assert note.text == "Skærmen er for mørk" and note.author is None
    # A correction gives a fresh code; the new receipt's buttons carry it.
    receipt = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO][-1]
    withdraw = _button(receipt, "rasmus_withdraw_item")
    await slack.click(BO, "rasmus_withdraw_item", withdraw["value"], ephemeral=True)
    assert slack.workshop().notes[-1].status is ItemStatus.WITHDRAWN


async def test_the_server_answers_health_and_says_slack_is_active(server, slack):
    async with slack.session.get(server.url + "/healthz") as response:
        assert response.status == 200
    slack_status = [s for s in server.statuses if s.name == "Slack"][0]
    assert slack_status.active and "/slack/events" in slack_status.reason


async def test_a_note_modal_without_a_colour_stays_open_with_an_error_and_stores_nothing(
    slack, fake_slack
):
    await _start_today(slack, fake_slack)
    await slack.command(ANNE, "next")  # expectations
    circle = fake_slack.posted_with_block("circle_meaningful")
    fake_slack.forget()
    await slack.click(BO, "rasmus_add_note", _button(circle, "rasmus_add_note")["value"])
    view = fake_slack.calls_to("views.open")[0].params["view"]
    values = {
        "text": {"value": {"type": "plain_text_input", "value": "Uden farve"}},
        "colour": {"value": {"type": "radio_buttons", "selected_option": None}},
    }
    answer = await slack.submit(BO, view, values)
    assert answer["response_action"] == "errors" and "colour" in answer["errors"]
    assert not slack.workshop().notes


async def test_a_reply_under_an_earlier_steps_circle_is_refused_privately(slack, fake_slack):
    today_ts = await _start_today(slack, fake_slack)
    await slack.command(ANNE, "next")
    fake_slack.forget()
    await slack.event(sr.thread_reply(CARL, CHANNEL, "+ for sent", slack.next_ts(), today_ts))
    assert not slack.workshop().notes
    told = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == CARL]
    assert len(told) == 1 and not fake_slack.calls_to("chat.postMessage")


async def test_in_a_public_channel_without_an_invite_the_bot_joins_and_posts(slack, fake_slack):
    fake_slack.not_joined.add(CHANNEL)
    await slack.command(ANNE, "start Robotstøvsuger")
    assert fake_slack.calls_to("conversations.join")
    assert any(
        "Robotstøvsuger" in c.params["text"]
        for c in fake_slack.calls_to("chat.postMessage")
        if c.response.get("ok")
    )


async def test_the_ack_does_not_wait_for_slow_work_after_it(slack, fake_slack):
    fake_slack.delays["chat.postMessage"] = 2.5  # Slack's side is slow today
    started = time.monotonic()
    response = await slack.command(ANNE, "start Robotstøvsuger", settle=False)
    assert response.status == 200 and time.monotonic() - started < 1.0
    posted = await fake_slack.wait_for_calls("chat.postMessage", 2, timeout=10)
    assert any("Robotstøvsuger" in c.params["text"] for c in posted)


async def test_deleting_the_workshop_also_forgets_what_slack_kept_about_it(
    slack, fake_slack, server
):
    await _start_today(slack, fake_slack)
    await slack.command(ANNE, "next")  # expectations
    await slack.command(BO, "note meningsfyldt Uden farve")  # waits for green or red
    state = server.runtime.state
    assert state.items(THREADS) and state.items(CIRCLE_MESSAGES) and state.items(PENDING)
    fake_slack.forget()
    await slack.command(ANNE, "slet")
    confirm = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == ANNE]
    await slack.click(
        ANNE,
        "rasmus_confirm_delete",
        _button(confirm[-1], "rasmus_confirm_delete")["value"],
        ephemeral=True,
    )
    assert slack.workshop() is None
    assert not (state.items(THREADS) or state.items(CIRCLE_MESSAGES) or state.items(PENDING))


async def test_an_anonymous_note_leaves_no_trace_of_its_text_or_author_in_the_logs(
    tmp_path, fake_slack, caplog
):
    caplog.set_level(logging.DEBUG)  # even a server started with LOG_LEVEL=DEBUG
    runtime = build_runtime(slack_settings(tmp_path, fake_slack.base_url))
    app, _ = build_web_app(runtime)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    try:
        async with aiohttp.ClientSession() as session:
            slack = SlackSays(RunningServer(url, runtime, [], app), fake_slack, session)
            await _start_today(slack, fake_slack)
            await slack.command(BO, "note anonym sundt Lederen ringer på fridage")
        assert slack.workshop().notes[-1].author is None
    finally:
        await runner.cleanup()
        runtime.close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Lederen ringer" not in logged
    assert BO not in logged


async def test_when_the_database_fails_the_person_is_told_nothing_was_stored(slack, fake_slack):
    from sqlalchemy import text

    await _start_today(slack, fake_slack)
    with slack.server.runtime.store.engine.begin() as connection:
        connection.execute(text("DROP TABLE notes"))  # a real failure, not a mock
    before = len(fake_slack.calls_to("chat.postEphemeral"))
    response = await slack.command(CARL, "note sundt Den larmer", settle=False)
    assert response.status == 200  # Slack got its ack; the failure came after it
    await fake_slack.wait_for_calls("chat.postEphemeral", before + 1, timeout=10)
    await slack.server.drain()
    told = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == CARL]
    assert [c.params["text"] for c in told] == [
        "Noget gik galt hos mig, så intet blev gemt. Prøv igen om lidt."
    ]
