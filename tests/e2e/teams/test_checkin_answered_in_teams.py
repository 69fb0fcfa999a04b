"""The whole check-in in Teams once the core decides it: the card's one submit answers two
circles anonymously, each receipt only to the person, then `tjek luk` posts the stock-taking
card with the answers counted."""

from __future__ import annotations

from datetime import timedelta

from core.circles import Circle
from core.events import CheckInPosted, FollowUpPlanned
from core.messages import Audience, CheckInPost, Reply
from core.model import ChannelKey, CheckIn, FollowUpSettings, Rating
from tests.e2e.teams.activities import CHANNEL, card_submit
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector

KEY = ChannelKey("msteams", "19:team@thread.tacv2", CHANNEL)


async def test_a_check_in_card_answered_then_closed_shows_the_stock_taking(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        runtime = bot.runtime
        with runtime.store.unit(KEY) as unit:
            at = runtime.service.clock()
            unit.record(
                [
                    FollowUpPlanned(
                        FollowUpSettings(anonymous_threshold=1), (CheckIn(1, "1m", at),)
                    ),
                    CheckInPosted(1, at, at + timedelta(days=7)),
                ]
            )
            workshop = unit.workshop
        await bot.platform.deliver(KEY, [Reply(Audience.CHANNEL, CheckInPost(workshop, 1))])
        [card] = [
            r.body["attachments"][0]["content"]
            for r in bot.connector.shown()
            if r.body and "Tjek 1" in str(r.body.get("attachments"))
        ]
        before = len(bot.connector.activities())
        values = {
            **card["actions"][0]["data"],
            "rating_realistic": "better",
            "comment_realistic": "Færre dobbeltvagter",
            "rating_healthy": "worse",
            "anonymous": "true",
        }
        await bot.post(card_submit(values, bot.connector.url, user=("29:bo", "Bo")))
        await bot.settle()
        receipts = bot.connector.activities()[before:]
        answers = bot.workshop().answers
        await bot.say("tjek luk")
        await bot.settle()
        stock = [
            r.body["attachments"][0]["content"]
            for r in bot.connector.shown()
            if r.body and "Status efter tjek 1" in str(r.body.get("attachments"))
        ]
    assert sorted((a.circle, a.rating, a.author) for a in answers) == [
        (Circle.HEALTHY, Rating.WORSE, None),
        (Circle.REALISTIC, Rating.BETTER, None),
    ]
    assert len(receipts) == 2
    assert all(r.query.get("isTargetedActivity") == "true" for r in receipts)
    [shown] = stock
    texts = " ".join(_texts(shown["body"]))
    assert "Færre dobbeltvagter" in texts and "Bo" not in texts and "29:bo" not in str(shown)


def _texts(items: list[dict]) -> list[str]:
    """Every TextBlock's text, inside containers and columns too."""
    found = []
    for item in items:
        if item.get("type") == "TextBlock":
            found.append(item["text"])
        for inner in ("items", "columns"):
            found += _texts(item.get(inner) or [])
    return found
