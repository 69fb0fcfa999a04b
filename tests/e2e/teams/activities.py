"""Bot Framework activities as Teams sends them, for tests that post to /api/messages directly."""

from __future__ import annotations

import uuid

BOT = {"id": "28:rasmus-bot", "name": "RASMUS"}
TENANT = "72f988bf-0000-0000-0000-000000000001"
CHANNEL = "19:workshop@thread.tacv2"


def channel_message(
    text: str, service_url: str, *, user=("29:anne", "Anne"), activity_id: str | None = None
) -> dict:
    mention = "<at>RASMUS</at>"
    return {
        "type": "message",
        "id": activity_id or str(uuid.uuid4()),
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user[0], "name": user[1]},
        "recipient": BOT,
        "text": f"{mention} {text}",
        "locale": "en-GB",
        "conversation": {
            "id": f"{CHANNEL};messageid=1700000000000",
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": TENANT,
        },
        "entities": [{"type": "mention", "text": mention, "mentioned": BOT}],
        "channelData": {
            "team": {"id": "19:team@thread.tacv2"},
            "channel": {"id": CHANNEL},
            "tenant": {"id": TENANT},
        },
    }


def card_submit(values: dict, service_url: str, **kwargs) -> dict:
    """A card's button pressed in the channel: no text, the card's inputs as `value`.
    Teams shows nothing of it in the channel."""
    activity = channel_message("", service_url, **kwargs)
    activity["text"] = ""
    activity.pop("entities")
    activity["value"] = values
    return activity


def installed(service_url: str) -> dict:
    """RASMUS added to the team: Teams says so with the bot among the members added."""
    activity = channel_message("", service_url)
    del activity["text"], activity["entities"]
    activity.update(type="conversationUpdate", membersAdded=[BOT])
    activity["conversation"]["id"] = CHANNEL
    return activity


PERSONAL_CHAT = "a:personal-chat-with-anne"


def personal_message(text: str, service_url: str, *, user=("29:anne", "Anne")) -> dict:
    """A message in the person's 1:1 chat with the bot: no mention, no team."""
    return {
        "type": "message",
        "id": str(uuid.uuid4()),
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user[0], "name": user[1]},
        "recipient": BOT,
        "text": text,
        "locale": "en-GB",
        "conversation": {"id": PERSONAL_CHAT, "conversationType": "personal", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
    }


def consent_answer(
    action: str,
    context: dict,
    service_url: str,
    *,
    upload_url: str = "",
    name: str = "report.md",
    user=("29:anne", "Anne"),
    conversation: str = PERSONAL_CHAT,
) -> dict:
    """What Teams sends when the person allows or declines a file on a file consent card."""
    value: dict = {"type": "fileUpload", "action": action, "context": context}
    if action == "accept":
        value["uploadInfo"] = {
            "contentUrl": f"https://contoso.sharepoint.com/personal/anne/Documents/Apps/{name}",
            "name": name,
            "uploadUrl": upload_url,
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
            "fileType": "md",
            "etag": "123",
        }
    return {
        "type": "invoke",
        "name": "fileConsent/invoke",
        "id": str(uuid.uuid4()),
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user[0], "name": user[1]},
        "recipient": BOT,
        "locale": "en-GB",
        "conversation": {"id": conversation, "conversationType": "personal", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        "value": value,
    }
