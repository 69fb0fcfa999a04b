"""From a Teams activity to the core's words: which channel, who, and what they asked.

Pure functions over the activity, so they are tested without a server.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from microsoft_agents.activity import Activity

from core.model import Actor, ChannelKey

PLATFORM = "msteams"

_AT_TAG = re.compile(r"<at[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)


@dataclass(frozen=True)
class Where:
    """The channel the workshop lives in, and the thread (if any) a message was posted in."""

    channel: ChannelKey
    conversation_root: str  # the conversation id without `;messageid=`: a channel or a chat
    thread_root: str | None  # the id of the post a channel reply hangs under
    kind: str  # "channel", "groupChat" or "personal"

    @property
    def is_personal(self) -> bool:
        return self.kind == "personal"


def split_conversation_id(conversation_id: str) -> tuple[str, str | None]:
    """`19:abc@thread.tacv2;messageid=1700` is the channel `19:abc…` and the thread `1700`."""
    root, _, rest = conversation_id.partition(";messageid=")
    return root, (rest or None)


def where(activity: Activity) -> Where:
    conversation = activity.conversation
    root, thread = split_conversation_id(conversation.id)
    data = activity.channel_data or {}
    if not isinstance(data, dict):
        data = data.model_dump() if hasattr(data, "model_dump") else {}
    team = (data.get("team") or {}).get("id")
    tenant = conversation.tenant_id or (data.get("tenant") or {}).get("id") or "tenant"
    kind = conversation.conversation_type or ("groupChat" if conversation.is_group else "personal")
    # The workshop belongs to the channel (or chat), never to a thread inside it.
    return Where(ChannelKey(PLATFORM, team or tenant, root), root, thread, kind)


def actor(activity: Activity) -> Actor:
    sender = activity.from_property
    return Actor(sender.id, sender.name or "")


def bot_is_mentioned(activity: Activity) -> bool:
    bot_id = activity.recipient.id if activity.recipient else None
    return any(
        mention.mentioned is not None and mention.mentioned.id == bot_id
        for mention in activity.get_mentions()
    )


def _mention_ids(activity: Activity) -> dict[str, str]:
    """The `<at>Name</at>` text of each mentioned person, mapped to their id."""
    bot_id = activity.recipient.id if activity.recipient else None
    found: dict[str, str] = {}
    for mention in activity.get_mentions():
        who = mention.mentioned
        if who is None or who.id == bot_id or not mention.text:
            continue
        found[mention.text] = who.id
    return found


def command_text(activity: Activity) -> str:
    """The message without the bot's @mention; other people's mentions become `<@id>`."""
    text = activity.text or ""
    for tag, user_id in _mention_ids(activity).items():
        text = text.replace(tag, f"<@{user_id}>")
    text = _AT_TAG.sub("", text)  # what remains in <at> tags is the bot's own name
    text = _BREAKS.sub("\n", text)
    # Teams sends HTML; the core wants the words people typed.
    text = html.unescape(_HTML_TAG.sub("", text.replace("<@", "\x00@")).replace("\x00@", "<@"))
    return text.strip()


def is_addressed_to_bot(activity: Activity, place: Where) -> bool:
    """In a personal chat every message is for the bot; elsewhere only an @mention is."""
    return place.is_personal or bot_is_mentioned(activity)


def source_ref(activity: Activity, place: Where) -> str:
    """A key for the chat message, so a later edit or delete of it finds the note it became."""
    return f"{place.conversation_root}|{activity.id}"
