"""A pass-through in front of the bot's /api/messages that counts the activities it answered.

The emulator answers a test's request at once and hands the activity to the bot afterwards,
so a test cannot tell from its own request when the bot has the activity. This door can: it
counts each answer the bot gave, and `answered(n)` waits until the bot answered `n`.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from tests.e2e.teams.local_proxy import LocalProxy


class BotDoor(LocalProxy):
    def __init__(self, target: str):
        super().__init__()
        self.target = target  # the bot's base URL
        self.count = 0
        self._changed = asyncio.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/messages"

    async def _forward(self, request: web.Request) -> web.Response:
        raw = await request.read()
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in ("host", "content-length", "transfer-encoding")
        }
        try:
            async with self._session.request(
                request.method, self.target + request.path_qs, data=raw or None, headers=headers
            ) as answer:
                content = await answer.read()
                return web.Response(
                    body=content,
                    status=answer.status,
                    content_type=answer.content_type or "application/json",
                )
        finally:
            if request.method == "POST":  # activities; the emulator also probes with GET/HEAD
                async with self._changed:
                    self.count += 1
                    self._changed.notify_all()

    async def answered(self, count: int, timeout: float = 30.0) -> None:
        """Returns once the bot answered at least `count` activities."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.count >= count)
