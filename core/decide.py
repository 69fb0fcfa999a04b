"""The workshop's decisions: given the workshop and a command, what happens and what is said."""

from __future__ import annotations

from collections.abc import Callable

from core import checkins, followup, freedoms, items, reach
from core import commands as c
from core import events as e
from core import followup_plan as plan
from core import method as m
from core.agenda import latest_posted, owners
from core.circles import BY_CIRCLE, CIRCLES
from core.context import Context, Decision, authorship, private, refuse
from core.dates import local_day, resolve_days
from core.language import mention_id, split_colour
from core.messages import (
    Audience,
    ColourNeeded,
    DeleteConfirmNeeded,
    HelpView,
    InspirationView,
    ItemConfirmed,
    ItemId,
    Mentions,
    Refusal,
    Reply,
    Said,
    StepOpened,
    TextRef,
)
from core.model import (
    WALKABLE,
    Agreement,
    Colour,
    ItemStatus,
    Note,
    Prerequisite,
    Step,
    Workshop,
)
from core.wall import counts_changed


def decide(workshop: Workshop | None, command: c.Command, ctx: Context) -> Decision:
    lang = workshop.language if workshop else ctx.language
    if isinstance(command, c.Help):
        facilitator = bool(workshop and workshop.is_facilitator(ctx.actor.user_id))
        return private(HelpView(workshop.step if workshop else None, facilitator), lang)
    if isinstance(command, c.ShowInspiration):
        circles = (command.circle,) if command.circle else tuple(i.circle for i in CIRCLES)
        return private(InspirationView(circles), lang)
    if isinstance(command, c.StartWorkshop):
        return _start(workshop, command, ctx)
    if isinstance(command, c.Tick):  # the bot's own: no one to refuse, no reply when idle
        return followup.tick(workshop, command, ctx)
    if workshop is None and isinstance(command, c.EditItem | c.WithdrawItem) and command.code:
        # A code typed where no workshop lives (a personal chat) found no note of its own.
        hint = "hint_code" if isinstance(command, c.EditItem) else "hint_code_withdraw"
        return refuse(lang, "bad_code", hint, short_id=ItemId(command.short_id))
    if workshop is None:
        return refuse(lang, "no_workshop", "hint_start")
    if isinstance(command, m.FACILITATOR_ONLY) and not workshop.is_facilitator(ctx.actor.user_id):
        action = m.FACILITATOR_ACTIONS[type(command)]
        return refuse(
            lang,
            "facilitator_only",
            "hint_ask_facilitator",
            action=TextRef(action),
            facilitators=Mentions(workshop.facilitators),
        )
    if isinstance(command, m.WRITES) and workshop.is_closed and not _after_end(workshop, command):
        return refuse(lang, "closed", "hint_board")
    mismatch = _origin_mismatch(workshop, getattr(command, "origin", None))
    if mismatch:
        return mismatch
    kind = m.ADDS.get(type(command))
    wrong = m.wrong_step(kind, workshop.step) if kind else None
    if wrong:
        return private(wrong, lang)
    # Days written as `i morgen` or `uge 10` are read now, with the workshop's calendar.
    command = resolve_days(command, local_day(ctx.now, workshop.timezone), lang)
    if isinstance(command, Refusal):
        return private(command, lang)
    handler = _HANDLERS[type(command)]
    return handler(workshop, command, ctx)


def _after_end(workshop: Workshop, command: c.Command) -> bool:
    """A closed workshop that kept its check-ins still takes stock: answers, closing a
    check-in, learnings, marks, agreements done or reopened, prerequisites met."""
    return isinstance(command, m.AFTER_END) and checkins.keeps_checkins(workshop)


def _origin_mismatch(workshop: Workshop, origin: c.Origin | None) -> Decision | None:
    """A form, card or circle message made for another workshop or step is refused, the same
    way on every platform: what it adds would land where nobody meant it to."""
    lang = workshop.language
    current = TextRef(f"step_{workshop.step.value}")
    if origin is None:
        return None
    if origin.workshop_id != workshop.id:
        return refuse(lang, "made_for_other_workshop", "hint_use_current", current=current)
    if origin.step is not None and origin.step is not workshop.step:
        step = TextRef(f"step_{origin.step.value}")
        return refuse(lang, "made_for_other_step", "hint_use_current", step=step, current=current)
    return None


def _start(workshop: Workshop | None, cmd: c.StartWorkshop, ctx: Context) -> Decision:
    if workshop is not None and not workshop.is_closed:
        return refuse(
            workshop.language, "workshop_exists", "hint_new", technology=workshop.technology
        )
    # Numbers follow the latest workshop, so a closed one keeps its number beside the new one.
    started = Workshop(
        id=ctx.new_id(),
        channel=ctx.channel,
        technology=cmd.technology,
        started_by=ctx.actor,
        created_at=ctx.now,
        language=ctx.language,
        facilitators=(ctx.actor.user_id,),
        number=workshop.number + 1 if workshop is not None else 1,
        step_opened_at=ctx.now,
    )
    lang = started.language
    said = Said("started", {"technology": cmd.technology, "who": ctx.actor.label})
    replies = [Reply(Audience.CHANNEL, said, lang)]
    if workshop is not None:  # the closed one stays, and everyone is told how to reach it
        kept = Said("earlier_kept", {"number": workshop.number, "technology": workshop.technology})
        replies.append(Reply(Audience.CHANNEL, kept, lang))
    replies.append(Reply(Audience.CHANNEL, StepOpened(started, Step.INTRO), lang))
    return Decision([e.WorkshopStarted(started)], replies)


def _move(workshop: Workshop, cmd: c.MoveStep, ctx: Context) -> Decision:
    position = WALKABLE.index(workshop.step)
    target = position + (1 if cmd.forward else -1)
    if target < 0:
        return refuse(workshop.language, "first_step", "hint_help")
    if target >= len(WALKABLE):
        return refuse(workshop.language, "last_step", "hint_end")
    step = WALKABLE[target]
    moved = e.evolve(workshop, e.StepChanged(step, ctx.now))
    return Decision([e.StepChanged(step, ctx.now)], freedoms.step_replies(moved, step))


def _note(workshop: Workshop, cmd: c.AddNote, ctx: Context) -> Decision:
    lang = workshop.language
    colour, text = cmd.colour, cmd.text
    if workshop.step is Step.TODAY:
        colour = Colour.ORANGE
    elif colour is None or colour is Colour.ORANGE:
        colour, text = split_colour(text)
        if colour is None:
            return private(ColourNeeded(cmd.circle, cmd.text, cmd.anonymous), lang)
    if not text:
        return refuse(lang, "missing_text", "hint_note")
    number = workshop.notes_written(cmd.circle) + 1
    note_id = ctx.new_id()
    author, code, code_hash = authorship(cmd.anonymous, note_id, ctx)
    note = Note(
        id=note_id,
        short_id=f"{BY_CIRCLE[cmd.circle].letter}{number}",
        circle=cmd.circle,
        colour=colour,
        step=workshop.step,
        text=text,
        author=author,
        created_at=ctx.now,
        code_hash=code_hash,
        source_ref=None if cmd.anonymous else ctx.source_ref,
    )
    after = e.evolve(workshop, e.NoteAdded(note))
    counts = counts_changed(after, cmd.circle, workshop.step)
    return Decision(
        [e.NoteAdded(note)],
        [
            Reply(Audience.PRIVATE, ItemConfirmed(note, "added", code), lang),
            Reply(Audience.CHANNEL, counts, lang),
        ],
    )


def _prereq(workshop: Workshop, cmd: c.AddPrerequisite, ctx: Context) -> Decision:
    lang = workshop.language
    circles = cmd.circles
    if cmd.note is not None:  # `for R2`: it answers that note, so it is about its circle too
        note = workshop.find(cmd.note)
        if not isinstance(note, Note) or note.status is not ItemStatus.ACTIVE:
            return refuse(lang, "unknown_note", "hint_board", short_id=cmd.note)
        circles = tuple(dict.fromkeys((*circles, note.circle)))
    number = len(workshop.prerequisites) + 1
    item_id = ctx.new_id()
    author, code, code_hash = authorship(cmd.anonymous, item_id, ctx)
    prereq = Prerequisite(
        id=item_id,
        short_id=f"F{number}",
        timing=cmd.timing,
        text=cmd.text,
        author=author,
        created_at=ctx.now,
        circles=circles,
        code_hash=code_hash,
        note=note.short_id if cmd.note is not None else None,
    )
    return Decision(
        [e.PrerequisiteAdded(prereq)],
        [Reply(Audience.PRIVATE, ItemConfirmed(prereq, "added", code), lang)],
    )


def _agree(workshop: Workshop, cmd: c.AddAgreement, ctx: Context) -> Decision:
    lang = workshop.language
    if cmd.prerequisite is not None:
        prereq = workshop.find(cmd.prerequisite)
        if not isinstance(prereq, Prerequisite) or prereq.status is not ItemStatus.ACTIVE:
            return refuse(lang, "unknown_prereq", "hint_board", short_id=cmd.prerequisite)
    agreement = Agreement(
        id=ctx.new_id(),
        short_id=f"AF{len(workshop.agreements) + 1}",
        owner=cmd.owner,
        due=cmd.due,
        what=cmd.what,
        author=ctx.actor,
        created_at=ctx.now,
        prerequisite=cmd.prerequisite,
        # Made in follow-up: grouped under the check-in whose stock-taking it came from.
        checkin=latest_posted(workshop) if workshop.step is Step.FOLLOW_UP else None,
    )
    replies = [
        Reply(Audience.PRIVATE, ItemConfirmed(agreement, "added"), lang),
        Reply(Audience.CHANNEL, ItemConfirmed(agreement, "announced"), lang),
    ]
    if not owners(agreement):  # reminders go to people named with @ only
        replies.append(Reply(Audience.PRIVATE, Said("agreement_no_reminders"), lang))
    return Decision([e.AgreementAdded(agreement)], replies)


def _said(workshop: Workshop, event: e.Event, key: str, **params) -> Decision:
    return Decision([event], [Reply(Audience.CHANNEL, Said(key, params), workshop.language)])


def _facilitator(workshop: Workshop, cmd: c.AddFacilitator, ctx: Context) -> Decision:
    user_id = mention_id(cmd.who)
    if workshop.is_facilitator(user_id):
        who = Mentions((user_id,))
        return refuse(workshop.language, "already_facilitator", "hint_help", who=who)
    return _said(
        workshop, e.FacilitatorAdded(user_id), "facilitator_added", who=Mentions((user_id,))
    )


def _language(workshop: Workshop, cmd: c.SetLanguage, ctx: Context) -> Decision:
    return Decision(
        [e.LanguageChanged(cmd.language)],
        [Reply(Audience.CHANNEL, Said("language_set"), cmd.language)],
    )


def _delete(workshop: Workshop, cmd: c.DeleteWorkshop, ctx: Context) -> Decision:
    if not cmd.confirmed:
        question = DeleteConfirmNeeded(workshop.technology, workshop.id, cmd.number)
        return private(question, workshop.language)
    deleted = e.WorkshopDeleted(workshop.id)
    return _said(workshop, deleted, "deleted", technology=workshop.technology)


def _view(make) -> Callable[[Workshop, c.Command, Context], Decision]:
    return lambda workshop, cmd, ctx: private(make(workshop), workshop.language)


_HANDLERS: dict[type, Callable[[Workshop, c.Command, Context], Decision]] = {
    c.MoveStep: _move,
    c.AddNote: _note,
    c.AddPrerequisite: _prereq,
    c.AddAgreement: _agree,
    c.SetRollout: plan.set_rollout,
    c.AddFacilitator: _facilitator,
    c.EditItem: items.edit_item,
    c.WithdrawItem: items.withdraw_item,
    c.RemoveItem: items.remove_item,
    c.EditFromMessage: items.edit_from_message,
    c.WithdrawFromMessage: items.withdraw_from_message,
    c.ShowBoard: freedoms.show_board,
    c.Vote: freedoms.vote,
    c.RemoveFacilitator: freedoms.remove_facilitator,
    c.ShowNames: freedoms.show_names,
    c.ReopenWorkshop: freedoms.reopen,
    c.RepeatStep: freedoms.repeat_step,
    c.ShowStatus: reach.status,
    c.Export: reach.export,
    c.SetLanguage: _language,
    c.EndWorkshop: plan.end,
    c.DeleteWorkshop: _delete,
    c.PlanCheckIns: plan.plan_checkins,
    c.KeepCheckIns: plan.keep_checkins,
    c.GoToStep: plan.go_to_step,
    **checkins.HANDLERS,
}
