"""What a decision knows (the actor, the clock, the id source) and what it returns."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from core.events import Event
from core.messages import Audience, Refusal, Reply
from core.model import Actor, ChannelKey


@dataclass(frozen=True)
class Context:
    channel: ChannelKey
    actor: Actor
    now: datetime
    new_id: Callable[[], str]
    new_code: Callable[[], str]
    source_ref: str | None = None
    language: str = "da"
    others: tuple = ()  # the channel's other workshops (EarlierWorkshop), for status only


@dataclass
class Decision:
    events: list[Event] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


def hash_code(item_id: str, code: str) -> str:
    # The item id salts the hash, so equal codes on two notes never look alike.
    return hashlib.sha256(f"{item_id}:{code.upper()}".encode()).hexdigest()


def code_opens(item, code: str) -> bool:
    """Whether `code` is the one-time code of the anonymous `item`."""
    if not item.anonymous or not item.code_hash:
        return False
    return hmac.compare_digest(hash_code(item.id, code), item.code_hash)


def private(message, lang: str) -> Decision:
    return Decision(replies=[Reply(Audience.PRIVATE, message, lang)])


def refuse(lang: str, key: str, hint: str | None = None, **params) -> Decision:
    return private(Refusal(key, params, hint), lang)


def authorship(anonymous: bool, item_id: str, ctx: Context):
    """The author to store, or for an anonymous item none, with a one-time code and its hash."""
    if not anonymous:
        return ctx.actor, None, None
    code = ctx.new_code()
    return None, code, hash_code(item_id, code)
