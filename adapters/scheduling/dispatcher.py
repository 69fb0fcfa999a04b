"""The dispatcher: sends the outbox's due replies through their platform, paced and retried.

Platform-neutral: it knows the platforms only by their channel key ("slack", "msteams") and
their `deliver(channel, [reply], actor=..., context=None)`. The outbox hands out at most one
row per conversation at a time (its oldest unsent), so a conversation's replies go out in the
order they were decided; a limiter per conversation keeps to the platform's pace (Slack about
one message a second with short bursts, Teams at most 7 a second).

A reply is marked sent only after its platform took it, so it is sent at least once; it is
sent at most once to people because a row is claimed by one dispatcher under a lease and is
never handed out again once marked. `DeliveryRetry` (a 429's Retry-After, a 5xx) makes the row
due again later, holding back the rest of its conversation; `DeliveryFailed` sets it aside.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from adapters.chat.platform import DeliveryFailed, DeliveryRetry, Platform
from adapters.persistence.database import StorageBusy
from adapters.persistence.failures import backoff, describe
from adapters.persistence.outbox import Outbox, OutboxClaim
from adapters.persistence.queue import new_worker_id
from adapters.persistence.routes import EDITS, paced_with
from adapters.scheduling.pacing import (
    DEFAULT_PACE,
    UNPACED,
    Pace,
    PacedConversations,
    Paces,
    as_paces,
)
from core.messages import Audience
from core.model import Actor

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self,
        outbox: Outbox,
        platforms: Mapping[str, Platform],
        *,
        pace: Mapping[str, Paces] = DEFAULT_PACE,
        interval: float = 30.0,
        # Rows in hand, those waiting up to HOLD_SECONDS for their pace too: 128 held 500 paced
        # Slack channels to 206 messages a second, 256 to 398, 512 to 814 (the floor: 1,000).
        slots: int = 512,
        max_attempts: int = 8,
        worker_id: str | None = None,
        retry_after: Callable[[int], float] = backoff,
    ):
        self.outbox = outbox
        self.platforms = dict(platforms)
        self.pace = dict(pace)
        self.interval = interval
        self.slots = slots
        self.max_attempts = max_attempts
        self.worker_id = worker_id or new_worker_id()
        self.retry_after = retry_after
        self.wake = asyncio.Event()
        self.sent = 0
        self.retried = 0
        self.failed = 0
        self._conversations = PacedConversations()
        self._in_flight: set[asyncio.Task] = set()
        self._slot_free = asyncio.Event()
        self._stopping = False
        self._idle = asyncio.Event()  # set while nothing is due and nothing is in flight
        self._loop: asyncio.AbstractEventLoop | None = None
        self._to_mark: list[tuple[OutboxClaim, asyncio.Future]] = []
        self._marker: asyncio.Task | None = None

    @property
    def busy(self) -> bool:
        """A send is in flight."""
        return bool(self._in_flight)

    def notify(self) -> None:
        """Look for due replies now (on the event loop; from a thread: `notify_threadsafe`)."""
        self._idle.clear()
        self.wake.set()

    def notify_threadsafe(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.notify)

    def stop(self) -> None:
        """Stop claiming; sends in flight finish, the rest stays in the database."""
        self._stopping = True
        self.wake.set()

    async def idle(self) -> None:
        """Returns once a look found nothing due and no send is in flight."""
        await self._idle.wait()

    async def run(self) -> int:
        """Runs until `stop()`; returns how many replies it left unsent for the next start."""
        self._loop = asyncio.get_running_loop()
        scheduler = AsyncIOScheduler(event_loop=self._loop)
        scheduler.add_job(self.notify, "interval", seconds=self.interval, coalesce=True)
        scheduler.start()
        with ThreadPoolExecutor(2, thread_name_prefix="dispatch-db") as db:
            self._db = db
            try:
                await self._claim_while_running()
            finally:
                scheduler.shutdown(wait=False)
                if self._in_flight:
                    await asyncio.wait(self._in_flight)
            return await self._loop.run_in_executor(db, self._unsent)

    def _unsent(self) -> int:
        return self.outbox.counts(late_after=_MINUTE)["waiting"]

    async def _claim_while_running(self) -> None:
        self.wake.set()  # a first look for what was left at the last stop
        while not self._stopping:
            await self.wake.wait()
            if self._stopping:
                break
            free = self.slots - len(self._in_flight)
            if free <= 0:  # `wake` stays set: the look happens once a slot is free
                self._slot_free.clear()
                await self._slot_free.wait()
                continue
            self.wake.clear()  # cleared before looking: a notify while we look is not lost
            try:
                claims = await self._in_db(self.outbox.claim, self.worker_id, free)
            except StorageBusy:  # the writer is taken (decisions in hand): look again soon
                log.warning("the database is busy; claiming outbox rows again shortly")
                await asyncio.sleep(0.2)
                self.wake.set()
                continue
            except Exception:
                log.exception("claiming outbox rows failed; trying again at the next wake-up")
                claims = []
            if not claims and not self._in_flight:
                self._idle.set()
            self._start(claims)

    def _start(self, claims: list[OutboxClaim]) -> None:
        for claim in claims:
            task = self._loop.create_task(self._send(claim))
            self._in_flight.add(task)
            task.add_done_callback(self._sent_or_not)

    def _sent_or_not(self, task: asyncio.Task) -> None:
        self._in_flight.discard(task)
        self._slot_free.set()
        marked = not task.cancelled() and task.exception() is None and task.result()
        if not marked or not self._in_flight:
            # Retried, set aside or unmarked: the conversation's next row may be claimable
            # now (a row marked sent had the rows due next claimed with its mark); and the
            # last one out looks once more, to know whether all is done.
            self.wake.set()

    async def _in_db(self, function, *args):
        return await self._loop.run_in_executor(self._db, function, *args)

    def _paced(self, claim: OutboxClaim) -> tuple[str, tuple[Pace, ...]] | None:
        """The conversation whose pace the row keeps, and that pace; None: no pace of ours."""
        paces = self.pace.get(claim.channel.platform, UNPACED)
        if claim.reply.audience is Audience.DIRECT:
            paced = paces.direct
        elif claim.recipient is not None:
            paced = paces.private
        elif claim.conversation.endswith(EDITS):
            paced = paces.edits
        else:
            paced = paces.posts
        if paced is None:
            return None
        conversation = paced_with(claim.conversation)
        if not paces.edits_apart:
            conversation = conversation.removesuffix(EDITS)
        return conversation, as_paces(paced)

    async def _wait_for_pace(self, claim: OutboxClaim) -> bool:
        """Waits for the row's time in its conversation's pace; False when that is further off
        than `HOLD_SECONDS`: the row is then put back, due at the time given to it, and its
        slot is free for other conversations meanwhile."""
        paced = self._paced(claim)
        if paced is None:
            return True
        now = self._loop.time()
        at, in_hand = self._conversations.time_for(*paced, claim.id, now)
        if not in_hand:
            await self._put_back(claim, at - now)
            return False
        if at > now:
            await asyncio.sleep(at - now)
        return True

    async def _send(self, claim: OutboxClaim) -> bool:
        """True: sent and marked, and the rows due next were claimed with the mark."""
        platform = self.platforms.get(claim.channel.platform)
        try:
            if platform is None:
                raise DeliveryFailed(f"no platform {claim.channel.platform!r} runs here")
            # A direct message's one recipient is in `reply.to` as well (the Platform protocol).
            actor = Actor(claim.recipient) if claim.recipient else None
            if not await self._wait_for_pace(claim):
                return False
            await platform.deliver(
                claim.channel,
                [claim.reply],
                actor=actor,
                context=None,
                source_ref=claim.source_ref,
            )
        except DeliveryFailed as error:
            await self._give_up(claim, error)
        except DeliveryRetry as error:
            # A Retry-After is the platform's own word: wait it out, and do not count it
            # against the attempts as hard as an error (a busy channel is not a broken one).
            limit = self.max_attempts * (4 if error.after_seconds is not None else 1)
            if claim.attempts >= limit:
                await self._give_up(claim, error)
            else:
                delay = error.after_seconds
                await self._later(
                    claim, self.retry_after(claim.attempts) if delay is None else delay, error
                )
        except Exception as error:  # noqa: BLE001 - a connection error or a bug: back off
            if claim.attempts >= self.max_attempts:
                await self._give_up(claim, error)
            else:
                await self._later(claim, self.retry_after(claim.attempts), error)
        else:
            return await self._mark_sent(claim)
        return False

    async def _mark_sent(self, claim: OutboxClaim) -> bool:
        """Returns once the row is marked sent (True), or could not be (False). Rows sent
        while a mark is being committed are marked together in the next transaction (group
        commit), which also claims the rows due next: a busy dispatcher costs a transaction
        per batch, not two per reply; none waits longer than the commit in hand."""
        marked = self._loop.create_future()
        self._to_mark.append((claim, marked))
        if self._marker is None or self._marker.done():
            self._marker = self._loop.create_task(self._mark_while_waiting())
        return await marked

    async def _mark_while_waiting(self) -> None:
        while self._to_mark:
            batch, self._to_mark = self._to_mark[:_MARK_BATCH], self._to_mark[_MARK_BATCH:]
            claims = [claim for claim, _ in batch]
            # The rows of this batch leave their slots once marked.
            room = 0 if self._stopping else self.slots - len(self._in_flight) + len(batch)
            lost, claimed_next = await self._mark_batch(claims, max(room, 0))
            for claim, marked in batch:
                done = lost is not None and claim not in lost
                self.sent += done
                marked.set_result(done)
            self._start(claimed_next)

    async def _mark_batch(
        self, claims: list[OutboxClaim], room: int
    ) -> tuple[list[OutboxClaim] | None, list[OutboxClaim]]:
        """Marked within the lease, trying a busy database again: a row left unmarked is sent
        a second time once its lease runs out. Returns the lost claims (None: the rows could
        not be marked) and the rows claimed with the mark (up to `room`; none on a retry, so
        that a claim that fails can never keep a sent row unmarked)."""
        for attempt in range(5):
            try:
                lost, claimed_next = await self._in_db(
                    self.outbox.mark_sent_and_claim, claims, self.worker_id, room
                )
            except Exception:
                if attempt == 4:
                    ids = [claim.id for claim in claims]
                    log.exception("outbox rows %s were sent but could not be marked", ids)
                    return None, []
                room = 0
                await asyncio.sleep(0.2 * (attempt + 1))
                continue
            for claim in lost:
                log.warning("outbox row %s was sent after its lease ran out", claim.id)
            return lost, claimed_next
        return None, []

    async def _put_back(self, claim: OutboxClaim, delay: float) -> None:
        try:
            await self._in_db(self.outbox.wait_turn, claim, delay)
        except Exception:
            log.exception("outbox row %s could not be put back; its lease will", claim.id)
        self._loop.call_later(delay + 0.01, self.notify)

    async def _later(self, claim: OutboxClaim, delay: float, error: Exception) -> None:
        self.retried += 1
        log.warning(
            "outbox row %s: %s; trying again in %.1f s", claim.id, type(error).__name__, delay
        )
        try:
            await self._in_db(self.outbox.retry_later, claim, delay, describe(error, 500))
        except Exception:
            log.exception("outbox row %s could not be put back; its lease will", claim.id)
        self._loop.call_later(delay + 0.01, self.notify)

    async def _give_up(self, claim: OutboxClaim, error: Exception) -> None:
        self.failed += 1
        # Only the type and the platform's words: the reply itself may hold an anonymous note.
        log.error("outbox row %s set aside: %s", claim.id, describe(error, 500))
        try:
            await self._in_db(self.outbox.give_up, claim, describe(error, 500))
        except Exception:
            log.exception("outbox row %s could not be set aside", claim.id)


_MINUTE = timedelta(minutes=1)
_MARK_BATCH = 100  # the most sent rows marked in one transaction
