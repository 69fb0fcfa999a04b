"""A pass-through between the bot and the emulator's connector that records what the bot sent.

The emulator drops what the Teams wire carries beyond text and cards (the targeted-message
flag, the recipient), so tests read those here, exactly as the bot put them on the wire.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace

from aiohttp import web

from tests.e2e.teams.local_proxy import LocalProxy


@dataclass(frozen=True)
class Sent:
    method: str
    path: str
    query: dict[str, str]
    body: dict | None
    status: int = 0  # the emulator's answer
    answer: dict | None = None


class ConnectorRecorder(LocalProxy):
    def __init__(self):
        super().__init__()
        self.target = ""  # the emulator's base URL, set once it listens
        self.sent: list[Sent] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/_connector"

    async def _forward(self, request: web.Request) -> web.Response:
        raw = await request.read()
        body = None
        if raw and request.content_type == "application/json":
            body = await request.json()
        index = len(self.sent)
        self.sent.append(Sent(request.method, request.path, dict(request.query), body))
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in ("host", "content-length", "transfer-encoding")
        }
        async with self._session.request(
            request.method, self.target + request.path_qs, data=raw or None, headers=headers
        ) as answer:
            content = await answer.read()
            self.sent[index] = replace(
                self.sent[index], status=answer.status, answer=_json_or_none(content)
            )
            return web.Response(
                body=content,
                status=answer.status,
                content_type=answer.content_type or "application/json",
            )

    def shown(self) -> Counter:
        """(action, message id) of each message the emulator accepted, as its stream reports
        them: a posted activity is a createMessage, a replaced one an updateMessage."""
        seen: Counter = Counter()
        for sent in self.sent:
            if not 200 <= sent.status < 300 or not _ACTIVITY.search(sent.path):
                continue
            if sent.method == "POST" and sent.answer and sent.answer.get("id"):
                seen["createMessage", sent.answer["id"]] += 1
            elif sent.method == "PUT":
                seen["updateMessage", sent.path.rsplit("/", 1)[-1]] += 1
        return seen

    def targeted(self) -> list[Sent]:
        return [s for s in self.sent if s.query.get("isTargetedActivity") == "true"]


_ACTIVITY = re.compile(r"/v3/conversations/[^/]+/activities(/[^/]+)?$")


def _json_or_none(content: bytes) -> dict | None:
    try:
        found = json.loads(content) if content else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None
