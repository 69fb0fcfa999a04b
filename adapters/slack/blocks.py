"""Small pure Block Kit builders, and the splitting that keeps every message within Slack's limits.

Slack rejects a message with more than 50 blocks or a section text over 3,000 characters, so
long content is split at line breaks into sections and the sections into several messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from adapters.slack.escape import truncate

MAX_BLOCKS_PER_MESSAGE = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000  # notifications only need a gist; keeps the request small
# Slack refuses a message whose blocks are too long altogether (msg_blocks_too_long) without
# naming the size; a long board is split well before the 40,000 characters of a message.
MAX_MESSAGE_TEXT = 12000

Block = dict[str, Any]


@dataclass(frozen=True)
class SlackMessage:
    """One message as chat.postMessage/postEphemeral/update take it."""

    text: str  # the notification and screen-reader fallback
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": truncate(self.text, MAX_FALLBACK_TEXT), "blocks": self.blocks}


def mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack does not turn bare URLs, #channel names or @names into links or
    # mentions; only the explicit <...> sequences we write ourselves are parsed.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str, limit: int = MAX_HEADER_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, MAX_HEADER_TEXT)}


def section(text: str, accessory: Block | None = None, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(truncate(text, MAX_SECTION_TEXT))}
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def context(text: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(truncate(text, MAX_SECTION_TEXT))]}


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    value: str | dict[str, Any] = "",
    style: str | None = None,
    confirm: Block | None = None,
) -> Block:
    raw = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    if len(raw) > MAX_BUTTON_VALUE:
        raise ValueError(f"button value for {action_id} is {len(raw)} characters")
    element: Block = {
        "type": "button",
        "text": plain(text, MAX_BUTTON_TEXT),
        "action_id": action_id,
        "value": raw,
    }
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, text: str, yes: str, no: str) -> Block:
    return {
        "title": plain(title, 100),
        "text": plain(text, 300),
        "confirm": plain(yes, 30),
        "deny": plain(no, 30),
        "style": "danger",
    }


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)}
    if block_id:
        block["block_id"] = block_id
    return block


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single line longer than a section: cut it hard
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def text_sections(text: str) -> list[Block]:
    return [section(piece) for piece in split_text(text)]


def _block_chars(block: Block) -> int:
    texts = [block.get("text")] + list(block.get("elements", []))
    return sum(len(item.get("text", "") or "") for item in texts if isinstance(item, dict))


def paginate(
    blocks: list[Block],
    text: str,
    per_message: int = MAX_BLOCKS_PER_MESSAGE,
    max_chars: int | None = None,
) -> list[SlackMessage]:
    """Several messages of at most `per_message` blocks (and, when given, `max_chars`
    characters of text); the fallback text goes on the first."""
    if not blocks:
        return [SlackMessage(text, [])]
    pages: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        chars = _block_chars(block)
        too_long = max_chars is not None and size + chars > max_chars
        if pages[-1] and (len(pages[-1]) >= per_message or too_long):
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += chars
    return [SlackMessage(text if n == 0 else "…", page) for n, page in enumerate(pages)]


def within_limits(message: SlackMessage) -> bool:
    """What Slack checks: blocks per message and characters per section/context text."""
    if len(message.blocks) > MAX_BLOCKS_PER_MESSAGE:
        return False
    for block in message.blocks:
        texts = [block.get("text")] + list(block.get("elements", []))
        for item in texts:
            if isinstance(item, dict) and len(item.get("text", "") or "") > MAX_SECTION_TEXT:
                return False
    return True


def within_message_size(message: SlackMessage) -> bool:
    """Our margin below msg_blocks_too_long, for messages as long as a whole board."""
    return sum(_block_chars(block) for block in message.blocks) <= MAX_MESSAGE_TEXT
