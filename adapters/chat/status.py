"""Whether a platform is active on this server, and why (printed at start-up)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelStatus:
    name: str
    active: bool
    reason: str
