"""Correcting, withdrawing and removing contributions: who may, and what it changes.

Typed and form-built changes name the item by its id and are refused when it cannot be
changed; changes that follow an edited or deleted chat message find the note by the message
and stay silent when the message never became a note of its author's.
"""

from __future__ import annotations

from core import commands as c
from core import events as e
from core.context import Context, Decision, code_opens, hash_code, refuse
from core.language import parse, split_colour
from core.messages import (
    Audience,
    ItemConfirmed,
    ItemId,
    ItemRemoved,
    Refusal,
    Reply,
)
from core.model import Agreement, Colour, Item, ItemStatus, Note, Workshop
from core.parsers_plans import read_agreement
from core.wall import counts_changed


def _may_change(workshop: Workshop, item: Item, code: str | None, ctx: Context) -> str | None:
    """None when the actor may change `item`, else the refusal's key."""
    if item.anonymous:
        if not code or not item.code_hash:
            return "not_author"
        return None if code_opens(item, code) else "bad_code"
    author = item.author
    if isinstance(item, Agreement) and workshop.is_facilitator(ctx.actor.user_id):
        return None  # agreements are the facilitators' to keep, whoever wrote one down
    return None if author is not None and author.user_id == ctx.actor.user_id else "not_author"


_CODE_HINTS = {"edit": "hint_code", "withdraw": "hint_code_withdraw"}


def _guard(
    workshop: Workshop,
    short_id: str,
    ctx: Context,
    code: str | None,
    authored: bool = True,
    verb: str = "edit",
) -> Item | Decision:
    """The active item `short_id` when the actor may change it, else the refusal."""
    lang = workshop.language
    item = workshop.find(short_id)
    if item is None:
        return refuse(lang, "unknown_item", "hint_board", short_id=ItemId(short_id))
    if item.status is not ItemStatus.ACTIVE:
        return refuse(lang, "item_gone", "hint_board", short_id=ItemId(item.short_id))
    problem = _may_change(workshop, item, code, ctx) if authored else None
    if problem:
        # The example shows the command that was typed: `træk U2 <kode>`, not `ret`.
        hint = _CODE_HINTS[verb] if item.anonymous else "hint_board"
        return refuse(lang, problem, hint, short_id=ItemId(item.short_id))
    return item


def _note_of_message(workshop: Workshop, ctx: Context) -> Note | None:
    """The actor's active note made from the chat message `ctx.source_ref`, if any."""
    if not ctx.source_ref:
        return None
    return next(
        (
            n
            for n in workshop.notes
            if n.source_ref == ctx.source_ref
            and n.status is ItemStatus.ACTIVE
            and n.author is not None
            and n.author.user_id == ctx.actor.user_id
        ),
        None,
    )


def _text_of_edited_message(text: str) -> str | None:
    """An edited `note <circle> <text>` keeps its text; another command is no note text."""
    parsed = parse(text)
    if isinstance(parsed, c.AddNote):
        return parsed.text
    if isinstance(parsed, Refusal) and parsed.key in ("unknown_command", "empty_command"):
        return text
    return None


def _counts(workshop: Workshop, changed: Workshop, item: Item) -> list[Reply]:
    if not isinstance(item, Note):
        return []
    message = counts_changed(changed, item.circle, item.step)
    return [Reply(Audience.CHANNEL, message, workshop.language)]


def _edit(workshop: Workshop, item: Item, text: str, ctx: Context) -> Decision:
    lang = workshop.language
    colour = None
    if isinstance(item, Note) and item.colour is not Colour.ORANGE:
        signed, unsigned = split_colour(text)
        colour, text = (signed, unsigned) if signed else (None, text)
    if not text:
        return refuse(lang, "missing_text", "hint_board")
    owner = due = None
    if isinstance(item, Agreement):  # `ret AF7 <hvem> <dato> <hvad>` changes all three
        whole = read_agreement(text)
        if isinstance(whole, c.AddAgreement):
            owner, due, text = whole.owner, whole.due, whole.what
    code = ctx.new_code() if item.anonymous else None
    event = e.ItemEdited(
        item.short_id,
        text,
        ctx.now,
        colour,
        hash_code(item.id, code) if code else None,
        owner=owner,
        due=due,
    )
    changed = e.evolve(workshop, event)
    confirmed = ItemConfirmed(changed.find(item.short_id), "edited", code)
    replies = [Reply(Audience.PRIVATE, confirmed, lang), *_counts(workshop, changed, item)]
    return Decision([event], replies)


def _set_status(workshop: Workshop, item: Item, status: ItemStatus, ctx: Context) -> Decision:
    lang = workshop.language
    event = e.ItemStatusChanged(item.short_id, status, ctx.now)
    changed = e.evolve(workshop, event)
    removed = status is ItemStatus.REMOVED
    confirmed = ItemConfirmed(changed.find(item.short_id), "removed" if removed else "withdrawn")
    replies = [Reply(Audience.PRIVATE, confirmed, lang)]
    if removed:
        replies.append(Reply(Audience.CHANNEL, ItemRemoved(item.short_id), lang))
    return Decision([event], replies + _counts(workshop, changed, item))


def edit_item(workshop: Workshop, cmd: c.EditItem, ctx: Context) -> Decision:
    item = _guard(workshop, cmd.short_id, ctx, cmd.code)
    return item if isinstance(item, Decision) else _edit(workshop, item, cmd.text, ctx)


def withdraw_item(workshop: Workshop, cmd: c.WithdrawItem, ctx: Context) -> Decision:
    item = _guard(workshop, cmd.short_id, ctx, cmd.code, verb="withdraw")
    if isinstance(item, Decision):
        return item
    return _set_status(workshop, item, ItemStatus.WITHDRAWN, ctx)


def remove_item(workshop: Workshop, cmd: c.RemoveItem, ctx: Context) -> Decision:
    # Facilitators remove anyone's item (checked before this: RemoveItem is facilitator-only).
    item = _guard(workshop, cmd.short_id, ctx, None, authored=False)
    if isinstance(item, Decision):
        return item
    return _set_status(workshop, item, ItemStatus.REMOVED, ctx)


def edit_from_message(workshop: Workshop, cmd: c.EditFromMessage, ctx: Context) -> Decision:
    note = _note_of_message(workshop, ctx)
    text = _text_of_edited_message(cmd.text) if note else None
    if note is None or text is None:
        return Decision()  # a message that never became a note, or became a command
    return _edit(workshop, note, text, ctx)


def withdraw_from_message(workshop: Workshop, cmd: c.WithdrawFromMessage, ctx: Context) -> Decision:
    note = _note_of_message(workshop, ctx)
    if note is None:
        return Decision()
    return _set_status(workshop, note, ItemStatus.WITHDRAWN, ctx)
