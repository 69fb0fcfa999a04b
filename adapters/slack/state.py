"""What only the Slack adapter remembers between requests, in the shared PlatformState store
(circle messages and threads are the kit's: adapters.chat.memory).

- pending colour questions: a random token -> the unmarked reply waiting for green or red.
  An anonymous pending note is never created from a thread (threads are named by nature), and
  the token says nothing about the person.

Each question says which channel it is about; deleting the channel's last open workshop deletes
them in the same transaction (adapters.persistence.store), so nothing here has to forget.

PlatformState is synchronous (SQL), so every call runs in a worker thread.
"""

from __future__ import annotations

import json
from functools import partial
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

    async def _put(self, namespace: str, key: str, value: dict[str, Any], **about) -> None:
        # `about`: the channel it concerns, deleted with its workshop (persistence)
        await self._run(partial(self._state.put, namespace, key, json.dumps(value), **about))

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
        await self._put(PENDING, token, value, channel=where.key)

    async def pending(self, token: str) -> dict[str, Any] | None:
        """The question, kept until its note is stored (`drop_pending`): a click the database
        did not take finds it again when clicked again."""
        return await self._get(PENDING, token)

    async def drop_pending(self, token: str) -> None:
        await self._run(self._state.delete, PENDING, token)
