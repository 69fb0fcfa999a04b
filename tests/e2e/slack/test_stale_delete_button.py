"""A delete button carries the workshop it asked about (finding 7): pressed after that workshop
was deleted and a new one started, it deletes nothing."""

from __future__ import annotations

import json

from tests.e2e.slack.conftest import CHANNEL

ANNE = "UANNE"


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
