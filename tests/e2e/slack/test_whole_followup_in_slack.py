"""A whole follow-up in a Slack channel, over real HTTP against the running server and its
worker: the team writes its expectations, the facilitator plans a check-in after a go-live in
the past, the due work posts the check-in once, three people answer it (by button and modal,
typed, anonymously), `tjek luk` posts the stock-taking once with what was expected beside what
was experienced, and the due work run again posts nothing more."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.persistence.tables_followup import CheckInAnswerRow
from adapters.slack.checkins import ANSWER
from bot.server import BACKGROUND_KEY
from core.circles import Circle
from core.model import ChannelKey, Rating, Step
from core.schedule import at_local
from core.texts import t
from tests.e2e.followup_steps import enqueue_due_ticks, everything_stored, past_go_live
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"
# Ditte answers only anonymously: nothing stored anywhere may name her afterwards.
DITTE = "UDITTE"
TECHNOLOGY = "Vagtplan-app"
KEY = ChannelKey("slack", sr.TEAM_ID, CHANNEL)


async def run_due_work(slack) -> None:
    """The worker's look for due work, then its Ticks decided and their posts sent."""
    await enqueue_due_ticks(slack.server.runtime)
    slack.server.app[BACKGROUND_KEY].worker.notify()
    await slack.server.drain()


def checkin_posts(fake) -> list:
    return [
        call
        for call in fake.calls_to("chat.postMessage")
        if any(str(b.get("block_id", "")).startswith("checkin_1_") for b in call.params["blocks"])
    ]


def stock_posts(fake) -> list:
    heading = t("stock_heading", "da", number=1, technology=TECHNOLOGY)
    return [
        call
        for call in fake.calls_to("chat.postMessage")
        if call.params["blocks"][0].get("text", {}).get("text") == heading
    ]


def rating_button(post, circle: Circle, rating: Rating) -> dict:
    row = next(b for b in post.params["blocks"] if b.get("block_id") == f"checkin_1_{circle.value}")
    return next(e for e in row["elements"] if e["action_id"] == ANSWER[rating])


async def answer_by_modal(slack, fake, post, user: str, rating: Rating, comment: str, anon=False):
    """A rating button on the post opens the modal; the person submits it."""
    button = rating_button(post, Circle.HEALTHY, rating)
    opened = len(fake.calls_to("views.open"))
    await slack.click(user, button["action_id"], button["value"], message_ts=post.response["ts"])
    view = (await fake.wait_for_calls("views.open", opened + 1))[-1].params["view"]
    values = {
        "rating": {"value": {"type": "radio_buttons", "selected_option": {"value": rating.value}}},
        "comment": {"value": {"type": "plain_text_input", "value": comment}},
    }
    if anon:
        chosen = [{"value": "anonymous"}]
        values["anonymous"] = {"value": {"type": "checkboxes", "selected_options": chosen}}
    assert await slack.submit(user, view, values) == {}  # the modal closes: the answer is kept


def healthy_fields(post) -> tuple[str, str]:
    """The stock-taking's two columns for Sundt & sikkert: expected, experienced."""
    blocks = post.params["blocks"]
    name = next(i for i, b in enumerate(blocks) if "Sundt" in b.get("text", {}).get("text", ""))
    expected, experienced = blocks[name + 1]["fields"]
    return expected["text"], experienced["text"]


@pytest.fixture
def debug_logs(caplog):
    """Everything logged, from before the server starts: as LOG_LEVEL=DEBUG would have it."""
    caplog.set_level(logging.DEBUG)
    return caplog


async def test_a_past_go_live_brings_one_check_in_and_one_stock_taking_to_the_slack_channel(
    debug_logs, slack, fake_slack
):
    fake = fake_slack
    fake.users[DITTE] = "Ditte"
    runtime = slack.server.runtime

    # The workshop up to its expectations: green and red notes in Sundt & sikkert.
    await slack.command(ANNE, f"start {TECHNOLOGY}")
    await slack.command(ANNE, "næste")
    await slack.command(ANNE, "næste")
    assert slack.workshop().step is Step.EXPECTATIONS
    await slack.command(BO, "note sundt + Færre sene vagter")
    await slack.command(CARL, "note sundt - Mere tid foran skærmen")

    # The plan first, then step 6, then the go-live: the worker's Tick (every second) then
    # only has the check-in to post, whichever of us runs it.
    workshop = slack.workshop()
    now = runtime.service.clock()
    rollout, due_day = past_go_live(now, workshop.followup.post_time, workshop.timezone)
    await slack.command(ANNE, "tjekplan 2d")
    await slack.command(ANNE, "trin 6")
    assert slack.workshop().step is Step.FOLLOW_UP
    fake.forget()
    await slack.command(ANNE, f"udrulning {rollout.day}/{rollout.month}-{rollout.year}")
    await run_due_work(slack)

    [checkin] = slack.workshop().checkins
    assert checkin.due_at == at_local(due_day, workshop.followup.post_time, workshop.timezone)
    assert checkin.posted_at is not None and now - checkin.due_at <= timedelta(days=7)
    [post] = checkin_posts(fake)
    assert post.params["channel"] == CHANNEL
    await run_due_work(slack)
    assert len(checkin_posts(fake)) == 1  # a second look at the due work posts nothing again

    # Bo by button and modal, Carl typed, Ditte anonymously through the modal's checkbox.
    await answer_by_modal(slack, fake, post, BO, Rating.BETTER, "Jeg får fri til tiden")
    await slack.command(CARL, "tjek sundt samme")
    await answer_by_modal(slack, fake, post, DITTE, Rating.WORSE, "Ondt i ryggen", anon=True)
    answers = {a.comment or a.rating.value: a for a in slack.workshop().answers}
    assert answers["Jeg får fri til tiden"].author.user_id == BO
    assert answers["same"].author.user_id == CARL
    assert answers["Ondt i ryggen"].author is None

    fake.forget()
    await slack.command(ANNE, "tjek luk")
    [stock] = stock_posts(fake)
    assert stock.params["channel"] == CHANNEL
    expected, experienced = healthy_fields(stock)
    assert "Færre sene vagter" in expected and "Mere tid foran skærmen" in expected
    counts = t("stock_counts", "da", better=1, same=1, worse=1)
    assert counts in experienced
    assert "Jeg får fri til tiden" in experienced and "Ondt i ryggen" in experienced
    assert t("stock_held_back", "da") not in json.dumps(stock.params, ensure_ascii=False)

    # The anonymous answer carries nothing of Ditte: not in the post, not in its row, nowhere.
    shown = stock.text_everywhere()
    assert "Ditte" not in shown and DITTE not in shown and DITTE.lower() not in shown
    with runtime.store.engine.connect() as connection:
        row = connection.execute(
            select(CheckInAnswerRow).where(CheckInAnswerRow.comment == "Ondt i ryggen")
        ).one()
    assert (row.author_id, row.author_name) == (None, None)
    stored = everything_stored(runtime)
    assert "Ondt i ryggen" in stored  # the search below looks where the answer is
    assert DITTE not in stored and "Ditte" not in stored and DITTE.lower() not in stored
    logged = "\n".join(record.getMessage() for record in debug_logs.records)
    assert logged  # the search looks at something: the libraries log their work at DEBUG
    assert DITTE not in logged and "Ditte" not in logged and DITTE.lower() not in logged

    # Once: the due work again, even from a wake-up set back into the past, posts nothing.
    with runtime.store.unit(KEY) as unit:
        unit.wake_at(now - timedelta(minutes=1))
    fake.forget()
    worker = slack.server.app[BACKGROUND_KEY].worker
    decided = worker.decided
    await run_due_work(slack)
    assert worker.decided == decided + 1  # the Tick came and was decided
    assert [c.method for c in fake.calls if c.method.startswith("chat.")] == []
    assert slack.workshop().checkins[0].closed_at is not None
