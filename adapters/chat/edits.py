"""A person edited or deleted a chat message: the command that lets the core follow it.

Whether the message became a note (and whose) is the core's business: the platform only says
which message (the incoming `source_ref`) and its new text. The idempotency keys come from the
message and its edit stamp, so a platform's retry of the same change stores once.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.commands import Command, EditFromMessage, WithdrawFromMessage


@dataclass(frozen=True)
class MessageChange:
    command: Command
    message_id: str  # the idempotency key of this change


def edited(conversation: str, message: str, edit_stamp: str, text: str) -> MessageChange:
    """Message `message` in `conversation` now reads `text` (as the person typed it)."""
    return MessageChange(EditFromMessage(text), f"edit:{conversation}:{message}:{edit_stamp}")


def deleted(conversation: str, message: str) -> MessageChange:
    return MessageChange(WithdrawFromMessage(), f"delete:{conversation}:{message}")
