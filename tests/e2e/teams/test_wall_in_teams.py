"""The wall in Teams: notes on each circle card, updated in place, anonymous ones and `names
off` without names, the full list one click away, the board for everyone split under Teams'
size limit, and the method's freedoms by @mention; through the emulator and the real server."""

from __future__ import annotations

import json

import jsonschema

from adapters.teams import cards
from core.circles import Circle
from core.messages import WallNote
from core.model import Colour, Step
from tests.e2e.teams.playground import card_of, texts_of, thread_of
from tests.e2e.teams.workshop_steps import start_today, was_targeted_at
from tests.schemas import CARD_SCHEMA

TEAMS_LIMIT = 28 * 1024


def _updated(card_event):
    message_id = card_event["message"]["messageId"]
    return lambda e: e["action"] == "updateMessage" and e["message"]["messageId"] == message_id


async def _note_as(pg, user_id, card_event, text, anonymous=False):
    await pg.as_member(
        user_id,
        thread_of(card_event),
        reply_to=card_event["message"]["messageId"],
        value={
            **card_of(card_event)["actions"][0]["data"],
            "text": text,
            "anonymous": "true" if anonymous else "false",
        },
    )


async def test_notes_show_on_their_circle_card_in_place_with_names_only_where_shown(teams):
    pg = teams.playground
    circle_cards = await start_today(teams)
    healthy = circle_cards["Healthy & safe"]
    mark = len(pg.events)
    await _note_as(pg, "user-id-1", healthy, "Heavy lifting **bold** [x](http://evil)")
    updated = await pg.wait_for(_updated(healthy), after=mark)
    shown = texts_of(updated)
    assert "Heavy lifting" in shown and "Megan Bowen" in shown
    assert "**bold**" not in shown and "](http" not in shown  # defused, as typed
    jsonschema.Draft6Validator(CARD_SCHEMA).validate(card_of(updated))
    await pg.settle()
    mark = len(pg.events)
    await _note_as(pg, "user-id-2", healthy, "Back pain at night", anonymous=True)
    updated = await pg.wait_for(_updated(healthy), after=mark)
    assert "Back pain at night" in texts_of(updated) and "Adele Vance" not in texts_of(updated)
    await pg.settle()
    mark = len(pg.events)
    await pg.mention("names off")
    updated = await pg.wait_for(_updated(healthy), after=mark)
    assert "Heavy lifting" in texts_of(updated) and "Megan Bowen" not in texts_of(updated)


async def test_a_full_circle_card_stays_under_the_limit_and_shows_all_notes_on_request(teams):
    pg = teams.playground
    circle_cards = await start_today(teams)
    developing = circle_cards["Developing"]
    for n in range(1, 41):
        await _note_as(pg, "user-id-1", developing, f"Wall note {n} " + "word " * 380)
    await pg.settle()
    updates = [e for e in pg.events if _updated(developing)(e)]
    last = card_of(updates[-1])
    assert len(json.dumps(last).encode()) < TEAMS_LIMIT
    assert "Wall note 40 " in texts_of(updates[-1]) and "Wall note 1 " not in texts_of(updates[-1])
    see_all = next(a for a in last["actions"] if a["data"].get("rasmus") == "board")
    await pg.as_member(
        "user-id-2",
        thread_of(developing),
        reply_to=developing["message"]["messageId"],
        value=see_all["data"],
    )
    await pg.settle()
    for n in (1, 20, 40):
        assert was_targeted_at(teams, "user-id-2", f"Wall note {n} ")


async def test_a_facilitators_board_goes_to_everyone_in_cards_under_teams_limit(teams):
    pg = teams.playground
    circle_cards = await start_today(teams)
    for n in range(1, 31):
        await _note_as(pg, "user-id-1", circle_cards["Meaningful"], f"Board note {n} " + "w " * 900)
    await pg.settle()
    mark = len(pg.events)
    await pg.mention("board")
    await pg.settle()
    posted = [e for e in pg.events[mark:] if e["action"] == "createMessage" and card_of(e)]
    everything = "\n".join(texts_of(e) for e in posted)
    assert len(posted) > 1
    assert all(len(json.dumps(card_of(e)).encode()) < TEAMS_LIMIT for e in posted)
    assert all(f"Board note {n} " in everything for n in range(1, 31))
    assert not was_targeted_at(teams, "user-id-0", "Board note 1 ")  # for all, not private


async def test_again_votes_and_reopen_work_by_mention_in_teams(teams):
    pg = teams.playground
    circle_cards = await start_today(teams)
    await _note_as(pg, "user-id-1", circle_cards["Realistic"], "Slow screens")
    await pg.settle()
    mark = len(pg.events)
    await pg.mention("again")
    await pg.settle()
    repeated = [e for e in pg.events[mark:] if e["action"] == "createMessage" and card_of(e)]
    assert len(repeated) == 7 and any("Slow screens" in texts_of(e) for e in repeated)
    await pg.mention("next")
    await pg.mention("next")
    await pg.settle()
    await pg.mention("prereq for R1 Faster screens")
    await pg.settle()
    await pg.as_member("user-id-2", thread_of(circle_cards["Realistic"]), text="vote F1")
    await pg.settle()
    assert teams.workshop().prerequisites[0].voters == ("user-id-2",)
    assert was_targeted_at(teams, "user-id-2", "F1")
    await pg.mention("end")
    await pg.settle()
    await pg.mention("reopen")
    await pg.settle()
    assert teams.workshop().step is Step.PREREQUISITES


def test_a_circle_card_of_hundreds_of_long_notes_is_valid_and_well_under_the_limit():
    notes = tuple(
        WallNote(f"SS{n}", Colour.RED if n % 2 else Colour.GREEN, "x" * 2000, "Megan Bowen")
        for n in range(1, 301)
    )
    counts = {Colour.ORANGE: 0, Colour.GREEN: 150, Colour.RED: 150}
    card = cards.circle_card("w1", Circle.HEALTHY, Step.EXPECTATIONS, counts, "da", notes)
    jsonschema.Draft6Validator(CARD_SCHEMA).validate(card)
    assert len(json.dumps(card).encode()) < 20 * 1024
    shown = json.dumps(card, ensure_ascii=False)
    assert "SS300 ·" in shown and "SS1 ·" not in shown and "ældre noter" in shown


def test_the_prerequisite_card_offers_no_timing_and_its_submit_reads_as_none():
    from adapters.teams.submits import command_from_submit

    card = cards.prerequisite_inputs("en")
    assert any(c["value"] == "open" for c in card[1]["choices"])
    command = command_from_submit({"rasmus": "prereq", "timing": "open", "text": "Training"})
    assert (command.timing, command.text) == (None, "Training")
