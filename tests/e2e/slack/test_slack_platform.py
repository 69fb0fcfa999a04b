"""Slack through the platform seam: replies sent later, without a request to answer."""

from __future__ import annotations

from bot.server import PLATFORMS_KEY
from core.messages import Audience, Reply, Said
from core.model import Actor, ChannelKey
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL


def _slack(server):
    return next(p for p in server.app[PLATFORMS_KEY] if p.name == "Slack")


async def test_a_later_reply_reaches_the_channel_through_the_apps_own_token(
    slack, fake_slack, server
):
    await slack.command("UANNE", "start Robotstøvsuger")
    fake_slack.forget()
    said = Reply(Audience.CHANNEL, Said("language_set"), "en")
    await _slack(server).deliver(ChannelKey("slack", sr.TEAM_ID, CHANNEL), [said])
    posted = fake_slack.calls_to("chat.postMessage")
    assert [(c.params["channel"], c.token) for c in posted] == [(CHANNEL, "xoxb-test-token")]


async def test_a_later_private_reply_goes_to_the_person_and_needs_one(slack, fake_slack, server):
    await slack.command("UANNE", "start Robotstøvsuger")
    fake_slack.forget()
    channel = ChannelKey("slack", sr.TEAM_ID, CHANNEL)
    private = Reply(Audience.PRIVATE, Said("language_set"), "en")
    await _slack(server).deliver(channel, [private])  # nobody to send it to: dropped
    assert not fake_slack.calls_to("chat.postEphemeral")
    await _slack(server).deliver(channel, [private], actor=Actor("UBO", "Bo"))
    told = fake_slack.calls_to("chat.postEphemeral")
    assert [(c.params["channel"], c.params["user"]) for c in told] == [(CHANNEL, "UBO")]
