"""A check-in over real HTTP: the post's rating button opens the answer modal with that rating,
the signed submission reaches the core as an `AnswerCheckIn` for that check-in and workshop,
and a reminder goes to the owner's direct message, never to the channel.

The server runs without its worker here, so what the adapter built waits in the inbox and is
read back from there: the core's decision on an answer belongs to the core's own tests.
"""

from __future__ import annotations

import json
from datetime import timedelta

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from adapters.persistence.codec import decode_incoming
from adapters.persistence.tables import InboxRow
from adapters.slack.checkins import ANSWER, ANSWER_MODAL, KEEP_CHECKINS
from bot.runtime import build_runtime
from bot.server import PLATFORMS_KEY, build_web_app
from core.circles import Circle
from core.commands import AnswerCheckIn, KeepCheckIns, Origin
from core.events import CheckInPosted, FollowUpPlanned
from core.messages import Audience, CheckInPost, KeepCheckInsQuestion, Reply, Said
from core.model import Actor, ChannelKey, CheckIn, FollowUpSettings, Rating
from core.service import Incoming
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import (
    CHANNEL,
    RunningServer,
    SlackSays,
    slack_settings,
)

ANNE, BO = "UANNE", "UBO"
KEY = ChannelKey("slack", sr.TEAM_ID, CHANNEL)


@pytest.fixture
async def undecided(tmp_path, fake_slack, monkeypatch):
    """The real server, its requests stored and left undecided (no worker)."""
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    runtime = build_runtime(slack_settings(tmp_path, fake_slack.base_url))
    app, statuses = build_web_app(runtime, background=False)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as session:
        yield SlackSays(
            RunningServer(f"http://127.0.0.1:{port}", runtime, statuses, app), fake_slack, session
        )
    await runner.cleanup()
    runtime.close()


def _slack(says: SlackSays):
    return next(p for p in says.server.app[PLATFORMS_KEY] if p.key == "slack")


def _posted_check_in(runtime):
    """A workshop whose first check-in is posted: the events the core records for it."""
    with runtime.store.unit(KEY) as unit:
        at = runtime.service.clock()
        planned = CheckIn(1, "1m", at, None)
        unit.record(
            [
                FollowUpPlanned(FollowUpSettings(), (planned,)),
                CheckInPosted(1, at, at + timedelta(days=7)),
            ]
        )
        return unit.workshop


def _stored(runtime) -> list:
    with runtime.store.engine.connect() as connection:
        payloads = connection.execute(select(InboxRow.payload).order_by(InboxRow.id)).scalars()
        return [decode_incoming(payload) for payload in payloads]


def _start(says: SlackSays):
    """A workshop started as the worker would decide it (this server has none)."""
    says.server.runtime.service.handle(
        Incoming(KEY, Actor(ANNE, "Anne"), text="start Vagtplan-app", message_id="s1")
    )


async def test_a_rating_button_opens_the_modal_and_its_submission_reaches_the_core(
    undecided, fake_slack
):
    _start(undecided)
    workshop = _posted_check_in(undecided.server.runtime)
    await _slack(undecided).deliver(KEY, [Reply(Audience.CHANNEL, CheckInPost(workshop, 1))])
    posted = fake_slack.posted_with_block("checkin_1_healthy")
    assert posted is not None and posted.params["channel"] == CHANNEL
    row = next(b for b in posted.params["blocks"] if b.get("block_id") == "checkin_1_healthy")
    worse = next(e for e in row["elements"] if e["action_id"] == ANSWER[Rating.WORSE])

    await undecided.click(BO, worse["action_id"], worse["value"], message_ts=posted.response["ts"])
    [opened] = await fake_slack.wait_for_calls("views.open", 1)
    view = opened.params["view"]
    assert view["callback_id"] == ANSWER_MODAL
    rating = next(b for b in view["blocks"] if b.get("block_id") == "rating")
    assert rating["element"]["initial_option"]["value"] == "worse"
    assert "UBO" not in json.dumps(view)  # the form says nothing of who opened it

    answer = await undecided.submit(
        BO,
        view,
        {
            "rating": {"value": {"type": "radio_buttons", "selected_option": {"value": "same"}}},
            "comment": {"value": {"type": "plain_text_input", "value": "Mindre løft <!here>"}},
            "anonymous": {
                "value": {"type": "checkboxes", "selected_options": [{"value": "anonymous"}]}
            },
        },
    )
    assert answer == {}  # the modal closes: the answer is stored
    [incoming] = _stored(undecided.server.runtime)
    assert incoming.channel == KEY
    assert incoming.command == AnswerCheckIn(
        Circle.HEALTHY,
        Rating.SAME,
        "Mindre løft <!here>",
        anonymous=True,
        checkin=1,
        origin=Origin(workshop.id),
    )


async def test_an_answer_without_a_rating_stays_in_the_modal_and_stores_nothing(
    undecided, fake_slack
):
    _start(undecided)
    workshop = _posted_check_in(undecided.server.runtime)
    await _slack(undecided).deliver(KEY, [Reply(Audience.CHANNEL, CheckInPost(workshop, 1))])
    posted = fake_slack.posted_with_block("checkin_1_realistic")
    row = next(b for b in posted.params["blocks"] if b.get("block_id") == "checkin_1_realistic")
    await undecided.click(ANNE, row["elements"][0]["action_id"], row["elements"][0]["value"])
    [opened] = await fake_slack.wait_for_calls("views.open", 1)
    answer = await undecided.submit(ANNE, opened.params["view"], {})
    assert answer == {
        "response_action": "errors",
        "errors": {"rating": "Vælg bedre, samme eller værre."},
    }
    assert _stored(undecided.server.runtime) == []


async def test_the_keep_check_ins_button_reaches_the_core_as_keep_check_ins(undecided, fake_slack):
    _start(undecided)
    workshop = undecided.workshop()
    question = Reply(Audience.PRIVATE, KeepCheckInsQuestion(workshop.id, 2))
    await _slack(undecided).deliver(KEY, [question], actor=Actor(ANNE))
    [told] = fake_slack.calls_to("chat.postEphemeral")
    keep = told.params["blocks"][-1]["elements"][0]
    assert keep["action_id"] == KEEP_CHECKINS
    await undecided.click(ANNE, keep["action_id"], keep["value"], ephemeral=True)
    [incoming] = _stored(undecided.server.runtime)
    assert incoming.command == KeepCheckIns(True, Origin(workshop.id))


async def test_a_direct_reply_goes_to_the_persons_direct_message_and_not_the_channel(
    undecided, fake_slack
):
    """As the dispatcher hands it: one recipient, no request in hand."""
    direct = Reply(Audience.DIRECT, Said("something_wrong"), "da", to=(BO,))
    await _slack(undecided).deliver(KEY, [direct], actor=Actor(BO))
    [opened] = fake_slack.calls_to("conversations.open")
    assert opened.params["users"] == BO
    [sent] = fake_slack.calls_to("chat.postMessage")
    assert sent.params["channel"] == opened.response["channel"]["id"] != CHANNEL
    assert fake_slack.calls_to("chat.postEphemeral") == []
