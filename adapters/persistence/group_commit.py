"""Group commit: what arrives while a transaction is being written goes into the next one.

Under a burst each transaction then takes many requests, so each waits for about one commit,
not for one commit per request ahead of it. The writes run on a thread of their own, so the
event loop goes on reading requests; and a single writer per process never busy-waits for
SQLite's file lock against itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class GroupCommit(Generic[T, R]):
    def __init__(
        self,
        write: Callable[[list[T]], Sequence[R]],
        *,
        name: str,
        batch: int = 100,
        committed: Callable[[], None] | None = None,
    ):
        """`write` stores a list of items in one transaction and returns one result per item,
        in order; should it raise, every item of that transaction hears the error.
        `committed` is called on the loop after each transaction that was written."""
        self._write = write
        self.committed = committed
        self._batch = batch
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=name)
        self._waiting: list[tuple[T, asyncio.Future]] = []
        self._writer: asyncio.Task | None = None

    def submit(self, item: T) -> asyncio.Future:
        """A future for the item's result, set once its transaction has committed."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        # Its outcome is read by the caller, or (after a caller's timeout) by nobody: never
        # warn about that.
        done.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._waiting.append((item, done))
        if self._writer is None or self._writer.done():
            self._writer = loop.create_task(self._write_while_waiting())
        return done

    async def _write_while_waiting(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch, self._waiting = self._waiting[: self._batch], self._waiting[self._batch :]
            try:
                results = await loop.run_in_executor(
                    self._thread, self._write, [item for item, _ in batch]
                )
            except Exception as error:  # noqa: BLE001 - every waiter of the batch hears it
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            for (_, done), result in zip(batch, results, strict=True):
                if not done.done():
                    done.set_result(result)
            if self.committed is not None:
                self.committed()

    def close(self) -> None:
        self._thread.shutdown(wait=True)
