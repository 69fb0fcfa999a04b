"""Direct messages (reminders, nudges): to one person in their 1:1 chat with RASMUS.

The chat stored for them is used when there is one; else one is created through the connector
(POST {serviceUrl}/v3/conversations with the bot, the member and the tenant), from the stored
reference of the workshop's channel, and remembered for next time. Never the channel itself.
The dispatcher hands one person at a time, so a retry writes to nobody twice; a 429 or 5xx
before anything was shown goes back to it as `DeliveryRetry` (adapters.teams.outbound).
"""

from __future__ import annotations

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from adapters.teams import delivery
from adapters.teams.outbound import NoConversationReference, OneReply
from adapters.teams.proactive import continue_raising, open_personal_chat
from adapters.teams.recent import RecentReads
from adapters.teams.retry import RetryPolicy
from adapters.teams.sdk import TeamsSdk
from adapters.teams.state import TeamsState
from core.messages import Reply
from core.model import ChannelKey


class DirectMessages:
    def __init__(self, sdk: TeamsSdk, state: TeamsState, recent: RecentReads, policy: RetryPolicy):
        self.sdk, self.state, self.recent, self.policy = sdk, state, recent, policy

    async def deliver(self, channel: ChannelKey, reply: Reply) -> None:
        names = await self.recent.member_names()
        activities = [planned.activity for planned in delivery.plan(reply, names)]
        reply_sent = OneReply(self.policy)
        for user_id in reply.to:
            await self._write_to(channel, user_id, activities, reply_sent)

    async def _write_to(
        self, channel: ChannelKey, user_id: str, activities: list[Activity], reply_sent: OneReply
    ) -> None:
        reference = await self.state.personal_reference(user_id)
        if reference is None:
            channel_reference = await self.recent.channel_reference(channel)
            if channel_reference is None:
                raise NoConversationReference(f"no Teams conversation reference for {channel}")
            first, activities = activities[0], activities[1:]
            opened: list[dict] = []

            async def open_chat(context: TurnContext) -> None:
                opened.append(
                    await reply_sent.send(lambda: open_personal_chat(context, user_id, first))
                )

            await continue_raising(self.sdk, channel_reference, open_chat)
            reference = opened[0]
            await self.state.remember_person(user_id, reference)  # next time, straight there
        if not activities:
            return

        async def send_rest(context: TurnContext) -> None:
            for activity in activities:
                await reply_sent.send(lambda a=activity: context.send_activity(a))

        await continue_raising(self.sdk, reference, send_rest)
