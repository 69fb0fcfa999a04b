"""Card submits posted to /api/messages as Teams sends them: a tampered card is refused in words."""

from __future__ import annotations

from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector


async def test_a_card_submit_with_a_field_of_the_wrong_type_is_answered_with_a_refusal(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.say("next")
        await bot.settle()
        submit = channel_message("", bot.connector.url)
        submit["text"] = ""
        submit["value"] = {"rasmus": "note", "circle": "realistic", "text": {"not": "text"}}
        await bot.post(submit)
        await bot.settle()
        assert bot.workshop().notes == ()
    told = [sent.body.get("text") or "" for sent in bot.connector.activities() if sent.body]
    assert any("ikke kan læse" in text for text in told)  # Danish: the workshop's language
