"""The Teams adapter's short memory of references and names: read once a while, never stale
for this process's own writes, and a missing reference is always read again."""

import asyncio

from adapters.chat.core_runner import CoreRunner
from adapters.teams.recent import RecentReads
from adapters.teams.state import TeamsState
from core.model import ChannelKey

CHANNEL = ChannelKey("msteams", "19:team", "19:channel")


class CountingStore:
    """A key-value store in memory (the PlatformState protocol) that counts its reads."""

    def __init__(self):
        self.values: dict[tuple[str, str], str] = {}
        self.reads = 0

    def get(self, namespace, key):
        self.reads += 1
        return self.values.get((namespace, key))

    def put(self, namespace, key, value, **_tags):
        self.values[namespace, key] = value

    def delete(self, namespace, key):
        self.values.pop((namespace, key), None)

    def items(self, namespace, prefix=""):
        self.reads += 1
        return {
            k: v for (n, k), v in self.values.items() if n == namespace and k.startswith(prefix)
        }


def test_a_known_reference_is_read_once_per_while_and_a_missing_one_every_time():
    store, now = CountingStore(), [0.0]
    recent = RecentReads(TeamsState(store, CoreRunner(1)), ttl=30, clock=lambda: now[0])

    async def scenario():
        assert await recent.channel_reference(CHANNEL) is None
        assert await recent.channel_reference(CHANNEL) is None
        missing_reads = store.reads
        await TeamsState(store, CoreRunner(1)).remember_channel(CHANNEL, {"id": "first"})
        found = [await recent.channel_reference(CHANNEL) for _ in range(5)]
        reads_while_fresh = store.reads - missing_reads
        await recent.remember_channel(CHANNEL, {"id": "second"})
        own_write = await recent.channel_reference(CHANNEL)
        now[0] = 31.0
        store.put("teams.channel_ref", "19:team|19:channel", '{"id": "third"}')
        after_while = await recent.channel_reference(CHANNEL)
        return missing_reads, found, reads_while_fresh, own_write, after_while

    missing_reads, found, reads_while_fresh, own_write, after_while = asyncio.run(scenario())
    assert missing_reads == 2  # nothing kept for a place RASMUS has not heard from yet
    assert found == [{"id": "first"}] * 5 and reads_while_fresh == 1
    assert own_write == {"id": "second"}
    assert after_while == {"id": "third"}


def test_member_names_are_read_again_once_the_members_were_listed_anew():
    store = CountingStore()
    state = TeamsState(store, CoreRunner(1))
    recent = RecentReads(state, ttl=30, clock=lambda: 0.0)

    async def scenario():
        await state.remember_members([("29:anne", "Anne")])
        first = await recent.member_names()
        await state.remember_members([("29:bo", "Bo")])
        kept = await recent.member_names()
        recent.members_changed()
        return first, kept, await recent.member_names()

    first, kept, fresh = asyncio.run(scenario())
    assert first == kept == {"29:anne": "Anne"}
    assert fresh == {"29:anne": "Anne", "29:bo": "Bo"}
