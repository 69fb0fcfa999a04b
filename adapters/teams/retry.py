"""Retries for calls to the Bot Framework connector, as Microsoft advises for Teams bots.

429 means Teams is throttling us: wait as long as `Retry-After` says. 5xx (and 412 for
"precondition failed" on busy conversations) are transient: back off exponentially with jitter,
so many workers retrying together do not hit Teams in lockstep. Every other answer is final.
This is an aiohttp client middleware, so the SDK's own connector client keeps doing the HTTP.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from aiohttp import ClientHandlerType, ClientRequest, ClientResponse

log = logging.getLogger("rasmus.teams.retry")

RETRYABLE_STATUSES = frozenset({412, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # the first try included
    base_delay: float = 0.5  # seconds before the first retry
    max_delay: float = 20.0  # one wait never exceeds this, whatever Retry-After says
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Equal jitter: a random wait between half and all of the exponential ceiling."""
        ceiling = min(self.max_delay, self.base_delay * (2**retry_number))
        return ceiling * (0.5 + 0.5 * self.jitter())

    def delay_for(self, response: ClientResponse, retry_number: int) -> float:
        advised = retry_after_seconds(response.headers.get("Retry-After"))
        if advised is not None:
            return min(advised, self.max_delay)
        return self.backoff(retry_number)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """`Retry-After` is either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retrying_middleware(policy: RetryPolicy):
    async def middleware(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
        retry_number = 0
        while True:
            response = await handler(request)
            last_try = retry_number + 1 >= policy.attempts
            if response.status not in RETRYABLE_STATUSES or last_try:
                return response
            delay = policy.delay_for(response, retry_number)
            log.warning(
                "connector answered %s to %s %s; retry %d in %.2fs",
                response.status,
                request.method,
                request.url.path,
                retry_number + 1,
                delay,
            )
            response.release()
            await policy.sleep(delay)
            retry_number += 1

    return middleware
