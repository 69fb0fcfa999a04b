"""Whether a Teams turn may be answered "OK": only once what it asked for is stored.

`/api/messages` opens a `TurnAck` around the SDK's processing of the activity (the SDK runs the
turn inline, in the same task, so a context variable reaches it); a turn whose request the
database did not take marks it, and the endpoint then answers 503 instead of the SDK's 200/202.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class TurnAck:
    stored: bool = True


_current: ContextVar[TurnAck | None] = ContextVar("rasmus_teams_turn_ack", default=None)


def open_ack() -> tuple[TurnAck, object]:
    ack = TurnAck()
    return ack, _current.set(ack)


def close_ack(token) -> None:
    _current.reset(token)


def mark_not_stored() -> None:
    ack = _current.get()
    if ack is not None:
        ack.stored = False
