"""Correcting, withdrawing and removing contributions: who may, and what it changes."""

from __future__ import annotations

import hmac

from core import commands as c
from core import events as e
from core.context import Context, Decision, hash_code, refuse
from core.language import split_colour
from core.messages import (
    Audience,
    CountsChanged,
    ItemConfirmed,
    ItemRemoved,
    Reply,
)
from core.model import Colour, Item, ItemStatus, Note, Workshop


def _find(workshop: Workshop, command, ctx: Context) -> Item | None:
    ref = ctx.source_ref if isinstance(command, c.EditItem | c.WithdrawItem) else None
    if ref and not command.short_id:
        return next((n for n in workshop.notes if n.source_ref == ref), None)
    return workshop.find(command.short_id)


def _may_change(item: Item, command, ctx: Context) -> str | None:
    """None when the actor may change `item`, else the refusal's key."""
    if item.anonymous:
        if not command.code or not item.code_hash:
            return "not_author"
        given = hash_code(item.id, command.code)
        return None if hmac.compare_digest(given, item.code_hash) else "bad_code"
    author = item.author
    return None if author is not None and author.user_id == ctx.actor.user_id else "not_author"


def change_item(workshop: Workshop, command, ctx: Context) -> Decision:
    lang = workshop.language
    item = _find(workshop, command, ctx)
    if item is None:
        if not command.short_id:  # an edited chat message that never became a note
            return Decision()
        return refuse(lang, "unknown_item", "hint_board", short_id=command.short_id)
    if item.status is not ItemStatus.ACTIVE:
        return refuse(lang, "item_gone", "hint_board", short_id=item.short_id)
    if not isinstance(command, c.RemoveItem):
        problem = _may_change(item, command, ctx)
        if problem:
            hint = "hint_code" if item.anonymous else "hint_board"
            return refuse(lang, problem, hint, short_id=item.short_id)

    if isinstance(command, c.EditItem):
        text, colour = command.text, None
        if isinstance(item, Note) and item.colour is not Colour.ORANGE:
            signed, unsigned = split_colour(text)
            colour, text = (signed, unsigned) if signed else (None, text)
        if not text:
            return refuse(lang, "missing_text", "hint_board")
        code = ctx.new_code() if item.anonymous else None
        event = e.ItemEdited(
            item.short_id, text, ctx.now, colour, hash_code(item.id, code) if code else None
        )
        changed = e.evolve(workshop, event)
        replies = [
            Reply(
                Audience.PRIVATE, ItemConfirmed(changed.find(item.short_id), "edited", code), lang
            )
        ]
    else:
        removed = isinstance(command, c.RemoveItem)
        status = ItemStatus.REMOVED if removed else ItemStatus.WITHDRAWN
        event = e.ItemStatusChanged(item.short_id, status, ctx.now)
        changed = e.evolve(workshop, event)
        change = "removed" if removed else "withdrawn"
        replies = [
            Reply(Audience.PRIVATE, ItemConfirmed(changed.find(item.short_id), change), lang)
        ]
        if removed:
            replies.append(Reply(Audience.CHANNEL, ItemRemoved(item.short_id), lang))
    if isinstance(item, Note):
        counts = changed.counts(item.circle, item.step)
        replies.append(
            Reply(
                Audience.CHANNEL, CountsChanged(workshop.id, item.circle, item.step, counts), lang
            )
        )
    return Decision([event], replies)
