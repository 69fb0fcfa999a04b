"""The aiohttp server that Slack and Teams share, with /healthz."""

from __future__ import annotations

import gc
import logging

from aiohttp import web

from adapters.chat.platform import Platform
from adapters.chat.status import ChannelStatus
from bot.pages import add_pages
from bot.runtime import Runtime

log = logging.getLogger("rasmus.server")

RUNTIME_KEY = web.AppKey("runtime", Runtime)
PLATFORMS_KEY = web.AppKey("platforms", list[Platform])


async def _freeze_startup_objects(app: web.Application) -> None:
    # Everything loaded by now (the SDKs, SQLAlchemy, Babel) lives as long as the process; a
    # full garbage collection walking it all stalled the event loop for ~100 ms under load
    # (bench/slack_ack.py). Frozen objects are skipped by the collector.
    gc.freeze()


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_web_app(runtime: Runtime) -> tuple[web.Application, list[ChannelStatus]]:
    from bot.wiring import build_platforms

    app = web.Application()
    app[RUNTIME_KEY] = runtime
    app.router.add_get("/healthz", healthz)
    add_pages(app)
    platforms = build_platforms(runtime)
    app[PLATFORMS_KEY] = platforms
    statuses = [platform.mount(app) for platform in platforms]
    app.on_startup.append(_freeze_startup_objects)
    return app, statuses


def describe(statuses: list[ChannelStatus]) -> str:
    return "\n".join(
        f"  {s.name}: {'active' if s.active else 'off'} ({s.reason})" for s in statuses
    )


def serve(runtime: Runtime) -> None:
    app, statuses = build_web_app(runtime)
    print(f"RASMUS listening on port {runtime.settings.port}\n{describe(statuses)}", flush=True)
    web.run_app(app, host=runtime.settings.host, port=runtime.settings.port, print=None)
