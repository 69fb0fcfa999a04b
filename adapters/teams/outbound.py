"""One outbox reply sent through the connector for the dispatcher, and nothing of it twice.

A reply may take several sends (a long board is several cards; a private reply may need a
personal chat opened first). Until the first of them is shown, a 429 or a 5xx hands the whole
reply back to the dispatcher (`DeliveryRetry`, with Teams' Retry-After), which paces the
conversation and tries it again later. Once something was shown, trying the reply again would
show that part twice: what is left is retried in place instead, as Microsoft advises (wait out
Retry-After, back off with jitter), and given up after the policy's attempts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiohttp import ClientConnectionError, ClientResponseError

from adapters.chat.platform import DeliveryFailed, DeliveryRetry
from adapters.teams.retry import RETRYABLE_STATUSES, RetryPolicy, retry_after_seconds

log = logging.getLogger("rasmus.teams")

T = TypeVar("T")

LONGEST_ADVISED_WAIT = 300.0  # a Retry-After beyond this is read as this


class NoConversationReference(DeliveryFailed, LookupError):
    """RASMUS was never installed or started in this conversation: nowhere to send to."""


def as_retry(error: BaseException) -> DeliveryRetry | None:
    """The dispatcher's retry for a connector that throttled, failed or was unreachable."""
    if isinstance(error, ClientResponseError):
        if error.status == 429:
            advised = retry_after_seconds((error.headers or {}).get("Retry-After"))
            after = None if advised is None else min(advised, LONGEST_ADVISED_WAIT)
            return DeliveryRetry("Teams throttled the conversation (429)", after)
        if error.status in RETRYABLE_STATUSES:
            return DeliveryRetry(f"the Teams connector answered {error.status}")
        return None
    if isinstance(error, ClientConnectionError | asyncio.TimeoutError):
        return DeliveryRetry(f"the Teams connector was unreachable ({type(error).__name__})")
    return None


class OneReply:
    """Counts what was shown of one reply, and decides what a failed send means."""

    def __init__(self, policy: RetryPolicy):
        self.policy = policy
        self.shown = 0

    async def send(self, call: Callable[[], Awaitable[T]]) -> T:
        retry_number = 0
        while True:
            try:
                result = await call()
            except Exception as error:
                retry = as_retry(error)
                if retry is None:
                    raise
                if not self.shown:
                    raise retry from error  # nothing shown: the dispatcher tries it all again
                if retry_number + 1 >= self.policy.attempts:
                    shown = f"part of a reply was shown, the rest failed: {retry}"
                    raise DeliveryFailed(shown) from error
                delay = retry.after_seconds
                if delay is None:
                    delay = self.policy.backoff(retry_number)
                log.warning("%s; retrying the rest of a reply in %.2fs", retry, delay)
                await self.policy.sleep(min(delay, self.policy.max_delay))
                retry_number += 1
                continue
            self.shown += 1
            return result
