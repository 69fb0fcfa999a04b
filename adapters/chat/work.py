"""Work a platform does after it has acknowledged a request, and a way to wait for all of it.

Chat platforms want their answer within seconds, so the core's work and the replies run after
the acknowledgement. `drain()` awaits that work itself (at shutdown, and in tests, which must
never guess when the bot is done by waiting for a quiet moment).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any


class WorkInFlight:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def track(self, handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        """`handler`, counted while it runs (its whole task, including what follows its ack).
        The signature is kept: SDKs such as bolt pass arguments by parameter name."""

        @functools.wraps(handler)
        async def tracked(*args, **kwargs):
            task = asyncio.current_task()
            if task is not None:
                self._tasks.add(task)
            try:
                return await handler(*args, **kwargs)
            finally:
                self._tasks.discard(task)

        return tracked

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task:
        """Runs `work` in a task of its own, counted until it ends."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self) -> None:
        """Returns once no counted work runs, including work started by work being drained."""
        current = asyncio.current_task()
        while pending := [task for task in self._tasks if task is not current]:
            await asyncio.gather(*pending, return_exceptions=True)
