"""The one way every platform calls the synchronous core: a small pool of its own threads.

The core holds the GIL while it loads and stores a workshop. A small, bounded pool keeps the
event loop (which must acknowledge within Slack's 3 s and Teams' 15 s) from competing with many
such threads at once; `asyncio.to_thread` would use the loop's large default pool.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

CORE_THREADS = 2


class CoreRunner:
    def __init__(self, threads: int = CORE_THREADS, name: str = "rasmus-core"):
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix=name)

    async def run(self, function: Callable[..., T], *args) -> T:
        """`function(*args)` in one of the pool's threads; the loop stays free meanwhile."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, function, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
