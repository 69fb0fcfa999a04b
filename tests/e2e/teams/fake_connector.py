"""A fake Bot Framework connector (aiohttp, port 0): records what the bot sends, and can answer
with throttling (429), server errors (5xx) or slowness, to test the bot's retries and timing."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Received:
    method: str
    path: str
    query: dict
    body: dict | None
    at: float
    status: int = 200  # what the fake answered: a send people saw is a 2xx


@dataclass
class FakeConnector:
    # Answers to give before answering normally: (status, headers), first to last.
    troubles: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0  # seconds before each answer
    refuse_targeted: bool = False  # refuse targeted messages, as a tenant without them
    targeted_status: int = 400  # how: 400 (bad argument) or 403 (not allowed here)
    received: list[Received] = field(default_factory=list)
    port: int = 0

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def shown(self) -> list[Received]:
        """The activities the fake accepted: what people would see."""
        return [r for r in self.activities() if 200 <= r.status < 300]

    def activities(self) -> list[Received]:
        return [r for r in self.received if r.method in ("POST", "PUT") and "/activities" in r.path]

    def conversations_created(self) -> list[dict]:
        """The bodies of POST /v3/conversations: each 1:1 chat the bot opened."""
        return [
            r.body or {}
            for r in self.received
            if r.method == "POST" and r.path.rstrip("/").endswith("/v3/conversations")
        ]

    async def _answer(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        received = Received(
            request.method,
            request.path,
            dict(request.query),
            body,
            asyncio.get_running_loop().time(),
        )
        self.received.append(received)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse_targeted and request.query.get("isTargetedActivity") == "true":
            received.status = self.targeted_status
            return web.json_response(
                {"error": {"code": "BadArgument"}}, status=self.targeted_status
            )
        if request.method == "POST" and request.path.rstrip("/").endswith("/v3/conversations"):
            # A 1:1 chat with the one member asked for (Teams answers 201 with its id).
            members = (body or {}).get("members") or [{}]
            who = str(members[0].get("id") or "29:anne").rsplit(":", 1)[-1]
            return web.json_response({"id": f"a:personal-chat-with-{who}"}, status=201)
        if self.troubles:
            status, headers = self.troubles.pop(0)
            received.status = status
            return web.json_response({"error": "try later"}, status=status, headers=headers)
        if request.path.endswith("/members"):
            return web.json_response([{"id": "29:megan", "name": "Megan Bowen"}])
        return web.json_response({"id": str(uuid.uuid4())})
