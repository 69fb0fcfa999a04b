"""One Teams turn: translate the activity, ask the core, deliver what it says.

The turn itself answers only what the person who acted must see now (confirmations, refusals,
short replies). New channel posts (a step and its six circle cards) and in-place count updates
run after the turn through stored conversation references, so Teams gets its answer fast.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from aiohttp import ClientResponseError
from microsoft_agents.activity import ChannelAccount
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from adapters.chat.platform import Services
from adapters.teams import delivery
from adapters.teams.labels import label
from adapters.teams.proactive import continue_in, open_personal_chat, reference_of
from adapters.teams.sdk import TeamsSdk
from adapters.teams.settings import TeamsSettings
from adapters.teams.state import TeamsState
from adapters.teams.submits import command_from_submit
from adapters.teams.translate import (
    Where,
    actor,
    command_text,
    is_addressed_to_bot,
    source_ref,
    where,
)
from core import commands as c
from core.circles import Circle
from core.events import WorkshopStarted
from core.language import parse, split_colour
from core.messages import ExportReady, Refusal
from core.model import Actor
from core.service import Incoming, Outcome

log = logging.getLogger("rasmus.teams")


class TeamsTurns:
    def __init__(self, settings: TeamsSettings, services: Services, sdk: TeamsSdk):
        self.settings = settings
        self.services = services
        self.sdk = sdk
        self.state = TeamsState(services.state)
        self._after_turn: set[asyncio.Task] = set()

    async def drain(self) -> None:
        """Waits for work still running after its turn (on shutdown, and in tests)."""
        while self._after_turn:
            await asyncio.gather(*list(self._after_turn), return_exceptions=True)

    # --- entry points, called by the agent -------------------------------------------------
    async def on_message(self, context: TurnContext) -> None:
        activity = context.activity
        place, who = where(activity), actor(activity)
        if place.is_personal:
            await self.state.remember_person(who.user_id, reference_of(activity))
        if isinstance(activity.value, dict) and not (activity.text or "").strip():
            command = command_from_submit(activity.value)
            if command is None:
                return
            await self._handle(context, place, who, command=command, message_id=activity.id)
            return
        text = command_text(activity)
        thread = (
            await self.state.circle_of_thread(place.channel, place.thread_root)
            if place.thread_root
            else None
        )
        if thread and not _starts_with_command(text):
            # A reply under a circle card is a note for that circle (named: threads show names).
            colour, rest = split_colour(text)
            note = c.AddNote(Circle(thread["circle"]), rest if colour else text, colour=colour)
            await self._handle(
                context,
                place,
                who,
                command=note,
                message_id=activity.id,
                source=source_ref(activity, place),
            )
            return
        if not is_addressed_to_bot(activity, place):
            return  # people talking among themselves
        await self._handle(
            context,
            place,
            who,
            text=text,
            message_id=activity.id,
            source=source_ref(activity, place),
        )

    async def on_message_update(self, context: TurnContext) -> None:
        activity = context.activity
        place = where(activity)
        text = command_text(activity)
        parsed = parse(text)
        if isinstance(parsed, c.AddNote):
            text = parsed.text  # an edited `@RASMUS note <circle> <text>`: the note is the text
        elif _starts_with_command(text):
            return  # an edited command that made no note: nothing to correct
        edit = c.EditItem("", text)
        await self._handle(
            context,
            place,
            actor(activity),
            command=edit,
            source=source_ref(activity, place),
            quiet_when_nothing=True,
        )

    async def on_message_delete(self, context: TurnContext) -> None:
        activity = context.activity
        place = where(activity)
        await self._handle(
            context,
            place,
            actor(activity),
            command=c.WithdrawItem(""),
            source=source_ref(activity, place),
            quiet_when_nothing=True,
        )

    async def on_installed(self, context: TurnContext) -> None:
        place = where(context.activity)
        if place.is_personal:
            await self.state.remember_person(
                actor(context.activity).user_id, reference_of(context.activity)
            )
        else:
            await self.state.remember_channel(
                place.channel, reference_of(context.activity, place.conversation_root)
            )
        log.info("RASMUS installed in a Teams %s", place.kind)
        welcome = label("welcome", self.settings.default_language)
        await context.send_activity(delivery.text_activity(welcome, markdown=True))

    # --- the core ---------------------------------------------------------------------------
    async def _handle(
        self,
        context: TurnContext,
        place: Where,
        who: Actor,
        *,
        text=None,
        command=None,
        message_id=None,
        source=None,
        quiet_when_nothing=False,
    ) -> None:
        incoming = Incoming(
            place.channel,
            who,
            text=text,
            command=command,
            message_id=message_id,
            source_ref=source,
            language_hint=self.settings.default_language,
        )
        # A card's bad input arrives as a Refusal; the core words it in the workshop's language.
        outcome = await self.services.core.run(self.services.service.handle, incoming)
        if outcome.duplicate or (quiet_when_nothing and not outcome.events):
            return
        if any(isinstance(event, WorkshopStarted) for event in outcome.events):
            await self.state.remember_channel(
                place.channel, reference_of(context.activity, place.conversation_root)
            )
        await self._deliver(context, place, who, outcome)

    async def _deliver(
        self, context: TurnContext, place: Where, who: Actor, outcome: Outcome
    ) -> None:
        names = await self.state.member_names()
        later: list[delivery.Planned] = []
        for reply in outcome.replies:
            if isinstance(reply.message, ExportReady):
                await self.services.core.run(self._save_export, reply.message)
            for planned in delivery.plan(reply, names):
                if isinstance(planned, delivery.Send):
                    await self._send_now(context, place, who, planned)
                else:
                    later.append(planned)
        if later:
            reference = reference_of(context.activity, place.conversation_root)
            task = asyncio.create_task(self._post_after_turn(place, reference, later))
            self._after_turn.add(task)
            task.add_done_callback(self._after_turn.discard)

    async def _send_now(
        self, context: TurnContext, place: Where, who: Actor, planned: delivery.Send
    ) -> None:
        if not planned.private or place.is_personal:
            await context.send_activity(planned.activity)
            return
        # A targeted message: shown in the conversation to this one person only.
        targeted = planned.activity.model_copy(deep=True).with_targeted_recipient(
            ChannelAccount(id=who.user_id, name=who.display_name or None)
        )
        try:
            await context.send_activity(targeted)
        except ClientResponseError as refused:
            if not 400 <= refused.status < 500 or refused.status == 429:
                raise  # Teams is down or busy (already retried): not a reason to change route
            # Teams refused the targeted message itself (e.g. a tenant without them). Still
            # private, never the channel: their 1:1 chat with RASMUS instead.
            log.warning("Teams refused a targeted message; using a personal chat instead")
            reference = await open_personal_chat(context, who.user_id, planned.activity)
            await self.state.remember_person(who.user_id, reference)

    async def _post_after_turn(
        self, place: Where, reference: dict, planned: list[delivery.Planned]
    ) -> None:
        async def work(context: TurnContext) -> None:
            for item in planned:
                try:
                    await self._post_one(context, place, item)
                except Exception:  # noqa: BLE001 - one failed post must not stop the rest
                    log.exception("a Teams post after the turn failed")

        try:
            await continue_in(self.sdk, reference, work)
        except Exception:  # noqa: BLE001
            log.exception("could not continue the Teams conversation after the turn")

    async def _post_one(self, context: TurnContext, place: Where, item: delivery.Planned) -> None:
        if isinstance(item, delivery.UpdateCircle):
            card_id = await self.state.circle_card(
                place.channel, item.workshop_id, item.step, item.circle
            )
            if card_id:
                item.activity.id = card_id
                await context.update_activity(item.activity)
            return
        activity = item.activity
        if item.with_members:
            activity = item.with_members(await self._members(context))
        response = await context.send_activity(activity)
        if item.circle and response and response.id:
            workshop_id, circle, step = item.circle
            await self.state.remember_circle_card(
                place.channel, workshop_id, step, circle, response.id
            )

    async def _members(self, context: TurnContext) -> list[tuple[str, str]]:
        """The conversation's members as (id, name), when Teams lists them; else none."""
        try:
            connector = context.services.get(ConnectorClientBase)
            accounts = await connector.conversations.get_conversation_members(
                context.activity.conversation.id
            )
        except Exception:  # noqa: BLE001 - without the list, owners are typed
            log.warning("could not list the conversation's members")
            return []
        bot_id = context.activity.recipient.id if context.activity.recipient else None
        members = [(a.id, a.name or a.id) for a in accounts if a.id != bot_id]
        await self.state.remember_members(members)
        return members

    def _save_export(self, export: ExportReady) -> None:
        folder = Path(self.settings.export_dir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / export.filename).write_text(export.markdown, encoding="utf-8")


def _starts_with_command(text: str) -> bool:
    """A thread reply is a command only when it starts with one of the command words."""
    parsed = parse(text)
    return not (isinstance(parsed, Refusal) and parsed.key in ("unknown_command", "empty_command"))
