"""What only the Teams adapter remembers between turns, in the shared PlatformState store.

- conversation references per channel/chat (stored on install and on workshop start) and per
  person (their personal chat), so later work can post without being asked;
- member names, so `<@29:1abc…>` reads as a name on cards;
- reports offered as a file, until the person accepts or declines (then they are removed).

A channel's reference and a report say what they are about (channel, workshop): deleting the
workshop deletes them in the same transaction (adapters.persistence.store). A person's own
reference and member names are about no workshop and stay.

Circle cards and their threads are the shared kit's (adapters.chat.memory), as on Slack.
PlatformState is synchronous (SQL), so every call runs on the CoreRunner's threads.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from typing import Any

from adapters.chat.core_runner import CoreRunner
from adapters.chat.memory import KeyValueStore
from core.model import ChannelKey

CHANNEL_REFS = "teams.channel_ref"
PERSONAL_REFS = "teams.personal_ref"
MEMBERS = "teams.member"
EXPORTS = "teams.export"  # reports offered on a file consent card, until answered


def channel_key_text(channel: ChannelKey) -> str:
    return f"{channel.workspace}|{channel.channel}"


class TeamsState:
    def __init__(self, platform_state: KeyValueStore, core: CoreRunner):
        self._state = platform_state
        self._run = core.run

    async def _put(self, namespace: str, key: str, value: Any, **about) -> None:
        # `about`: the channel / workshop it concerns, deleted with the workshop (persistence)
        await self._run(partial(self._state.put, namespace, key, json.dumps(value), **about))

    async def _get(self, namespace: str, key: str) -> Any:
        raw = await self._run(self._state.get, namespace, key)
        return json.loads(raw) if raw else None

    # conversation references (plain dicts of the SDK's ConversationReference)
    async def remember_channel(self, channel: ChannelKey, reference: dict) -> None:
        await self._put(CHANNEL_REFS, channel_key_text(channel), reference, channel=channel)

    async def channel_reference(self, channel: ChannelKey) -> dict | None:
        return await self._get(CHANNEL_REFS, channel_key_text(channel))

    async def remember_person(self, user_id: str, reference: dict) -> None:
        await self._put(PERSONAL_REFS, user_id, reference)

    async def personal_reference(self, user_id: str) -> dict | None:
        return await self._get(PERSONAL_REFS, user_id)

    # member names
    async def remember_members(self, members: list[tuple[str, str]]) -> None:
        for user_id, name in members:
            await self._put(MEMBERS, user_id, name)

    async def member_names(self) -> dict[str, str]:
        raw = await self._run(self._state.items, MEMBERS, "")
        return {key: json.loads(value) for key, value in raw.items()}

    # reports waiting for the person's consent
    async def keep_export(
        self,
        token: str,
        pending: dict,
        *,
        channel: ChannelKey | None = None,
        workshop_id: str | None = None,
    ) -> None:
        """The report waits here; deleting its workshop deletes it too."""
        await self._put(EXPORTS, token, pending, channel=channel, workshop_id=workshop_id)

    async def pending_export(self, token: str) -> dict | None:
        return await self._get(EXPORTS, token)

    async def drop_export(self, token: str) -> None:
        await self._run(self._state.delete, EXPORTS, token)

    async def drop_exports_older_than(self, moment: datetime) -> None:
        raw = await self._run(self._state.items, EXPORTS, "")
        for token, value in raw.items():
            if datetime.fromisoformat(json.loads(value)["at"]) < moment:
                await self.drop_export(token)
