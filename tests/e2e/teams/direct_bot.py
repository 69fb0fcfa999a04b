"""The Teams endpoint in anonymous mode, wired to a fake connector, for tests that post
Bot Framework activities to /api/messages directly (no emulator)."""

from __future__ import annotations

import time

import aiohttp
from aiohttp import web

from adapters.teams.mount import TEAMS_KEY
from adapters.teams.platform import TeamsPlatform
from adapters.teams.retry import RetryPolicy
from adapters.teams.sdk import build_sdk
from adapters.teams.settings import TeamsSettings
from bot.runtime import build_runtime
from bot.work import Background
from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.conftest import serve, teams_settings
from tests.e2e.teams.fake_connector import FakeConnector


class Bot:
    """The Teams endpoint (anonymous mode) wired to a fake connector and a recorded sleep."""

    def __init__(self, tmp_path, connector: FakeConnector, *, work: bool = True, **policy):
        self.sleeps: list[float] = []

        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        settings = teams_settings(tmp_path, sqlite_busy_timeout_seconds=0.5)
        self.runtime = build_runtime(settings, migrate=True)
        self.app = web.Application()
        teams = TeamsSettings.from_values(settings.model_dump())
        sdk = build_sdk(teams, RetryPolicy(sleep=sleep, jitter=lambda: 0.5, **policy))
        self.platform = TeamsPlatform(teams, self.runtime.services, sdk)
        self.platform.mount(self.app)
        # The worker and the dispatcher, as `serve` runs them next to the web.
        self.background = Background(self.runtime, [self.platform])
        self.work = work  # False: requests are stored and nobody decides them
        self.connector = connector

    async def __aenter__(self):
        await self.connector.start()
        self.runner, port = await serve(self.app)
        if self.work:
            await self.background.start()
        self.url = f"http://127.0.0.1:{port}/api/messages"
        self.session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *_):
        await self.app[TEAMS_KEY].drain()
        if self.work:
            await self.settle()
            await self.background.stop()
        await self.session.close()
        await self.runner.cleanup()
        await self.connector.stop()
        self.runtime.close()

    async def say(self, text: str, **kwargs) -> float:
        """Posts a channel message; returns how long the endpoint took to answer."""
        return await self.post(channel_message(text, self.connector.url, **kwargs))

    async def post(self, activity: dict) -> float:
        started = time.monotonic()
        status = await self.post_for_status(activity)
        assert status in (200, 202)
        return time.monotonic() - started

    async def post_for_status(self, activity: dict) -> int:
        async with self.session.post(self.url, json=activity) as answer:
            return answer.status

    async def settle(self) -> None:
        """Waits for the work itself: the turns' own, every stored request decided and every
        reply sent (or handed back for later); never for a quiet moment."""
        await self.app[TEAMS_KEY].drain()
        await self.background.drain()

    def workshop(self):
        return self.runtime.service.workshops_of("msteams", "19:team@thread.tacv2", "29:anne")[0]
