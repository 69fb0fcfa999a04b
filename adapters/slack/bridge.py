"""The one path from a Slack request to the core and back: who acted, where, and the replies.

Listeners translate a payload into `Where` plus a command or command text, then call
`SlackBridge.handle` BEFORE they acknowledge: with the durable inbox (`services.intake`) it
stores the request and returns once it is committed; the worker decides it and the outbox
dispatcher sends the replies through `deliver(..., client=None)`. Should the database not take
it in time, `NotStored` is raised and the request is answered with 503, never with an "OK".
Without an intake (the kit's own tests) the core is asked at once on the CoreRunner's threads.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.chat.platform import DeliveryFailed, DeliveryRetry, Services
from adapters.chat.work import WorkInFlight
from adapters.slack.delivery import Delivery, Where
from adapters.slack.settings import SlackSettings
from adapters.slack.state import SlackState
from core.commands import Command
from core.events import WorkshopDeleted
from core.messages import Audience, ColourNeeded, CountsChanged, Reply
from core.model import Actor, ChannelKey, Workshop
from core.service import Incoming, Outcome
from core.texts import t
from core.wall import filled

log = logging.getLogger("rasmus.slack")


def unescape_slack(text: str) -> str:
    """Slack sends `<`, `>` and `&` escaped; the core stores what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class SlackBridge:
    def __init__(self, settings: SlackSettings, services: Services):
        self.settings = settings
        self.service = services.service
        self.core = services.core
        self.memory = services.memory
        self.state = SlackState(services.state, services.core)
        self.delivery = Delivery(self.state, self.memory)
        self._names: dict[tuple[str, str], str] = {}
        self.default_language = services.default_language
        self.intake = services.intake
        self._workshop_now = getattr(services.store, "workshop_now", None)
        self._plain_client: AsyncWebClient | None = None  # the dispatcher's, one workspace
        self.bolt = None  # the AsyncApp, set once built: its client sends proactive replies
        self.work = WorkInFlight()  # every listener's task, awaited by drain()

    async def drain(self) -> None:
        """Waits for the work of every request acknowledged so far (shutdown, tests)."""
        await self.work.drain()

    async def in_core(self, function, *args):
        return await self.core.run(function, *args)

    def known_actor(self, where: Where) -> Actor:
        """The person with their name if this process has looked it up; else no name yet
        (the worker asks Slack for it before deciding, off the acknowledgement's path)."""
        return Actor(where.user, self._names.get((where.team, where.user), ""))

    async def prepare(self, incoming: Incoming) -> Incoming:
        """Before the worker decides: the actor's display name, when it was not known."""
        if incoming.actor.display_name or not incoming.actor.user_id:
            return incoming
        where = Where(incoming.channel.workspace, incoming.channel.channel, incoming.actor.user_id)
        actor = await self.actor(await self.client_for(where.team), where)
        return dataclasses.replace(incoming, actor=actor)

    async def decided(self, incoming: Incoming, outcome: Outcome) -> None:
        """After the worker committed a decision: a deleted workshop's memory goes with it."""
        if any(isinstance(event, WorkshopDeleted) for event in outcome.events):
            channel = incoming.channel
            async with self.memory.in_order(channel):
                await self.memory.forget_channel(channel)
                await self.state.forget_channel(channel.workspace, channel.channel)

    async def actor(self, client: AsyncWebClient, where: Where) -> Actor:
        """The person with the name their colleagues know; looked up once per process."""
        key = (where.team, where.user)
        name = self._names.get(key)
        if name is None:
            try:
                found = await client.users_info(user=where.user)
                profile = found["user"].get("profile") or {}
                name = (
                    profile.get("display_name")
                    or profile.get("real_name")
                    or found["user"].get("real_name")
                    or found["user"].get("name")
                    or where.user
                )
            except SlackApiError:
                name = where.user  # a name is nice to have; never a reason to lose a note
            self._names[key] = name
        return Actor(where.user, name)

    async def workshop(self, where: Where) -> Workshop | None:
        return await self._read_workshop(where.key)

    async def _read_workshop(self, channel: ChannelKey) -> Workshop | None:
        """The workshop as last committed, to render with: read without the write lock where
        the store can (SqlStore.workshop_now), so it never queues behind the decisions."""
        if self._workshop_now is not None:
            return await self.in_core(self._workshop_now, channel)
        return await self.in_core(self.service.workshop, channel)

    async def language(self, where: Where) -> str:
        workshop = await self.workshop(where)
        return workshop.language if workshop else self.default_language

    async def handle(
        self,
        where: Where,
        client: AsyncWebClient,
        *,
        text: str | None = None,
        command: Command | None = None,
        message_id: str | None = None,
        source_ref: str | None = None,
        shown_to_others: bool = False,
    ) -> Outcome | None:
        """Stores the request for the worker (None once committed; `NotStored` when the
        database did not take it: call this before `ack()`, so Slack hears the failure).
        Without an intake: asks the core and delivers its replies; None when the core failed
        (logged, and the person told)."""
        actor = self.known_actor(where) if self.intake else await self.actor(client, where)
        incoming = Incoming(
            channel=where.key,
            actor=actor,
            text=text,
            command=command,
            message_id=message_id,
            source_ref=source_ref,
            language_hint=self.default_language,
            shown_to_others=shown_to_others,  # a thread reply: yes; a slash command: no
        )
        if self.intake is not None:
            await self.intake.submit(incoming)
            return None
        try:
            outcome = await self.in_core(self.service.handle, incoming)
        except Exception:
            # Logged without the payload (it may be an anonymous note); the person is told
            # that nothing was stored, so they can send it again.
            log.exception("a Slack command failed in the core")
            text = t("something_wrong", self.default_language)
            await self.delivery.tell(where, client, {"text": text})
            return None
        if outcome.duplicate:
            return outcome  # a retry or a second delivery: it was answered the first time
        outcome = dataclasses.replace(outcome, replies=filled(outcome.replies, outcome.workshop))
        home = outcome.workshop.channel if outcome.workshop else where.key
        if home != where.key:
            # A change made with a code in a DM with RASMUS: the answer comes here, what
            # everyone sees (the circle message's counts) goes to the workshop's channel.
            mine = [r for r in outcome.replies if r.audience is Audience.PRIVATE]
            theirs = [r for r in outcome.replies if r.audience is not Audience.PRIVATE]
            await self.delivery.deliver_replies(mine, where, client, outcome.workshop)
            there = Where(home.workspace, home.channel, where.user)
            await self.delivery.deliver_replies(theirs, there, client, outcome.workshop)
            return outcome
        await self.delivery.deliver(outcome, where, client, source_ref)
        return outcome

    async def deliver(
        self,
        channel: ChannelKey,
        replies: Sequence[Reply],
        *,
        actor: Actor | None = None,
        client: AsyncWebClient | None = None,
        source_ref: str | None = None,
    ) -> None:
        """The Platform's delivery. With a request's client: each reply tried, a failure
        logged. Without (the outbox dispatcher, one reply at a time): through the app's token
        or the workspace's installation, and a failure raised for the dispatcher to retry
        (`DeliveryRetry`: 429 with its Retry-After, 5xx, the network) or set aside
        (`DeliveryFailed`). Only a reply's first Slack message is left to the dispatcher: once
        it is out, the rest (a long board in parts) goes through the retrying client, so a
        retry never shows a part twice."""
        strict = client is None
        steady = None
        if strict:
            client, steady = await self._dispatch_clients(channel.workspace)
        where = Where(channel.workspace, channel.channel, actor.user_id if actor else "")
        if actor is None:  # nobody acted: a private reply has nobody to go to
            replies = [r for r in replies if r.audience is not Audience.PRIVATE]
        # Only counts and colour questions need the workshop as it is now: a receipt does not.
        needs_workshop = any(isinstance(r.message, (CountsChanged, ColourNeeded)) for r in replies)
        workshop = await self._read_workshop(channel) if needs_workshop or not strict else None
        if not strict:
            await self.delivery.deliver_replies(replies, where, client, workshop, source_ref)
            return
        try:
            await self.delivery.deliver_replies(
                replies, where, client, workshop, source_ref, steady=steady
            )
        except SlackApiError as error:
            raise _as_delivery_error(error) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryRetry(f"Slack could not be reached ({type(error).__name__})") from error
        except LookupError as error:  # no installation for the workspace (any more)
            raise DeliveryFailed(str(error)) from error

    async def _dispatch_clients(self, team: str) -> tuple[AsyncWebClient, AsyncWebClient]:
        """A client that raises a 429 at once (the dispatcher waits it out without holding a
        slot), and the retrying client for the parts after a reply's first."""
        steady = await self.client_for(team)
        if steady is self.bolt.client:
            if self._plain_client is None:
                self._plain_client = AsyncWebClient(
                    token=steady.token, base_url=steady.base_url, retry_handlers=[]
                )
            self._plain_client.session = steady.session  # the pooled one, once it exists
            return self._plain_client, steady
        plain = AsyncWebClient(
            token=steady.token,
            base_url=steady.base_url,
            retry_handlers=[],
            session=steady.session,
        )
        return plain, steady

    async def client_for(self, team: str) -> AsyncWebClient:
        bolt = self.bolt
        if bolt is None:
            raise RuntimeError("Slack is not mounted")
        if bolt.installation_store is None or self.settings.slack_bot_token:
            return bolt.client
        bot = await bolt.installation_store.async_find_bot(enterprise_id=None, team_id=team)
        if bot is None:
            raise LookupError(f"no Slack installation for workspace {team}")
        return AsyncWebClient(
            token=bot.bot_token,
            base_url=self.settings.slack_api_url,
            retry_handlers=bolt.client.retry_handlers,
            session=bolt.client.session,
        )


def _as_delivery_error(error: SlackApiError) -> Exception:
    response = error.response
    status = getattr(response, "status_code", 200)
    code = response.get("error") if hasattr(response, "get") else None
    if status == 429 or code == "ratelimited":
        headers = {k.lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
        raw = headers.get("retry-after")
        if isinstance(raw, list):
            raw = raw[0] if raw else None
        try:
            after = max(0.0, float(raw)) if raw is not None else 1.0
        except ValueError:
            after = 1.0
        return DeliveryRetry(f"Slack rate limit ({code})", after_seconds=after)
    if status >= 500 or code in (
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
    ):
        return DeliveryRetry(f"Slack server error {status} ({code})")
    return DeliveryFailed(f"Slack refused: {code or status}")
