"""A fake OneDrive upload session (aiohttp, port 0): takes the PUT a bot makes after a person
allowed a file on a consent card, and answers as OneDrive does when the last bytes arrive."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True)
class Upload:
    path: str
    content_range: str | None
    content: bytes


@dataclass
class FakeUploadSession:
    status: int = 201  # OneDrive: 201 Created once the whole file is there
    uploads: list[Upload] = field(default_factory=list)
    port: int = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_put("/{tail:.*}", self._take)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        await self._runner.cleanup()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/upload-session/{name}"

    async def _take(self, request: web.Request) -> web.Response:
        content = await request.read()
        self.uploads.append(Upload(request.path, request.headers.get("Content-Range"), content))
        if self.status >= 400:
            return web.json_response({"error": {"code": "generalException"}}, status=self.status)
        return web.json_response(
            {"id": "01BYE5RZ", "name": request.path.rsplit("/", 1)[-1], "size": len(content)},
            status=self.status,
        )
