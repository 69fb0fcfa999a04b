"""A whole workshop in a Teams channel, through Microsoft's Teams emulator and the real server."""

from __future__ import annotations

import time

import jsonschema

from adapters.teams.cards import CONTENT_TYPE as ADAPTIVE_CARD
from adapters.teams.delivery import text_activity
from adapters.teams.proactive import post_to_channel
from core.model import Colour, ItemStatus, Step
from tests.e2e.teams.conftest import TEAMS_CHANNEL
from tests.e2e.teams.playground import TEAM, card_of, texts_of, thread_of
from tests.e2e.teams.workshop_steps import (
    allow_file,
    circle_cards,
    consent_cards,
    mentions_text,
    was_targeted_at,
)
from tests.schemas import CARD_SCHEMA


async def test_a_whole_workshop_runs_in_a_teams_channel_with_cards_threads_and_private_receipts(
    teams, tmp_path
):
    pg = teams.playground
    started = time.monotonic()

    # Installing the app in the team stores where to post later.
    await pg.install()
    welcome = await pg.wait_for(mentions_text("@RASMUS ny <teknologi>"))
    assert welcome["actionConversationId"] == TEAM
    assert await teams.turns.state.channel_reference(TEAMS_CHANNEL) is not None

    # Step 1: the facilitator starts it with an @mention; the intro card lists the six circles.
    mark = len(pg.events)
    await pg.mention("start Rostering app")
    intro = await pg.wait_for(mentions_text("Sundt & sikkert"), after=mark)  # Danish first
    assert intro["actionConversationId"] == TEAM  # a new post, not buried in the thread
    workshop = teams.workshop()
    assert workshop.technology == "Rostering app" and workshop.step is Step.INTRO
    assert workshop.channel.channel == TEAM  # the channel's, not the thread's
    await pg.mention("lang en")  # the rest of this test reads English
    await pg.settle()

    # Step 2 (today): one card per circle, each its own post.
    mark = len(pg.events)
    await pg.mention("next")
    cards = await circle_cards(teams, mark)
    assert all(event["actionConversationId"] == TEAM for event in cards.values())

    # A note through the card's inline input; its counts change in place.
    mark = len(pg.events)
    await pg.submit(
        cards["Realistic"],
        {
            **card_of(cards["Realistic"])["actions"][0]["data"],
            "text": "Screens are slow at shift change",
            "anonymous": "false",
        },
    )
    updated = await pg.wait_for(
        lambda e: (
            e["action"] == "updateMessage"
            and e["message"]["messageId"] == cards["Realistic"]["message"]["messageId"]
        ),
        after=mark,
    )
    assert "orange: 1" in texts_of(updated)
    await pg.settle()
    assert was_targeted_at(teams, "user-id-0", "R1")  # the receipt went to its author only

    # A colleague replies in the Healthy card's thread: the reply is a note for that circle.
    healthy_thread = thread_of(cards["Healthy & safe"])
    reply_id = await pg.as_member("user-id-1", healthy_thread, text="The app pings me at night")
    await pg.settle()
    # With the resource-specific permission, a reply without a mention is read too.
    other_id = await pg.as_member(
        "user-id-1", thread_of(cards["Meaningful"]), text="Less time with residents", mention=False
    )
    await pg.settle()
    notes = {n.short_id: n for n in teams.workshop().notes}
    assert notes["SS1"].author.display_name == "Megan Bowen"
    assert notes["SS1"].text == "The app pings me at night"
    assert notes["M1"].text == "Less time with residents"
    assert was_targeted_at(teams, "user-id-1", "SS1")

    # Editing the reply corrects the note; deleting the other withdraws it.
    await pg.as_member(
        "user-id-1",
        healthy_thread,
        kind="messageUpdate",
        activity_id=reply_id,
        text="The app pings me at 3 am",
        mention=False,
    )
    await pg.as_member(
        "user-id-1", thread_of(cards["Meaningful"]), kind="messageDelete", activity_id=other_id
    )
    await pg.settle()
    notes = {n.short_id: n for n in teams.workshop().notes}
    assert notes["SS1"].text == "The app pings me at 3 am"
    assert notes["M1"].status is ItemStatus.WITHDRAWN

    # The same activity delivered twice stores one note.
    duplicate = await pg.as_member("user-id-3", healthy_thread, text="Too many alerts")
    await pg.as_member("user-id-3", healthy_thread, text="Too many alerts", activity_id=duplicate)
    await pg.settle()
    assert sum(n.text == "Too many alerts" for n in teams.workshop().notes) == 1

    # A participant may not move the workshop on; nothing changes.
    await pg.as_member("user-id-2", healthy_thread, text="next")
    await pg.settle()
    assert teams.workshop().step is Step.TODAY

    # Step 3 (expectations): green/red on the card; an anonymous red note keeps no author.
    mark = len(pg.events)
    await pg.mention("next")
    cards = await circle_cards(teams, mark)
    await pg.settle()
    card = cards["Healthy & safe"]
    mark = len(pg.events)
    await pg.as_member(
        "user-id-2",
        thread_of(card),
        reply_to=card["message"]["messageId"],
        value={
            **card_of(card)["actions"][0]["data"],
            "colour": "red",
            "text": "I fear the rota will be set by the app alone",
            "anonymous": "true",
        },
    )
    updated = await pg.wait_for(
        lambda e: (
            e["action"] == "updateMessage"
            and e["message"]["messageId"] == card["message"]["messageId"]
        ),
        after=mark,
    )
    assert "red: 1" in texts_of(updated)
    await pg.submit(
        cards["Autonomous"],
        {
            **card_of(cards["Autonomous"])["actions"][0]["data"],
            "colour": "green",
            "text": "I can swap shifts myself",
            "anonymous": "false",
        },
    )
    await pg.settle()
    anonymous = next(n for n in teams.workshop().notes if n.text.startswith("I fear"))
    assert anonymous.author is None and anonymous.source_ref is None
    assert anonymous.colour is Colour.RED
    receipt = next(s for s in teams.recorder.targeted() if "I fear" in str(s.body))
    assert "Adele" not in str(receipt.body["attachments"])  # the receipt shows a code, no name
    assert any(
        "I can swap shifts" in n.text and n.colour is Colour.GREEN for n in teams.workshop().notes
    )

    # Step 4 (prerequisites): a card with its own inputs.
    mark = len(pg.events)
    await pg.mention("next")
    prereq_card = await pg.wait_for(mentions_text("What must be in place?"), after=mark)
    await pg.submit(
        prereq_card,
        {
            **card_of(prereq_card)["actions"][0]["data"],
            "timing": "before",
            "text": "Training for night staff",
            "anonymous": "false",
        },
    )
    await pg.settle()
    assert [p.text for p in teams.workshop().prerequisites] == ["Training for night staff"]

    # Step 5 (agreements): the owner comes from the team's members, the date from Input.Date.
    mark = len(pg.events)
    await pg.mention("next")
    agree_card = await pg.wait_for(mentions_text("Who (from the team)"), after=mark)
    owners = next(b for b in card_of(agree_card)["body"] if b.get("id") == "owner")
    megan = next(c["value"] for c in owners["choices"] if c["title"] == "Megan Bowen")
    assert "Test Bot" not in str(owners["choices"])
    await pg.submit(
        agree_card,
        {
            **card_of(agree_card)["actions"][0]["data"],
            "owner": megan,
            "due": "2027-03-01",
            "what": "Plan the training",
        },
    )
    await pg.settle()
    agreement = teams.workshop().agreements[0]
    assert agreement.owner == "<@user-id-1>" and agreement.due.isoformat() == "2027-03-01"

    # Inspiration per circle, and the board, where the anonymous note shows no author.
    mark = len(pg.events)
    await pg.mention("inspiration sundt")
    inspiration = await pg.wait_for(mentions_text("Possible risk"), after=mark)
    assert "Healthy & safe" in texts_of(inspiration)
    mark = len(pg.events)
    await pg.mention("board")
    board = texts_of(await pg.wait_for(mentions_text("The board"), after=mark))
    fear_line = next(line for line in board.splitlines() if "I fear" in line)
    assert "anonymous" in fear_line and "Adele" not in fear_line
    assert "Megan Bowen" in board  # agreement owner shown by name, not by id

    # Nothing any channel member can read ties the anonymous note to its author.
    for event in pg.events:
        text = texts_of(event)
        assert not ("I fear" in text and "Adele" in text)

    # Export: the whole workshop as a file, offered in the person's personal chat (the only
    # place Teams lets a bot hand over a file); the channel is told privately. Nothing stays on
    # the server's disk. Later work can post into the channel on its own.
    mark = len(pg.events)
    await pg.mention("export")
    await pg.wait_for(mentions_text("personal chat with RASMUS"), after=mark)
    assert was_targeted_at(teams, "user-id-0", "personal chat with RASMUS")
    [(chat, offer)] = consent_cards(teams)
    assert chat != TEAM and offer["name"].endswith(".md")
    exported = await allow_file(teams, chat, offer)
    assert "Training for night staff" in exported
    assert not (tmp_path / "exports").exists()
    await post_to_channel(
        teams.turns.sdk,
        teams.turns.state,
        TEAMS_CHANNEL,
        text_activity("Check-in: how is the rota app going?"),
    )
    posted = await pg.wait_for(mentions_text("Check-in: how is"), after=mark)
    assert posted["actionConversationId"] == TEAM

    # Every card the bot put on the wire is a valid Adaptive Card 1.5.
    validator = jsonschema.Draft6Validator(CARD_SCHEMA)
    sent_cards = [
        a["content"]
        for sent in teams.recorder.sent
        if sent.body
        for a in sent.body.get("attachments") or []
        if a["contentType"] == ADAPTIVE_CARD  # not the export's file cards
    ]
    assert len(sent_cards) > 20
    for card in sent_cards:
        validator.validate(card)

    assert time.monotonic() - started < 60
