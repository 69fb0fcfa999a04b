"""A delete button carries the workshop it asked about (finding 7): pressed after that workshop
was deleted and a new one started, it deletes nothing."""

from __future__ import annotations

import json

from sqlalchemy import text

from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE = "UANNE"
BO = "UBO"


def _delete_button(fake_slack) -> dict:
    asked = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == ANNE]
    for block in asked[-1].params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == "rasmus_confirm_delete":
                return element
    raise AssertionError("no delete button")


async def test_a_delete_button_pressed_after_delete_and_a_new_start_deletes_nothing(
    slack, fake_slack
):
    await slack.command(ANNE, "start Robotstøvsuger")
    first = slack.workshop()
    await slack.command(ANNE, "slet")
    stale = _delete_button(fake_slack)["value"]
    assert json.loads(stale) == {"w": first.id}
    await slack.command(ANNE, "slet bekræft")
    await slack.command(ANNE, "start Vagtplan")
    fake_slack.forget()

    await slack.click(ANNE, "rasmus_confirm_delete", stale, ephemeral=True)

    assert slack.workshop().technology == "Vagtplan"
    [told] = [c for c in fake_slack.calls_to("chat.postEphemeral") if c.params["user"] == ANNE]
    assert "tidligere workshop" in told.params["text"]


async def test_the_delete_button_of_the_workshop_it_asked_about_deletes_it(slack, fake_slack):
    await slack.command(ANNE, "start Robotstøvsuger")
    await slack.command(ANNE, "slet")
    await slack.click(
        ANNE, "rasmus_confirm_delete", _delete_button(fake_slack)["value"], ephemeral=True
    )
    assert slack.workshop(CHANNEL) is None


def _circle_messages(slack) -> dict[str, str]:
    with slack.server.runtime.store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT key, value FROM platform_state WHERE namespace = 'chat.circle_message'")
        ).all()
    return {row[0]: row[1] for row in rows}


async def test_deleting_the_closed_workshop_by_number_keeps_the_open_ones_circle_messages(
    slack, fake_slack
):
    await slack.command(ANNE, "start Robotstøvsuger")
    first = slack.workshop()
    await slack.command(ANNE, "næste")  # today: six circle messages, remembered by the kit
    await slack.command(ANNE, "afslut")
    await slack.command(BO, "start Vagtplan")
    second = slack.workshop()
    await slack.command(BO, "næste")
    assert len([k for k in _circle_messages(slack) if first.id in k]) == 6

    await slack.command(ANNE, "slet 1 bekræft")  # its facilitator, from the open one's channel
    await slack.server.drain()

    left = _circle_messages(slack)
    assert not [k for k in left if first.id in k]
    assert len([k for k in left if second.id in k]) == 6
    assert slack.workshop().id == second.id
    # A reply in the open workshop's circle thread still becomes a note there.
    ts = fake_slack.posted_with_block("circle_realistic").response["ts"]
    reply = sr.thread_reply(BO, CHANNEL, "Vagtplanen kommer for sent", slack.next_ts(), ts)
    await slack.event(reply)
    assert [n.text for n in slack.workshop().notes] == ["Vagtplanen kommer for sent"]
