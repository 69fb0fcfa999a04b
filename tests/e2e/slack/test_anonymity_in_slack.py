"""Anonymity in Slack (issue 9, finding 2): a thread reply stays in the channel under its
author's name, so an anonymous note or a code typed there is refused privately; `/rasmus` is
private in Slack, so the same words as a slash command are welcome."""

from __future__ import annotations

from core.model import ItemStatus
from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import CHANNEL

ANNE, CARL = "UANNE", "UCARL"


async def _today_thread(slack, fake_slack) -> str:
    await slack.command(ANNE, "start Vagtplan-app")
    await slack.command(ANNE, "næste")
    return fake_slack.posted_with_block("circle_realistic").response["ts"]


def _ephemeral_texts(fake_slack, user: str) -> list[str]:
    return [
        str(c.params.get("text")) + str(c.params.get("blocks"))
        for c in fake_slack.calls_to("chat.postEphemeral")
        if c.params["user"] == user
    ]


async def test_an_anonymous_note_as_a_thread_reply_is_refused_privately_and_stores_nothing(
    slack, fake_slack
):
    thread_ts = await _today_thread(slack, fake_slack)
    fake_slack.forget()
    typed = "note anonym realistisk Ondt"
    reply = sr.thread_reply(CARL, CHANNEL, typed, slack.next_ts(), thread_ts)
    await slack.event(reply)
    assert slack.workshop().notes == ()
    [told] = _ephemeral_texts(fake_slack, CARL)
    assert "ikke gemt" in told and "»anonym«" in told
    assert fake_slack.calls_to("chat.postMessage") == []  # nothing said in the channel


async def test_the_slash_command_stays_private_and_its_code_is_refused_in_a_thread(
    slack, fake_slack
):
    thread_ts = await _today_thread(slack, fake_slack)
    await slack.command(CARL, "note anonym realistisk Ondt i ryggen")  # private in Slack
    [note] = slack.workshop().notes
    assert note.author is None
    receipts = [t for t in _ephemeral_texts(fake_slack, CARL) if "Gem koden" in t]
    code = receipts[0].split("Gem koden ")[1][:9]
    fake_slack.forget()
    reply = sr.thread_reply(CARL, CHANNEL, f"træk R1 {code}", slack.next_ts(), thread_ts)
    await slack.event(reply)
    assert slack.workshop().notes[0].status is ItemStatus.ACTIVE
    [told] = _ephemeral_texts(fake_slack, CARL)
    assert "Intet er ændret" in told and code not in told
    await slack.command(CARL, f"træk R1 {code}")  # the slash command is private: it works
    assert slack.workshop().notes[0].status is ItemStatus.WITHDRAWN
