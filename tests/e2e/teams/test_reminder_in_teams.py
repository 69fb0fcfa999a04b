"""A reminder reaches its owner in a 1:1 chat through the whole durable path: the wake-up
comes due, the worker's Tick sends an AgreementReminder, and the dispatcher hands it to Teams,
which creates the chat through the connector (the team's stored reference: its serviceUrl and
tenant) and writes there, never in the channel."""

from __future__ import annotations

from datetime import timedelta

from adapters.persistence.wakeups import Wakeups
from core import schedule
from core.events import AgreementAdded
from core.followup import next_wakeup
from core.model import Actor, Agreement, ChannelKey
from tests.e2e.teams.activities import CHANNEL, TENANT
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector

KEY = ChannelKey("msteams", "19:team@thread.tacv2", CHANNEL)
BO = "29:bo"


async def test_an_agreement_owner_gets_one_reminder_in_a_1_to_1_chat(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        await bot.say("start Rostering")
        await bot.settle()
        runtime = bot.runtime
        now = runtime.service.clock()
        # Due on the next working day: its "two working days before" reminder fell due on
        # the working day before today, late but within the week, so the next Tick sends it.
        due = schedule.next_working_day(now.date() + timedelta(days=1))
        made = now - timedelta(days=10)
        agreement = Agreement("a1", "AF1", f"<@{BO}>", due, "Oplæring", Actor("29:anne"), made)
        before = len(bot.connector.activities())
        with runtime.store.unit(KEY) as unit:
            unit.record([AgreementAdded(agreement)])
            unit.wake_at(next_wakeup(unit.workshop))
        # What the worker does every interval, done now: the due wake-up becomes a Tick.
        Wakeups(runtime.queue).enqueue_due()
        bot.background.worker.notify()
        await bot.settle()
        created = bot.connector.conversations_created()
        sent = bot.connector.activities()[before:]
    [opened] = created
    assert [m["id"] for m in opened["members"]] == [BO] and opened["tenantId"] == TENANT
    [reminder] = sent
    assert "a:personal-chat-with-bo" in reminder.path and CHANNEL not in reminder.path
    assert "AF1" in str(reminder.body) and "Oplæring" in str(reminder.body)
