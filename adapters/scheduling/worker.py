"""The worker loop: claims inbox rows and has them decided, a few channels at a time.

The database says what is due; this loop only decides when to look. It looks at once when told
(`notify`, after the web side enqueued something, or when a slot frees up and the channel's next
row may now be due) and otherwise every `interval` seconds, woken by an APScheduler job. The
scheduler keeps its one job in memory: a job store shared between processes would run jobs twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from adapters.persistence.outbox import ClaimLost
from adapters.persistence.queue import Claim, WorkQueue, new_worker_id
from core.service import Incoming, Outcome

log = logging.getLogger(__name__)


class QueueWorker:
    def __init__(
        self,
        queue: WorkQueue,
        handler: Callable[[Incoming], Outcome],
        *,
        slots: int = 4,
        interval: float = 30.0,
        worker_id: str | None = None,
        wake: asyncio.Event | None = None,
        on_decided: Callable[[Claim, Outcome], None] | None = None,
        chain: int = 64,
        batch: int = 16,
        prepare: Callable[[Incoming], Awaitable[Incoming]] | None = None,
        due_work: Callable[[], int] | None = None,
    ):
        self.queue = queue
        self.handler = handler
        self.slots = slots
        self.interval = interval
        self.worker_id = worker_id or new_worker_id()
        self.wake = wake or asyncio.Event()
        self.on_decided = on_decided
        self.chain = chain
        self.batch = batch
        # Fills in what a request could not carry when it was stored in a hurry (the actor's
        # display name), on the loop, before the row's transaction opens.
        self.prepare = prepare
        # Turns due wake-ups into Tick rows (adapters.persistence.wakeups): at the start, so
        # what fell due while no worker ran is handled at once, then at every interval.
        self.due_work = due_work
        self.ticks = 0
        self._claimer = None
        self.decided = 0
        self.failed = 0
        self._stopping = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._in_hand: set[asyncio.Task] = set()

    @property
    def busy(self) -> bool:
        """A decision is in hand."""
        return bool(self._in_hand)

    def notify(self) -> None:
        """Look for work now. Call on the event loop; from a thread use `notify_threadsafe`."""
        self.wake.set()

    def notify_threadsafe(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.wake.set)

    def stop(self) -> None:
        """Stop claiming; the decisions in hand finish, the rest stays in the database."""
        self._stopping = True
        self.wake.set()

    async def run(self) -> int:
        """Runs until `stop()`; returns how many rows it left for the next start."""
        self._loop = asyncio.get_running_loop()
        free = asyncio.Semaphore(self.slots)
        scheduler = AsyncIOScheduler(event_loop=self._loop)
        self._looking = asyncio.Lock()
        scheduler.add_job(self._tick, "interval", seconds=self.interval, coalesce=True)
        scheduler.start()
        # One thread per slot for decisions and one for claiming, so a slow decision never
        # keeps the loop from claiming for the other channels.
        with (
            ThreadPoolExecutor(self.slots, thread_name_prefix="decide") as deciders,
            ThreadPoolExecutor(1, thread_name_prefix="claim") as claimer,
        ):
            self._claimer = claimer
            try:
                await self._look_for_due_work()
                await self._claim_while_running(free, deciders, claimer)
            finally:
                scheduler.shutdown(wait=False)
                if self._in_hand:
                    await asyncio.wait(self._in_hand)
        return await self._loop.run_in_executor(None, lambda: self.queue.stats().waiting)

    async def _tick(self) -> None:
        await self._look_for_due_work()
        self.wake.set()

    async def _look_for_due_work(self) -> None:
        idle = self.due_work is None or self._claimer is None or self._stopping
        if idle or self._looking.locked():
            return
        async with self._looking:  # one look at a time: a slow one is not stacked up
            try:
                written = await self._loop.run_in_executor(self._claimer, self.due_work)
            except Exception:
                log.exception("looking for due work failed; trying again at the next interval")
                return
        if written:
            self.ticks += written
            self.wake.set()

    async def _claim_while_running(self, free, deciders, claimer) -> None:
        loop = self._loop
        while not self._stopping:
            await free.acquire()
            if self._stopping:
                free.release()
                break
            # Cleared before looking: a notify that comes while we look is not lost.
            self.wake.clear()
            try:
                claim = await loop.run_in_executor(claimer, self.queue.claim, self.worker_id)
            except Exception:
                log.exception("claiming inbox work failed; trying again at the next wake-up")
                claim = None
            if claim is None:
                free.release()
                await self.wake.wait()
                continue
            if self._stopping:  # claimed just as we were told to stop: hand it back
                await loop.run_in_executor(claimer, self.queue.release, claim)
                free.release()
                break
            task = loop.create_task(self._decide(claim, free, deciders))
            self._in_hand.add(task)
            task.add_done_callback(self._in_hand.discard)

    def _ready(self, incoming: Incoming) -> bool:
        """May be decided in a transaction already open: nothing to fill in first. What
        `prepare` fills in is the actor's name; a row without it ends the batch, and is
        prepared on the loop before its own transaction."""
        actor = incoming.actor
        return self.prepare is None or bool(actor.display_name) or not actor.user_id

    async def _prepared(self, claim: Claim) -> Claim:
        try:
            incoming = await self.prepare(claim.incoming)
        except Exception:  # a name is nice to have; never a reason to hold a request back
            log.exception("preparing inbox row %s failed; deciding it as stored", claim.id)
            return claim
        return claim if incoming is claim.incoming else replace(claim, incoming=incoming)

    async def _decide(self, claim: Claim, free: asyncio.Semaphore, deciders) -> None:
        """Decides a claimed row, then the channel's next ones while they keep coming (claimed
        with each decision, several to a transaction: `batch`), up to `chain` rows, so one
        busy channel cannot keep a slot forever."""
        rows = 0
        try:
            while rows < self.chain:
                last = rows + self.batch >= self.chain or self._stopping
                if self.prepare is not None:
                    claim = await self._prepared(claim)
                try:
                    decided, following = await self._loop.run_in_executor(
                        deciders,
                        lambda c=claim, last=last: self.queue.process_and_claim_next(
                            c,
                            self.handler,
                            claim_next=not last,
                            batch=self.batch,
                            ready=self._ready,
                        ),
                    )
                except ClaimLost:
                    log.warning("inbox row %s was taken over after its lease ran out", claim.id)
                    return
                except Exception:
                    self.failed += 1
                    log.exception("inbox row %s failed; it will be tried again", claim.id)
                    return
                rows += len(decided)
                self.decided += len(decided)
                if self.on_decided is not None:
                    for done, outcome in decided:
                        self.on_decided(done, outcome)
                if following is None:
                    return
                claim = following
        finally:
            free.release()
            self.wake.set()  # the channel's next row may be claimable now
