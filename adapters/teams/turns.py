"""One Teams turn: which kind of activity it is, what it asks of the core, and the core's call.

Each entry point reads one kind of activity (a message, an edit, a delete, an install, a card
submit, an answer on a file consent card) and turns it into a core command or text, stored in
the inbox before the turn is answered (503 when it could not be). The worker decides it later and
the dispatcher hands the replies to `TeamsSender`. What must happen in the turn stays there: the
conversation reference on install and on a workshop's start, the file consent answer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from microsoft_agents.hosting.core import TurnContext

from adapters.chat.checkin_words import word
from adapters.chat.intake import NotStored
from adapters.chat.platform import Services
from adapters.persistence.database import StorageBusy
from adapters.teams import delivery
from adapters.teams.ack import mark_not_stored
from adapters.teams.export import ExportOffers
from adapters.teams.labels import label
from adapters.teams.proactive import reference_of
from adapters.teams.recent import RecentReads
from adapters.teams.sdk import TeamsSdk
from adapters.teams.sender import TeamsSender
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
from core.events import WorkshopStarted
from core.language import parse, reply_command
from core.model import Actor
from core.privacy import touches_anonymity
from core.service import Incoming
from core.texts import t
from core.wall import filled

log = logging.getLogger("rasmus.teams")

NOT_STORED_NOTICE_SECONDS = 3.0


class TeamsTurns:
    def __init__(self, settings: TeamsSettings, services: Services, sdk: TeamsSdk):
        self.settings = settings
        self.services = services
        self.sdk = sdk
        self.state = TeamsState(services.state, services.core)
        self.exports = ExportOffers(sdk, self.state)
        self.recent = RecentReads(self.state)  # references and names, read once a while
        self.sender = TeamsSender(sdk, self.state, services.memory, self.exports, self.recent)

    async def drain(self) -> None:
        """Waits for work still running after its turn (on shutdown, and in tests)."""
        await self.sender.drain()

    # --- entry points, called by the agent -------------------------------------------------
    async def on_message(self, context: TurnContext) -> None:
        activity = context.activity
        place, who = where(activity), actor(activity)
        if isinstance(activity.value, dict) and not (activity.text or "").strip():
            command = command_from_submit(activity.value)
            if isinstance(command, list):
                await self._several(context, place, who, command)
                return
            if command is None:
                return
            await self._remember_person_unless_anonymous(context, place, who, command)
            await self._handle(context, place, who, command=command, message_id=activity.id)
            return
        text = command_text(activity)
        await self._remember_person_unless_anonymous(context, place, who, text)
        thread = (
            await self.services.memory.thread_origin(place.channel, place.thread_root)
            if place.thread_root
            else None
        )
        if thread:
            # A reply under a circle card is a note for that circle (named: threads show
            # names), or a command when it starts with one; the core checks workshop and step.
            origin = c.Origin(thread.workshop_id, thread.step)
            await self._handle(
                context,
                place,
                who,
                command=reply_command(text, thread.circle, origin),
                message_id=activity.id,
                source=source_ref(activity, place),
                typed=True,
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
            typed=True,
        )

    async def _several(
        self, context: TurnContext, place: Where, who: Actor, commands: list[c.AnswerCheckIn]
    ) -> None:
        """A check-in card: one request per circle answered, each with an id of its own, so a
        resent card stores none twice. Nothing answered: said at once, nothing stored."""
        if not commands:
            lang = (context.activity.value or {}).get("lang")
            said = word("answer_none_chosen", lang if lang in ("da", "en") else "da")
            await self.sender.send_private(context, place, who, delivery.text_activity(said))
            return
        for command in commands:
            await self._remember_person_unless_anonymous(context, place, who, command)
            key = f"{context.activity.id}:{command.circle.value}"
            await self._handle(context, place, who, command=command, message_id=key)

    async def _remember_person_unless_anonymous(
        self, context: TurnContext, place: Where, who: Actor, said: str | c.Command
    ) -> None:
        """A personal chat's reference, kept for later messages to this person; never on an
        anonymous act, so no row about its author changes in the moments around it."""
        anonymous_answer = isinstance(said, c.AnswerCheckIn) and said.anonymous
        if place.is_personal and not (touches_anonymity(said) or anonymous_answer):
            await self.state.remember_person(who.user_id, reference_of(context.activity))

    async def on_message_update(self, context: TurnContext) -> None:
        activity = context.activity
        place = where(activity)
        await self._handle(
            context,
            place,
            actor(activity),
            command=c.EditFromMessage(command_text(activity)),
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
            command=c.WithdrawFromMessage(),
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
            await self.recent.remember_channel(
                place.channel, reference_of(context.activity, place.conversation_root)
            )
        log.info("RASMUS installed in a Teams %s", place.kind)
        welcome = label("welcome", self.settings.default_language)
        await context.send_activity(delivery.text_activity(welcome, markdown=True))

    async def on_file_consent(self, context: TurnContext) -> None:
        """The person allowed or declined the report offered on a file consent card."""
        await self.exports.answer(context)

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
        typed=False,
    ) -> None:
        incoming = Incoming(
            place.channel,
            who,
            text=text,
            command=command,
            message_id=message_id,
            source_ref=source,
            # None: Teams does not tell us the reader's language. The core starts a workshop
            # in the default language; an apology from the worker then speaks both.
            language_hint=None,
            # Typed in a channel or group chat, the words stay there under the person's name.
            shown_to_others=typed and not place.is_personal,
        )
        if self.services.intake is not None:
            await self._store(context, place, incoming)
            return
        # Without an inbox (the kit's own tests) the core decides in the turn.
        # A card's bad input arrives as a Refusal; the core words it in the workshop's language.
        outcome = await self.services.core.run(self.services.service.handle, incoming)
        if outcome.duplicate or (quiet_when_nothing and not outcome.events):
            return
        outcome = replace(outcome, replies=filled(outcome.replies, outcome.workshop))
        if any(isinstance(event, WorkshopStarted) for event in outcome.events):
            await self.recent.remember_channel(
                place.channel, reference_of(context.activity, place.conversation_root)
            )
        await self.sender.deliver(context, place, who, outcome)

    async def _store(self, context: TurnContext, place: Where, incoming: Incoming) -> None:
        """Stores the request in the inbox; the turn is acknowledged only after that commit.
        The worker decides it, and the dispatcher sends the replies through the reference
        remembered here (on a workshop's start, or the first time RASMUS hears from a place)."""
        try:
            if self._starts_workshop(incoming) or (
                await self.recent.channel_reference(place.channel) is None
            ):
                reference = reference_of(context.activity, place.conversation_root)
                # The place's reference, not the person's: stored on any first message (an
                # anonymous one too), it must not say who wrote it.
                reference.pop("user", None)
                await self.recent.remember_channel(place.channel, reference)
            await self.services.intake.submit(incoming)
        except Exception as error:  # noqa: BLE001 - whatever failed, nothing is acknowledged
            busy = isinstance(error, NotStored | StorageBusy)
            log.warning(
                "a Teams request was not stored (%s); answering 503", error, exc_info=not busy
            )
            mark_not_stored()
            await self._say_not_stored(context)

    @staticmethod
    def _starts_workshop(incoming: Incoming) -> bool:
        if incoming.command is not None:
            return isinstance(incoming.command, c.StartWorkshop)
        return isinstance(parse(incoming.text or ""), c.StartWorkshop)

    async def _say_not_stored(self, context: TurnContext) -> None:
        """Best effort, and short: the turn must still answer inside Teams' 15 s."""
        words = t("something_wrong", "da") + "\n\n" + t("something_wrong", "en")
        try:
            await asyncio.wait_for(context.send_activity(words), NOT_STORED_NOTICE_SECONDS)
        except Exception:  # noqa: BLE001 - the 503 still tells Teams it failed
            log.warning("could not tell the person that nothing was stored")
