"""A reminder reaches its owner's direct message through the whole durable path: the
workshop's wake-up comes due, the worker's Tick sends the owner an AgreementReminder, the
outbox hands it to Slack one person at a time, and it arrives in the owner's DM, not the
channel, once."""

from __future__ import annotations

from datetime import timedelta

from adapters.persistence.wakeups import Wakeups
from bot.server import BACKGROUND_KEY
from core import schedule
from core.events import AgreementAdded
from core.followup import next_wakeup
from core.model import Actor, Agreement, ChannelKey
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE, BO = "UANNE", "UBO"
KEY = ChannelKey("slack", sr.TEAM_ID, CHANNEL)


async def test_an_agreement_owner_gets_one_reminder_in_their_direct_message(slack, fake_slack):
    await slack.command(ANNE, "start Vagtplan-app")
    runtime = slack.server.runtime
    now = runtime.service.clock()
    # Due on the next working day: its "two working days before" reminder fell due on the
    # working day before today, late but within the week, so the next Tick sends it.
    due = schedule.next_working_day(now.date() + timedelta(days=1))
    made = now - timedelta(days=10)
    agreement = Agreement("a1", "AF1", f"<@{BO}>", due, "Oplæring i appen", Actor(ANNE), made)
    fake_slack.forget()
    with runtime.store.unit(KEY) as unit:
        unit.record([AgreementAdded(agreement)])
        unit.wake_at(next_wakeup(unit.workshop))
    # What the worker does every interval, done now: the due wake-up becomes a Tick.
    Wakeups(runtime.queue).enqueue_due()  # the worker may have been first: no matter
    slack.server.app[BACKGROUND_KEY].worker.notify()
    await slack.server.drain()
    opened = fake_slack.calls_to("conversations.open")
    assert [c.params["users"] for c in opened] == [BO]
    [sent] = fake_slack.calls_to("chat.postMessage")
    assert sent.params["channel"] == opened[0].response["channel"]["id"] != CHANNEL
    assert "AF1" in str(sent.params) and "Oplæring i appen" in str(sent.params)
    assert fake_slack.calls_to("chat.postEphemeral") == []
