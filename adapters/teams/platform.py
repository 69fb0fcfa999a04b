"""Teams as a `Platform`: mounted on the shared server, delivering the core's replies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from adapters.chat.platform import Services
from adapters.chat.status import ChannelStatus
from adapters.teams.settings import TeamsSettings
from core.messages import Reply
from core.model import Actor, ChannelKey


class TeamsPlatform:
    name = "Teams"

    def __init__(self, settings: TeamsSettings, services: Services):
        self.settings = settings
        self.services = services
        self.turns = None

    def mount(self, app: web.Application) -> ChannelStatus:
        from adapters.teams.mount import mount_teams

        status, self.turns = mount_teams(app, self.settings, self.services)
        return status

    async def deliver(
        self,
        channel: ChannelKey,
        replies: Sequence[Reply],
        *,
        actor: Actor | None = None,
        context: Any = None,
        source_ref: str | None = None,
    ) -> None:
        """`context`: the TurnContext of the turn being answered; None sends proactively."""
        raise NotImplementedError("Teams delivery through the seam is built on branch h-kit")


def build(settings: Mapping[str, Any], services: Services) -> TeamsPlatform:
    return TeamsPlatform(TeamsSettings.from_values(settings), services)
