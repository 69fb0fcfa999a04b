"""A captured signed request does its work once, however often and by whichever process it is
received again; a button click does its work once, even when it arrives again re-signed."""

from __future__ import annotations

import sqlite3
import time

import aiohttp
from aiohttp import web

from adapters.slack import render
from bot.runtime import build_runtime
from bot.server import PLATFORMS_KEY, build_web_app
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL, SIGNING_SECRET, slack_settings

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"


def _button(call, action_id: str) -> dict:
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} in {call.method}")


async def _start_today(slack, fake):
    await slack.command(ANNE, "start Robotstøvsuger")
    await slack.command(ANNE, "next")
    return fake.posted_with_block("circle_realistic")


async def _second_process(tmp_path, fake_slack):
    """Another server on the same database, as a second web process behind a load balancer."""
    runtime = build_runtime(slack_settings(tmp_path, fake_slack.base_url))
    app, _ = build_web_app(runtime)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runtime, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


async def _drain_slack(app: web.Application) -> None:
    for platform in app[PLATFORMS_KEY]:
        if platform.name == "Slack":
            await platform.drain()


async def test_a_captured_slash_command_sent_three_times_stores_one_note(
    slack, fake_slack, tmp_path, monkeypatch
):
    await _start_today(slack, fake_slack)
    captured = sr.slash_command("note sundt Den larmer", CARL, CHANNEL, SIGNING_SECRET)
    first = await slack.send(captured)
    again = await slack.send(captured)
    await slack.server.drain()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 60)  # a minute later: still valid
    runner, runtime, url = await _second_process(tmp_path, fake_slack)
    try:
        async with aiohttp.ClientSession() as session:
            async with session.post(
                url + "/slack/events", data=captured.body, headers=captured.headers
            ) as later:
                assert later.status == 200
        await _drain_slack(runner.app)
    finally:
        await runner.cleanup()
        runtime.close()
    assert first.status == 200 and again.status == 200
    assert [note.text for note in slack.workshop().notes] == ["Den larmer"]


async def test_a_delete_confirmation_clicked_twice_deletes_once_and_answers_once(
    slack, fake_slack, server
):
    await _start_today(slack, fake_slack)
    await slack.command(ANNE, "slet")
    confirm = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == ANNE]
    value = _button(confirm[-1], render.CONFIRM_DELETE)["value"]
    click = sr.block_action(
        render.CONFIRM_DELETE, value, ANNE, CHANNEL, SIGNING_SECRET, ephemeral=True
    )
    fake_slack.forget()
    assert (await slack.send(click)).status == 200
    await slack.server.drain()
    assert slack.workshop() is None
    answered = len(fake_slack.calls)
    assert answered > 0
    await slack.command(ANNE, "start Ny teknologi")  # a new workshop the repeat must not touch
    after_start = len(fake_slack.calls)
    resigned_headers = dict(click.headers)
    resigned_headers.update(sr.sign(click.body.decode(), SIGNING_SECRET, int(time.time()) + 1))
    for headers in (click.headers, resigned_headers):  # the same request, then re-signed
        assert (await slack.send(sr.SignedRequest(click.body, headers))).status == 200
    await slack.server.drain()
    assert len(fake_slack.calls) == after_start  # no second answer
    assert slack.workshop() is not None and slack.workshop().technology == "Ny teknologi"


async def test_two_separate_clicks_on_the_same_button_each_open_the_form(slack, fake_slack):
    circle = await _start_today(slack, fake_slack)
    value = _button(circle, render.ADD_NOTE)["value"]
    ts = circle.response["ts"]
    for _ in range(2):  # each real click has its own trigger and moment
        await slack.click(BO, render.ADD_NOTE, value, message_ts=ts)
    assert len(fake_slack.calls_to("views.open")) == 2


async def test_a_command_the_database_did_not_take_is_stored_when_sent_again_as_it_was(
    slack, fake_slack
):
    await _start_today(slack, fake_slack)
    captured = sr.slash_command("note sundt Den larmer", CARL, CHANNEL, SIGNING_SECRET)
    path = slack.server.runtime.store.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)  # another process, writing for long
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert (await slack.send(captured)).status == 503  # Slack shows Carl it failed
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Nothing was stored, so nothing marks the request as seen: the same request, sent again
    # (Carl runs the command again from his history), is stored.
    assert (await slack.send(captured)).status == 200
    await slack.server.drain()
    assert [note.text for note in slack.workshop().notes] == ["Den larmer"]
    assert (await slack.send(captured)).status == 200  # and a third time is a repeat
    await slack.server.drain()
    assert [note.text for note in slack.workshop().notes] == ["Den larmer"]


async def test_a_colour_chosen_while_the_database_is_busy_can_be_chosen_again(slack, fake_slack):
    await _start_today(slack, fake_slack)
    await slack.command(ANNE, "næste")  # expectations: an unmarked reply asks green or red
    meaningful_ts = fake_slack.posted_with_block("circle_meaningful").response["ts"]
    await slack.event(sr.thread_reply(BO, CHANNEL, "Mindre papir", slack.next_ts(), meaningful_ts))
    asked = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO]
    green = _button(asked[-1], "rasmus_choose_green")["value"]
    path = slack.server.runtime.store.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)  # another process, writing for long
    holder.execute("BEGIN EXCLUSIVE")
    try:
        click = sr.block_action("rasmus_choose_green", green, BO, CHANNEL, SIGNING_SECRET)
        assert (await slack.send(click)).status == 503  # Slack shows Bo that it failed
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    await slack.click(BO, "rasmus_choose_green", green, ephemeral=True)  # Bo clicks again
    await slack.click(BO, "rasmus_choose_green", green, ephemeral=True)  # and once more
    notes = [n for n in slack.workshop().notes if n.text == "Mindre papir"]
    assert len(notes) == 1 and notes[0].colour.value == "green"
