"""Due work after the roll-out: check-ins, the stock-taking, reminders and nudges.

SKELETON: the follow-up helper replaces this module. `next_wakeup` tells the store when the
workshop next has due work; the scheduler then gives the core a `Tick` at that time.
"""

from __future__ import annotations

from datetime import datetime

from core.model import Workshop


def next_wakeup(workshop: Workshop | None) -> datetime | None:
    """The earliest moment (UTC) the workshop has due work, or None. A pure function of the
    workshop: due times are absolute, so it changes only when an event changes the workshop."""
    return None
