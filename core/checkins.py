"""Taking stock after the roll-out: answers to a check-in, closing it with the stock-taking,
learnings, what the team judges it can act on, agreements done or reopened, prerequisites met.

Who may: anyone in the team answers, adds learnings and marks something actionable (that is a
joint judgement, made in the open); an agreement's owners (the people mentioned in its owner
text) and the facilitators close or reopen it; facilitators close a check-in early and say
whether a prerequisite was met.
"""

from __future__ import annotations

from datetime import datetime

from core import commands as c
from core import events as e
from core.agenda import latest_posted, open_checkin, owners, planned_checkins
from core.context import Context, Decision, private, refuse
from core.dates import local_day
from core.ids import canonical_id
from core.messages import AnswerConfirmed, Audience, ItemId, Mentions, Reply, Said, StockTaking
from core.model import (
    Agreement,
    CheckInAnswer,
    Colour,
    ItemStatus,
    Learning,
    Note,
    Prerequisite,
    Rating,
    Step,
    Workshop,
)
from core.stocktaking import checkin, shown_answer


def keeps_checkins(workshop: Workshop) -> bool:
    """Whether a closed workshop still takes check-ins: the team kept them when it ended,
    and there is a check-in to take (planned, posted or held)."""
    return workshop.checkins_after_end and any(not held.missed for held in workshop.checkins)


def _no_open(workshop: Workshop) -> Decision:
    """No check-in takes answers: say when the next one comes, or how one is planned."""
    lang = workshop.language
    coming = planned_checkins(workshop)
    if coming:
        day = local_day(coming[0].due_at, workshop.timezone)
        return refuse(lang, "no_open_checkin", "hint_next_checkin", day=day)
    return refuse(lang, "no_open_checkin", "hint_no_checkins")


def _next_number(answers: tuple[CheckInAnswer, ...]) -> int:
    # A replaced answer leaves the list, so count from the highest id rather than the length.
    return max((int(a.short_id[1:]) for a in answers), default=0) + 1


def answer(workshop: Workshop, cmd: c.AnswerCheckIn, ctx: Context) -> Decision:
    lang = workshop.language
    number = cmd.checkin if cmd.checkin is not None else open_checkin(workshop)
    if number is None:
        return _no_open(workshop)
    held = checkin(workshop, number)
    if held is None or held.posted_at is None:
        return refuse(lang, "unknown_checkin", "hint_checkin", number=number)
    if held.closed_at is not None:
        return refuse(lang, "checkin_closed", "hint_learning", number=number)
    earlier = None
    if not cmd.anonymous:
        earlier = next(
            (
                a
                for a in workshop.answers
                if a.author is not None
                and a.author.user_id == ctx.actor.user_id
                and a.checkin == number
                and a.circle is cmd.circle
            ),
            None,
        )
    given = CheckInAnswer(
        id=ctx.new_id(),
        short_id=f"E{_next_number(workshop.answers)}",
        checkin=number,
        circle=cmd.circle,
        rating=cmd.rating,
        comment=cmd.comment,
        # Anonymous: nothing of the person is kept, so it can be neither traced nor replaced.
        author=None if cmd.anonymous else ctx.actor,
        created_at=ctx.now,
    )
    confirmed = AnswerConfirmed(given, replaced=earlier is not None)
    return Decision([e.CheckInAnswered(given)], [Reply(Audience.PRIVATE, confirmed, lang)])


def close_checkin(workshop: Workshop, number: int, now: datetime) -> Decision:
    """The check-in stops taking answers and the stock-taking goes up in the channel: the same
    whether a facilitator closes it or its window ends (the Tick)."""
    event = e.CheckInClosed(number, now)
    closed = e.evolve(workshop, event)
    stock = StockTaking(closed, number)
    return Decision([event], [Reply(Audience.CHANNEL, stock, workshop.language)])


def close(workshop: Workshop, cmd: c.CloseCheckIn, ctx: Context) -> Decision:
    number = open_checkin(workshop)
    if number is None:
        return _no_open(workshop)
    return close_checkin(workshop, number, ctx.now)


def learning(workshop: Workshop, cmd: c.AddLearning, ctx: Context) -> Decision:
    lang = workshop.language
    number = latest_posted(workshop)
    if number is None and workshop.step is not Step.FOLLOW_UP:
        return refuse(lang, "no_learnings_yet", "hint_learning_later")
    learned = Learning(
        id=ctx.new_id(),
        short_id=f"L{len(workshop.learnings) + 1}",
        checkin=number,
        circle=cmd.circle,
        text=cmd.text,
        author=None if cmd.anonymous else ctx.actor,
        created_at=ctx.now,
    )
    said = Said("learning_added", {"short_id": learned.short_id})
    return Decision([e.LearningAdded(learned)], [Reply(Audience.PRIVATE, said, lang)])


def actionable(workshop: Workshop, cmd: c.MarkActionable, ctx: Context) -> Decision:
    """A worse answer or a red note the team can do something about; the same again unmarks.
    Said in the channel: it is the team's judgement, not one person's."""
    lang = workshop.language
    short_id = canonical_id(cmd.short_id)
    if short_id.startswith("E"):
        found = shown_answer(workshop, short_id)
        if found is None:
            return refuse(lang, "unknown_answer", "hint_actionable", short_id=short_id)
        if found.rating is not Rating.WORSE:
            return refuse(lang, "not_worse", "hint_actionable", short_id=short_id)
        marked = not found.actionable
    else:
        note = workshop.find(short_id)
        if not isinstance(note, Note) or note.status is not ItemStatus.ACTIVE:
            return refuse(lang, "unknown_note", "hint_actionable", short_id=short_id)
        if note.colour is not Colour.RED:
            return refuse(lang, "not_red", "hint_actionable", short_id=ItemId(short_id))
        marked = not note.actionable
    key = "actionable_marked" if marked else "actionable_unmarked"
    said = Said(key, {"short_id": ItemId(short_id)})
    return Decision([e.ActionableMarked(short_id, marked)], [Reply(Audience.CHANNEL, said, lang)])


def _agreement(workshop: Workshop, short_id: str, ctx: Context) -> Agreement | Decision:
    """The agreement `short_id` when the actor is one of its owners or a facilitator."""
    lang = workshop.language
    item = workshop.find(short_id)
    if not isinstance(item, Agreement):
        return refuse(lang, "unknown_agreement", "hint_board", short_id=short_id)
    if item.status is not ItemStatus.ACTIVE:
        return refuse(lang, "item_gone", "hint_board", short_id=ItemId(item.short_id))
    user_id = ctx.actor.user_id
    if user_id not in owners(item) and not workshop.is_facilitator(user_id):
        return refuse(
            lang,
            "not_owner",
            "hint_ask_owner",
            short_id=ItemId(item.short_id),
            people=Mentions((*owners(item), *workshop.facilitators)),
        )
    return item


def done(workshop: Workshop, cmd: c.MarkDone, ctx: Context) -> Decision:
    item = _agreement(workshop, cmd.short_id, ctx)
    if isinstance(item, Decision):
        return item
    lang = workshop.language
    if item.is_done:
        return refuse(lang, "already_done", "hint_reopen_agreement", short_id=item.short_id)
    said = Said("agreement_done", {"short_id": ItemId(item.short_id), "who": ctx.actor.label})
    event = e.AgreementDone(item.short_id, ctx.now)
    return Decision([event], [Reply(Audience.CHANNEL, said, lang)])


def reopen(workshop: Workshop, cmd: c.ReopenAgreement, ctx: Context) -> Decision:
    item = _agreement(workshop, cmd.short_id, ctx)
    if isinstance(item, Decision):
        return item
    lang = workshop.language
    if not item.is_done:
        return refuse(lang, "not_done", "hint_mark_done", short_id=item.short_id)
    said = Said("agreement_reopened", {"short_id": ItemId(item.short_id), "who": ctx.actor.label})
    return Decision([e.AgreementReopened(item.short_id)], [Reply(Audience.CHANNEL, said, lang)])


_MET = {True: "prereq_met", False: "prereq_not_met", None: "prereq_met_unknown"}


def prerequisite(workshop: Workshop, cmd: c.MarkPrerequisite, ctx: Context) -> Decision:
    lang = workshop.language
    item = workshop.find(cmd.short_id)
    if not isinstance(item, Prerequisite):
        return refuse(lang, "unknown_prereq", "hint_met", short_id=cmd.short_id)
    if item.status is not ItemStatus.ACTIVE:
        return refuse(lang, "item_gone", "hint_board", short_id=ItemId(item.short_id))
    said = Said(_MET[cmd.met], {"short_id": ItemId(item.short_id)})
    if item.met is cmd.met:  # said already: nothing to store or to tell everyone again
        return private(said, lang)
    event = e.PrerequisiteMet(item.short_id, cmd.met)
    return Decision([event], [Reply(Audience.CHANNEL, said, lang)])


HANDLERS = {
    c.AnswerCheckIn: answer,
    c.CloseCheckIn: close,
    c.AddLearning: learning,
    c.MarkActionable: actionable,
    c.MarkDone: done,
    c.ReopenAgreement: reopen,
    c.MarkPrerequisite: prerequisite,
}
