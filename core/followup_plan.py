"""The facilitator's side of the follow-up: the go-live date and the check-in plan, jumping to
a step, and whether check-ins still come when a workshop ends before its follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from core import commands as c
from core import events as e
from core import freedoms
from core.agenda import planned_checkins
from core.context import Context, Decision, private, refuse
from core.followup import BEFORE_FOLLOW_UP
from core.messages import Audience, KeepCheckInsQuestion, Reply, Said, StepOpened, TextRef
from core.model import CheckIn, FollowUpSettings, Step, Workshop
from core.schedule import add_offset, at_local, local_time, next_working_day


def plan(workshop: Workshop, settings: FollowUpSettings) -> tuple[CheckIn, ...]:
    """The check-ins `settings` plans after the workshop's go-live (none without one). Posted
    and missed check-ins stay; new ones come after them, numbered on from them."""
    if workshop.rollout is None:
        return ()
    kept = [ci for ci in workshop.checkins if ci.posted_at is not None or ci.missed]
    last = max((ci.due_at for ci in kept), default=None)
    number = max((ci.number for ci in kept), default=0)
    times: dict[datetime, str] = {}
    for offset in settings.offsets:
        day = next_working_day(add_offset(workshop.rollout, offset))
        due_at = at_local(day, settings.post_time, workshop.timezone)
        if (last is None or due_at > last) and due_at not in times:  # `2w 14d` is one
            times[due_at] = offset
    return tuple(
        CheckIn(number + i, times[due_at], due_at) for i, due_at in enumerate(sorted(times), 1)
    )


def _planned(workshop: Workshop, settings: FollowUpSettings) -> e.FollowUpPlanned:
    return e.FollowUpPlanned(settings, plan(workshop, settings))


def plan_said(workshop: Workshop, now: datetime) -> Said:
    """What the plan means for the team: when the first check-in comes, or why none will."""
    settings = workshop.followup
    if not settings.offsets:
        return Said("checkins_none")
    if workshop.rollout is None:
        return Said("checkins_waiting", {"count": len(settings.offsets)})
    limit = timedelta(days=settings.late_limit_days)
    ahead = sorted(
        (ci for ci in planned_checkins(workshop) if now - ci.due_at <= limit),
        key=lambda ci: ci.due_at,
    )
    if not ahead:
        return Said("checkins_none_ahead", {"limit": settings.late_limit_days})
    if ahead[0].due_at <= now:
        return Said("checkins_first_now", {"count": len(ahead)})
    day, time = local_time(ahead[0].due_at, workshop.timezone)
    return Said("checkins_planned", {"count": len(ahead), "day": day, "time": time})


def _channel(workshop: Workshop, events: list[e.Event], *messages) -> Decision:
    lang = workshop.language
    return Decision(events, [Reply(Audience.CHANNEL, message, lang) for message in messages])


def set_rollout(workshop: Workshop, cmd: c.SetRollout, ctx: Context) -> Decision:
    """The go-live date plans the check-ins with the workshop's settings."""
    dated = e.evolve(workshop, e.RolloutSet(cmd.day))
    planned = _planned(dated, workshop.followup)
    after = e.evolve(dated, planned)
    said = Said("rollout_set", {"day": cmd.day})
    return _channel(workshop, [e.RolloutSet(cmd.day), planned], said, plan_said(after, ctx.now))


def plan_checkins(workshop: Workshop, cmd: c.PlanCheckIns, ctx: Context) -> Decision:
    if workshop.is_closed:
        if not cmd.offsets:  # `checkins none` answers the question `end` asked
            return keep_checkins(workshop, c.KeepCheckIns(False), ctx)
        return refuse(workshop.language, "closed", "hint_board")
    settings = replace(
        workshop.followup,
        offsets=cmd.offsets,
        post_time=cmd.post_time or workshop.followup.post_time,
    )
    planned = _planned(workshop, settings)
    after = e.evolve(workshop, planned)
    return _channel(workshop, [planned], plan_said(after, ctx.now))


def keep_checkins(workshop: Workshop, cmd: c.KeepCheckIns, ctx: Context) -> Decision:
    lang = workshop.language
    if not workshop.is_closed:  # the workshop was reopened meanwhile: the plan itself counts
        if cmd.keep:
            return private(plan_said(workshop, ctx.now), lang)
        return plan_checkins(workshop, c.PlanCheckIns(()), ctx)
    key = "checkins_kept" if cmd.keep else "checkins_dropped"
    said = Said(key, {"count": len(planned_checkins(workshop))})
    events = [] if workshop.checkins_after_end == cmd.keep else [e.CheckInsKept(cmd.keep)]
    return Decision(events, [Reply(Audience.PRIVATE, said, lang)])


def go_to_step(workshop: Workshop, cmd: c.GoToStep, ctx: Context) -> Decision:
    if cmd.step is workshop.step:
        step = TextRef(f"step_{cmd.step.value}")
        return refuse(workshop.language, "already_in_step", "hint_step_again", step=step)
    moved = e.evolve(workshop, e.StepChanged(cmd.step, ctx.now))
    return Decision([e.StepChanged(cmd.step, ctx.now)], freedoms.step_replies(moved, cmd.step))


def end(workshop: Workshop, cmd: c.EndWorkshop, ctx: Context) -> Decision:
    """Closes the workshop; before its follow-up, with check-ins planned, the facilitator is
    asked privately whether they should still come (until then they do)."""
    lang = workshop.language
    if workshop.is_closed:
        return refuse(lang, "closed", "hint_board")
    ended = e.evolve(workshop, e.WorkshopEnded(ctx.now))
    replies = [Reply(Audience.CHANNEL, StepOpened(ended, Step.CLOSED), lang)]
    planned = len(planned_checkins(workshop))
    if workshop.step in BEFORE_FOLLOW_UP and planned:
        replies.append(Reply(Audience.PRIVATE, KeepCheckInsQuestion(workshop.id, planned), lang))
    return Decision([e.WorkshopEnded(ctx.now)], replies)
