"""Which workshop of a channel a command is about, and how often someone may export.

A channel keeps its closed workshops beside a new one (one open at a time). `status` lists
them by number; `eksport 1` and `slet 1` name one, and a delete button made for an earlier
workshop still deletes that one. Nothing can hide a closed workshop from its facilitators.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Protocol

from core import commands as c
from core import events as e
from core.context import Context, Decision, private, refuse
from core.dates import local_day
from core.messages import Audience, EarlierWorkshop, ExportReady, Refusal, Reply, StatusView
from core.model import Workshop
from core.report import export_filename, markdown_report

# One report per person per workshop in this time: a report is the whole board, and no one
# needs it every second (each one is a file written or sent).
EXPORT_PAUSE = timedelta(seconds=30)


class Focusable(Protocol):
    workshop: Workshop | None

    def switch(self, *, number: int | None = None, workshop_id: str | None = None) -> bool:
        """Makes another workshop of the channel the unit's; False when there is no such one."""

    def others(self) -> list[EarlierWorkshop]:
        """The channel's other workshops, oldest first."""


def focus(unit: Focusable, command: c.Command) -> Refusal | None:
    """Points `unit` at the workshop `command` names; a refusal when it names none here."""
    number = getattr(command, "number", None)
    current = unit.workshop
    if number is not None:
        if (current is not None and current.number == number) or unit.switch(number=number):
            return None
        return Refusal("no_such_workshop", {"number": number}, "hint_status")
    if isinstance(command, c.Tick) and command.workshop_id and current is not None:
        if current.id != command.workshop_id:
            unit.switch(workshop_id=command.workshop_id)  # gone: the current one's work only
        return None
    origin = getattr(command, "origin", None)
    if isinstance(command, c.DeleteWorkshop) and origin and current is not None:
        if origin.workshop_id != current.id:
            # The question was asked about an earlier workshop of this channel: that one.
            # A workshop that is gone leaves the unit as it was, and the core refuses.
            unit.switch(workshop_id=origin.workshop_id)
    return None


def others_for(unit: Focusable, command: c.Command) -> tuple[EarlierWorkshop, ...]:
    """Status names the channel's other workshops; other commands need not load them."""
    return tuple(unit.others()) if isinstance(command, c.ShowStatus) else ()


def exporter_key(workshop_id: str, user_id: str) -> str:
    # Salted by the workshop: the pacing record says nothing about a person elsewhere.
    return hashlib.sha256(f"{workshop_id}:{user_id}".encode()).hexdigest()


def next_export_at(workshop: Workshop, user_id: str, now: datetime) -> datetime | None:
    """When this person may export again, or None when they may now."""
    who = exporter_key(workshop.id, user_id)
    last = next((at for key, at in workshop.exports if key == who), None)
    if last is None or now - last >= EXPORT_PAUSE:
        return None
    return last + EXPORT_PAUSE


def export(workshop: Workshop, cmd: c.Export, ctx: Context) -> Decision:
    """The report, unless this person had one less than EXPORT_PAUSE ago (then: when to retry)."""
    again = next_export_at(workshop, ctx.actor.user_id, ctx.now)
    if again is not None:
        seconds = max(1, int((again - ctx.now).total_seconds() + 0.999))
        return refuse(workshop.language, "export_too_soon", "hint_export_later", seconds=seconds)
    ready = ExportReady(
        workshop, export_filename(workshop, ctx.now), markdown_report(workshop, ctx.now)
    )
    made = e.ExportMade(exporter_key(workshop.id, ctx.actor.user_id), ctx.now)
    return Decision([made], [Reply(Audience.PRIVATE, ready, workshop.language)])


def status(workshop: Workshop, cmd: c.ShowStatus, ctx: Context) -> Decision:
    """Where we are, and the channel's other workshops by number (ctx.others)."""
    today = local_day(ctx.now, workshop.timezone)
    return private(StatusView(workshop, ctx.others, today), workshop.language)
