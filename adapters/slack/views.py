"""Modal submissions (view_submission): each becomes one core command.

A missing radio choice is answered inside the modal (response_action=errors) so nothing is
lost; anything else is stored, then the modal closes and the core's answer arrives privately.
The view id is the idempotency key: one modal stores at most one contribution.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from adapters.slack import checkins, modals
from adapters.slack.bridge import SlackBridge
from adapters.slack.delivery import Where
from core.commands import Command

_READERS = {
    modals.NOTE_MODAL: modals.read_note,
    modals.PREREQ_MODAL: modals.read_prerequisite,
    modals.AGREEMENT_MODAL: modals.read_agreement,
    modals.EDIT_MODAL: modals.read_edit,
}


def on_submission(bridge: SlackBridge, callback_id: str):
    read = _READERS[callback_id]

    async def submitted(ack, body, view, client):
        errors = modals.missing_choices(view)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        meta = modals.metadata(view)
        where = Where(meta["tm"], meta["ch"], body["user"]["id"])
        command: Command = read(view)
        await bridge.handle(where, client, command=command, message_id=f"view:{view['id']}")
        await ack()  # only now: the submission is stored

    return submitted


def on_answer(bridge: SlackBridge):
    """A check-in answer: what cannot be read is said in the modal, which stays open."""

    async def submitted(ack, body, view, client):
        answer = checkins.read_answer(view)
        errors = checkins.modal_errors(view, answer)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        meta = modals.metadata(view)
        where = Where(meta["tm"], meta["ch"], body["user"]["id"])
        await bridge.handle(where, client, command=answer, message_id=f"view:{view['id']}")
        await ack()

    return submitted


def register(app: AsyncApp, bridge: SlackBridge) -> None:
    for callback_id in _READERS:
        app.view(callback_id)(bridge.work.track(on_submission(bridge, callback_id)))
    app.view(checkins.ANSWER_MODAL)(bridge.work.track(on_answer(bridge)))
