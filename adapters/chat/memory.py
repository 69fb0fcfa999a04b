"""What a chat platform remembers about its circle messages, in the shared PlatformState store.

- circle messages: (workshop, step, circle) -> the channel and id of the message (Slack `ts`,
  Teams activity id) that shows the circle's counts, to update them in place;
- threads: the id of a circle message in its channel -> its origin (workshop, circle, step), so
  that a reply in its thread becomes a note carrying where it was written;
- forgetting a workshop's messages after it is deleted.

Every row is put with the channel and workshop it is about, so the store deletes them in the
transaction that deletes the workshop (adapters.persistence.store). `forget_workshop` is for a
delivery that was still posting when that happened.

Order per channel: a delivery still posting circle messages must not remember them after the
workshop was forgotten. Work that posts, remembers or forgets runs inside `in_order(channel)`,
one turn at a time per channel (other channels go on meanwhile).

The store is synchronous (SQL), so every call runs on the CoreRunner's threads.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

from adapters.chat.core_runner import CoreRunner
from core.circles import Circle
from core.model import ChannelKey, Step

log = logging.getLogger(__name__)
# A posted circle message is remembered with a few tries: it is out, so a failure here must
# never fail its delivery (the dispatcher would post it a second time).
_REMEMBER_TRIES = 4

CIRCLE_MESSAGES = "chat.circle_message"
THREADS = "chat.thread"

# Which thread a message was written in is asked for every message in a thread (every Teams
# channel message is one). A thread that is no circle message's is rarely one seconds later:
# only in the milliseconds between a card's post and its remembering, long before anybody can
# have read the card, let alone replied to it; so that answer is kept for a moment. A circle
# message's thread is always read afresh: deleting its workshop (in whichever process) must
# end it at once.
OTHER_THREAD_SECONDS = 2.0


class KeyValueStore(Protocol):
    """adapters.persistence.state.PlatformState, as the kit uses it."""

    def get(self, namespace: str, key: str) -> str | None: ...
    def put(
        self,
        namespace: str,
        key: str,
        value: str,
        *,
        channel: ChannelKey | None = None,
        workshop_id: str | None = None,
    ) -> None:
        """`channel` / `workshop_id`: what the row is about; deleted with that workshop."""

    def delete(self, namespace: str, key: str) -> None: ...
    def items(self, namespace: str, prefix: str = "") -> dict[str, str]: ...


@dataclass(frozen=True)
class CircleMessage:
    channel: ChannelKey
    message_id: str


@dataclass(frozen=True)
class ThreadOrigin:
    """The circle message a thread hangs under: which workshop, circle and step it was for."""

    workshop_id: str
    circle: Circle
    step: Step


def channel_text(channel: ChannelKey) -> str:
    return f"{channel.platform}|{channel.workspace}|{channel.channel}|"


def _circle_key(platform: str, workshop_id: str, step: Step, circle: Circle) -> str:
    return f"{platform}|{workshop_id}|{step.value}|{circle.value}"


class ChannelOrder:
    """One turn at a time per channel; the lock of a channel nobody waits for is dropped."""

    def __init__(self) -> None:
        self._locks: dict[ChannelKey, asyncio.Lock] = {}
        self._users: dict[ChannelKey, int] = {}

    @asynccontextmanager
    async def turn(self, channel: ChannelKey) -> AsyncIterator[None]:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        self._users[channel] = self._users.get(channel, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[channel] -= 1
            if not self._users[channel]:
                del self._users[channel], self._locks[channel]


class ChatMemory:
    def __init__(
        self,
        state: KeyValueStore,
        core: CoreRunner,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._state = state
        self._core = core
        self._order = ChannelOrder()
        self._clock = clock
        self._no_circle_until: dict[str, float] = {}  # thread key -> kept until

    def in_order(self, channel: ChannelKey):
        """`async with memory.in_order(channel):` -- deliveries and forgetting, one at a time."""
        return self._order.turn(channel)

    async def remember_circle_message(
        self,
        channel: ChannelKey,
        workshop_id: str,
        step: Step,
        circle: Circle,
        message_id: str,
    ) -> None:
        ref = {"w": channel.workspace, "c": channel.channel, "id": message_id}
        origin = {"w": workshop_id, "c": circle.value, "s": step.value}

        def remember() -> None:
            key = _circle_key(channel.platform, workshop_id, step, circle)
            about = {"channel": channel, "workshop_id": workshop_id}
            self._state.put(CIRCLE_MESSAGES, key, json.dumps(ref), **about)
            self._state.put(
                THREADS, channel_text(channel) + message_id, json.dumps(origin), **about
            )

        for attempt in range(_REMEMBER_TRIES):
            try:
                await self._core.run(remember)
                self._no_circle_until.pop(channel_text(channel) + message_id, None)
                return
            except Exception:  # noqa: BLE001 - a busy or lost database: the post stands
                if attempt == _REMEMBER_TRIES - 1:
                    log.exception(
                        "circle message %s was posted but not remembered: its counts "
                        "cannot be updated in place",
                        message_id,
                    )
                    return
                await asyncio.sleep(0.2 * (attempt + 1))

    async def circle_message(
        self, platform: str, workshop_id: str, step: Step, circle: Circle
    ) -> CircleMessage | None:
        key = _circle_key(platform, workshop_id, step, circle)
        raw = await self._core.run(self._state.get, CIRCLE_MESSAGES, key)
        if not raw:
            return None
        ref = json.loads(raw)
        return CircleMessage(ChannelKey(platform, ref["w"], ref["c"]), ref["id"])

    async def thread_origin(self, channel: ChannelKey, thread_id: str) -> ThreadOrigin | None:
        key = channel_text(channel) + thread_id
        if self._clock() < self._no_circle_until.get(key, 0.0):
            return None
        raw = await self._core.run(self._state.get, THREADS, key)
        if not raw:
            if len(self._no_circle_until) > 10_000:  # many threads: start over, not grow
                self._no_circle_until.clear()
            self._no_circle_until[key] = self._clock() + OTHER_THREAD_SECONDS
            return None
        found = json.loads(raw)
        return ThreadOrigin(found["w"], Circle(found["c"]), Step(found["s"]))

    async def forget_workshop(self, channel: ChannelKey, workshop_id: str) -> None:
        """Nothing of the deleted workshop stays: its threads and circle messages. Other
        workshops of the channel (the open one, when an earlier one was deleted) keep theirs.
        Call it inside `in_order(channel)`, so no delivery in progress remembers after it."""

        def forget() -> None:
            for key, raw in self._state.items(THREADS, channel_text(channel)).items():
                if json.loads(raw).get("w") == workshop_id:
                    self._state.delete(THREADS, key)
            prefix = f"{channel.platform}|{workshop_id}|"
            for key in self._state.items(CIRCLE_MESSAGES, prefix):
                self._state.delete(CIRCLE_MESSAGES, key)

        await self._core.run(forget)
