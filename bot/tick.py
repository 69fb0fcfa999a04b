"""`python -m bot tick`: the due work of this moment, once, then exit.

Due wake-ups become Tick rows, every due row of the inbox is decided (Ticks and any request a
web process stored), and the replies are sent when a platform is configured to send them;
otherwise they wait in the outbox for the next `serve` or `worker`. For a cron job, or to try
the follow-up by hand.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web

from adapters.persistence.wakeups import Wakeups
from bot.runtime import Runtime
from bot.server import PLATFORMS_KEY, build_web_app
from bot.work import Background


@dataclass(frozen=True)
class TickReport:
    ticks: int
    decided: int
    failed: int
    sent: int
    unsent: int
    sending: bool

    def __str__(self) -> str:
        first = (
            f"tick: {self.ticks} workshop(s) had due work; decided {self.decided} "
            f"request(s) ({self.failed} failed, to be tried again)"
        )
        if self.sending:
            return f"{first}\n{self.sent} reply(ies) sent, {self.unsent} not yet sent"
        return (
            f"{first}\n{self.unsent} reply(ies) wait in the outbox: no platform is configured "
            "to send them here (the next `serve` or `worker` sends them)"
        )


async def tick_once(runtime: Runtime, *, timeout: float = 600.0) -> TickReport:
    app, statuses = build_web_app(runtime, background=False)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()  # the platforms' start-up (their clients); no port is opened
    try:
        built = app[PLATFORMS_KEY]
        platforms = [p for p, status in zip(built, statuses, strict=True) if status.active]
        loop = asyncio.get_running_loop()
        ticks = await loop.run_in_executor(None, Wakeups(runtime.queue).enqueue_due)
        background = Background(runtime, platforms, send=bool(platforms))
        await background.start()
        try:
            await background.drain(timeout=timeout)
        finally:
            left = await background.stop()
        return TickReport(
            ticks=ticks + background.worker.ticks,
            decided=background.worker.decided,
            failed=background.worker.failed,
            sent=background.dispatcher.sent,
            unsent=left.replies,
            sending=bool(platforms),
        )
    finally:
        await runner.cleanup()


def tick(runtime: Runtime) -> str:
    return str(asyncio.run(tick_once(runtime)))
