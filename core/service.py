"""The one entry point every channel calls: parse, decide under the channel's lock, store, reply.

The store is a port: `adapters.persistence` implements it with SQLModel, `tests.fakes` in memory
for tests. The clock and the id source are passed in, never read here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from core import reach
from core.cleaning import normal_language, tidy_incoming
from core.commands import Command, EditItem, Tick, WithdrawItem
from core.context import code_opens
from core.decide import Context, decide
from core.events import Event, evolve
from core.followup import next_wakeup
from core.language import check_texts, parse
from core.messages import Audience, EarlierWorkshop, Refusal, Reply
from core.model import Actor, ChannelKey, Workshop
from core.privacy import refuse_where_shown


class Conflict(Exception):
    """A store lost a race (two first messages in one channel); the command may run again."""


@dataclass(frozen=True)
class Incoming:
    channel: ChannelKey
    actor: Actor
    text: str | None = None  # the command without `/rasmus` or `@RASMUS`
    # Forms (modals, cards) build the command themselves, or its Refusal when a field is bad.
    command: Command | Refusal | None = None
    message_id: str | None = None  # the platform's id: the same id twice is handled once
    source_ref: str | None = None  # a message people can later edit or delete (named notes only)
    language_hint: str | None = None  # used before a workshop exists
    # The typed words stay in the conversation under the author's name (a Teams channel or
    # group chat message, a Slack thread reply); a form, a card, a slash command or a
    # personal chat is not. Anonymous writing and codes are refused where it is set.
    shown_to_others: bool = False


@dataclass(frozen=True)
class Outcome:
    replies: list[Reply]
    workshop: Workshop | None
    events: list[Event] = field(default_factory=list)
    duplicate: bool = False


class Unit(Protocol):
    """One transaction holding the channel's lock."""

    workshop: Workshop | None  # the channel's open workshop, else its latest closed one

    def already_seen(self, key: str) -> bool:
        """Records `key`; True when it had been recorded before (a retry or a duplicate)."""

    def record(self, events: Sequence[Event]) -> None: ...

    def switch(self, *, number: int | None = None, workshop_id: str | None = None) -> bool:
        """Makes another workshop of this channel the unit's (core.reach); False if none."""

    def others(self) -> list[EarlierWorkshop]:
        """The channel's workshops other than the unit's, oldest first."""

    def wake_at(self, when: datetime | None) -> None:
        """When the unit's workshop next has due work (core.followup); None: nothing planned.
        The scheduler gives the core a `Tick` for this channel once that time has come."""


class Store(Protocol):
    def unit(self, channel: ChannelKey) -> AbstractContextManager[Unit]: ...

    def channels_with_anonymous(self, platform: str, short_id: str) -> list[ChannelKey]:
        """Channels whose open workshop has an anonymous item `short_id` (the code finds it)."""

    def workshops_of(self, platform: str, workspace: str, user_id: str) -> list[Workshop]: ...


class IdSource(Protocol):
    def new_id(self) -> str: ...

    def new_code(self) -> str: ...


def idempotency_key(channel: ChannelKey, message_id: str) -> str:
    # Hashed so that the table of seen ids cannot be read back into platform message ids.
    # Per channel: a Slack message ts, for one, is unique only within its channel.
    raw = "\x1f".join((channel.platform, channel.workspace, channel.channel, message_id))
    return hashlib.sha256(raw.encode()).hexdigest()


class WorkshopService:
    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        ids: IdSource,
        default_language: str = "da",
    ):
        self.store = store
        self.clock = clock
        self.ids = ids
        self.default_language = normal_language(default_language)

    def handle(self, incoming: Incoming) -> Outcome:
        for attempt in range(3):
            try:
                return self._handle_once(incoming)
            except Conflict:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _handle_once(self, incoming: Incoming) -> Outcome:
        incoming = tidy_incoming(incoming)  # text and names by the shared rules: core.cleaning
        command = incoming.command if incoming.command is not None else parse(incoming.text or "")
        if not isinstance(command, Refusal):
            command = check_texts(command)
        if not isinstance(command, Refusal) and incoming.shown_to_others:
            command = refuse_where_shown(command) or command
        channel = self._channel_of_code(incoming, command)
        with self.store.unit(channel) as unit:
            workshop = unit.workshop
            language = (
                workshop.language if workshop else (incoming.language_hint or self.default_language)
            )
            if isinstance(command, Refusal):
                return Outcome([Reply(Audience.PRIVATE, command, language)], workshop)
            if incoming.message_id and unit.already_seen(
                idempotency_key(incoming.channel, incoming.message_id)
            ):
                return Outcome([], workshop, duplicate=True)
            if workshop is not None:
                # `eksport 1`, `slet 1`: an earlier workshop of the channel, named by number.
                missing = reach.focus(unit, command)
                workshop = unit.workshop
                language = workshop.language
                if missing is not None:
                    return Outcome([Reply(Audience.PRIVATE, missing, language)], workshop)
            context = Context(
                channel=channel,
                actor=incoming.actor,
                now=self.clock(),
                new_id=self.ids.new_id,
                new_code=self.ids.new_code,
                source_ref=incoming.source_ref,
                language=language,
                others=reach.others_for(unit, command),
            )
            decision = decide(workshop, command, context)
            if decision.events:
                unit.record(decision.events)
            for event in decision.events:
                workshop = evolve(workshop, event)
            # After a Tick too, even one that found nothing to do: the scheduler cleared the
            # wake-up when it handed the Tick over, and only this puts the next one back.
            if workshop is not None and (decision.events or isinstance(command, Tick)):
                unit.wake_at(next_wakeup(workshop))
            return Outcome(decision.replies, workshop, list(decision.events))

    def _channel_of_code(self, incoming: Incoming, command) -> ChannelKey:
        """Where the command runs: its own channel, or for a change with a code typed where
        that item is not (a personal chat), the one workshop whose item the code opens."""
        if not isinstance(command, (EditItem, WithdrawItem)) or not command.code:
            return incoming.channel
        platform = incoming.channel.platform
        found = self.store.channels_with_anonymous(platform, command.short_id)
        if incoming.channel in found:
            return incoming.channel
        for channel in found:
            with self.store.unit(channel) as unit:
                item = unit.workshop.find(command.short_id) if unit.workshop else None
                if item is not None and code_opens(item, command.code):
                    return channel
        return incoming.channel

    def workshops_of(self, platform: str, workspace: str, user_id: str) -> list[Workshop]:
        return self.store.workshops_of(platform, workspace, user_id)

    def workshop(self, channel: ChannelKey) -> Workshop | None:
        with self.store.unit(channel) as unit:
            return unit.workshop
