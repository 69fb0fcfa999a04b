"""Teams conversations beyond the channel workshop: personal and group chats, receipts'
buttons, colour questions, chatter, and writing to one person later."""

from __future__ import annotations

from adapters.teams.delivery import text_activity
from adapters.teams.proactive import write_to_person
from core.model import Colour, ItemStatus
from tests.e2e.teams.conftest import TEAMS_CHANNEL
from tests.e2e.teams.playground import TEAM, card_of, texts_of, thread_of
from tests.e2e.teams.workshop_steps import (
    circle_cards,
    mentions_text,
    start_today,
    was_targeted_at,
)


async def test_in_a_personal_chat_commands_need_no_mention(teams):
    pg = teams.playground
    personal = (await pg.config())["config"]["personalChat"]["id"]
    mark = len(pg.events)
    await pg.say("help", personal)
    answer = await pg.wait_for(lambda e: e["actionConversationId"] == personal, after=mark)
    assert "ny <teknologi>" in texts_of(answer)  # Danish unless a workshop chose English
    assert teams.recorder.targeted() == []  # a personal chat is already private


async def test_channel_chatter_without_a_mention_is_left_alone(teams):
    pg = teams.playground
    await pg.mention("start Rostering")
    await pg.settle()
    posted = await pg.as_member("user-id-1", TEAM, text="lunch anyone?", mention=False)
    await pg.settle()
    assert posted and not any("lunch" in texts_of(e) for e in pg.events)
    assert teams.workshop().notes == ()


async def test_the_receipts_buttons_correct_and_withdraw_the_note(teams):
    pg = teams.playground
    cards = await start_today(teams)
    mark = len(pg.events)
    await pg.submit(
        cards["Developing"],
        {
            **card_of(cards["Developing"])["actions"][0]["data"],
            "text": "Too little trainng",
            "anonymous": "false",
        },
    )
    receipt = await pg.wait_for(mentions_text("Only you can see this"), after=mark)
    correct, withdraw = card_of(receipt)["actions"]
    await pg.submit(receipt, {**correct["data"], "new_text": "Too little training"})
    await pg.settle()
    assert teams.workshop().notes[0].text == "Too little training"
    await pg.submit(receipt, withdraw["data"])
    await pg.settle()
    assert teams.workshop().notes[0].status is ItemStatus.WITHDRAWN
    counts = [e for e in pg.events if e["action"] == "updateMessage"]
    assert "orange: 0" in texts_of(counts[-1])


async def test_an_unmarked_expectation_in_a_thread_asks_its_author_for_green_or_red(teams):
    pg = teams.playground
    await start_today(teams)
    mark = len(pg.events)
    await pg.mention("next")
    cards = await circle_cards(teams, mark)
    await pg.settle()
    mark = len(pg.events)
    await pg.mention("We will plan further ahead", thread_of(cards["Realistic"]))
    question = await pg.wait_for(mentions_text("Green (better)"), after=mark)
    assert teams.workshop().notes == ()  # nothing stored until the author picks a colour
    green = card_of(question)["actions"][0]["data"]
    await pg.submit(question, green)
    await pg.settle()
    [note] = teams.workshop().notes
    assert note.colour is Colour.GREEN and note.text == "We will plan further ahead"
    assert was_targeted_at(teams, "user-id-0", "Green (better)")


async def test_a_workshop_runs_in_a_group_chat_too(teams):
    pg = teams.playground
    chat = (await pg.config())["config"]["groupChats"][0]["id"]
    mark = len(pg.events)
    await pg.mention("ny Vagtplan", chat)
    await pg.wait_for(mentions_text("Sundt & sikkert"), after=mark)
    await pg.mention("næste", chat)
    await pg.settle()
    await pg.mention("note sundt Too many alerts", chat)
    await pg.settle()
    tenant = (await pg.config())["config"]["tenantId"]  # a chat belongs to no team
    [workshop] = teams.runtime.service.workshops_of("msteams", tenant, "user-id-0")
    assert workshop.channel.channel == chat and workshop.notes[0].text == "Too many alerts"
    assert teams.workshop() is None  # the team's channel has no workshop


async def test_later_work_can_write_to_an_agreement_owner_in_a_personal_chat(teams):
    pg = teams.playground
    await pg.install()
    await pg.mention("start Rostering")
    await pg.settle()
    mark = len(pg.events)
    delivered = await write_to_person(
        teams.turns.sdk,
        teams.turns.state,
        TEAMS_CHANNEL,
        "user-id-0",
        text_activity("Reminder: plan the training"),
    )
    assert delivered
    reminder = await pg.wait_for(mentions_text("Reminder: plan the training"), after=mark)
    assert reminder["actionConversationId"] != TEAM
