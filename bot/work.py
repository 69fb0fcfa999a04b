"""The background half of RASMUS: the worker that decides inbox rows and the dispatcher that
sends outbox rows, in this process (`serve`, the embedded default, and `worker`).

The web side wakes them at once in the same process (`intake.notify`); otherwise they look
every SCHEDULER_INTERVAL_SECONDS, each with its own in-memory APScheduler job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from adapters.chat.platform import Platform
from adapters.persistence.queue import Claim
from adapters.persistence.wakeups import Wakeups
from adapters.scheduling.dispatcher import Dispatcher
from adapters.scheduling.worker import QueueWorker
from bot.runtime import Runtime
from core.service import Incoming, Outcome

log = logging.getLogger("rasmus.work")


@dataclass(frozen=True)
class LeftOver:
    """What a stop left in the database for the next start."""

    requests: int
    replies: int

    def __str__(self) -> str:
        return (
            f"left for the next start: {self.requests} request(s) not yet decided, "
            f"{self.replies} reply(ies) not yet sent"
        )


class Background:
    def __init__(
        self,
        runtime: Runtime,
        platforms: Sequence[Platform],
        *,
        slots: int | None = None,
        send: bool = True,
    ):
        interval = runtime.settings.scheduler_interval_seconds
        self.runtime = runtime
        # False: replies stay in the outbox (`tick` with no platform configured to send them).
        self.send = send
        self.platforms = {p.key: p for p in platforms}
        self.dispatcher = Dispatcher(runtime.queue.outbox, self.platforms, interval=interval)
        self.worker = QueueWorker(
            runtime.queue,
            runtime.service.handle,
            slots=slots or runtime.settings.worker_slots,
            interval=interval,
            on_decided=self._decided,
            prepare=self._prepare,
            due_work=Wakeups(runtime.queue).enqueue_due,
        )
        self._tasks: list[asyncio.Task] = []
        self._after: set[asyncio.Task] = set()  # `decided` hooks still running
        self.left_over: LeftOver | None = None  # set by stop()
        self._listener = None
        if runtime.store.engine.dialect.name == "postgresql":
            # Requests stored by web processes elsewhere wake this worker at once.
            from adapters.scheduling.listen import InboxListener

            self._listener = InboxListener(runtime.store.engine, self.worker.notify_threadsafe)

    async def _prepare(self, incoming: Incoming) -> Incoming:
        prepare = getattr(self.platforms.get(incoming.channel.platform), "prepare", None)
        return incoming if prepare is None else await prepare(incoming)

    def _decided(self, claim: Claim, outcome: Outcome) -> None:
        hook = getattr(self.platforms.get(claim.incoming.channel.platform), "decided", None)
        if hook is None or not outcome.events:
            if outcome.replies:
                self.dispatcher.notify()
            return
        task = asyncio.get_running_loop().create_task(self._after_decision(hook, claim, outcome))
        self._after.add(task)
        task.add_done_callback(self._after.discard)

    async def _after_decision(self, hook, claim: Claim, outcome: Outcome) -> None:
        try:
            await hook(claim.incoming, outcome)
        except Exception:
            log.exception("a platform's after-decision work failed for row %s", claim.id)
        finally:
            self.dispatcher.notify()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self.worker.run(), name="rasmus-worker")]
        if self.send:
            self._tasks.append(loop.create_task(self.dispatcher.run(), name="rasmus-dispatcher"))
        self.runtime.intake.notify = self.worker.notify
        if self._listener is not None:
            self._listener.start()

    async def stop(self) -> LeftOver:
        """Stops claiming; the decision and sends in hand finish; the rest stays stored."""
        self.runtime.intake.notify = None
        if self._listener is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._listener.stop)
        self.worker.stop()
        requests = await self._tasks[0]
        if self._after:
            await asyncio.wait(self._after)
        # The dispatcher stops after the worker, so the replies of the last decisions are
        # at least tried; whatever is not sent by then waits in the outbox.
        self.dispatcher.stop()
        if self.send:
            replies = await self._tasks[1]
        else:
            replies = await asyncio.get_running_loop().run_in_executor(None, self._unsent)
        self.left_over = LeftOver(requests, replies)
        return self.left_over

    async def drain(self, timeout: float = 30.0) -> None:
        """Returns once every request due so far is decided and every reply sent (or set
        aside), with nothing in hand: for tests and benchmarks, which must wait for the work
        itself, never for a quiet moment."""
        queue = self.runtime.queue
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            stats = await loop.run_in_executor(None, queue.stats)
            unsent = await loop.run_in_executor(None, self._unsent) if self.send else 0
            busy = self.worker.busy or self.dispatcher.busy or self._after
            if stats.due == 0 and unsent == 0 and not busy:
                return
            if loop.time() > deadline:
                raise TimeoutError(f"work still waiting after {timeout} s: {stats}")
            await asyncio.sleep(0.01)

    def _unsent(self) -> int:
        return self.runtime.queue.outbox.counts(_LATE)["waiting"]


_LATE = timedelta(minutes=1)
