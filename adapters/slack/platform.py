"""Slack as a `Platform`: mounted on the shared server, delivering the core's replies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from adapters.chat.platform import Services
from adapters.chat.status import ChannelStatus
from adapters.slack.settings import SlackSettings
from core.messages import Reply
from core.model import Actor, ChannelKey
from core.service import Incoming, Outcome


class SlackPlatform:
    name = "Slack"
    key = "slack"

    def __init__(self, settings: SlackSettings, services: Services):
        self.settings = settings
        self.services = services
        self.bridge = None  # the SlackBridge, once mounted with a configuration

    def mount(self, app: web.Application) -> ChannelStatus:
        from adapters.slack.mount import mount_slack

        status, self.bridge = mount_slack(app, self.settings, self.services)
        return status

    async def drain(self) -> None:
        """Waits for the work of every request acknowledged so far (shutdown, tests)."""
        if self.bridge is not None:
            await self.bridge.drain()

    async def prepare(self, incoming: Incoming) -> Incoming:
        """The worker's hook before deciding: the actor's display name, looked up in Slack."""
        if self.bridge is None:
            return incoming
        return await self.bridge.prepare(incoming)

    async def decided(self, incoming: Incoming, outcome: Outcome) -> None:
        """The worker's hook after a decision is committed (a deleted workshop is forgotten)."""
        if self.bridge is not None:
            await self.bridge.decided(incoming, outcome)

    async def deliver(
        self,
        channel: ChannelKey,
        replies: Sequence[Reply],
        *,
        actor: Actor | None = None,
        context: Any = None,
        source_ref: str | None = None,
    ) -> None:
        """`context`: the request's AsyncWebClient; None uses the app's own client (one
        workspace) or the workspace's installation (OAuth)."""
        if self.bridge is None:
            raise RuntimeError(f"Slack is not active, cannot deliver to {channel}")
        await self.bridge.deliver(channel, replies, actor=actor, client=context,
                                  source_ref=source_ref)


def build(settings: Mapping[str, Any], services: Services) -> SlackPlatform:
    return SlackPlatform(SlackSettings.from_values(settings), services)
