"""Due work after the roll-out: the go-live, check-ins, the stock-taking, reminders and nudges.

One agenda serves both questions: `next_wakeup` (when is the next due work: the store keeps it,
the scheduler gives a `Tick` then) and `tick` (do what is due now). Because both read the same
list, whatever wakes the workshop is also done by the Tick, and recorded with events (posted,
missed, closed, `Sent` keys), so the same Tick again finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core import commands as c
from core import events as e
from core import freedoms
from core.agenda import owners, planned_checkins
from core.context import Context, Decision
from core.dates import local_day
from core.messages import (
    AgreementReminder,
    Audience,
    CheckInPost,
    FacilitatorNudge,
    Message,
    Reply,
    StockTaking,
)
from core.model import Agreement, ItemStatus, Step, Workshop
from core.schedule import at_local, next_working_day, working_days_before

# Steps whose facilitators are nudged after a week: the ones where the team writes.
NUDGED_STEPS = (Step.TODAY, Step.EXPECTATIONS, Step.PREREQUISITES, Step.AGREEMENTS)
BEFORE_FOLLOW_UP = (Step.INTRO, *NUDGED_STEPS)
STEP_NUDGE_DAYS = 7
NO_CHECKINS = "no_checkins"
# The order due work is done in one Tick: the stock-taking of a check-in before the next one.
_ORDER = ("golive", "close", "checkin", "remind", "step")


@dataclass(frozen=True)
class Due:
    at: datetime
    kind: str  # one of _ORDER
    key: str = ""  # the `Sent` key, for the go-live, reminders and nudges
    number: int = 0  # a check-in's
    agreement: Agreement | None = None
    when: str = ""  # a reminder's "soon" or "today"


def go_live_at(workshop: Workshop) -> datetime | None:
    if workshop.rollout is None:
        return None
    return at_local(workshop.rollout, workshop.followup.post_time, workshop.timezone)


def golive_key(workshop: Workshop) -> str:
    return f"golive:{workshop.rollout.isoformat()}" if workshop.rollout else ""


def reminder_key(agreement: Agreement, when: str) -> str:
    return f"remind:{agreement.short_id}:{agreement.due.isoformat()}:{when}"


def step_key(workshop: Workshop) -> str:
    opened = workshop.step_opened_at.isoformat() if workshop.step_opened_at else ""
    return f"step:{workshop.step.value}:{opened}"


def is_sent(workshop: Workshop, key: str) -> bool:
    return key in workshop.sent or f"{key}:missed" in workshop.sent


def follows_up(workshop: Workshop) -> bool:
    """A closed workshop keeps its follow-up only when the facilitator said so (or nobody
    answered the question yet: check-ins stay, as planned, until someone says no)."""
    return not workshop.is_closed or workshop.checkins_after_end


def reminder_times(workshop: Workshop, agreement: Agreement) -> list[tuple[str, datetime]]:
    """When the owners hear about it: two working days before, and on the day (a day off
    moves to the next working day). Times before the agreement was made do not apply."""
    settings, zone = workshop.followup, workshop.timezone
    times = [
        ("soon", at_local(working_days_before(agreement.due, 2), settings.post_time, zone)),
        ("today", at_local(next_working_day(agreement.due), settings.post_time, zone)),
    ]
    return [(when, at) for when, at in times if at > agreement.created_at]


def step_nudge_at(workshop: Workshop) -> datetime | None:
    if workshop.is_closed or workshop.step not in NUDGED_STEPS or not workshop.step_opened_at:
        return None
    opened = local_day(workshop.step_opened_at, workshop.timezone)
    day = next_working_day(opened + timedelta(days=STEP_NUDGE_DAYS))
    return at_local(day, workshop.followup.post_time, workshop.timezone)


def agenda(workshop: Workshop | None) -> list[Due]:
    """Everything the workshop still has to do, each with its time (UTC, possibly past)."""
    if workshop is None or not follows_up(workshop):
        return []
    due: list[Due] = []
    if workshop.rollout is not None and not is_sent(workshop, golive_key(workshop)):
        due.append(Due(go_live_at(workshop), "golive", golive_key(workshop)))
    for checkin in workshop.checkins:
        if checkin.is_open and checkin.closes_at is not None:
            due.append(Due(checkin.closes_at, "close", number=checkin.number))
    for checkin in planned_checkins(workshop):
        due.append(Due(checkin.due_at, "checkin", number=checkin.number))
    for agreement in workshop.agreements:
        if agreement.status is not ItemStatus.ACTIVE or agreement.is_done:
            continue
        if not owners(agreement):
            continue
        for when, at in reminder_times(workshop, agreement):
            key = reminder_key(agreement, when)
            if not is_sent(workshop, key):
                due.append(Due(at, "remind", key, agreement=agreement, when=when))
    nudge_at = step_nudge_at(workshop)
    if nudge_at is not None and not is_sent(workshop, step_key(workshop)):
        due.append(Due(nudge_at, "step", step_key(workshop)))
    return due


def next_wakeup(workshop: Workshop | None) -> datetime | None:
    """The earliest moment (UTC) the workshop has due work, or None. A pure function of the
    workshop: due times are absolute, so it changes only when an event changes the workshop.
    A time in the past means: at once (a past go-live, or work that fell due while down)."""
    return min((item.at for item in agenda(workshop)), default=None)


class _Run:
    """One Tick's work: events applied as they are made, so later replies see them."""

    def __init__(self, workshop: Workshop, now: datetime):
        self.workshop, self.now = workshop, now
        self.events: list[e.Event] = []
        self.replies: list[Reply] = []
        self.missed: list[str] = []
        self.late_limit = timedelta(days=workshop.followup.late_limit_days)

    def apply(self, *events: e.Event) -> None:
        for event in events:
            self.workshop = e.evolve(self.workshop, event)
            self.events.append(event)

    def say(self, message: Message, to: tuple[str, ...] = ()) -> None:
        audience = Audience.DIRECT if to else Audience.CHANNEL
        self.replies.append(Reply(audience, message, self.workshop.language, to))

    def too_late(self, at: datetime) -> bool:
        return self.now - at > self.late_limit

    def nudge(self, kind: str, **details) -> None:
        if self.workshop.facilitators:
            nudge = FacilitatorNudge(self.workshop.technology, kind, **details)
            self.say(nudge, to=self.workshop.facilitators)


def tick(workshop: Workshop | None, cmd: c.Tick, ctx: Context) -> Decision:
    """Does what is due at `ctx.now`; nothing (no events, no replies) when nothing is."""
    due = [item for item in agenda(workshop) if item.at <= ctx.now]
    if workshop is None or not due:
        return Decision()
    run = _Run(workshop, ctx.now)
    for kind in _ORDER:
        items = sorted((item for item in due if item.kind == kind), key=lambda i: i.at)
        if items:
            _DOERS[kind](run, items)
    if run.missed:
        run.nudge("missed", missed=tuple(run.missed))
    return Decision(run.events, run.replies)


def _go_live(run: _Run, items: list[Due]) -> None:
    workshop = run.workshop
    if not workshop.is_closed and workshop.step in BEFORE_FOLLOW_UP:
        run.apply(e.StepChanged(Step.FOLLOW_UP, run.now))
        run.replies += freedoms.step_replies(run.workshop, Step.FOLLOW_UP)
    run.apply(*(e.Sent(item.key) for item in items))
    if not run.workshop.is_closed and not workshop.checkins and NO_CHECKINS not in workshop.sent:
        run.nudge(NO_CHECKINS)
        run.apply(e.Sent(NO_CHECKINS))


def _close(run: _Run, number: int) -> None:
    run.apply(e.CheckInClosed(number, run.now))
    run.say(StockTaking(run.workshop, number))


def _close_due(run: _Run, items: list[Due]) -> None:
    for item in items:
        _close(run, item.number)


def _checkins(run: _Run, items: list[Due]) -> None:
    """Over the late limit: missed. Of those in time, only the latest is posted; an earlier
    one due at the same Tick would close unanswered at once, so it counts as missed too."""
    in_time = [item for item in items if not run.too_late(item.at)]
    posted = in_time[-1] if in_time else None
    for item in items:
        if item is not posted:
            run.apply(e.CheckInMissed(item.number))
            run.missed.append(f"checkin:{item.number}")
    if posted is None:
        return
    for checkin in run.workshop.checkins:  # one open check-in at a time: answers find it
        if checkin.is_open:
            _close(run, checkin.number)
    window = timedelta(days=run.workshop.followup.window_days)
    run.apply(e.CheckInPosted(posted.number, run.now, run.now + window))
    run.say(CheckInPost(run.workshop, posted.number))


def _reminders(run: _Run, items: list[Due]) -> None:
    """One message per agreement and time, to all its owners. When the day itself is sent at
    the same Tick, `soon` is only recorded: the owners hear once, that it is today."""
    today = {
        item.agreement.short_id
        for item in items
        if item.when == "today" and not run.too_late(item.at)
    }
    for item in items:
        agreement = item.agreement
        if item.when == "soon" and agreement.short_id in today:
            run.apply(e.Sent(item.key))
        elif run.too_late(item.at):
            run.apply(e.Sent(f"{item.key}:missed"))
            label = f"reminder:{agreement.short_id}"
            if label not in run.missed:
                run.missed.append(label)
        else:
            run.apply(e.Sent(item.key))
            reminder = AgreementReminder(agreement, run.workshop.technology, item.when)
            run.say(reminder, to=owners(agreement))


def step_contributions(workshop: Workshop) -> int:
    step = workshop.step
    if step is Step.PREREQUISITES:
        return len(workshop.active_prerequisites())
    if step is Step.AGREEMENTS:
        return sum(1 for a in workshop.agreements if a.status is ItemStatus.ACTIVE)
    return len(workshop.active_notes(step=step))


def _step_nudge(run: _Run, items: list[Due]) -> None:
    for item in items:
        if item.key != step_key(run.workshop):  # the go-live moved the step on meanwhile
            continue
        count = step_contributions(run.workshop)
        run.nudge("step_open", step=run.workshop.step, contributions=count)
        run.apply(e.Sent(item.key))


_DOERS = {
    "golive": _go_live,
    "close": _close_due,
    "checkin": _checkins,
    "remind": _reminders,
    "step": _step_nudge,
}
