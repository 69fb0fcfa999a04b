"""The one path from a Slack request to the core and back: who acted, where, and the replies.

Listeners translate a payload into `Where` plus a command or command text, then call
`SlackBridge.handle`. The core is synchronous, so it runs on the shared CoreRunner's threads;
the event loop stays free to acknowledge other requests within Slack's three seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.chat.platform import Services
from adapters.chat.work import WorkInFlight
from adapters.slack.delivery import Delivery, Where
from adapters.slack.settings import SlackSettings
from adapters.slack.state import SlackState
from core.commands import Command
from core.messages import Audience, Reply
from core.model import Actor, ChannelKey, Workshop
from core.service import Incoming, Outcome
from core.texts import t

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
        self.bolt = None  # the AsyncApp, set once built: its client sends proactive replies
        self.work = WorkInFlight()  # every listener's task, awaited by drain()

    async def drain(self) -> None:
        """Waits for the work of every request acknowledged so far (shutdown, tests)."""
        await self.work.drain()

    async def in_core(self, function, *args):
        return await self.core.run(function, *args)

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
        shown_to_others: bool = False,
    ) -> Outcome | None:
        """Asks the core and delivers its replies; None when the core failed (logged, and the
        person told). It never raises: every listener has acked before it calls this, and an
        exception after the ack can make bolt lose the ack it already gave (a 404 to Slack)."""
        incoming = Incoming(
            channel=where.key,
            actor=await self.actor(client, where),
            text=text,
            command=command,
            message_id=message_id,
            source_ref=source_ref,
            language_hint=self.default_language,
            shown_to_others=shown_to_others,  # a thread reply: yes; a slash command: no
        )
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
        """The Platform's delivery: replies without a request (client None) go through the
        app's client, or the workspace's installation when Slack runs with OAuth."""
        client = client or await self.client_for(channel.workspace)
        where = Where(channel.workspace, channel.channel, actor.user_id if actor else "")
        if actor is None:
            replies = [r for r in replies if r.audience is Audience.CHANNEL]
        workshop = await self.in_core(self.service.workshop, channel)
        await self.delivery.deliver_replies(replies, where, client, workshop, source_ref)

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
