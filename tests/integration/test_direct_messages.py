"""Direct messages (Audience.DIRECT) through the outbox: one row per person in `Reply.to`,
paced as a conversation of each person's own, each delivered as a DIRECT reply to one person."""

import asyncio
import time
from datetime import UTC, date, datetime

from sqlalchemy import select

from adapters.chat.platform import DeliveryFailed
from adapters.persistence.codec import decode_reply
from adapters.persistence.queue import WorkQueue
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import OutboxRow
from adapters.scheduling.dispatcher import Dispatcher
from adapters.scheduling.pacing import Pace, Paces
from core.messages import AgreementReminder, Audience, Reply, Said
from core.model import Actor, Agreement, ChannelKey
from core.service import Incoming, Outcome

CHANNEL = ChannelKey("slack", "T1", "C1")
MADE = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
FAST = {"slack": Paces(Pace(100, 1.0), Pace(100, 1.0), direct=Pace(100, 1.0))}
AGREEMENT = Agreement(
    "a1", "AF1", "<@U1> og <@U2>", date(2027, 3, 3), "Ny vejledning", Actor("anne"), MADE
)


def _reminder(*people):
    return Reply(Audience.DIRECT, AgreementReminder(AGREEMENT, "Vagtplan", "soon"), "da", people)


def _decide(engine, replies):
    queue = WorkQueue(SqlStore(engine))
    queue.enqueue(Incoming(CHANNEL, Actor("rasmus", "RASMUS"), text="tick"))
    claim = queue.claim("w1")
    queue.process(claim, lambda incoming: Outcome(list(replies), None))
    return queue


def _rows(engine):
    with engine.connect() as connection:
        return connection.execute(select(OutboxRow).order_by(OutboxRow.id)).all()


def test_a_direct_reply_is_one_outbox_row_per_person_in_a_conversation_of_their_own(engine):
    _decide(engine, [_reminder("U1", "U2", "U1"), Reply(Audience.CHANNEL, Said("hello"))])
    rows = _rows(engine)
    assert [(r.conversation, r.recipient) for r in rows] == [
        ("slack:T1:dm:U1", "U1"),
        ("slack:T1:dm:U2", "U2"),
        ("slack:T1:C1", None),
    ]
    # Each row is still addressed to the workshop's channel: the platform finds its way in.
    assert {(r.platform, r.workspace, r.channel) for r in rows} == {("slack", "T1", "C1")}
    first, second = (decode_reply(r.payload) for r in rows[:2])
    assert (first.audience, first.to, second.to) == (Audience.DIRECT, ("U1",), ("U2",))


def test_a_direct_reply_for_nobody_goes_nowhere(engine):
    _decide(engine, [_reminder()])
    assert _rows(engine) == []


class DirectPlatform:
    """Records each delivery; refuses to reach the people in `unreachable`."""

    key = "slack"
    name = "Recording"

    def __init__(self, unreachable=()):
        self.delivered = []
        self.unreachable = set(unreachable)

    async def deliver(self, channel, replies, *, actor=None, context=None, source_ref=None):
        (reply,) = replies
        if reply.audience is Audience.DIRECT and reply.to[0] in self.unreachable:
            raise DeliveryFailed("cannot open a DM")
        self.delivered.append((channel, reply.audience, reply.to, actor.user_id if actor else None))


async def test_each_person_gets_their_direct_message_once_even_when_another_cannot(engine):
    queue = _decide(engine, [_reminder("U1", "U2", "U3")])
    platform = DirectPlatform(unreachable={"U2"})
    dispatcher = Dispatcher(queue.outbox, {"slack": platform}, pace=FAST)
    task = asyncio.get_running_loop().create_task(dispatcher.run())
    deadline = time.monotonic() + 15
    while dispatcher.sent + dispatcher.failed < 3:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    dispatcher.stop()
    assert await task == 0
    assert sorted(platform.delivered, key=lambda d: d[2]) == [
        (CHANNEL, Audience.DIRECT, ("U1",), "U1"),
        (CHANNEL, Audience.DIRECT, ("U3",), "U3"),
    ]
    assert (dispatcher.sent, dispatcher.failed) == (2, 1)
