"""A fake Slack Web API: an aiohttp server on port 0 that answers like Slack and records calls.

The bot's real AsyncWebClient talks to it through `SLACK_API_URL`, so tests exercise our code,
slack_sdk and bolt exactly as in production; only the far end is ours.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER_ID = "UBOT0RASMUS"
BOT_ID = "BRASMUS01"
TEAM_ID = "T0FAKE001"

# Fields that slack_sdk sends JSON-encoded inside form bodies.
_JSON_FIELDS = ("blocks", "view", "attachments", "files", "metadata")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)
    wall: float = field(default_factory=time.time)  # comparable across processes (benchmarks)
    response: dict[str, Any] = field(default_factory=dict)

    def text_everywhere(self) -> str:
        """Everything a person could see from this call, as one string (for escaping checks)."""
        return json.dumps(self.params, ensure_ascii=False)


class FakeSlack:
    def __init__(self, users: dict[str, str] | None = None):
        self.calls: list[Call] = []
        self.uploads: dict[str, bytes] = {}
        self.users = users or {}  # user id -> display name, answered by users.info
        self.not_joined: set[str] = set()  # channels the bot must join before posting
        self.delays: dict[str, float] = {}  # method -> seconds Slack takes to answer it
        self.socket: web.WebSocketResponse | None = None
        self.socket_acks: list[dict[str, Any]] = []
        self._rate_limits: dict[str, list[int]] = {}  # method -> Retry-After seconds, one per hit
        self._failures: dict[str, list[int]] = {}  # method -> HTTP status, one per hit
        self._channel_limit: tuple[float, int] | None = None
        self._buckets: dict[str, tuple[float, float]] = {}  # channel -> (level, at)
        self.over_limit = 0
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)  # some methods use GET
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/calls/count", self._count)  # lets a benchmark wait for quiet
        app.router.add_get("/calls/list", self._list)  # what a benchmark was sent, and when
        app.router.add_get("/socket", self._socket)  # Socket Mode's WebSocket
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/api/"
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    # -- test controls ---------------------------------------------------------------------

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls of `method` get 429 with Retry-After, as Slack's tier limits."""
        self._rate_limits.setdefault(method, []).extend([retry_after] * times)

    def fail(self, method: str, times: int = 1, status: int = 503) -> None:
        """The next `times` calls of `method` get a server error (nothing is posted)."""
        self._failures.setdefault(method, []).extend([status] * times)

    def limit_channels(self, per_second: float = 1.0, burst: int = 3) -> None:
        """Slack's per-channel posting limit: chat.postMessage beyond `burst` messages at once
        and `per_second` after that gets 429 with Retry-After, counted in `over_limit`."""
        self._channel_limit = (per_second, burst)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posted_with_block(self, block_id: str) -> Call | None:
        """The latest chat.postMessage whose blocks include `block_id` (e.g. a circle's)."""
        for call in reversed(self.calls_to("chat.postMessage")):
            if any(b.get("block_id") == block_id for b in call.params.get("blocks") or []):
                return call
        return None

    def forget(self) -> None:
        """Starts a fresh record, so a test step checks only the calls it caused."""
        self.calls.clear()

    async def wait_for(
        self, predicate: Callable[[FakeSlack], Any], timeout: float = 5.0, what: str = ""
    ) -> Any:
        """Listeners run after the ack, so tests wait for their Web API calls to arrive."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate(self)
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                methods = [c.method for c in self.calls]
                raise AssertionError(f"timed out waiting for {what or predicate}; calls: {methods}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 0.2))
            except TimeoutError:
                pass

    async def wait_for_calls(self, method: str, count: int, timeout: float = 5.0) -> list[Call]:
        return await self.wait_for(
            lambda s: len(s.calls_to(method)) >= count and s.calls_to(method),
            timeout,
            f"{count} x {method}",
        )

    # -- the API ---------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            params.update(body or {})
        elif request.can_read_body:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        for name in _JSON_FIELDS:
            if isinstance(params.get(name), str):
                try:
                    params[name] = json.loads(params[name])
                except ValueError:
                    pass
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        if self.delays.get(method):
            await asyncio.sleep(self.delays[method])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        limits = self._rate_limits.get(method)
        if limits:
            retry_after = limits.pop(0)
            self.calls.append(Call(f"{method}:429", params, token))
            self._changed.set()
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(retry_after)},
            )
        failures = self._failures.get(method)
        if failures:
            status = failures.pop(0)
            self.calls.append(Call(f"{method}:{status}", params, token))
            self._changed.set()
            return web.json_response({"ok": False, "error": "fatal_error"}, status=status)
        if method == "chat.postMessage" and self._over_channel_limit(params.get("channel", "")):
            self.over_limit += 1
            self.calls.append(Call(f"{method}:429", params, token))
            self._changed.set()
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        call = Call(method, params, token)
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        call.response = handler(params, request) if handler else {"ok": True}
        self.calls.append(call)
        self._changed.set()
        return web.json_response(call.response)

    def _over_channel_limit(self, channel: str) -> bool:
        """A leaky bucket per channel: `burst` deep, draining `per_second`."""
        if self._channel_limit is None:
            return False
        per_second, burst = self._channel_limit
        now = time.monotonic()
        level, at = self._buckets.get(channel, (0.0, now))
        level = max(0.0, level - (now - at) * per_second)
        if level + 1 > burst:
            self._buckets[channel] = (level, now)
            return True
        self._buckets[channel] = (level + 1, now)
        return False

    def _next_ts(self) -> str:
        return f"{1700000000 + next(self._ts)}.{next(self._ids):06d}"

    def _auth_test(self, params, request):
        return {
            "ok": True,
            "url": "https://fake.slack.test/",
            "team": "Fake Team",
            "user": "rasmus",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _not_in_channel(self, params) -> dict | None:
        if params.get("channel") in self.not_joined:
            return {"ok": False, "error": "not_in_channel"}
        return None

    def _chat_postMessage(self, params, request):
        if refused := self._not_in_channel(params):
            return refused
        ts = self._next_ts()
        message = {"type": "message", "text": params.get("text", ""), "ts": ts, "bot_id": BOT_ID}
        if params.get("blocks"):
            message["blocks"] = params["blocks"]
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": message}

    def _chat_postEphemeral(self, params, request):
        if refused := self._not_in_channel(params):
            return refused
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_update(self, params, request):
        return {
            "ok": True,
            "channel": params.get("channel"),
            "ts": params.get("ts"),
            "text": params.get("text", ""),
            "message": {"text": params.get("text", ""), "blocks": params.get("blocks", [])},
        }

    def _view_answer(self, params, request):
        view = dict(params.get("view") or {})
        view.setdefault("id", params.get("view_id") or f"V{next(self._ids):08d}")
        view.setdefault("hash", f"{time.time():.6f}")
        return {"ok": True, "view": view}

    _views_open = _view_answer
    _views_push = _view_answer
    _views_update = _view_answer
    _views_publish = _view_answer

    def _users_info(self, params, request):
        user_id = params.get("user", "")
        name = self.users.get(user_id, user_id.lower())
        return {
            "ok": True,
            "user": {
                "id": user_id,
                "name": name.lower().replace(" ", "."),
                "real_name": name,
                "tz": "Europe/Copenhagen",
                "locale": "da-DK",
                "profile": {"display_name": name, "real_name": name},
            },
        }

    def _conversations_info(self, params, request):
        return {"ok": True, "channel": {"id": params.get("channel"), "name": "team", "locale": ""}}

    def _conversations_members(self, params, request):
        return {"ok": True, "members": list(self.users), "response_metadata": {"next_cursor": ""}}

    def _conversations_open(self, params, request):
        return {"ok": True, "channel": {"id": "D" + str(params.get("users", "U"))[1:]}}

    def _conversations_join(self, params, request):
        self.not_joined.discard(params.get("channel"))
        return {"ok": True, "channel": {"id": params.get("channel")}}

    def _files_getUploadURLExternal(self, params, request):
        file_id = f"F{next(self._ids):08d}"
        host = f"{request.scheme}://{request.host}"
        return {"ok": True, "upload_url": f"{host}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params, request):
        files = params.get("files") or []
        return {
            "ok": True,
            "files": [{"id": f.get("id"), "title": f.get("title", "")} for f in files],
        }

    def _oauth_v2_access(self, params, request):
        """The OAuth code exchange: a workspace installed the app."""
        return {
            "ok": True,
            "app_id": "A0RASMUS01",
            "authed_user": {"id": "UINSTALLER"},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": f"xoxb-installed-{params.get('code', '')}",
            "bot_user_id": BOT_USER_ID,
            "team": {"id": "T0OTHER01", "name": "Other Team"},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _apps_connections_open(self, params, request):
        return {"ok": True, "url": f"ws://{request.host}/socket"}

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode as Slack runs it: `hello`, then envelopes out and acks back."""
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self.socket = socket
        await socket.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0RASMUS01"}}
        )
        self._changed.set()
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
                self._changed.set()
        return socket

    async def send_envelope(self, kind: str, payload: dict[str, Any]) -> str:
        envelope_id = f"env-{next(self._ids)}"
        assert self.socket is not None, "no Socket Mode connection"
        await self.socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": True,
                "retry_attempt": 0,
                "retry_reason": "",
            }
        )
        return envelope_id

    async def _count(self, request: web.Request) -> web.Response:
        return web.json_response({"calls": len(self.calls)})

    async def _list(self, request: web.Request) -> web.Response:
        """A benchmark's view of what it was sent: each call of `method` with its moment,
        channel, user and text."""
        method = request.query.get("method", "")
        return web.json_response(
            [
                {
                    "at": c.wall,
                    "channel": c.params.get("channel"),
                    "user": c.params.get("user"),
                    "text": c.params.get("text"),
                    "body": json.dumps(c.params, ensure_ascii=False),
                }
                for c in self.calls
                if c.method == method
            ]
        )

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            part = await reader.next()
            data = await part.read() if part is not None else b""  # type: ignore[union-attr]
        else:
            data = await request.read()
        self.uploads[file_id] = bytes(data)
        self.calls.append(Call("upload", {"file_id": file_id, "size": len(data)}, None))
        self._changed.set()
        return web.Response(text="OK - " + str(len(data)))
