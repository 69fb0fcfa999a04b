"""Where each reply goes: the outbox conversation it is paced and ordered in, and its person.

A conversation's rows go out one at a time in the order they were written (the outbox), so
what must stay in order shares one, and what need not wait for the rest gets one of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from core.messages import Audience, CountsChanged, Reply
from core.model import ChannelKey
from core.service import Incoming, Outcome


@dataclass(frozen=True)
class Outgoing:
    """Where a reply goes: the conversation paced as one, the person for a private reply."""

    reply: Reply
    conversation: str
    recipient: str | None = None
    coalesce_key: str | None = None
    source_ref: str | None = None  # the chat message the reply answers, when there is one


def conversation_of(channel: ChannelKey) -> str:
    return f"{channel.platform}:{channel.workspace}:{channel.channel}"


# Edits of earlier messages go out in a conversation of their own beside the channel's: they
# are paced apart from new posts (Slack limits chat.update separately) and, while one waits
# its turn, newer states replace the unsent one instead of queueing behind new posts.
EDITS = "|edits"


# A person's private replies in a channel (receipts, refusals) go out in order among
# themselves, but not behind everyone else's: one conversation per person beside the
# channel's. The dispatcher still paces them with the channel (see `paced_with`).
PRIVATE_TO = "|to:"


def private_conversation(channel: ChannelKey, user_id: str) -> str:
    return f"{conversation_of(channel)}{PRIVATE_TO}{user_id}"


def paced_with(conversation: str) -> str:
    """The conversation whose pace a row keeps: a private reply is shown in its channel, and
    a platform limits the channel (Teams: 7 a second per conversation, targeted ones too)."""
    return conversation.split(PRIVATE_TO, 1)[0]


def direct_conversation(channel: ChannelKey, user_id: str) -> str:
    """A person's direct messages are paced as a conversation of their own, apart from the
    channel (Slack limits each DM channel as any other; Teams each 1:1 conversation)."""
    return f"{channel.platform}:{channel.workspace}:dm:{user_id}"


def per_recipient(reply: Reply) -> list[Reply]:
    """A DIRECT reply as one reply per person in `to` (each its own outbox row, sent, retried
    and set aside on its own); other replies as they are. A DIRECT reply naming nobody is
    dropped: it has nowhere to go."""
    if reply.audience is not Audience.DIRECT:
        return [reply]
    people = dict.fromkeys(reply.to)  # one message per person, however often named
    return [dataclasses.replace(reply, to=(person,)) for person in people]


def default_routing(channel: ChannelKey, actor_id: str, reply: Reply) -> Outgoing:
    """Private replies go to the person who acted, direct ones to their one recipient (see
    `per_recipient`); a circle's counts keep only their last state."""
    if reply.audience is Audience.DIRECT:
        (person,) = reply.to
        return Outgoing(reply, direct_conversation(channel, person), person)
    recipient = actor_id if reply.audience is Audience.PRIVATE else None
    if isinstance(reply.message, CountsChanged):
        message = reply.message
        coalesce = f"counts:{message.workshop_id}:{message.step.value}:{message.circle.value}"
        return Outgoing(reply, conversation_of(channel) + EDITS, recipient, coalesce)
    if recipient:
        return Outgoing(reply, private_conversation(channel, recipient), recipient)
    return Outgoing(reply, conversation_of(channel), recipient)


Routing = Callable[[ChannelKey, str, Reply], Outgoing]


def route(
    into: dict[ChannelKey, list[Outgoing]], incoming: Incoming, outcome: Outcome, routing: Routing
) -> None:
    """Adds the outcome's replies, as the outbox rows they become, to `into` (per channel)."""
    for channel, said in _by_destination(incoming, outcome):
        into.setdefault(channel, []).extend(
            _answering(routing(channel, incoming.actor.user_id, one), incoming.source_ref)
            for reply in said
            for one in per_recipient(reply)
        )


def _answering(outgoing: Outgoing, source_ref: str | None) -> Outgoing:
    """Private replies keep the message they answer (a colour question needs it)."""
    private = outgoing.reply.audience is Audience.PRIVATE
    if source_ref is None or not private or outgoing.source_ref is not None:
        return outgoing
    return dataclasses.replace(outgoing, source_ref=source_ref)


def _by_destination(incoming: Incoming, outcome: Outcome) -> list[tuple[ChannelKey, list[Reply]]]:
    """Where each reply goes: the person's answer where they asked; what everyone sees to the
    workshop's own channel, which differs when a code was used from a personal chat."""
    home = incoming.channel
    there = outcome.workshop.channel if outcome.workshop is not None else home
    if there == home:
        return [(home, list(outcome.replies))]
    private = [r for r in outcome.replies if r.audience is Audience.PRIVATE]
    public = [r for r in outcome.replies if r.audience is not Audience.PRIVATE]
    return [(home, private), (there, public)]
