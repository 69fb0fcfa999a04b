"""Anonymity in Microsoft's Teams emulator (issue 9, finding 2): a typed anonymous note in the
channel is refused privately and stores nothing; the card's anonymous choice works, its receipt
points to the personal chat, and the code typed there corrects the note in the channel."""

from __future__ import annotations

import re

from core.model import ItemStatus
from tests.e2e.teams.playground import card_of, texts_of
from tests.e2e.teams.workshop_steps import mentions_text, start_today, was_targeted_at


async def test_a_typed_anonymous_note_in_the_channel_is_refused_to_its_author_only(teams):
    pg = teams.playground
    await start_today(teams)
    await pg.settle()
    await pg.mention("note anonymous realistic Slow screens")
    await pg.settle()
    assert teams.workshop().notes == ()
    assert was_targeted_at(teams, "user-id-0", "Not stored")
    assert was_targeted_at(teams, "user-id-0", "“anonymous”")


async def test_the_cards_anonymous_note_is_corrected_with_its_code_in_the_personal_chat(teams):
    pg = teams.playground
    cards = await start_today(teams)
    realistic = cards["Realistic"]
    mark = len(pg.events)
    values = {**card_of(realistic)["actions"][0]["data"], "text": "Slow screens"}
    await pg.submit(realistic, {**values, "anonymous": "true"})
    receipt = await pg.wait_for(mentions_text("Only you can see this"), after=mark)
    shown = texts_of(receipt)
    assert "personal chat with RASMUS" in shown
    code = re.search(r"Keep the code (\w{4}-\w{4})", shown)[1]
    await pg.settle()
    personal = (await pg.config())["config"]["personalChat"]["id"]
    mark = len(pg.events)
    await pg.say(f"edit R1 {code} Slow, slow screens", personal)
    await pg.settle()
    [note] = teams.workshop().notes
    assert note.text == "Slow, slow screens" and note.author is None
    answer = [e for e in pg.events[mark:] if e["actionConversationId"] == personal]
    assert answer and "is corrected" in texts_of(answer[0])
    # The circle card in the channel shows the corrected text, in place.
    updated = [e for e in pg.events[mark:] if e["action"] == "updateMessage"]
    assert updated and "Slow, slow screens" in texts_of(updated[-1])
    new_code = re.search(r"Keep the code (\w{4}-\w{4})", texts_of(answer[0]))[1]
    await pg.say(f"@RASMUS withdraw R1 {new_code}", personal)  # the example, as copied
    await pg.settle()
    assert teams.workshop().notes[0].status is ItemStatus.WITHDRAWN
