"""The durable path end to end over HTTP: requests decided in the order they arrived, one
channel's locked table holding back no other channel, and the fake Slack's 429s and 5xx
waited out by the dispatcher with nothing sent twice."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
import uuid

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

from adapters.persistence.database import create_database_engine
from bot.runtime import build_runtime
from bot.server import build_web_app, drain
from core.model import ChannelKey, Step
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL, SIGNING_SECRET, SlackSays, slack_settings

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"


async def test_a_note_sent_5_ms_after_next_is_decided_after_it_and_accepted(slack, fake_slack):
    await slack.command(ANNE, "start Robotstøvsuger")
    next_step = asyncio.create_task(slack.command(ANNE, "next", settle=False))
    await asyncio.sleep(0.005)
    await slack.command(BO, "note sundt Den larmer om natten", settle=False)
    await next_step
    await slack.server.drain()
    workshop = slack.workshop()
    assert workshop.step is Step.TODAY
    assert [note.text for note in workshop.notes] == ["Den larmer om natten"]
    told_bo = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO]
    assert len(told_bo) == 1 and "Den larmer om natten" in str(told_bo[0].params)


async def test_a_note_that_holds_the_word_payload_is_stored_and_answered(slack, fake_slack):
    # Bolt's own reading of a form body takes any body with "payload" in it for an
    # interactive one, and a slash command's text then came out empty: no note, no answer.
    await slack.command(ANNE, "start Robotstøvsuger")
    await slack.command(ANNE, "next")
    await slack.command(BO, "note sundt Hver payload til robotten tager en time")
    assert [n.text for n in slack.workshop().notes] == ["Hver payload til robotten tager en time"]
    told_bo = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == BO]
    assert len(told_bo) == 1 and "Hver payload til robotten" in str(told_bo[0].params)


async def test_a_429_and_a_503_from_slack_are_waited_out_and_nothing_is_sent_twice(
    slack, fake_slack
):
    await slack.command(ANNE, "start Robotstøvsuger")
    await slack.command(ANNE, "next")
    fake_slack.forget()
    fake_slack.rate_limit("chat.postEphemeral", times=1, retry_after=1)
    started = time.monotonic()
    await slack.command(BO, "note sundt Første", settle=False)
    await slack.command(CARL, "note sundt Anden", settle=False)
    await slack.server.drain()
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    fake_slack.fail("chat.postEphemeral", times=2, status=503)
    await slack.command(BO, "note sundt Tredje")
    receipts = [c.params["user"] for c in fake_slack.calls_to("chat.postEphemeral")]
    assert sorted(receipts) == [BO, BO, CARL]  # each once, though refused three times
    assert len(fake_slack.calls_to("chat.postEphemeral:429")) == 1
    assert len(fake_slack.calls_to("chat.postEphemeral:503")) == 2
    assert [n.text for n in slack.workshop().notes] == ["Første", "Anden", "Tredje"]


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL")
async def test_a_locked_table_in_one_channels_path_holds_back_no_other_channel(
    tmp_path, fake_slack, monkeypatch
):
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    schema = f"l_{uuid.uuid4().hex[:12]}"
    base = os.environ["TEST_DATABASE_URL"]
    admin = create_database_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    settings = slack_settings(tmp_path, fake_slack.base_url, database_url=url)
    runtime = build_runtime(settings, migrate=True)
    app, _ = build_web_app(runtime)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    locker = create_database_engine(url).connect()
    try:

        class Server:
            url = f"http://127.0.0.1:{port}"

            async def drain(self):
                await drain(app)

        async with aiohttp.ClientSession() as session:
            slack = SlackSays(Server(), fake_slack, session)
            await slack.command(ANNE, "start Robotstøvsuger")
            await slack.command(ANNE, "next")
            locked = locker.begin()
            locker.execute(text("LOCK TABLE notes IN ACCESS EXCLUSIVE MODE"))
            await slack.command(BO, "note sundt Bag låsen", settle=False)  # stored, then stuck
            started = time.monotonic()
            request = sr.slash_command("hjælp", CARL, "C0OTHER", SIGNING_SECRET)
            assert (await slack.send(request)).status == 200
            await fake_slack.wait_for(
                lambda fake: any(
                    c.params.get("user") == CARL for c in fake.calls_to("chat.postEphemeral")
                ),
                what="the answer in the other channel",
                timeout=5,
            )
            assert time.monotonic() - started < 2.0
            assert runtime.queue.stats().waiting == 1  # Bo's note: stored, not yet decided
            locked.rollback()  # the lock goes; the stuck note is decided on its next try
            await slack.server.drain()
            workshop = runtime.service.workshop(ChannelKey("slack", sr.TEAM_ID, CHANNEL))
            assert [n.text for n in workshop.notes] == ["Bag låsen"]
    finally:
        locker.close()
        await runner.cleanup()
        runtime.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


async def test_healthz_reports_the_queue_and_answers_503_while_the_database_does_not(
    slack, fake_slack
):
    await slack.command(ANNE, "start Robotstøvsuger")
    async with slack.session.get(slack.server.url + "/healthz") as response:
        assert response.status == 200
        report = await response.json()
    assert report["database"] is True
    assert report["queue"]["requests"] == {
        "due": 0, "late": 0, "failing": 0, "failed": 0, "waiting": 0
    }
    assert set(report["queue"]["replies"]) == {"due", "late", "failing"}
    path = slack.server.runtime.store.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)  # another process, writing for long
    holder.execute("BEGIN EXCLUSIVE")
    try:
        async with slack.session.get(slack.server.url + "/healthz") as response:
            assert response.status == 503
            assert (await response.json())["database"] is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    async with slack.session.get(slack.server.url + "/healthz") as response:
        assert response.status == 200
