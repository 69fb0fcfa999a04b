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
