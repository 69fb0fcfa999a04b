"""The Agents SDK handler: routes each activity type to `TeamsTurns`, and nothing else."""

from __future__ import annotations

from http import HTTPStatus

from microsoft_agents.activity import InvokeResponse
from microsoft_agents.hosting.core import ActivityHandler, TurnContext

from adapters.teams.guard import CONSENT_INVOKE
from adapters.teams.turns import TeamsTurns


class RasmusTeamsAgent(ActivityHandler):
    def __init__(self, turns: TeamsTurns):
        self.turns = turns

    async def on_message_activity(self, turn_context: TurnContext):
        await self.turns.on_message(turn_context)

    async def on_message_update_activity(self, turn_context: TurnContext):
        await self.turns.on_message_update(turn_context)

    async def on_message_delete_activity(self, turn_context: TurnContext):
        await self.turns.on_message_delete(turn_context)

    async def on_installation_update_add(self, turn_context: TurnContext):
        await self.turns.on_installed(turn_context)

    async def on_members_added_activity(self, members_added, turn_context: TurnContext):
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in members_added or []):
            await self.turns.on_installed(turn_context)

    async def on_invoke_activity(self, turn_context: TurnContext):
        if turn_context.activity.name == CONSENT_INVOKE:
            await self.turns.on_file_consent(turn_context)
            return InvokeResponse(status=int(HTTPStatus.OK))
        return await super().on_invoke_activity(turn_context)
