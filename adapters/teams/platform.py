"""Teams as a `Platform`: mounted on the shared server, delivering the core's replies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aiohttp import web

from adapters.chat.platform import Services
from adapters.chat.status import ChannelStatus
from adapters.teams.settings import TeamsSettings
from adapters.teams.translate import where
from core.messages import Reply
from core.model import Actor, ChannelKey

if TYPE_CHECKING:
    from adapters.teams.sdk import TeamsSdk
    from adapters.teams.turns import TeamsTurns


class TeamsPlatform:
    name = "Teams"
    key = "msteams"

    def __init__(self, settings: TeamsSettings, services: Services, sdk: TeamsSdk | None = None):
        self.settings = settings
        self.services = services
        self.sdk = sdk  # None: built from the settings when mounted
        self.turns: TeamsTurns | None = None

    def mount(self, app: web.Application) -> ChannelStatus:
        from adapters.teams.mount import mount_teams

        status, self.turns = mount_teams(app, self.settings, self.services, sdk=self.sdk)
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
        """`context`: the TurnContext of the turn being answered; None sends proactively,
        through the conversation reference stored when RASMUS was installed or the workshop
        started there. Private replies go to `actor` (targeted, or in their personal chat)."""
        if self.turns is None:
            raise RuntimeError(f"Teams is not mounted, cannot deliver to {channel}")
        sender = self.turns.sender
        if context is None:
            await sender.deliver_proactively(channel, replies, actor)
            return
        place = where(context.activity)
        await sender.deliver_in_turn(context, place, actor, replies)


def build(settings: Mapping[str, Any], services: Services) -> TeamsPlatform:
    return TeamsPlatform(TeamsSettings.from_values(settings), services)
