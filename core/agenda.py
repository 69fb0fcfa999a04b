"""Agreements followed up: open, done or overdue, and what a check-in post lists.

A check-in asks about every circle and puts the agreements that are still open in front of
the team, the overdue ones and those due before the answers close first: that is where
"how do we go on" starts. Every platform renders these same lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.circles import CIRCLES, Circle
from core.dates import local_day
from core.model import Agreement, CheckIn, ItemStatus, Workshop
from core.stocktaking import checkin

_MENTION = re.compile(r"<@([^>|\s]+)(?:\|[^>]*)?>")


class AgreementState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"  # open, and its day has passed
    DUE = "due"  # open, and due before the check-in's answers close
    OPEN = "open"


def owner_ids(owner: str) -> tuple[str, ...]:
    """The people an owner text mentions (`<@U1> og <@U2>`), once each; plain names: none."""
    return tuple(dict.fromkeys(_MENTION.findall(owner)))


def owners(agreement: Agreement) -> tuple[str, ...]:
    """Who an agreement's reminders go to, and who may mark it done besides a facilitator."""
    return owner_ids(agreement.owner)


def state(agreement: Agreement, today: date | None, due_by: date | None = None) -> AgreementState:
    """Done, overdue (open with its day before `today`), due (open by `due_by`), or open.
    Without a `today` an open agreement is just open: a renderer with no clock says no more."""
    if agreement.is_done:
        return AgreementState.DONE
    if today is not None and agreement.due < today:
        return AgreementState.OVERDUE
    if due_by is not None and agreement.due <= due_by:
        return AgreementState.DUE
    return AgreementState.OPEN


def active(workshop: Workshop) -> list[Agreement]:
    """The agreements on the board, by their day."""
    return sorted(
        (a for a in workshop.agreements if a.status is ItemStatus.ACTIVE), key=lambda a: a.due
    )


def states(workshop: Workshop, today: date | None) -> dict[AgreementState, int]:
    counts = {s: 0 for s in (AgreementState.OPEN, AgreementState.DONE, AgreementState.OVERDUE)}
    for agreement in active(workshop):
        counts[state(agreement, today)] += 1
    return counts


@dataclass(frozen=True)
class PostContent:
    """What a check-in post shows: the circles to answer, and the open agreements with their
    state (overdue first, then due before the answers close, then the rest), each by day."""

    number: int
    circles: tuple[Circle, ...]
    agreements: tuple[tuple[Agreement, AgreementState], ...]
    closes_on: date | None  # the local day the answers close, when it is posted


def checkin_post(workshop: Workshop, number: int) -> PostContent:
    held = checkin(workshop, number)
    posted = held.posted_at if held and held.posted_at else (held.due_at if held else None)
    today = local_day(posted, workshop.timezone) if posted else None
    closes_on = local_day(held.closes_at, workshop.timezone) if held and held.closes_at else None
    rank = {AgreementState.OVERDUE: 0, AgreementState.DUE: 1, AgreementState.OPEN: 2}
    listed = [(a, state(a, today, closes_on)) for a in active(workshop) if not a.is_done]
    listed.sort(key=lambda pair: rank[pair[1]])  # stable: by day within each state
    return PostContent(
        number=number,
        circles=tuple(info.circle for info in CIRCLES),
        agreements=tuple(listed),
        closes_on=closes_on,
    )


def latest_posted(workshop: Workshop) -> int | None:
    """The number of the check-in posted last: learnings and new agreements belong to it."""
    posted = [c for c in workshop.checkins if c.posted_at is not None]
    return max(posted, key=lambda c: (c.posted_at, c.number)).number if posted else None


def planned_checkins(workshop: Workshop) -> list[CheckIn]:
    """The check-ins still to come (neither posted nor missed), the next one first."""
    coming = (c for c in workshop.checkins if c.posted_at is None and not c.missed)
    return sorted(coming, key=lambda c: c.due_at)


def open_checkin(workshop: Workshop) -> int | None:
    """The check-in taking answers now (the latest one, should two overlap)."""
    taking = [c for c in workshop.checkins if c.is_open]
    return max(taking, key=lambda c: (c.posted_at, c.number)).number if taking else None
