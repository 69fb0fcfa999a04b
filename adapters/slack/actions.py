"""Buttons (block_actions): open a modal, answer privately, or turn a choice into a command.

A button that opens a modal acknowledges first: the trigger_id is honoured for three seconds.
A button that asks the core acknowledges once its request is stored (see bridge.handle).
"""

from __future__ import annotations

import json

from slack_bolt.async_app import AsyncApp

from adapters.slack import checkins, modals, render
from adapters.slack.bridge import SlackBridge
from adapters.slack.delivery import Where
from core.circles import Circle
from core.commands import (
    AddNote,
    DeleteWorkshop,
    Origin,
    ShowBoard,
    ShowInspiration,
    WithdrawItem,
)
from core.model import Colour, Step


def _where(body: dict) -> Where:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id", ""
    )
    team = (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
    return Where(team, channel, body["user"]["id"])


def _value(body: dict) -> str:
    return body["actions"][0].get("value") or ""


def describe_value(raw: str) -> dict:
    """Button values we set are JSON objects or plain ids; never trust them beyond that."""
    try:
        value = json.loads(raw)
    except ValueError:
        return {"id": raw}
    return value if isinstance(value, dict) else {"id": raw}


async def _language(bridge: SlackBridge, where: Where, value: dict) -> str:
    return value.get("l") or await bridge.language(where)


def on_open_modal(bridge: SlackBridge, build_view):
    """A button that opens a form: `build_view(where, value, lang)` makes the modal."""

    async def open_modal(ack, body, client):
        await ack()
        where, value = _where(body), describe_value(_value(body))
        lang = await _language(bridge, where, value)
        await client.views_open(trigger_id=body["trigger_id"], view=build_view(where, value, lang))

    return open_modal


def _note_modal(where, value, lang):
    circle, step = Circle(value["c"]), Step(value["s"])
    return modals.note_modal(where.team, where.channel, circle, step, lang, value.get("w"))


def _prerequisite_modal(where, value, lang):
    return modals.prerequisite_modal(where.team, where.channel, lang, value.get("w"))


def _agreement_modal(where, value, lang):
    return modals.agreement_modal(where.team, where.channel, lang, value.get("w"))


def on_inspiration(bridge: SlackBridge):
    async def inspiration(ack, body, client):
        await bridge.handle(_where(body), client, command=ShowInspiration(Circle(_value(body))))
        await ack()

    return inspiration


def on_circle_notes(bridge: SlackBridge):
    """The wall's "see all notes": the circle's full list, privately."""

    async def circle_notes(ack, body, client):
        await bridge.handle(_where(body), client, command=ShowBoard(Circle(_value(body))))
        await ack()

    return circle_notes


def on_correct(bridge: SlackBridge):
    async def correct(ack, body, client):
        await ack()
        where, value = _where(body), describe_value(_value(body))
        workshop = await bridge.workshop(where)
        item = workshop.find(value["id"]) if workshop else None
        current = "" if item is None else getattr(item, "text", None) or getattr(item, "what", "")
        lang = workshop.language if workshop else bridge.default_language
        view = modals.edit_modal(
            where.team, where.channel, value["id"], current, value.get("code"), lang
        )
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    return correct


def on_withdraw(bridge: SlackBridge):
    async def withdraw(ack, body, client):
        value = describe_value(_value(body))
        command = WithdrawItem(value["id"], value.get("code"))
        await bridge.handle(_where(body), client, command=command)
        await ack()

    return withdraw


def on_colour(bridge: SlackBridge, colour: Colour):
    async def choose_colour(ack, body, client):
        token = _value(body)
        pending = await bridge.state.pending(token)
        where = _where(body)
        if pending is None or (pending["user"] and pending["user"] != where.user):
            await ack()
            return  # answered already, or not this person's question
        where = Where(pending["team"], pending["channel"], where.user)
        command = AddNote(Circle(pending["circle"]), pending["text"], pending["anonymous"], colour)
        await bridge.handle(
            where,
            client,
            command=command,
            message_id=f"colour:{token}",
            source_ref=pending.get("source_ref"),
        )
        # Stored: the question is answered. Dropped after the ack; a second click before then
        # stores nothing twice (its message id makes it a duplicate in the core).
        bridge.work.spawn(bridge.state.drop_pending(token))
        await ack()

    return choose_colour


def on_confirm_delete(bridge: SlackBridge):
    async def confirm_delete(ack, body, client):
        origin = Origin(str(describe_value(_value(body)).get("w") or ""))  # "" never matches
        await bridge.handle(_where(body), client, command=DeleteWorkshop(True, origin))
        await ack()

    return confirm_delete


def on_checkin_answer(bridge: SlackBridge):
    """A rating button of a check-in: the answer modal, that rating chosen. A value that is
    not one of ours opens nothing (acknowledged all the same: Slack would only resend it)."""

    async def answer(ack, body, client):
        await ack()
        where, value = _where(body), describe_value(_value(body))
        try:
            lang = await _language(bridge, where, value)
            view = checkins.answer_modal(where.team, where.channel, value, lang)
        except (KeyError, ValueError, TypeError):
            return
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    return answer


def on_keep_checkins(bridge: SlackBridge, action_id: str):
    async def keep(ack, body, client):
        command = checkins.keep_command(action_id, describe_value(_value(body)))
        await bridge.handle(_where(body), client, command=command)
        await ack()

    return keep


def register(app: AsyncApp, bridge: SlackBridge) -> None:
    listeners = {
        render.ADD_NOTE: on_open_modal(bridge, _note_modal),
        render.ADD_PREREQUISITE: on_open_modal(bridge, _prerequisite_modal),
        render.ADD_AGREEMENT: on_open_modal(bridge, _agreement_modal),
        render.INSPIRATION: on_inspiration(bridge),
        render.SHOW_CIRCLE_NOTES: on_circle_notes(bridge),
        render.CORRECT_ITEM: on_correct(bridge),
        render.WITHDRAW_ITEM: on_withdraw(bridge),
        render.CHOOSE_GREEN: on_colour(bridge, Colour.GREEN),
        render.CHOOSE_RED: on_colour(bridge, Colour.RED),
        render.CONFIRM_DELETE: on_confirm_delete(bridge),
        **{action_id: on_checkin_answer(bridge) for action_id in checkins.ANSWER.values()},
        checkins.KEEP_CHECKINS: on_keep_checkins(bridge, checkins.KEEP_CHECKINS),
        checkins.DROP_CHECKINS: on_keep_checkins(bridge, checkins.DROP_CHECKINS),
    }
    for action_id, listener in listeners.items():
        app.action(action_id)(bridge.work.track(listener))
