"""JSON for the core's frozen dataclasses, driven by their type hints.

Inbox rows hold an `Incoming` and outbox rows a `Reply` until a worker or the dispatcher takes
them, possibly in another process after a restart, so both must survive a trip through text.
Every dataclass is written with a "type" tag naming a registered class; a class the registry
does not know is refused when written, not discovered broken when read back.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.persistence.codec_read import decode_dataclass
from adapters.persistence.codec_registry import CLASSES, ENUMS, CodecError
from adapters.persistence.codec_write import encode_dataclass
from core import messages
from core.service import Incoming

__all__ = ["CLASSES", "ENUMS", "CodecError"]


# --- the four entry points -------------------------------------------------------------------


def encode(value: Any) -> str:
    """Any registered dataclass as compact JSON text."""
    return json.dumps(encode_dataclass(value), ensure_ascii=False, separators=(",", ":"))


def decode(text: str, expected: type = object) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CodecError(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise CodecError("stored data is not an object")
    try:
        return decode_dataclass(data, expected)
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # A missing field, a value no longer allowed: one error type for every bad text.
        raise CodecError(f"cannot read stored data: {error!r}") from error


def encode_incoming(incoming: Incoming) -> str:
    return encode(incoming)


def decode_incoming(text: str) -> Incoming:
    return decode(text, Incoming)


def encode_reply(
    reply: messages.Reply, source_ref: str | None = None, *, current: bool = False
) -> str:
    """`source_ref`: the chat message the reply answers (a colour question needs it to keep
    the note tied to the message it came from); kept beside the reply, dropped once sent.
    `current`: the reply is to be brought up to date when it is sent (see `is_current`)."""
    if source_ref is None and not current:
        return encode(reply)
    data = encode_dataclass(reply)
    if source_ref is not None:
        data["source_ref"] = source_ref
    if current:
        data["current"] = True
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def is_current(text: str) -> bool:
    """Written with `current=True`: what it shows is read afresh when it is sent."""
    return text.endswith(',"current":true}')


def decode_reply(text: str) -> messages.Reply:
    return decode(text, messages.Reply)


def decode_reply_and_source(text: str) -> tuple[messages.Reply, str | None]:
    reply = decode(text, messages.Reply)
    if '"source_ref"' not in text:  # the common case: no second parse
        return reply, None
    found = json.loads(text).get("source_ref")
    return reply, found if isinstance(found, str) else None
