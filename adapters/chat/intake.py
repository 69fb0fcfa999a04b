"""Taking a request in: stored durably first, acknowledged after, decided by the worker.

A platform translates a request into `core.service.Incoming` and awaits `intake.submit(...)`.
Only when that returns may it tell the platform "OK"; `NotStored` means the database did not
take it in time and nothing was stored, so the platform must answer with an error status (the
person sees that it failed and can send it again), never with an "OK".
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.service import Incoming


class NotStored(Exception):
    """The request was not stored (the database was busy or away): say so, never "OK"."""


class Intake(Protocol):
    async def submit(self, incoming: Incoming, due_at: datetime | None = None) -> None:
        """Returns once `incoming` is committed to the inbox; raises `NotStored` otherwise."""
        ...
