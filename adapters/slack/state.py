"""What only the Slack adapter remembers between requests, in the shared PlatformState store
(circle messages and threads are the kit's: adapters.chat.memory).

- pending colour questions: a random token -> the unmarked reply waiting for green or red.
  An anonymous pending note is never created from a thread (threads are named by nature), and
  the token says nothing about the person.

PlatformState is synchronous (SQL), so every call runs in a worker thread.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from adapters.chat.core_runner import CoreRunner

if TYPE_CHECKING:
    from adapters.slack.delivery import Where
    from core.messages import ColourNeeded

PENDING = "slack.pending_colour"


class SlackState:
    def __init__(self, platform_state, core: CoreRunner):
        self._state = platform_state
        self._run = core.run  # the shared small pool, as the core

    async def _put(self, namespace: str, key: str, value: dict[str, Any]) -> None:
        await self._run(self._state.put, namespace, key, json.dumps(value))

    async def _get(self, namespace: str, key: str) -> dict[str, Any] | None:
        raw = await self._run(self._state.get, namespace, key)
        return json.loads(raw) if raw else None

    async def put_pending(
        self, token: str, where: Where, question: ColourNeeded, source_ref: str | None = None
    ) -> None:
        value = {
            "source_ref": None if question.anonymous else source_ref,
            "team": where.team,
            "channel": where.channel,
            "user": where.user,  # only for named replies: the button must be pressed by them
            "circle": question.circle.value,
            "text": question.text,
            "anonymous": question.anonymous,
        }
        if question.anonymous:
            value["user"] = ""
        await self._put(PENDING, token, value)

    async def forget_channel(self, team: str, channel: str) -> None:
        """After a workshop is deleted no unanswered note text of the channel stays here."""

        def forget() -> None:
            for key, raw in self._state.items(PENDING).items():
                found = json.loads(raw)
                if (found.get("team"), found.get("channel")) == (team, channel):
                    self._state.delete(PENDING, key)

        await self._run(forget)

    async def take_pending(self, token: str) -> dict[str, Any] | None:
        found = await self._get(PENDING, token)
        if found:
            await self._run(self._state.delete, PENDING, token)
        return found
