"""The seam every chat platform plugs into: services in, a `Platform` out.

The bootstrap (bot/wiring.py) builds each platform with `build(settings, services)`, where
`settings` is a plain mapping of every setting (each platform reads its own keys) and
`services` the shared `Services`. Nothing here, nor in a platform, imports `bot`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from adapters.chat.core_runner import CoreRunner
from adapters.chat.intake import Intake
from adapters.chat.memory import ChatMemory, KeyValueStore
from adapters.chat.status import ChannelStatus
from core.messages import Reply
from core.model import Actor, ChannelKey
from core.service import Incoming, Outcome, WorkshopService

if TYPE_CHECKING:
    from aiohttp import web


@dataclass
class Services:
    """What the bootstrap hands every platform.

    `store` is the persistence store (its `engine` is there for a platform's own tables, such
    as Slack's OAuth installations); `state` the key-value PlatformState; `core` the one
    CoreRunner every platform calls the core through; `memory` circle-message and thread
    memory on top of `state`."""

    service: WorkshopService
    state: KeyValueStore
    store: Any
    clock: Callable[[], datetime]
    default_language: str
    core: CoreRunner
    memory: ChatMemory
    # The durable inbox: a platform that has it stores a request there and acknowledges only
    # after the commit; the worker decides it later. None: decide at once (tests of the kit).
    intake: Intake | None = None


def services(
    service: WorkshopService,
    state: KeyValueStore,
    store: Any,
    clock: Callable[[], datetime],
    default_language: str,
    core: CoreRunner | None = None,
    intake: Intake | None = None,
) -> Services:
    core = core or CoreRunner()
    return Services(
        service, state, store, clock, default_language, core, ChatMemory(state, core), intake
    )


class DeliveryRetry(Exception):
    """Raised by a platform's `deliver` (context None) when sending should be tried again:
    a 429 with its Retry-After (`after_seconds`), or a 5xx / connection error (`after_seconds`
    None: the dispatcher backs off with jitter). Nothing of the failed reply was shown."""

    def __init__(self, reason: str, after_seconds: float | None = None):
        super().__init__(reason)
        self.after_seconds = after_seconds


class DeliveryFailed(Exception):
    """Raised by `deliver` when trying again cannot help (the channel is gone, the app was
    removed): the dispatcher sets the reply aside at once."""


class Platform(Protocol):
    name: str  # for people: "Slack", "Teams"
    key: str  # the `ChannelKey.platform` of its channels: "slack", "msteams"

    def mount(self, app: web.Application) -> ChannelStatus:
        """Registers the platform's routes and lifecycle on the shared server (nothing when it
        lacks configuration) and says whether it is active and why."""
        ...

    async def deliver(
        self,
        channel: ChannelKey,
        replies: Sequence[Reply],
        *,
        actor: Actor | None = None,
        context: Any = None,
        source_ref: str | None = None,
    ) -> None:
        """Sends the core's replies for `channel`: CHANNEL replies to the channel, PRIVATE ones
        to `actor` (the person who acted; PRIVATE replies are dropped without one), DIRECT ones
        as a direct message (Slack: a DM, chat.postMessage to the user; Teams: a 1:1
        conversation) to each user id in `reply.to`.

        A reply is a direct message exactly when `reply.audience is Audience.DIRECT`; its
        recipients are `reply.to` (platform user ids, as in `Actor.user_id`), never `actor`.
        `channel` is still the workshop's channel: it tells the platform which workspace /
        tenant, installation and stored references to use, not where to post. The dispatcher
        splits a DIRECT reply into one outbox row per recipient, so a proactive send (context
        None) carries exactly one DIRECT reply with exactly one id in `to` (and, for the
        platform's convenience, `actor` is that same recipient); a recipient the platform
        cannot reach is `DeliveryFailed` (that one person's row is set aside), a 429 / 5xx is
        `DeliveryRetry`. In a request (context set) a DIRECT reply may name several people:
        send one message to each. DIRECT replies never go to the channel itself.

        `context` is the platform's in-request handle (Slack: the request's AsyncWebClient;
        Teams: the TurnContext) while a request is being answered, and None for later,
        proactive sends (the outbox dispatcher), where the platform finds its own way in.
        `source_ref` names the chat message the replies answer, when there is one.
        In a request, one reply that fails is logged and does not stop the others. Without
        a context (the dispatcher hands one reply at a time) a failure is raised: as
        `DeliveryRetry` when trying later may help, `DeliveryFailed` when it cannot."""
        ...


class WorkerHooks(Protocol):
    """Optional on a Platform: what the worker asks of it around a stored request's decision.

    `prepare` runs before the decision's transaction opens: fill in what the request could not
    carry when it was stored in a hurry (the actor's display name). `decided` runs after the
    decision is committed and before its replies are sent (forget a deleted workshop's circle
    messages). Both are looked up by name; a platform without them needs neither."""

    async def prepare(self, incoming: Incoming) -> Incoming: ...

    async def decided(self, incoming: Incoming, outcome: Outcome) -> None: ...


PlatformFactory = Callable[[Mapping[str, Any], Services], Platform]
