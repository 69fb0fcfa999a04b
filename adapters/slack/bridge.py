"""The one path from a Slack request to the core and back: who acted, where, and the replies.

Listeners translate a payload into `Where` plus a command or command text, then call
`SlackBridge.handle`. The core is synchronous, so it runs in a worker thread; the event loop
stays free to acknowledge other requests within Slack's three seconds.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.delivery import Delivery, Where
from adapters.slack.state import SlackState
from core.commands import Command
from core.model import Actor, Workshop
from core.service import Incoming, Outcome
from core.texts import t

log = logging.getLogger("rasmus.slack")

PLATFORM = "slack"
# The core holds the GIL while it loads and stores a workshop. A small pool of its own keeps
# the event loop (which must ack within 3 s) from competing with many such threads at once.
CORE_THREADS = 2


def unescape_slack(text: str) -> str:
    """Slack sends `<`, `>` and `&` escaped; the core stores what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class SlackBridge:
    def __init__(self, runtime):
        self.runtime = runtime
        self.service = runtime.service
        self._core = ThreadPoolExecutor(CORE_THREADS, thread_name_prefix="rasmus-slack-core")
        self.state = SlackState(runtime.state, self.in_core)
        self.delivery = Delivery(self.state)
        self._names: dict[tuple[str, str], str] = {}
        self.default_language = runtime.settings.default_language

    async def in_core(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self._core, function, *args)

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
        return await self.in_core(self.service.workshop, where.key)

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
    ) -> Outcome:
        incoming = Incoming(
            channel=where.key,
            actor=await self.actor(client, where),
            text=text,
            command=command,
            message_id=message_id,
            source_ref=source_ref,
            language_hint=self.default_language,
        )
        try:
            outcome = await self.in_core(self.service.handle, incoming)
        except Exception:
            # Logged without the payload (it may be an anonymous note); the person is told
            # that nothing was stored, so they can send it again.
            log.exception("a Slack command failed in the core")
            text = t("something_wrong", self.default_language)
            await self.delivery.tell(where, client, {"text": text})
            raise
        if outcome.duplicate:
            return outcome  # a retry or a second delivery: it was answered the first time
        await self.delivery.deliver(outcome, where, client, source_ref)
        return outcome
