"""A whole workshop run through Slack payloads against the running server.

Checks both sides: what the workshop stored, and every call the bot made to Slack's Web API.
"""

from __future__ import annotations

import json

from core.circles import Circle
from core.model import Colour, ItemStatus, Step, Timing
from core.plain import counts_text
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE, BO, CARL = "UANNE", "UBO", "UCARL"


def _button(call, action_id: str) -> dict:
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button in {call.method}")


def _ephemerals_to(fake, user: str):
    return [c for c in fake.calls_to("chat.postEphemeral") if c.params["user"] == user]


def _channel_calls(fake):
    return fake.calls_to("chat.postMessage") + fake.calls_to("chat.update")


def _orange(count: int) -> str:
    return counts_text({Colour.ORANGE: count, Colour.GREEN: 0, Colour.RED: 0}, Step.TODAY, "da")


def _values_text(text: str) -> dict:
    return {"text": {"value": {"type": "plain_text_input", "value": text}}}


async def _open_modal(slack, fake, user: str, action_id: str, value: str) -> dict:
    fake.forget()
    await slack.click(user, action_id, value)
    opened = fake.calls_to("views.open")
    assert len(opened) == 1, [c.method for c in fake.calls]
    return opened[0].params["view"]


async def test_a_team_runs_every_step_of_the_workshop_in_a_slack_channel(slack, fake_slack):
    fake = fake_slack

    # Intro: the facilitator starts; the six circles are introduced in the channel.
    await slack.command(ANNE, "start Vagtplan-app")
    workshop = slack.workshop()
    assert workshop.step is Step.INTRO and workshop.facilitators == (ANNE,)
    intro = fake.calls_to("chat.postMessage")[-1]
    intro_text = json.dumps(intro.params["blocks"], ensure_ascii=False)
    for name in ("Realistisk", "Anerkendt", "Selvstændigt", "Meningsfyldt", "Udviklende", "Sundt"):
        assert name in intro_text

    # Only a facilitator moves on; others are told why, privately, and nothing changes.
    fake.forget()
    await slack.command(BO, "næste")
    assert slack.workshop().step is Step.INTRO
    assert not fake.calls_to("chat.postMessage")
    refusal = _ephemerals_to(fake, BO)
    assert refusal and "facilitator" in refusal[0].params["text"].lower()

    # Today: one message per circle, each with "Add note" and "Inspiration".
    fake.forget()
    await slack.command(ANNE, "næste")
    assert slack.workshop().step is Step.TODAY
    assert len(fake.calls_to("chat.postMessage")) == 7
    realistic = fake.posted_with_block("circle_realistic")
    realistic_ts = realistic.response["ts"]

    # A note through the modal, posted anonymously.
    add_note = _button(realistic, "rasmus_add_note")["value"]
    view = await _open_modal(slack, fake, BO, "rasmus_add_note", add_note)
    assert view["callback_id"] == "rasmus_note_modal"
    assert "colour" not in json.dumps(view["blocks"])  # no green/red choice in "today"
    fake.forget()
    values = _values_text("Appen er langsom om morgenen")
    values["anonymous"] = {
        "value": {"type": "checkboxes", "selected_options": [{"value": "anonymous"}]}
    }
    await slack.submit(BO, view, values)
    note = slack.workshop().notes[-1]
    assert (note.short_id, note.colour, note.author) == ("R1", Colour.ORANGE, None)
    receipt = _ephemerals_to(fake, BO)[0]
    assert "R1" in receipt.params["text"]
    assert _button(receipt, "rasmus_withdraw_item")  # the author can take it back
    updated = fake.calls_to("chat.update")
    assert updated and updated[-1].params["ts"] == realistic_ts
    assert _orange(1) in json.dumps(updated[-1].params["blocks"], ensure_ascii=False)
    # Anonymous: no name or id in anything the channel sees.
    for call in _channel_calls(fake):
        assert "Bo" not in call.text_everywhere() and BO not in call.text_everywhere()

    # A reply in the circle's thread is a note for that circle, by name.
    fake.forget()
    reply_ts = slack.next_ts()
    await slack.event(
        sr.thread_reply(
            CARL, CHANNEL, "Vagterne skal byttes i &amp; papir", reply_ts, realistic_ts
        ),
        event_id="EvREPLY1",
    )
    note = slack.workshop().notes[-1]
    assert (note.short_id, note.circle, note.author.user_id) == ("R2", Circle.REALISTIC, CARL)
    assert note.text == "Vagterne skal byttes i & papir"
    last_update = fake.calls_to("chat.update")[-1].params["blocks"]
    assert _orange(2) in json.dumps(last_update, ensure_ascii=False)

    # Editing the reply corrects the note.
    await slack.event(
        sr.message_changed(CARL, CHANNEL, "Vagterne byttes stadig på papir", reply_ts, realistic_ts)
    )
    assert slack.workshop().find("R2").text == "Vagterne byttes stadig på papir"

    # A note by slash command in another circle.
    await slack.command(CARL, "note sundt Travlt om morgenen")
    assert slack.workshop().find("H1").text == "Travlt om morgenen"

    # Expectations: green/red by + and -, and a private question for an unmarked reply.
    fake.forget()
    await slack.command(ANNE, "næste")
    assert slack.workshop().step is Step.EXPECTATIONS
    meaningful = fake.posted_with_block("circle_meaningful")
    meaningful_ts = meaningful.response["ts"]
    await slack.event(
        sr.thread_reply(CARL, CHANNEL, "+ Mere tid til borgerne", slack.next_ts(), meaningful_ts)
    )
    assert slack.workshop().notes[-1].colour is Colour.GREEN

    fake.forget()
    unmarked_ts = slack.next_ts()
    await slack.event(sr.thread_reply(BO, CHANNEL, "Mindre papir", unmarked_ts, meaningful_ts))
    assert len(slack.workshop().notes) == 4  # nothing stored until Bo chooses
    question = _ephemerals_to(fake, BO)[-1]
    green = _button(question, "rasmus_choose_green")
    await slack.click(BO, "rasmus_choose_green", green["value"], ephemeral=True)
    await slack.click(BO, "rasmus_choose_green", green["value"], ephemeral=True)  # double click
    notes = [n for n in slack.workshop().notes if n.text == "Mindre papir"]
    assert len(notes) == 1 and notes[0].colour is Colour.GREEN

    # Deleting that thread reply withdraws its note.
    await slack.event(sr.message_deleted(BO, CHANNEL, unmarked_ts, meaningful_ts))
    assert slack.workshop().find(notes[0].short_id).status is ItemStatus.WITHDRAWN

    # The modal in expectations asks green or red.
    add_note = _button(meaningful, "rasmus_add_note")["value"]
    view = await _open_modal(slack, fake, CARL, "rasmus_add_note", add_note)
    values = _values_text("Mindre tid til faglig snak")
    values["colour"] = {"value": {"type": "radio_buttons", "selected_option": {"value": "red"}}}
    values["anonymous"] = {"value": {"type": "checkboxes", "selected_options": []}}
    await slack.submit(CARL, view, values)
    assert slack.workshop().notes[-1].colour is Colour.RED

    # Inspiration for a circle, privately.
    fake.forget()
    await slack.click(CARL, "rasmus_inspiration", "meaningful")
    inspiration = _ephemerals_to(fake, CARL)
    assert inspiration and "Mulig gevinst" in inspiration[0].text_everywhere()
    assert not fake.calls_to("chat.postMessage")

    # Prerequisites: a modal with text, before/during/after and circles.
    fake.forget()
    await slack.command(ANNE, "næste")
    step_message = fake.calls_to("chat.postMessage")[-1]
    add = _button(step_message, "rasmus_add_prerequisite")
    view = await _open_modal(slack, fake, BO, "rasmus_add_prerequisite", add["value"])
    values = _values_text("To timers oplæring for alle")
    values["timing"] = {"value": {"type": "radio_buttons", "selected_option": {"value": "before"}}}
    values["circles"] = {
        "value": {"type": "multi_static_select", "selected_options": [{"value": "realistic"}]}
    }
    await slack.submit(BO, view, values)
    prereq = slack.workshop().prerequisites[-1]
    assert (prereq.timing, prereq.circles, prereq.author.user_id) == (
        Timing.BEFORE,
        (Circle.REALISTIC,),
        BO,
    )

    # Agreements: owner from a user picker, due date from a date picker.
    fake.forget()
    await slack.command(ANNE, "næste")
    add = _button(fake.calls_to("chat.postMessage")[-1], "rasmus_add_agreement")
    view = await _open_modal(slack, fake, ANNE, "rasmus_add_agreement", add["value"])
    values = {
        "owner": {"value": {"type": "users_select", "selected_user": BO}},
        "due": {"value": {"type": "datepicker", "selected_date": "2027-03-01"}},
        "what": {"value": {"type": "plain_text_input", "value": "Planlægger oplæringen"}},
    }
    await slack.submit(ANNE, view, values)
    agreement = slack.workshop().agreements[-1]
    assert (agreement.owner, agreement.due.isoformat()) == (f"<@{BO}>", "2027-03-01")

    # App Home: Bo's workshops, the step, and his open agreement.
    fake.forget()
    await slack.event(sr.app_home_opened(BO))
    home = fake.calls_to("views.publish")[-1].params
    assert home["user_id"] == BO
    home_text = json.dumps(home["view"], ensure_ascii=False)
    assert "Vagtplan-app" in home_text and "Planlægger oplæringen" in home_text

    # The board privately, and the export as a file in a direct message.
    fake.forget()
    await slack.command(CARL, "tavle")
    board = json.dumps([c.params for c in _ephemerals_to(fake, CARL)], ensure_ascii=False)
    assert "R1" in board and "anonym" in board
    fake.forget()
    await slack.command(CARL, "eksport")
    assert fake.calls_to("conversations.open")
    completed = fake.calls_to("files.completeUploadExternal")
    assert completed and completed[0].params["channel_id"].startswith("D")
    report = b"".join(fake.uploads.values()).decode()
    assert "Appen er langsom om morgenen" in report and "Bo" not in report.split("R1")[1][:80]

    # Follow-up after the roll-out: better/worse per circle, then the workshop is closed.
    fake.forget()
    await slack.command(ANNE, "næste")
    assert slack.workshop().step is Step.FOLLOW_UP
    healthy = fake.posted_with_block("circle_healthy")
    _button(fake.calls_to("chat.postMessage")[0], "rasmus_add_agreement")
    await slack.event(
        sr.thread_reply(CARL, CHANNEL, "- Mere skærmtid", slack.next_ts(), healthy.response["ts"])
    )
    follow_up = slack.workshop().notes[-1]
    assert (follow_up.step, follow_up.colour) == (Step.FOLLOW_UP, Colour.RED)
    await slack.command(ANNE, "afslut")
    assert slack.workshop().step is Step.CLOSED
    fake.forget()
    await slack.event(
        sr.thread_reply(CARL, CHANNEL, "+ for sent", slack.next_ts(), healthy.response["ts"])
    )
    assert slack.workshop().notes[-1] == follow_up  # a closed workshop takes no more notes
    assert _ephemerals_to(fake, CARL) and not fake.calls_to("chat.postMessage")
