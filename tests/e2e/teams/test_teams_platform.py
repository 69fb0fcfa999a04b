"""Teams through the shared seam: `Platform.deliver` without a turn (later work, such as
reminders), and the kit's circle-card memory, ordered per channel as on Slack."""

from __future__ import annotations

from core.circles import Circle
from core.messages import Audience, CountsChanged, Reply, Said
from core.model import Actor, ChannelKey, Colour, Step
from tests.e2e.teams.activities import CHANNEL, channel_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector

WORKSHOP_CHANNEL = ChannelKey("msteams", "19:team@thread.tacv2", CHANNEL)
ANNE = Actor("29:anne", "Anne")


async def open_today(bot: Bot) -> None:
    for text in ("start Rostering", "lang en", "next"):
        await bot.say(text)
        await bot.settle()


def sent_after(bot: Bot, before: int) -> list:
    return bot.connector.activities()[before:]


async def test_later_replies_go_to_the_channel_and_privately_to_the_person_named(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        before = len(bot.connector.activities())
        replies = [
            Reply(Audience.CHANNEL, Said("language_set"), "en"),
            Reply(Audience.PRIVATE, Said("first_step"), "en"),
        ]
        await bot.platform.deliver(WORKSHOP_CHANNEL, replies, actor=ANNE)
        with_person = sent_after(bot, before)
        before = len(bot.connector.activities())
        await bot.platform.deliver(WORKSHOP_CHANNEL, replies)  # nobody to tell privately
        without_person = sent_after(bot, before)
    public, private = with_person
    assert CHANNEL in public.path and public.query.get("isTargetedActivity") is None
    assert "English" in public.body["text"]
    assert private.query.get("isTargetedActivity") == "true"
    assert private.body["recipient"]["id"] == "29:anne"
    assert [sent.query.get("isTargetedActivity") for sent in without_person] == [None]


async def test_a_count_update_delivered_later_edits_the_remembered_circle_card(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        workshop = bot.workshop()
        card = await bot.runtime.services.memory.circle_message(
            "msteams", workshop.id, Step.TODAY, Circle.HEALTHY
        )
        before = len(bot.connector.activities())
        counts = dict.fromkeys(Colour, 0) | {Colour.ORANGE: 3}
        changed = CountsChanged(workshop.id, Circle.HEALTHY, Step.TODAY, counts)
        await bot.platform.deliver(WORKSHOP_CHANNEL, [Reply(Audience.CHANNEL, changed, "en")])
        [update] = sent_after(bot, before)
    assert card is not None and card.channel == WORKSHOP_CHANNEL
    assert update.method == "PUT" and update.path.endswith(f"/activities/{card.message_id}")
    assert "orange: 3" in str(update.body)


async def test_without_a_stored_reference_a_later_delivery_fails_loudly(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        unknown = ChannelKey("msteams", "19:team@thread.tacv2", "19:never@thread.tacv2")
        try:
            await bot.platform.deliver(unknown, [Reply(Audience.CHANNEL, Said("first_step"))])
        except LookupError as error:
            refused = str(error)
        else:
            refused = ""
    assert "no Teams conversation reference" in refused


async def test_deleting_the_workshop_forgets_its_circle_cards_so_old_threads_take_no_notes(
    tmp_path,
):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await open_today(bot)
        memory = bot.runtime.services.memory
        workshop = bot.workshop()
        card = await memory.circle_message("msteams", workshop.id, Step.TODAY, Circle.HEALTHY)
        await bot.say("delete confirm")
        await bot.settle()
        forgotten = await memory.circle_message("msteams", workshop.id, Step.TODAY, Circle.HEALTHY)
        thread = await memory.thread_origin(WORKSHOP_CHANNEL, card.message_id)
        await bot.say("start Rostering")
        await bot.settle()
        before = len(bot.connector.activities())
        reply = channel_message("Too many alerts", bot.connector.url)
        reply["conversation"]["id"] = f"{CHANNEL};messageid={card.message_id}"
        reply["text"], reply["entities"] = "Too many alerts", []
        await bot.post(reply)
        await bot.settle()
        replies_sent = sent_after(bot, before)
        notes = bot.workshop().notes
    assert forgotten is None and thread is None
    assert notes == () and replies_sent == []  # an ordinary reply now, left alone
