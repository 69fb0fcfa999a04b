"""Events API: thread replies under a circle's message become notes; edits and deletions of
those replies correct or withdraw them; opening App Home shows the person's workshops.

Idempotency keys come from the message itself (channel + ts), not the event id, so a Slack
retry (X-Slack-Retry-Num) and the same message delivered through two subscriptions both land
on one key and store once.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from adapters.chat import edits
from adapters.slack.bridge import SlackBridge, unescape_slack
from adapters.slack.delivery import PLATFORM, Where
from adapters.slack.home import home_view
from core.commands import Origin
from core.language import reply_command
from core.model import ChannelKey

# Subtypes a person's thread reply can carry; everything else (joins, bots...) is not a note.
_NOTE_SUBTYPES = {None, "thread_broadcast", "file_share"}


def source_ref(channel: str, ts: str) -> str:
    return f"slack:{channel}:{ts}"


def _is_thread_reply(message: dict) -> bool:
    thread_ts = message.get("thread_ts")
    return bool(thread_ts) and thread_ts != message.get("ts")


async def _circle_of_thread(bridge: SlackBridge, team: str, channel: str, thread_ts: str):
    return await bridge.memory.thread_origin(ChannelKey(PLATFORM, team, channel), thread_ts)


async def _new_reply(bridge: SlackBridge, event: dict, team: str, client) -> None:
    if not _is_thread_reply(event) or event.get("bot_id") or not event.get("user"):
        return
    channel = event["channel"]
    found = await _circle_of_thread(bridge, team, channel, event["thread_ts"])
    if found is None:
        return  # an ordinary conversation, not under one of our circle messages
    workshop_id, circle, step = found.workshop_id, found.circle, found.step
    # The core refuses a reply under an earlier workshop's or step's circle message.
    text = unescape_slack(event.get("text") or "")
    await bridge.handle(
        Where(team, channel, event["user"]),
        client,
        command=reply_command(text, circle, Origin(workshop_id, step)),
        message_id=f"msg:{channel}:{event['ts']}",
        source_ref=source_ref(channel, event["ts"]),
        shown_to_others=True,  # a thread reply stays in the channel under its author's name
    )


async def _changed_reply(bridge: SlackBridge, event: dict, team: str, client) -> None:
    message = event.get("message") or {}
    if not _is_thread_reply(message) or message.get("bot_id") or not message.get("user"):
        return
    channel = event["channel"]
    if await _circle_of_thread(bridge, team, channel, message["thread_ts"]) is None:
        return
    stamp = (message.get("edited") or {}).get("ts") or event.get("event_ts", "")
    change = edits.edited(channel, message["ts"], stamp, unescape_slack(message.get("text") or ""))
    await bridge.handle(
        Where(team, channel, message["user"]),
        client,
        command=change.command,
        message_id=change.message_id,
        source_ref=source_ref(channel, message["ts"]),
    )


async def _deleted_reply(bridge: SlackBridge, event: dict, team: str, client) -> None:
    previous = event.get("previous_message") or {}
    if not _is_thread_reply(previous) or not previous.get("user"):
        return
    channel = event["channel"]
    if await _circle_of_thread(bridge, team, channel, previous["thread_ts"]) is None:
        return
    deleted_ts = event.get("deleted_ts") or previous["ts"]
    change = edits.deleted(channel, deleted_ts)
    await bridge.handle(
        Where(team, channel, previous["user"]),
        client,
        command=change.command,
        message_id=change.message_id,
        source_ref=source_ref(channel, deleted_ts),
    )


def on_message(bridge: SlackBridge):
    async def message_event(ack, body, event, client):
        # Acknowledged after the note is stored: a 503 makes Slack send the event again.
        team = body.get("team_id") or event.get("team", "")
        subtype = event.get("subtype")
        if subtype == "message_changed":
            await _changed_reply(bridge, event, team, client)
        elif subtype == "message_deleted":
            await _deleted_reply(bridge, event, team, client)
        elif subtype in _NOTE_SUBTYPES:
            await _new_reply(bridge, event, team, client)
        await ack()

    return message_event


def on_home_opened(bridge: SlackBridge):
    async def home_opened(ack, body, event, client):
        await ack()
        if event.get("tab") not in (None, "home"):
            return
        team, user = body.get("team_id", ""), event["user"]
        workshops = await bridge.in_core(bridge.service.workshops_of, PLATFORM, team, user)
        view = home_view(workshops, user, bridge.default_language)
        await client.views_publish(user_id=user, view=view)

    return home_opened


def register(app: AsyncApp, bridge: SlackBridge) -> None:
    app.event("message")(bridge.work.track(on_message(bridge)))
    app.event("app_home_opened")(bridge.work.track(on_home_opened(bridge)))
