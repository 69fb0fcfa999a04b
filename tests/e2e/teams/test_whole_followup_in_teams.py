"""A whole follow-up in a Teams channel, as Bot Framework activities posted to /api/messages
with the worker and dispatcher running and a fake connector recording every send: the team
writes its expectations, the facilitator plans a check-in after a go-live in the past, the due
work posts the check-in card once (proactively, in the channel), people answer on the card and
by typing, `tjek luk` posts the stock-taking card once with what was expected beside what was
experienced, and the due work run again sends nothing more."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import unquote

from sqlalchemy import select

from adapters.persistence.tables_followup import CheckInAnswerRow
from core.circles import Circle
from core.model import ChannelKey, Rating, Step
from core.schedule import at_local
from core.texts import t
from tests.e2e.followup_steps import enqueue_due_ticks, everything_stored, past_go_live
from tests.e2e.teams.activities import CHANNEL, card_submit
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector, Received

KEY = ChannelKey("msteams", "19:team@thread.tacv2", CHANNEL)
ANNE, BO, CARL = ("29:anne", "Anne"), ("29:bo", "Bo"), ("29:carl", "Carl")
# Ditte answers only anonymously: nothing stored anywhere may name her afterwards.
DITTE = ("29:ditte", "Ditte")
TECHNOLOGY = "Rostering"


async def say(bot: Bot, words: str, user=ANNE) -> None:
    await bot.say(words, user=user)
    await bot.settle()


async def run_due_work(bot: Bot) -> None:
    """The worker's look for due work, then its Ticks decided and their posts sent."""
    await enqueue_due_ticks(bot.runtime)
    bot.background.worker.notify()
    await bot.settle()


def card(sent: Received) -> dict:
    return sent.body["attachments"][0]["content"]


def conversation_of(sent: Received) -> str:
    return unquote(sent.path.split("/v3/conversations/")[1]).split("/")[0]


def cards_headed(bot: Bot, heading: str) -> list[Received]:
    return [
        sent
        for sent in bot.connector.shown()
        if sent.body
        and sent.body.get("attachments")
        and card(sent)["body"][0].get("text") == heading
    ]


def texts(items: list[dict]) -> list[str]:
    """Every TextBlock's text, inside containers and columns too."""
    found = []
    for item in items:
        if item.get("type") == "TextBlock":
            found.append(item["text"])
        for inner in ("items", "columns"):
            found += texts(item.get(inner) or [])
    return found


def healthy_columns(stock: dict) -> tuple[list[str], list[str]]:
    """The stock-taking's two columns for Sundt & sikkert: expected, experienced."""
    part = next(
        b for b in stock["body"] if b.get("type") == "Container" and "Sundt" in str(b["items"][0])
    )
    columns = next(i for i in part["items"] if i["type"] == "ColumnSet")["columns"]
    return texts(columns[0]["items"]), texts(columns[1]["items"])


async def test_a_past_go_live_brings_one_check_in_card_and_one_stock_taking_card_to_teams(
    tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)  # everything logged, as LOG_LEVEL=DEBUG would have it
    async with Bot(tmp_path, FakeConnector()) as bot:
        runtime = bot.runtime
        await say(bot, f"start {TECHNOLOGY}")
        await say(bot, "næste")
        await say(bot, "næste")
        assert bot.workshop().step is Step.EXPECTATIONS
        await say(bot, "note sundt + Færre sene vagter", user=BO)
        await say(bot, "note sundt - Mere tid foran skærmen", user=CARL)

        # The plan first, then step 6, then the go-live: the worker's Tick then only has the
        # check-in to post, whichever of us runs it.
        workshop = bot.workshop()
        now = runtime.service.clock()
        rollout, due_day = past_go_live(now, workshop.followup.post_time, workshop.timezone)
        await say(bot, "tjekplan 2d")
        await say(bot, "trin 6")
        assert bot.workshop().step is Step.FOLLOW_UP
        await say(bot, f"udrulning {rollout.day}/{rollout.month}-{rollout.year}")
        await run_due_work(bot)

        [checkin] = bot.workshop().checkins
        assert checkin.due_at == at_local(due_day, workshop.followup.post_time, workshop.timezone)
        assert checkin.posted_at is not None and now - checkin.due_at <= timedelta(days=7)
        checkin_heading = t("checkin_heading", "da", number=1, technology=TECHNOLOGY)
        [posted] = cards_headed(bot, checkin_heading)
        # Proactive, to the channel's own conversation (no `;messageid=`): a new post, not a
        # reply in the thread of whatever was typed last.
        assert conversation_of(posted) == CHANNEL
        await run_due_work(bot)
        assert len(cards_headed(bot, checkin_heading)) == 1  # a second look posts nothing again

        # Bo answers two circles on one submit, Ditte with the anonymous toggle, Carl types.
        data = card(posted)["actions"][0]["data"]
        bo_values = {
            **data,
            "rating_realistic": "better",
            "comment_realistic": "Færre dobbeltvagter",
            "rating_healthy": "better",
            "comment_healthy": "Jeg får fri til tiden",
        }
        await bot.post(card_submit(bo_values, bot.connector.url, user=BO))
        ditte_values = {
            **data,
            "rating_healthy": "worse",
            "comment_healthy": "Ondt i ryggen",
            "anonymous": "true",
        }
        await bot.post(card_submit(ditte_values, bot.connector.url, user=DITTE))
        await bot.settle()
        await say(bot, "tjek sundt samme", user=CARL)
        answers = {(a.circle, a.comment or a.rating.value): a for a in bot.workshop().answers}
        assert answers[Circle.REALISTIC, "Færre dobbeltvagter"].author.user_id == BO[0]
        assert answers[Circle.HEALTHY, "Jeg får fri til tiden"].author.user_id == BO[0]
        assert answers[Circle.HEALTHY, "same"].rating is Rating.SAME
        assert answers[Circle.HEALTHY, "Ondt i ryggen"].author is None

        await say(bot, "tjek luk")
        stock_heading = t("stock_heading", "da", number=1, technology=TECHNOLOGY)
        [stock_sent] = cards_headed(bot, stock_heading)
        assert conversation_of(stock_sent) == CHANNEL
        assert stock_sent.query.get("isTargetedActivity") != "true"  # the whole channel sees it
        stock = card(stock_sent)
        expected, experienced = healthy_columns(stock)
        assert any("Færre sene vagter" in line for line in expected)
        assert any("Mere tid foran skærmen" in line for line in expected)
        assert t("stock_counts", "da", better=1, same=1, worse=1) in experienced
        assert any("Jeg får fri til tiden" in line for line in experienced)
        assert any("Ondt i ryggen" in line for line in experienced)
        assert t("stock_held_back", "da") not in texts(stock["body"])

        # The anonymous answer carries nothing of Ditte: not on the card, not in its row, nowhere.
        assert DITTE[0] not in str(stock) and DITTE[1] not in str(stock)
        with runtime.store.engine.connect() as connection:
            row = connection.execute(
                select(CheckInAnswerRow).where(CheckInAnswerRow.comment == "Ondt i ryggen")
            ).one()
        assert (row.author_id, row.author_name) == (None, None)
        stored = everything_stored(runtime)
        assert "Ondt i ryggen" in stored  # the search below looks where the answer is
        assert DITTE[0] not in stored and DITTE[1] not in stored
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert logged  # the search looks at something: the libraries log their work at DEBUG
        assert DITTE[0] not in logged and DITTE[1] not in logged

        # Once: the due work again, even from a wake-up set back into the past, sends nothing.
        with runtime.store.unit(KEY) as unit:
            unit.wake_at(now - timedelta(minutes=1))
        before, decided = len(bot.connector.activities()), bot.background.worker.decided
        await run_due_work(bot)
        assert bot.background.worker.decided == decided + 1  # the Tick came and was decided
        assert bot.connector.activities()[before:] == []
        assert len(cards_headed(bot, stock_heading)) == 1
