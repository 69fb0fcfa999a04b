"""`/rasmus <anything>`: the core's whole command language, unchanged.

Acknowledged with an empty body (Slack then shows nothing in the channel) once the request is
stored in the inbox; the core's replies follow through the Web API. When the database cannot
take it in time, Slack gets a 503 and shows the person that the command failed.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from adapters.slack.bridge import SlackBridge, unescape_slack
from adapters.slack.delivery import Where

SLASH_COMMAND = "/rasmus"


def on_rasmus(bridge: SlackBridge):
    async def rasmus_command(ack, command, client):
        where = Where(command["team_id"], command["channel_id"], command["user_id"])
        await bridge.handle(where, client, text=unescape_slack(command.get("text") or ""))
        await ack()

    return rasmus_command


def register(app: AsyncApp, bridge: SlackBridge) -> None:
    app.command(SLASH_COMMAND)(bridge.work.track(on_rasmus(bridge)))
