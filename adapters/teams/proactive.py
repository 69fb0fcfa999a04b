"""Posting without being asked: into a channel from a stored reference, or to one person.

Check-ins and reminders (a later issue) call `post_to_channel` and `write_to_person`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from adapters.teams.sdk import TeamsSdk
from adapters.teams.state import TeamsState
from core.model import ChannelKey

log = logging.getLogger("rasmus.teams")

Work = Callable[[TurnContext], Awaitable[None]]


def reference_of(activity: Activity, conversation_id: str | None = None) -> dict:
    """The activity's conversation reference as JSON; `conversation_id` re-roots it."""
    reference = activity.get_conversation_reference()
    if conversation_id:
        reference.conversation = ConversationAccount(
            id=conversation_id,
            is_group=reference.conversation.is_group,
            conversation_type=reference.conversation.conversation_type,
            tenant_id=reference.conversation.tenant_id,
        )
    reference.activity_id = None
    return reference.model_dump(by_alias=True, exclude_none=True, mode="json")


async def continue_in(sdk: TeamsSdk, reference: dict, work: Work) -> None:
    continuation = ConversationReference.model_validate(reference).get_continuation_activity()
    if sdk.anonymous:
        await sdk.adapter.continue_conversation_with_claims(
            sdk.claims_for_proactive(), continuation, work
        )
    else:
        await sdk.adapter.continue_conversation(sdk.app_id, continuation, work)


async def continue_raising(sdk: TeamsSdk, reference: dict, work: Work) -> None:
    """`continue_in` for the dispatcher: `work`'s error is raised here, to the caller. Inside
    the SDK's pipeline it would go to the turn-error handler, which posts "something went
    wrong" into that conversation and swallows it; so `work` runs in a context built the way
    the pipeline builds it (`TeamsSdk.proactive_context`), but outside it."""
    continuation = ConversationReference.model_validate(reference).get_continuation_activity()
    await work(await sdk.proactive_context(continuation))


async def post_to_channel(
    sdk: TeamsSdk, state: TeamsState, channel: ChannelKey, activity: Activity
) -> str | None:
    """A new post in the channel where the app was installed or a workshop started."""
    reference = await state.channel_reference(channel)
    if reference is None:
        log.warning("no conversation reference for a Teams channel; nothing posted")
        return None
    sent: list[str | None] = []

    async def send(context: TurnContext) -> None:
        response = await context.send_activity(activity)
        sent.append(response.id if response else None)

    await continue_in(sdk, reference, send)
    return sent[0] if sent else None


async def open_personal_chat(context: TurnContext, user_id: str, activity: Activity) -> dict:
    """Opens a 1:1 chat with a member of this conversation, sends `activity`, returns its reference.

    Teams lets a bot installed in a team open a 1:1 chat with any of its members.
    """
    connector = context.services.get(ConnectorClientBase)
    tenant = context.activity.conversation.tenant_id
    parameters = ConversationParameters(
        is_group=False,
        members=[ChannelAccount(id=user_id)],
        tenant_id=tenant,
        channel_data={"tenant": {"id": tenant}} if tenant else None,
        agent=context.activity.recipient,
    )
    created = await connector.conversations.create_conversation(parameters)
    await connector.conversations.send_to_conversation(created.id, activity)
    personal = context.activity.get_conversation_reference()
    personal.conversation = ConversationAccount(
        id=created.id, conversation_type="personal", tenant_id=tenant
    )
    personal.user, personal.activity_id = ChannelAccount(id=user_id), None
    return personal.model_dump(by_alias=True, exclude_none=True, mode="json")


async def write_to_person(
    sdk: TeamsSdk, state: TeamsState, channel: ChannelKey, user_id: str, activity: Activity
) -> bool:
    """A 1:1 message: through their personal chat if we have one, else by opening one."""
    reference = await state.personal_reference(user_id)
    if reference is not None:
        await continue_in(sdk, reference, lambda context: context.send_activity(activity))
        return True
    channel_reference = await state.channel_reference(channel)
    if channel_reference is None:
        return False
    opened: list[dict] = []

    async def open_chat(context: TurnContext) -> None:
        opened.append(await open_personal_chat(context, user_id, activity))

    await continue_in(sdk, channel_reference, open_chat)
    if opened:
        await state.remember_person(user_id, opened[0])  # next time, straight to that chat
    return bool(opened)
