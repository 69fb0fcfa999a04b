"""The wall in Slack: notes on each circle's message, updated in place, names on or off, the
full list one click away, the board for everyone, and the method's freedoms by slash command."""

from __future__ import annotations

import json

from adapters.slack.blocks import SlackMessage, within_limits, within_message_size
from tests.e2e.slack.conftest import CHANNEL

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"


def _blocks_text(call) -> str:
    return json.dumps(call.params.get("blocks") or [], ensure_ascii=False)


def _ephemerals_to(fake, user: str):
    return [c for c in fake.calls_to("chat.postEphemeral") if c.params["user"] == user]


def _button(call, action_id: str) -> dict | None:
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return element
    return None


async def _today(slack):
    await slack.command(ANNE, "start Vagtplan-app")
    await slack.command(ANNE, "næste")


async def test_a_note_appears_on_its_circle_message_in_place_and_an_anonymous_one_without_a_name(
    slack, fake_slack
):
    await _today(slack)
    healthy_ts = fake_slack.posted_with_block("circle_healthy").response["ts"]
    fake_slack.forget()
    await slack.command(BO, "note sundt Tunge løft <!channel> *fed*")
    [update] = fake_slack.calls_to("chat.update")
    assert update.params["ts"] == healthy_ts
    shown = _blocks_text(update)
    assert "Tunge løft" in shown and "_Bo_" in shown and "🟠" in shown
    assert "<!channel>" not in shown and "&lt;!channel&gt;" in shown  # escaped, no ping
    fake_slack.forget()
    await slack.command(CARL, "note anonym sundt Ondt i ryggen")
    shown = _blocks_text(fake_slack.calls_to("chat.update")[-1])
    assert "Ondt i ryggen" in shown and "Carl" not in shown and CARL not in shown
    assert "Tunge løft" in shown  # the earlier note stays on the wall


async def test_names_off_takes_every_name_off_the_wall_in_place(slack, fake_slack):
    await _today(slack)
    await slack.command(BO, "note realistisk For lidt tid")
    fake_slack.forget()
    await slack.command(ANNE, "navne fra")
    [update] = fake_slack.calls_to("chat.update")
    assert "For lidt tid" in _blocks_text(update) and "Bo" not in _blocks_text(update)
    announced = fake_slack.calls_to("chat.postMessage")
    assert announced and "ingen navne" in announced[0].params["text"]


async def test_a_full_circle_shows_its_newest_notes_and_the_rest_one_click_away(slack, fake_slack):
    await _today(slack)
    for n in range(1, 10):
        await slack.command(BO, f"note udviklende Note nummer {n} " + "lang tekst " * 45)
    update = fake_slack.calls_to("chat.update")[-1]
    assert within_limits(SlackMessage("", update.params["blocks"]))
    shown = _blocks_text(update)
    assert "Note nummer 9" in shown and "Note nummer 1 " not in shown
    assert "ældre noter" in shown
    button = _button(update, "rasmus_circle_notes")
    fake_slack.forget()
    await slack.click(CARL, "rasmus_circle_notes", button["value"])
    full = " ".join(c.text_everywhere() for c in _ephemerals_to(fake_slack, CARL))
    assert all(f"Note nummer {n} " in full for n in range(1, 10))
    assert not fake_slack.calls_to("chat.postMessage")  # privately, never in the channel


async def test_a_facilitators_board_goes_up_in_the_channel_split_to_slacks_limits(
    slack, fake_slack
):
    await _today(slack)
    for n in range(1, 25):
        await slack.command(BO, f"note meningsfyldt Tavle-note {n} " + "ord " * 350)
    fake_slack.forget()
    await slack.command(CARL, "tavle")
    assert not fake_slack.calls_to("chat.postMessage") and _ephemerals_to(fake_slack, CARL)
    fake_slack.forget()
    await slack.command(ANNE, "tavle")
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) > 1
    pages = [SlackMessage("", c.params["blocks"]) for c in posted]
    assert all(within_limits(page) and within_message_size(page) for page in pages)
    everything = " ".join(c.text_everywhere() for c in posted)
    assert all(f"Tavle-note {n} " in everything for n in range(1, 25))


async def test_votes_again_and_reopen_work_by_slash_command(slack, fake_slack):
    await _today(slack)
    await slack.command(BO, "note sundt Travlt")
    fake_slack.forget()
    await slack.command(ANNE, "igen")
    assert len(fake_slack.calls_to("chat.postMessage")) == 7
    new_ts = fake_slack.posted_with_block("circle_healthy").response["ts"]
    assert "Travlt" in _blocks_text(fake_slack.posted_with_block("circle_healthy"))
    fake_slack.forget()
    await slack.command(CARL, "note sundt Støj")
    assert fake_slack.calls_to("chat.update")[-1].params["ts"] == new_ts  # the repeated one
    await slack.command(ANNE, "næste")
    await slack.command(ANNE, "næste")
    await slack.command(BO, "forudsætning sundt Hæve-sænke-borde")
    fake_slack.forget()
    await slack.command(CARL, "stem F1")
    assert "F1" in _ephemerals_to(fake_slack, CARL)[0].params["text"]
    assert slack.workshop().prerequisites[0].voters == (CARL,)
    await slack.command(ANNE, "afslut")
    await slack.command(ANNE, "genåbn")
    assert slack.workshop(CHANNEL).closed_at is None


def test_a_circle_of_hundreds_of_long_notes_stays_within_slacks_limits_and_counts_the_rest():
    from adapters.slack.render import circle_message
    from core.circles import Circle
    from core.messages import WallNote
    from core.model import Colour, Step

    notes = tuple(
        WallNote(f"R{n}", Colour.GREEN if n % 2 else Colour.RED, f"<@U1> {n} " + "x" * 1990)
        for n in range(1, 301)
    )
    counts = {Colour.ORANGE: 0, Colour.GREEN: 150, Colour.RED: 150}
    message = circle_message("w1", Circle.REALISTIC, Step.EXPECTATIONS, counts, "en", notes)
    assert within_limits(message) and within_message_size(message)
    shown = json.dumps(message.blocks)
    assert "`R300`" in shown and "`R1`" not in shown and "<@U1>" not in shown
    more = [b for b in message.blocks if b["type"] == "context" and "older notes" in str(b)]
    hidden = 300 - shown.count("&lt;@U1&gt;")
    assert more and f"+ {hidden} older notes" in str(more[0])


def test_the_prerequisite_form_offers_no_timing_and_reads_it_back_as_none():
    from adapters.slack import modals

    view = modals.prerequisite_modal("T1", "C1", "en")
    assert "Any time" in json.dumps(view)
    view["state"] = {
        "values": {
            "text": {"value": {"value": "Training"}},
            "timing": {"value": {"selected_option": {"value": "open"}}},
        }
    }
    assert modals.read_prerequisite(view).timing is None
