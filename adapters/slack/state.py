"""What the Slack adapter remembers between requests, in the shared PlatformState store.

- circle messages: (workshop, step, circle) -> the channel and `ts` of its message, to update
  its counts; and the reverse, thread `ts` -> (workshop, circle, step), to read replies as notes;
- pending colour questions: a random token -> the unmarked reply waiting for green or red.
  An anonymous pending note is never created from a thread (threads are named by nature), and
  the token says nothing about the person.

PlatformState is synchronous (SQL), so every call runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from core.circles import Circle
from core.model import Step

if TYPE_CHECKING:
    from adapters.slack.delivery import Where
    from core.messages import ColourNeeded

CIRCLE_MESSAGES = "slack.circle_message"
THREADS = "slack.thread"
PENDING = "slack.pending_colour"


class SlackState:
    def __init__(self, platform_state, run_in_thread=asyncio.to_thread):
        self._state = platform_state
        self._run = run_in_thread  # the bridge's own small pool, shared with the core

    async def _put(self, namespace: str, key: str, value: dict[str, Any]) -> None:
        await self._run(self._state.put, namespace, key, json.dumps(value))

    async def _get(self, namespace: str, key: str) -> dict[str, Any] | None:
        raw = await self._run(self._state.get, namespace, key)
        return json.loads(raw) if raw else None

    async def remember_circle_message(
        self, team: str, channel: str, workshop_id: str, circle: Circle, step: Step, ts: str
    ) -> None:
        key = f"{workshop_id}:{step.value}:{circle.value}"
        await self._put(CIRCLE_MESSAGES, key, {"channel": channel, "ts": ts})
        thread = {"w": workshop_id, "c": circle.value, "s": step.value}
        await self._put(THREADS, f"{team}:{channel}:{ts}", thread)

    async def circle_message(
        self, workshop_id: str, circle: Circle, step: Step
    ) -> dict[str, str] | None:
        return await self._get(CIRCLE_MESSAGES, f"{workshop_id}:{step.value}:{circle.value}")

    async def thread_circle(
        self, team: str, channel: str, thread_ts: str
    ) -> tuple[str, Circle, Step] | None:
        found = await self._get(THREADS, f"{team}:{channel}:{thread_ts}")
        if not found:
            return None
        return found["w"], Circle(found["c"]), Step(found["s"])

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
        """After a workshop is deleted nothing of it stays here either: the refs to its circle
        messages and any unanswered note text. (Older, closed workshops in the channel lose
        their refs too; they take no notes any more.)"""

        def forget() -> None:
            doomed = []
            for key, raw in self._state.items(THREADS, f"{team}:{channel}:").items():
                doomed.append((THREADS, key))
                workshop_id = json.loads(raw)["w"]
                doomed += [
                    (CIRCLE_MESSAGES, k)
                    for k in self._state.items(CIRCLE_MESSAGES, f"{workshop_id}:")
                ]
            for key, raw in self._state.items(PENDING).items():
                found = json.loads(raw)
                if (found.get("team"), found.get("channel")) == (team, channel):
                    doomed.append((PENDING, key))
            for namespace, key in doomed:
                self._state.delete(namespace, key)

        await self._run(forget)

    async def take_pending(self, token: str) -> dict[str, Any] | None:
        found = await self._get(PENDING, token)
        if found:
            await self._run(self._state.delete, PENDING, token)
        return found
