"""Who is in a Teams conversation: the agreements card offers them as owners."""

from __future__ import annotations

import logging

from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from adapters.teams.state import TeamsState

log = logging.getLogger("rasmus.teams")


async def conversation_members(context: TurnContext, state: TeamsState) -> list[tuple[str, str]]:
    """The conversation's members as (id, name), when Teams lists them; else none.

    The names are remembered too, so `<@29:1abc…>` reads as a name on later cards.
    """
    try:
        connector = context.services.get(ConnectorClientBase)
        accounts = await connector.conversations.get_conversation_members(
            context.activity.conversation.id
        )
    except Exception:  # noqa: BLE001 - without the list, owners are typed
        log.warning("could not list the conversation's members")
        return []
    bot_id = context.activity.recipient.id if context.activity.recipient else None
    members = [(a.id, a.name or a.id) for a in accounts if a.id != bot_id]
    await state.remember_members(members)
    return members
