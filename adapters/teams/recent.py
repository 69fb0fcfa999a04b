"""What nearly every Teams delivery reads, kept for a short while in this process.

Each note's turn asks whether its channel's conversation reference is known, and each reply
the dispatcher sends needs that reference and the member names: three reads of rows that change
only on install, on a workshop's start or when members are listed. A reference found is kept for
`ttl` seconds (one that is missing is always read again: the first message in a place stores
it); this process's own writes go through here and are seen at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from adapters.teams.state import TeamsState
from core.model import ChannelKey

TTL_SECONDS = 30.0


class RecentReads:
    def __init__(
        self,
        state: TeamsState,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.state = state
        self.ttl = ttl
        self.clock = clock
        self._references: dict[ChannelKey, tuple[float, dict]] = {}
        self._names: tuple[float, dict[str, str]] | None = None

    def _fresh(self, read_at: float) -> bool:
        return self.clock() - read_at < self.ttl

    async def channel_reference(self, channel: ChannelKey) -> dict | None:
        kept = self._references.get(channel)
        if kept is not None and self._fresh(kept[0]):
            return kept[1]
        reference = await self.state.channel_reference(channel)
        if reference is None:
            self._references.pop(channel, None)
        else:
            if len(self._references) > 10_000:  # many channels: start over rather than grow
                self._references.clear()
            self._references[channel] = (self.clock(), reference)
        return reference

    async def remember_channel(self, channel: ChannelKey, reference: dict) -> None:
        await self.state.remember_channel(channel, reference)
        self._references[channel] = (self.clock(), reference)

    async def member_names(self) -> dict[str, str]:
        if self._names is not None and self._fresh(self._names[0]):
            return self._names[1]
        names = await self.state.member_names()
        self._names = (self.clock(), names)
        return names

    def members_changed(self) -> None:
        self._names = None
