"""The real server (bot.server.build_web_app) on a temporary SQLite file, Microsoft's Teams
emulator in front of it, and a recorder on the connector path between them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from aiohttp import web

from adapters.teams.mount import TEAMS_KEY
from adapters.teams.turns import TeamsTurns
from bot.config import Settings
from bot.runtime import Runtime, build_runtime
from bot.server import BACKGROUND_KEY, build_web_app
from bot.work import Background
from core.model import ChannelKey, Workshop
from tests.e2e.teams.bot_door import BotDoor
from tests.e2e.teams.connector_recorder import ConnectorRecorder
from tests.e2e.teams.playground import (
    TEAM,
    Playground,
    PlaygroundProcess,
    free_port,
    install_playground,
    node_tools_missing,
)

TEAMS_CHANNEL = ChannelKey("msteams", TEAM, TEAM)


def teams_settings(tmp_path, **overrides) -> Settings:
    values = dict(
        database_url=f"sqlite:///{tmp_path / 'rasmus.db'}",
        data_dir=tmp_path,
        export_dir=tmp_path / "exports",
        port=0,
        teams_client_id="",
        teams_client_secret="",
        teams_tenant_id="",
        teams_allow_anonymous=True,  # these tests run Teams locally, without credentials
        slack_bot_token="",
        slack_signing_secret="",
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)  # the developer's .env must not leak in


@pytest.fixture(scope="session")
def playground_cli():
    missing = node_tools_missing()
    if missing:
        pytest.skip(missing)
    return install_playground()


async def serve(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]


@dataclass
class TeamsStack:
    runtime: Runtime
    turns: TeamsTurns
    playground: Playground
    recorder: ConnectorRecorder
    bot_url: str
    background: Background  # the worker and dispatcher `serve` runs next to the web

    async def settle(self) -> None:
        """Waits for the work itself: the turns' own, every stored request decided and every
        reply sent; never for a quiet moment."""
        await self.turns.drain()
        await self.background.drain()

    def workshop(self) -> Workshop | None:
        return self.runtime.service.workshop(TEAMS_CHANNEL)


@pytest.fixture
async def teams(tmp_path, playground_cli):
    runtime = build_runtime(teams_settings(tmp_path), migrate=True)
    app, _statuses = build_web_app(runtime)
    runner, bot_port = await serve(app)
    recorder = ConnectorRecorder()
    await recorder.start()
    door = BotDoor(f"http://127.0.0.1:{bot_port}")
    await door.start()
    process = PlaygroundProcess(playground_cli, door.url, recorder.url, free_port())
    await process.start()
    recorder.target = process.base_url
    turns, background = app[TEAMS_KEY], app[BACKGROUND_KEY]

    async def drain() -> None:  # the turns' own work, every stored request decided and sent
        await turns.drain()
        await background.drain()

    playground = Playground(process.base_url, door=door, recorder=recorder, drain=drain)
    await playground.open()
    stack = TeamsStack(
        runtime,
        app[TEAMS_KEY],
        playground,
        recorder,
        f"http://127.0.0.1:{bot_port}",
        app[BACKGROUND_KEY],
    )
    try:
        yield stack
    finally:
        await playground.settle()  # the work in hand finishes before the emulator goes
        await playground.close()
        await process.stop()
        await door.stop()
        await recorder.stop()
        await runner.cleanup()
        runtime.close()
