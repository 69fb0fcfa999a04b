"""A check-in over real HTTP in Teams: the check-in card posted in the channel, its one submit
stored as one `AnswerCheckIn` per circle rated, and a reminder sent to the owner in a 1:1 chat
the bot creates through the connector, never in the channel.

Nobody decides the stored requests here (the worker is off): what the adapter built is read
back from the inbox; the core's decision on an answer belongs to the core's own tests.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from adapters.chat.platform import DeliveryFailed
from adapters.persistence.codec import decode_incoming
from adapters.persistence.tables import InboxRow
from adapters.teams.mount import TEAMS_KEY
from core.circles import Circle
from core.commands import AnswerCheckIn, Origin
from core.events import CheckInPosted, FollowUpPlanned
from core.messages import Audience, CheckInPost, Reply, Said
from core.model import Actor, ChannelKey, CheckIn, FollowUpSettings, Rating
from core.service import Incoming
from tests.e2e.teams.activities import CHANNEL, TENANT, card_submit
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector

KEY = ChannelKey("msteams", "19:team@thread.tacv2", CHANNEL)
BO = ("29:bo", "Bo")


async def _turns_done(bot: Bot) -> None:
    """The turns' own work (nobody decides what they stored, so the inbox never empties)."""
    await bot.app[TEAMS_KEY].drain()


def _answers(bot: Bot) -> list[Incoming]:
    with bot.runtime.store.engine.connect() as connection:
        payloads = connection.execute(select(InboxRow.payload).order_by(InboxRow.id)).scalars()
        stored = [decode_incoming(payload) for payload in payloads]
    return [i for i in stored if isinstance(i.command, AnswerCheckIn)]


async def _workshop_with_a_posted_check_in(bot: Bot):
    """The channel's reference is stored by its first message (as Teams' first contact), the
    workshop started as the worker would decide it, its first check-in posted by events."""
    await bot.say("status")
    await _turns_done(bot)
    runtime = bot.runtime
    runtime.service.handle(
        Incoming(KEY, Actor("29:anne", "Anne"), text="start Rostering", message_id="s1")
    )
    with runtime.store.unit(KEY) as unit:
        at = runtime.service.clock()
        unit.record(
            [
                FollowUpPlanned(FollowUpSettings(), (CheckIn(1, "1m", at),)),
                CheckInPosted(1, at, at + timedelta(days=7)),
            ]
        )
        return unit.workshop


async def test_one_submit_of_the_check_in_card_stores_one_answer_per_circle_rated(tmp_path):
    async with Bot(tmp_path, FakeConnector(), work=False) as bot:
        workshop = await _workshop_with_a_posted_check_in(bot)
        post = Reply(Audience.CHANNEL, CheckInPost(workshop, 1), "en")
        await bot.platform.deliver(KEY, [post])
        [posted] = [
            r.body
            for r in bot.connector.shown()
            if r.body and "Check-in 1" in str(r.body.get("attachments"))
        ]
        card = posted["attachments"][0]["content"]
        values = {
            **card["actions"][0]["data"],
            "rating_realistic": "better",
            "comment_realistic": "Fewer *double* shifts",
            "rating_healthy": "same",
            "anonymous": "true",
        }
        await bot.post(card_submit(values, bot.connector.url, user=BO))
        await bot.post(card_submit(values, bot.connector.url, user=BO, activity_id="again"))
        await _turns_done(bot)
        stored = _answers(bot)
    first = [i for i in stored if i.message_id and not i.message_id.startswith("again")]
    assert [i.command for i in first] == [
        AnswerCheckIn(
            Circle.REALISTIC, Rating.BETTER, "Fewer *double* shifts", True, 1, Origin(workshop.id)
        ),
        AnswerCheckIn(Circle.HEALTHY, Rating.SAME, "", True, 1, Origin(workshop.id)),
    ]
    assert len({i.message_id for i in stored}) == 4  # each circle of each submit its own id
    assert all(i.channel == KEY for i in stored)


async def test_a_check_in_card_sent_with_no_rating_is_answered_privately_and_stores_nothing(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector(), work=False) as bot:
        workshop = await _workshop_with_a_posted_check_in(bot)
        before = len(bot.connector.activities())
        values = {"rasmus": "checkin", "workshop": workshop.id, "checkin": 1, "lang": "en"}
        await bot.post(card_submit(values, bot.connector.url, user=BO))
        await _turns_done(bot)
        told = bot.connector.activities()[before:]
        assert _answers(bot) == []
    [said] = told
    assert said.query.get("isTargetedActivity") == "true"  # only Bo sees it
    assert "at least one circle" in said.body["text"]


async def test_a_direct_reply_opens_a_1_to_1_chat_through_the_connector_and_goes_there(tmp_path):
    async with Bot(tmp_path, FakeConnector(), work=False) as bot:
        await bot.say("status")  # Teams' first contact: the channel's reference is stored
        await _turns_done(bot)
        before = len(bot.connector.activities())
        direct = Reply(Audience.DIRECT, Said("something_wrong"), "en", to=(BO[0],))
        await bot.platform.deliver(KEY, [direct], actor=Actor(BO[0]))
        # The second time the chat is known: no new conversation is created.
        await bot.platform.deliver(KEY, [direct], actor=Actor(BO[0]))
        created = bot.connector.conversations_created()
        sent = bot.connector.activities()[before:]
    [opened] = created
    assert [m["id"] for m in opened["members"]] == [BO[0]]
    assert opened["tenantId"] == TENANT and opened["bot"]["id"] == "28:rasmus-bot"
    assert len(sent) == 2
    assert all("a:personal-chat-with-bo" in r.path and CHANNEL not in r.path for r in sent)


async def test_a_direct_reply_without_any_reference_of_the_channel_is_set_aside(tmp_path):
    async with Bot(tmp_path, FakeConnector(), work=False) as bot:
        direct = Reply(Audience.DIRECT, Said("something_wrong"), "en", to=(BO[0],))
        try:
            await bot.platform.deliver(KEY, [direct], actor=Actor(BO[0]))
        except DeliveryFailed:
            failed = True
        else:
            failed = False
        assert failed and bot.connector.activities() == []
