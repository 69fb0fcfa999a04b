"""A small HTTP server on port 0 that passes every request on: what the test doors share."""

from __future__ import annotations

import aiohttp
from aiohttp import web


class LocalProxy:
    """Subclasses answer each request in `_forward`, using `self._session` to pass it on."""

    def __init__(self):
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._session:
            await self._session.close()
        if self._runner:
            await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        raise NotImplementedError
