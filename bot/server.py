"""The aiohttp server that Slack and Teams share, with /healthz, and the background work.

`serve` runs the web, the worker and the dispatcher in one process (the embedded default);
`serve --no-worker` the web alone; `worker` the background alone. On SIGTERM the server stops
taking requests, finishes the decision in hand and says what it left for the next start.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from datetime import timedelta

from aiohttp import web

from adapters.chat.platform import Platform
from adapters.chat.status import ChannelStatus
from adapters.persistence.wakeups import counts as wakeup_counts
from bot.pages import add_pages
from bot.runtime import Runtime
from bot.work import Background, LeftOver

log = logging.getLogger("rasmus.server")

RUNTIME_KEY = web.AppKey("runtime", Runtime)
PLATFORMS_KEY = web.AppKey("platforms", list[Platform])
BACKGROUND_KEY = web.AppKey("background", Background)
HEALTH_TIMEOUT = 2.0


async def _freeze_startup_objects(app: web.Application) -> None:
    # Everything loaded by now (the SDKs, SQLAlchemy, Babel) lives as long as the process; a
    # full garbage collection walking it all stalled the event loop for ~100 ms under load
    # (bench/slack_ack.py). Frozen objects are skipped by the collector.
    gc.freeze()


async def healthz(request: web.Request) -> web.Response:
    """200 while the database answers (503 when not), with the queue for monitoring: work
    due now, late (due for over a minute), failing (tried and waiting to try again), and the
    wake-ups that came and wait for their Tick."""
    queue = request.app[RUNTIME_KEY].queue
    loop = asyncio.get_running_loop()
    try:
        stats = await asyncio.wait_for(loop.run_in_executor(None, queue.stats), HEALTH_TIMEOUT)
        wakeups = await asyncio.wait_for(
            loop.run_in_executor(
                None, wakeup_counts, queue.engine, queue.clock(), timedelta(seconds=60)
            ),
            HEALTH_TIMEOUT,
        )
    except Exception as error:  # noqa: BLE001 - any failure means the same: no database
        log.warning("health check: the database did not answer (%s)", type(error).__name__)
        return web.json_response({"ok": False, "database": False}, status=503)
    return web.json_response(
        {
            "ok": True,
            "database": True,
            "queue": {
                "requests": {
                    "due": stats.due,
                    "late": stats.late,
                    "failing": stats.failing,
                    "failed": stats.failed,
                    "waiting": stats.waiting,
                },
                "replies": {
                    "due": stats.outbox_due,
                    "late": stats.outbox_late,
                    "failing": stats.outbox_failing,
                },
                # Due work not yet handed to the core as a Tick (check-ins, reminders, nudges).
                "wakeups": wakeups,
            },
        }
    )


def _background_lifecycle(background: Background):
    async def lifecycle(app: web.Application):
        await background.start()
        yield
        # on cleanup: the web has stopped taking requests and answered those in hand
        left = await background.stop()
        print(f"RASMUS stopped; {left}", flush=True)

    return lifecycle


def build_web_app(
    runtime: Runtime, *, background: bool = True
) -> tuple[web.Application, list[ChannelStatus]]:
    """The server; `background` False leaves deciding and sending to a `worker` process."""
    from bot.wiring import build_platforms

    app = web.Application()
    app[RUNTIME_KEY] = runtime
    app.router.add_get("/healthz", healthz)
    add_pages(app)
    platforms = build_platforms(runtime)
    app[PLATFORMS_KEY] = platforms
    statuses = [platform.mount(app) for platform in platforms]
    if background:
        work = Background(runtime, platforms)
        app[BACKGROUND_KEY] = work
        app.cleanup_ctx.append(_background_lifecycle(work))
    app.on_startup.append(_freeze_startup_objects)
    return app, statuses


async def drain(app: web.Application) -> None:
    """Waits for the work itself (tests, benchmarks): each platform's work after its
    acknowledgements, then every stored request decided and every reply sent."""
    for _ in range(2):  # deciding can start platform work, and platform work can store
        for platform in app[PLATFORMS_KEY]:
            platform_drain = getattr(platform, "drain", None)
            if platform_drain is not None:
                await platform_drain()
        background = app.get(BACKGROUND_KEY)
        if background is not None:
            await background.drain()


def describe(statuses: list[ChannelStatus]) -> str:
    return "\n".join(
        f"  {s.name}: {'active' if s.active else 'off'} ({s.reason})" for s in statuses
    )


def serve(runtime: Runtime, *, worker: bool = True) -> None:
    app, statuses = build_web_app(runtime, background=worker)
    role = "web, worker and dispatcher" if worker else "web only (--no-worker)"
    print(
        f"RASMUS listening on port {runtime.settings.port} ({role})\n{describe(statuses)}",
        flush=True,
    )
    web.run_app(app, host=runtime.settings.host, port=runtime.settings.port, print=None)


async def _work_alone(runtime: Runtime) -> LeftOver:
    app, statuses = build_web_app(runtime, background=True)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()  # the platforms' start-up (their clients) and the background; no port
    print(f"RASMUS worker and dispatcher running\n{describe(statuses)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()
    return app[BACKGROUND_KEY].left_over


def work(runtime: Runtime) -> None:
    """`python -m bot worker`: decides and sends, serves no requests."""
    asyncio.run(_work_alone(runtime))
