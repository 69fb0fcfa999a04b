"""The real server (bot.server.build_web_app) on a temporary SQLite file, talking to a fake
Slack Web API, and a `slack` helper that sends signed requests as Slack would."""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web

from adapters.scheduling.pacing import Pace, Paces
from bot.config import Settings
from bot.runtime import build_runtime
from bot.server import BACKGROUND_KEY, build_web_app, drain
from core.model import ChannelKey
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.fake_slack import FakeSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = "C0WORKSHOP"
PEOPLE = {"UANNE": "Anne", "UBO": "Bo", "UCARL": "Carl"}


def slack_settings(tmp_path, api_url: str, **overrides) -> Settings:
    values = dict(
        database_url=f"sqlite:///{tmp_path / 'rasmus.db'}",
        export_dir=tmp_path / "exports",
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token="",
        slack_api_url=api_url,
        slack_client_id="",
        slack_client_secret="",
        public_url="",
        port=0,
        scheduler_interval_seconds=1,
    )
    values.update(overrides)
    # _env_file=None: the developer's .env must not leak into tests.
    return Settings(_env_file=None, **values)


@pytest.fixture
async def fake_slack():
    fake = FakeSlack(users=dict(PEOPLE))
    await fake.start()
    yield fake
    await fake.stop()


@dataclass
class RunningServer:
    url: str
    runtime: object
    statuses: list
    app: web.Application

    async def drain(self) -> None:
        """Awaits the work of every request the server has acknowledged (never a quiet wait):
        stored requests decided, their replies sent."""
        await drain(self.app)


@pytest.fixture
async def server(tmp_path, fake_slack, monkeypatch):
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    runtime = build_runtime(slack_settings(tmp_path, fake_slack.base_url))
    app, statuses = build_web_app(runtime)
    # Slack's real pace (a message a second per channel after a burst) is kept and measured in
    # tests/integration/test_dispatcher.py and bench/dispatch.py; here it would only make a
    # workshop of many steps take minutes.
    app[BACKGROUND_KEY].dispatcher.pace = {"slack": Paces(Pace(1000, 1.0), Pace(1000, 1.0))}
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield RunningServer(f"http://127.0.0.1:{port}", runtime, statuses, app)
    await runner.cleanup()
    runtime.close()


class SlackSays:
    """Sends what Slack would send to our Request URL, signed with the app's secret."""

    def __init__(self, server: RunningServer, fake: FakeSlack, session: aiohttp.ClientSession):
        self.server, self.fake, self.session = server, fake, session
        self._ts = 1800000000

    async def send(self, request: sr.SignedRequest) -> aiohttp.ClientResponse:
        async with self.session.post(
            self.server.url + "/slack/events", data=request.body, headers=request.headers
        ) as response:
            await response.read()
            return response

    async def command(self, user: str, text: str, channel: str = CHANNEL, settle: bool = True):
        """`settle`: return once the bot has finished its work for the command."""
        response = await self.send(sr.slash_command(text, user, channel, SIGNING_SECRET))
        assert response.status == 200
        if settle:
            await self.server.drain()
        return response

    async def click(
        self,
        user: str,
        action_id: str,
        value: str,
        ephemeral: bool = False,
        message_ts: str = "1700000000.000001",
    ):
        request = sr.block_action(
            action_id,
            value,
            user,
            CHANNEL,
            SIGNING_SECRET,
            message_ts=message_ts,
            ephemeral=ephemeral,
        )
        response = await self.send(request)
        assert response.status == 200
        await self.server.drain()
        return response

    async def submit(self, user: str, view: dict, values: dict):
        request = sr.view_submission(
            view["callback_id"], view["private_metadata"], values, user, SIGNING_SECRET
        )
        async with self.session.post(
            self.server.url + "/slack/events", data=request.body, headers=request.headers
        ) as response:
            body = await response.text()
            assert response.status == 200, body
        await self.server.drain()
        return json.loads(body) if body else {}

    def next_ts(self) -> str:
        self._ts += 1
        return f"{self._ts}.000100"

    async def event(self, event: dict, event_id: str | None = None, **sign_args):
        response = await self.send(sr.event_callback(event, SIGNING_SECRET, event_id, **sign_args))
        await self.server.drain()
        return response

    def workshop(self, channel: str = CHANNEL):
        key = ChannelKey("slack", sr.TEAM_ID, channel)
        return self.server.runtime.service.workshop(key)


@pytest.fixture
async def slack(server, fake_slack):
    async with aiohttp.ClientSession() as session:
        yield SlackSays(server, fake_slack, session)
