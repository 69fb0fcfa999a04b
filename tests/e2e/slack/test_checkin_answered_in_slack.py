"""The whole answer in Slack once the core decides it: a rating button, the modal, the
submission decided by the worker, the receipt shown only to the person, the answer kept."""

from __future__ import annotations

from datetime import timedelta

from adapters.slack.checkins import ANSWER
from bot.server import PLATFORMS_KEY
from core.circles import Circle
from core.events import CheckInPosted, FollowUpPlanned
from core.messages import Audience, CheckInPost, Reply
from core.model import ChannelKey, CheckIn, FollowUpSettings, Rating
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE, BO = "UANNE", "UBO"
KEY = ChannelKey("slack", sr.TEAM_ID, CHANNEL)


async def test_a_check_in_answered_with_a_button_and_the_modal_is_kept_and_confirmed_to_bo(
    slack, fake_slack
):
    await slack.command(ANNE, "start Vagtplan-app")
    runtime = slack.server.runtime
    with runtime.store.unit(KEY) as unit:
        at = runtime.service.clock()
        unit.record(
            [
                FollowUpPlanned(FollowUpSettings(), (CheckIn(1, "1m", at),)),
                CheckInPosted(1, at, at + timedelta(days=7)),
            ]
        )
        workshop = unit.workshop
    platform = next(p for p in slack.server.app[PLATFORMS_KEY] if p.key == "slack")
    await platform.deliver(KEY, [Reply(Audience.CHANNEL, CheckInPost(workshop, 1))])
    posted = fake_slack.posted_with_block("checkin_1_healthy")
    row = next(b for b in posted.params["blocks"] if b.get("block_id") == "checkin_1_healthy")
    worse = next(e for e in row["elements"] if e["action_id"] == ANSWER[Rating.WORSE])
    await slack.click(BO, worse["action_id"], worse["value"], message_ts=posted.response["ts"])
    [opened] = await fake_slack.wait_for_calls("views.open", 1)
    fake_slack.forget()
    await slack.submit(
        BO,
        opened.params["view"],
        {
            "rating": {"value": {"type": "radio_buttons", "selected_option": {"value": "worse"}}},
            "comment": {"value": {"type": "plain_text_input", "value": "Ondt i nakken"}},
        },
    )
    [answer] = slack.workshop().answers
    assert (answer.circle, answer.rating, answer.comment, answer.checkin) == (
        Circle.HEALTHY,
        Rating.WORSE,
        "Ondt i nakken",
        1,
    )
    assert answer.author is not None and answer.author.user_id == BO
    [receipt] = fake_slack.calls_to("chat.postEphemeral")
    assert receipt.params["user"] == BO and "Ondt i nakken" in str(receipt.params)
    assert fake_slack.calls_to("chat.postMessage") == []  # nothing in the channel
