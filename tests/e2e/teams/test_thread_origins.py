"""Thread replies in Teams follow the same workshop rules as in Slack: the core decides."""

from __future__ import annotations

from core.model import Step
from tests.e2e.teams.playground import thread_of
from tests.e2e.teams.workshop_steps import start_today, was_targeted_at


async def test_a_reply_under_an_earlier_steps_circle_card_is_refused_privately(teams):
    pg = teams.playground
    today_cards = await start_today(teams)
    await pg.mention("next")
    await pg.settle()
    assert teams.workshop().step is Step.EXPECTATIONS
    await pg.as_member("user-id-1", thread_of(today_cards["Realistic"]), text="+ Plan ahead")
    await pg.settle()
    assert teams.workshop().notes == ()
    assert was_targeted_at(teams, "user-id-1", "We are in “Expectations” now")
