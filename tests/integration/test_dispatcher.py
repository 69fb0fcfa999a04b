"""The dispatcher on SQLite and PostgreSQL, against a recording platform: each reply once, a
conversation in order and at its pace, Retry-After waited out, hopeless replies set aside."""

import asyncio
import time
from collections import defaultdict

from sqlalchemy import select

from adapters.chat.platform import DeliveryFailed, DeliveryRetry
from adapters.persistence.outbox import Outbox
from adapters.persistence.routes import Outgoing
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import OutboxRow
from adapters.scheduling.dispatcher import Dispatcher
from adapters.scheduling.pacing import Pace, Paces
from core.messages import Audience, Reply, Said
from core.model import ChannelKey

FAST = {"slack": Paces(posts=Pace(100, 1.0), edits=Pace(100, 1.0))}


class RecordingPlatform:
    """Stands in for a chat platform's API: records what it was given, and when."""

    key = "slack"
    name = "Recording"

    def __init__(self, fail=None):
        self.seen = defaultdict(list)  # conversation -> [(text, recipient, moment)]
        self.fail = fail or (lambda channel, text, tries: None)
        self.tries = defaultdict(int)

    async def deliver(self, channel, replies, *, actor=None, context=None, source_ref=None):
        assert context is None and len(replies) == 1
        text = replies[0].message.key
        self.tries[text] += 1
        self.fail(channel, text, self.tries[text])
        self.seen[channel.channel].append(
            (text, actor.user_id if actor else None, time.monotonic())
        )


def write(store, outbox, channel, texts, audience=Audience.CHANNEL, recipient=None):
    with store.transaction(channel) as session:
        outbox.add_all(
            session,
            channel,
            [
                Outgoing(Reply(audience, Said(t)), f"slack:T:{channel.channel}", recipient)
                for t in texts
            ],
        )


async def dispatched(dispatcher, until_sent, timeout=15.0):
    task = asyncio.get_running_loop().create_task(dispatcher.run())
    deadline = time.monotonic() + timeout
    while dispatcher.sent + dispatcher.failed < until_sent:
        assert time.monotonic() < deadline, "the dispatcher did not finish in time"
        await asyncio.sleep(0.01)
    dispatcher.stop()
    return await task


async def test_every_reply_is_sent_once_in_order_and_the_recipient_is_the_actor(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channels = [ChannelKey("slack", "T", f"C{n}") for n in range(10)]
    for channel in channels:
        write(store, outbox, channel, [f"{channel.channel}-{i}" for i in range(5)])
    write(store, outbox, channels[0], ["private"], Audience.PRIVATE, "UANNE")
    platform = RecordingPlatform()
    dispatcher = Dispatcher(outbox, {"slack": platform}, pace=FAST)
    left = await dispatched(dispatcher, 51)
    assert left == 0
    for channel in channels:
        texts = [text for text, _, _ in platform.seen[channel.channel]]
        expected = [f"{channel.channel}-{i}" for i in range(5)]
        assert texts[:5] == expected
    assert platform.seen["C0"][-1][:2] == ("private", "UANNE")
    assert sum(len(v) for v in platform.seen.values()) == 51


async def test_one_conversation_is_paced_while_others_go_on(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    busy, other = ChannelKey("slack", "T", "CBUSY"), ChannelKey("slack", "T", "COTHER")
    write(store, outbox, busy, [f"b{i}" for i in range(6)])
    write(store, outbox, other, ["o0"])
    platform = RecordingPlatform()
    # a burst of 2, then one every 0.25 s
    paced = {"slack": Paces(posts=Pace(2, 0.5), edits=Pace(2, 0.5))}
    dispatcher = Dispatcher(outbox, {"slack": platform}, pace=paced)
    started = time.monotonic()
    await dispatched(dispatcher, 7)
    moments = [at - started for _, _, at in platform.seen["CBUSY"]]
    assert len(moments) == 6
    # 2 at once, then 4 more at 0.25 s each: at least ~1 s for the sixth
    assert moments[-1] >= 0.9
    assert platform.seen["COTHER"][0][2] - started < 0.5


async def test_a_row_far_from_its_turn_gives_its_slot_back_and_still_goes_in_order(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    busy, other = ChannelKey("slack", "T", "CBUSY"), ChannelKey("slack", "T", "COTHER")
    write(store, outbox, busy, ["b0", "b1", "b2"])
    platform = RecordingPlatform()
    # One message in any 2.5 s: the second is due further off than a slot is held.
    windows = (Pace(1, 2.5, sliding=True),)
    paced = {"slack": Paces(posts=windows, edits=windows)}
    dispatcher = Dispatcher(outbox, {"slack": platform}, pace=paced, slots=1)
    started = time.monotonic()
    task = asyncio.get_running_loop().create_task(dispatched(dispatcher, 4))
    while not platform.seen["CBUSY"]:
        await asyncio.sleep(0.01)
    write(store, outbox, other, ["o0"])  # one slot, and b1 would hold it for 2.5 s
    dispatcher.notify()
    await task
    moments = [at - started for _, _, at in platform.seen["CBUSY"]]
    assert [text for text, _, _ in platform.seen["CBUSY"]] == ["b0", "b1", "b2"]
    assert moments[1] - moments[0] >= 2.4 and moments[2] - moments[1] >= 2.4
    assert platform.seen["COTHER"][0][2] - started < 1.5  # not behind b1's wait
    with engine.connect() as connection:
        attempts = connection.execute(select(OutboxRow.attempts)).scalars().all()
    assert attempts == [1, 1, 1, 1]  # waiting for its turn is no failed attempt


async def test_a_retry_after_is_waited_out_and_nothing_is_sent_twice(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T", "C1")
    write(store, outbox, channel, ["first", "second"])
    refused_at = []

    def rate_limited_once(channel, text, tries):
        if text == "first" and tries == 1:
            refused_at.append(time.monotonic())
            raise DeliveryRetry("429 rate limited", after_seconds=0.6)

    platform = RecordingPlatform(rate_limited_once)
    dispatcher = Dispatcher(outbox, {"slack": platform}, pace=FAST)
    await dispatched(dispatcher, 2)
    texts = [text for text, _, _ in platform.seen["C1"]]
    assert texts == ["first", "second"]  # the second waited behind the first
    assert platform.seen["C1"][0][2] - refused_at[0] >= 0.55
    assert dispatcher.retried == 1 and dispatcher.sent == 2


async def test_a_server_error_backs_off_and_a_hopeless_reply_is_set_aside(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T", "C1")
    write(store, outbox, channel, ["flaky", "gone", "after"])

    def failing(channel, text, tries):
        if text == "flaky" and tries <= 2:
            raise DeliveryRetry("503 from the platform")
        if text == "gone":
            raise DeliveryFailed("channel_not_found")

    platform = RecordingPlatform(failing)
    dispatcher = Dispatcher(outbox, {"slack": platform}, pace=FAST, retry_after=lambda n: 0.1)
    await dispatched(dispatcher, 3)
    assert [text for text, _, _ in platform.seen["C1"]] == ["flaky", "after"]
    assert platform.tries == {"flaky": 3, "gone": 1, "after": 1}
    with engine.connect() as connection:
        rows = connection.execute(select(OutboxRow.failed_at, OutboxRow.payload)).all()
    assert sum(1 for r in rows if r.failed_at is not None) == 1
    assert all(r.payload == "" for r in rows)  # nothing of a reply stays once done
