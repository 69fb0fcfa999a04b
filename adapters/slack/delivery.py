"""Sending the core's replies to Slack: the channel, the person who acted, a circle message.

Channel replies are posted in order; a circle prompt's `ts` is remembered so that its counts
can be updated in place (chat.update) and thread replies under it become notes for it.
Private replies are ephemeral in the channel, or a direct message where there is no channel
(App Home). The export goes to the person's direct message as a file, never to the channel.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.chat.memory import ChatMemory
from adapters.slack.labels import label
from adapters.slack.render import circle_message, colour_question, to_slack
from adapters.slack.state import SlackState
from core.events import WorkshopDeleted
from core.messages import (
    Audience,
    CirclePrompt,
    ColourNeeded,
    CountsChanged,
    ExportReady,
    Reply,
)
from core.model import ChannelKey, Step, Workshop
from core.service import Outcome

log = logging.getLogger("rasmus.slack")
_NEVER = datetime.min.replace(tzinfo=UTC)
PLATFORM = "slack"


def _counts_version(workshop: Workshop | None, changed: CountsChanged) -> datetime:
    """The latest change to the circle's notes in that step; decisions are serialised per
    channel with the clock, so a later decision never carries an earlier moment."""
    if workshop is None:
        return _NEVER
    moments = [
        note.updated_at or note.created_at
        for note in workshop.notes
        if note.circle is changed.circle and note.step is changed.step
    ]
    return max(moments, default=_NEVER)


@dataclass(frozen=True)
class Where:
    """The conversation a request came from, and the person who acted."""

    team: str
    channel: str
    user: str

    @property
    def key(self) -> ChannelKey:
        return ChannelKey(PLATFORM, self.team, self.channel)

    @property
    def is_direct(self) -> bool:
        return not self.channel or self.channel.startswith("D")


class Delivery:
    def __init__(self, state: SlackState, memory: ChatMemory):
        self.state = state
        self.memory = memory
        # Per circle message: a lock, and the newest change shown, so that two updates never
        # overwrite each other with old counts (without reading the workshop back).
        self._update_locks: dict[str, asyncio.Lock] = {}
        self._shown_versions: dict[str, datetime] = {}

    async def deliver(
        self,
        outcome: Outcome,
        where: Where,
        client: AsyncWebClient,
        source_ref: str | None = None,
    ) -> None:
        """One outcome's replies, in the channel's turn: a deletion forgets the workshop only
        after every delivery before it has remembered its circle messages."""
        async with self.memory.in_order(where.key):
            for event in outcome.events:
                if isinstance(event, WorkshopDeleted):  # the store deleted the rest with it
                    await self.memory.forget_workshop(where.key, event.workshop_id)
            await self._replies(outcome.replies, where, client, outcome.workshop, source_ref)

    async def deliver_replies(
        self,
        replies: Sequence[Reply],
        where: Where,
        client: AsyncWebClient,
        workshop: Workshop | None,
        source_ref: str | None = None,
        *,
        steady: AsyncWebClient | None = None,
    ) -> None:
        """`steady` given (the dispatcher): a failure is raised, not logged, and a reply's
        Slack messages after its first go through `steady` (a client that waits out 429s)."""
        async with self.memory.in_order(where.key):
            await self._replies(replies, where, client, workshop, source_ref, steady)

    async def _replies(
        self,
        replies: Sequence[Reply],
        where: Where,
        client: AsyncWebClient,
        workshop: Workshop | None,
        source_ref: str | None,
        steady: AsyncWebClient | None = None,
    ) -> None:
        step = workshop.step if workshop else Step.INTRO
        for reply in replies:
            try:
                if reply.audience is Audience.CHANNEL:
                    await self._to_channel(reply, where, client, workshop, steady)
                elif reply.audience is Audience.DIRECT:
                    await self.direct(reply, client, steady)
                else:
                    await self._to_person(reply, where, client, step, source_ref, steady)
            except Exception:  # one failed reply must not swallow the rest
                if steady is not None:
                    raise  # the dispatcher's: it retries or sets aside
                # Only the message type: the content may hold an anonymous note.
                log.exception("could not deliver %s", type(reply.message).__name__)

    async def _to_channel(
        self,
        reply: Reply,
        where: Where,
        client: AsyncWebClient,
        workshop: Workshop | None,
        steady: AsyncWebClient | None = None,
    ) -> None:
        message = reply.message
        if isinstance(message, CountsChanged):
            await self.refresh_counts(message, where, client, workshop)
            return
        for part, slack_message in enumerate(to_slack(message, reply.language)):
            sender = steady if part and steady is not None else client
            posted = await self._in_channel(
                sender.chat_postMessage,
                sender,
                channel=where.channel,
                unfurl_links=False,  # a link in a note gets no preview card under our name
                unfurl_media=False,
                **slack_message.as_kwargs(),
            )
            if isinstance(message, CirclePrompt):
                await self.memory.remember_circle_message(
                    where.key, message.workshop_id, message.step, message.circle, posted["ts"]
                )

    async def _to_person(
        self,
        reply: Reply,
        where: Where,
        client: AsyncWebClient,
        step: Step,
        source_ref: str | None,
        steady: AsyncWebClient | None = None,
    ) -> None:
        message, lang = reply.message, reply.language
        if isinstance(message, ExportReady):
            await self._upload_export(message, where, client, lang, steady)
            return
        if isinstance(message, ColourNeeded):
            token = secrets.token_urlsafe(12)
            await self.state.put_pending(token, where, message, source_ref)
            slack_messages = [colour_question(message, token, step, lang)]
        else:
            slack_messages = to_slack(message, lang)
        for part, slack_message in enumerate(slack_messages):
            sender = steady if part and steady is not None else client
            await self.tell(where, sender, slack_message.as_kwargs())

    async def direct(
        self, reply: Reply, client: AsyncWebClient, steady: AsyncWebClient | None = None
    ) -> None:
        """A reminder or nudge: to each of `reply.to` in their direct message with RASMUS,
        never in the channel. The dispatcher hands one recipient at a time, so a retry never
        writes to someone twice."""
        for user_id in reply.to:
            opened = await client.conversations_open(users=user_id)
            direct = opened["channel"]["id"]
            for part, slack_message in enumerate(to_slack(reply.message, reply.language)):
                sender = steady if part and steady is not None else client
                await sender.chat_postMessage(
                    channel=direct,
                    unfurl_links=False,
                    unfurl_media=False,
                    **slack_message.as_kwargs(),
                )

    async def tell(self, where: Where, client: AsyncWebClient, kwargs: dict) -> None:
        """Only the person sees it: ephemeral in a channel, a direct message otherwise."""
        if where.is_direct:
            await client.chat_postMessage(channel=where.user, **kwargs)
        else:
            await self._in_channel(
                client.chat_postEphemeral, client, channel=where.channel, user=where.user, **kwargs
            )

    async def _in_channel(self, post, client: AsyncWebClient, **kwargs):
        """Posts; when the bot was never invited to a public channel, joins it once and retries
        (someone ran /rasmus there, so they want it there)."""
        try:
            return await post(**kwargs)
        except SlackApiError as error:
            if error.response.get("error") != "not_in_channel":
                raise
            await client.conversations_join(channel=kwargs["channel"])
            return await post(**kwargs)

    async def refresh_counts(
        self,
        changed: CountsChanged,
        where: Where,
        client: AsyncWebClient,
        workshop: Workshop | None = None,
    ) -> None:
        ref = await self.memory.circle_message(
            PLATFORM, changed.workshop_id, changed.step, changed.circle
        )
        if ref is None:  # that step's messages were never posted here
            return
        key = f"{changed.workshop_id}:{changed.circle.value}:{changed.step.value}"
        version = _counts_version(workshop, changed)
        lock = self._update_locks.setdefault(key, asyncio.Lock())
        async with lock:
            # Deliveries can finish out of order; an older count must never overwrite a newer.
            if version < self._shown_versions.get(key, _NEVER):
                return
            self._shown_versions[key] = version
            language = workshop.language if workshop else "da"
            message = circle_message(
                changed.workshop_id,
                changed.circle,
                changed.step,
                changed.counts,
                language,
                changed.notes or (),
            )
            await client.chat_update(
                channel=ref.channel.channel, ts=ref.message_id, **message.as_kwargs()
            )

    async def _upload_export(
        self,
        ready: ExportReady,
        where: Where,
        client: AsyncWebClient,
        lang: str,
        steady: AsyncWebClient | None = None,
    ) -> None:
        opened = await client.conversations_open(users=where.user)
        direct = opened["channel"]["id"]
        await client.files_upload_v2(
            channel=direct,
            filename=ready.filename,
            title=ready.filename,
            content=ready.markdown,
        )
        text = label("export_uploaded", lang, filename=ready.filename)
        # The file is out: its note must not make a retry upload it again.
        await self.tell(where, steady or client, {"text": text})
