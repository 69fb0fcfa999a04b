"""Invoke activities are answered as Teams expects (an InvokeResponse), never with a 500:
RASMUS's cards use Action.Submit, so no invoke carries work; a malformed one is a 400."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector


def invoke(service_url: str, name, value) -> dict:
    activity = channel_message("", service_url)
    del activity["text"], activity["entities"]
    activity.update(type="invoke", name=name, value=value)
    return activity


CASES = [
    ("adaptiveCard/action", None, 400),
    ("adaptiveCard/action", {}, 400),
    ("adaptiveCard/action", {"action": 3}, 400),
    ("adaptiveCard/action", {"action": {"type": "Action.Submit"}}, 400),
    ("adaptiveCard/action", {"action": {"type": "Action.Execute", "verb": "x"}}, 501),
    ("task/fetch", {"data": {}}, 501),
    ("signin/verifyState", {"state": "1"}, 501),
    ("healthCheck", None, 200),
]


@pytest.mark.parametrize("name, value, status", CASES)
async def test_an_invoke_gets_an_invoke_response_and_nothing_is_called_or_stored(
    tmp_path, caplog, name, value, status
):
    caplog.set_level(logging.INFO)
    async with Bot(tmp_path, FakeConnector()) as bot:
        async with bot.session.post(bot.url, json=invoke(bot.connector.url, name, value)) as answer:
            assert answer.status == status
            body = await answer.json()
        await bot.settle()
        assert bot.connector.received == []
        assert bot.runtime.state.items("teams.channel_ref") == {}
    if status == 200:
        assert body == {"healthResults": {"success": True}}
    else:
        assert body["statusCode"] == status and body["type"] == "application/vnd.microsoft.error"
    assert not any(record.exc_info for record in caplog.records)
