"""The method's freedoms: dot-votes on prerequisites, names on the wall or not, a facilitator
stepping down, reopening a closed workshop, repeating a step's messages, the board for all."""

from __future__ import annotations

from core import commands as c
from core import events as e
from core import method as m
from core.circles import CIRCLES
from core.context import Context, Decision, private, refuse
from core.dates import local_day
from core.language import mention_id
from core.messages import Audience, BoardView, Mentions, Reply, Said, StepOpened, TextRef
from core.model import VOTES_PER_PERSON, ItemStatus, Prerequisite, Step, Workshop
from core.wall import circle_prompt, counts_changed


def step_replies(workshop: Workshop, step: Step) -> list[Reply]:
    """A step's opening, and for a step that collects notes each circle's message."""
    lang = workshop.language
    replies = [Reply(Audience.CHANNEL, StepOpened(workshop, step), lang)]
    if step in m.NOTE_STEPS:
        replies += [
            Reply(Audience.CHANNEL, circle_prompt(workshop, info.circle, step), lang)
            for info in CIRCLES
        ]
    return replies


def vote(workshop: Workshop, cmd: c.Vote, ctx: Context) -> Decision:
    lang = workshop.language
    item = workshop.find(cmd.short_id)
    if not isinstance(item, Prerequisite):
        return refuse(lang, "unknown_prereq", "hint_vote", short_id=cmd.short_id)
    if item.status is not ItemStatus.ACTIVE:
        return refuse(lang, "item_gone", "hint_board", short_id=item.short_id)
    voter = ctx.actor.user_id
    if voter in item.voters:  # a second dot on the same one takes the first back
        event, key = e.VoteTakenBack(item.short_id, voter), "vote_taken_back"
    else:
        if workshop.votes_by(voter) >= VOTES_PER_PERSON:
            mine = [p.short_id for p in workshop.active_prerequisites() if voter in p.voters]
            return refuse(
                lang, "no_votes_left", "hint_vote_back", ids=", ".join(mine), first=mine[0]
            )
        event, key = e.VoteCast(item.short_id, voter), "vote_cast"
    after = e.evolve(workshop, event)
    params = {
        "short_id": item.short_id,
        "votes": after.find(item.short_id).votes,
        "left": VOTES_PER_PERSON - after.votes_by(voter),
    }
    return Decision([event], [Reply(Audience.PRIVATE, Said(key, params), lang)])


def remove_facilitator(workshop: Workshop, cmd: c.RemoveFacilitator, ctx: Context) -> Decision:
    lang = workshop.language
    user_id = mention_id(cmd.who)
    who = Mentions((user_id,))
    if not workshop.is_facilitator(user_id):
        return refuse(
            lang,
            "not_facilitator",
            "hint_facilitators_are",
            who=who,
            facilitators=Mentions(workshop.facilitators),
        )
    if len(workshop.facilitators) == 1:
        return refuse(lang, "last_facilitator", "hint_add_facilitator_first", who=who)
    said = Said("facilitator_removed", {"who": who})
    return Decision([e.FacilitatorRemoved(user_id)], [Reply(Audience.CHANNEL, said, lang)])


def show_names(workshop: Workshop, cmd: c.ShowNames, ctx: Context) -> Decision:
    lang = workshop.language
    key = "names_on" if cmd.shown else "names_off"
    if workshop.show_names == cmd.shown:
        return private(Said(f"{key}_already"), lang)
    event = e.NamesShown(cmd.shown)
    after = e.evolve(workshop, event)
    replies = [Reply(Audience.CHANNEL, Said(key), lang)]
    # Every circle message that shows a named note changes in place.
    named = {(n.circle, n.step) for n in workshop.active_notes() if n.author is not None}
    for step in m.NOTE_STEPS:
        for info in CIRCLES:
            if (info.circle, step) in named:
                changed = counts_changed(after, info.circle, step)
                replies.append(Reply(Audience.CHANNEL, changed, lang))
    return Decision([event], replies)


def reopen(workshop: Workshop, cmd: c.ReopenWorkshop, ctx: Context) -> Decision:
    lang = workshop.language
    if not workshop.is_closed:  # the channel's open workshop is the one a store hands us
        return refuse(lang, "not_closed", "hint_end", technology=workshop.technology)
    step = workshop.closed_from or Step.FOLLOW_UP
    event = e.WorkshopReopened(step)
    reopened = e.evolve(workshop, event)
    said = Said("reopened", {"technology": workshop.technology, "step": TextRef(f"step_{step}")})
    return Decision([event], [Reply(Audience.CHANNEL, said, lang), *step_replies(reopened, step)])


def repeat_step(workshop: Workshop, cmd: c.RepeatStep, ctx: Context) -> Decision:
    return Decision([], step_replies(workshop, workshop.step))


def show_board(workshop: Workshop, cmd: c.ShowBoard, ctx: Context) -> Decision:
    """A facilitator's `board` goes up for everyone while the workshop is open; anyone else's,
    a closed workshop's and one circle's full list (the wall's "show all") only to whoever
    asked: a closed workshop says nothing more in the channel."""
    lang = workshop.language
    today = local_day(ctx.now, workshop.timezone)
    everyone = cmd.circle is None and not workshop.is_closed
    if everyone and workshop.is_facilitator(ctx.actor.user_id):
        return Decision([], [Reply(Audience.CHANNEL, BoardView(workshop, today=today), lang)])
    return private(BoardView(workshop, cmd.circle, today), lang)
