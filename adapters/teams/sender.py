"""Carries out what `delivery.plan` decided for the core's replies.

With the inbox (the server's way): a turn only stores its request; the dispatcher later hands
each outbox reply to `deliver_proactively`, which sends it through the conversation reference
(new posts, in-place card updates, private replies as targeted messages, or the person's 1:1
chat with RASMUS when Teams refuses those), with one pooled connector session, and hands a 429
or 5xx back to the dispatcher as `DeliveryRetry` while nothing of the reply was shown
(adapters.teams.outbound). Without an inbox (the kit's own tests) a turn still answers itself:
what the person must see now in the turn, posts and updates right after it. The export is
handed to `ExportOffers`, which sends it as a file.

Circle cards are remembered in the shared kit's memory (adapters.chat.memory); posting and
remembering them, and forgetting a deleted workshop's cards, run in the channel's order, so a
post still under way never remembers a card after its channel was forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiohttp import ClientResponseError
from microsoft_agents.activity import Activity, ChannelAccount
from microsoft_agents.hosting.core import TurnContext

from adapters.chat.memory import ChatMemory
from adapters.chat.work import WorkInFlight
from adapters.teams import delivery
from adapters.teams.direct import DirectMessages
from adapters.teams.export import ExportOffers
from adapters.teams.members import conversation_members
from adapters.teams.outbound import NoConversationReference, OneReply
from adapters.teams.proactive import continue_in, continue_raising, open_personal_chat, reference_of
from adapters.teams.recent import RecentReads
from adapters.teams.sdk import TeamsSdk
from adapters.teams.state import TeamsState
from adapters.teams.translate import PLATFORM, Where
from core.events import WorkshopDeleted
from core.messages import Audience, ExportReady, Reply
from core.model import Actor, ChannelKey
from core.service import Outcome

log = logging.getLogger("rasmus.teams")


class TeamsSender:
    def __init__(
        self,
        sdk: TeamsSdk,
        state: TeamsState,
        memory: ChatMemory,
        exports: ExportOffers,
        recent: RecentReads | None = None,
    ):
        self.sdk = sdk
        self.state = state
        self.recent = recent or RecentReads(state)
        self.memory = memory
        self.exports = exports
        self._after_turn = WorkInFlight()  # the kit's tracker, as Slack's after-ack work
        self.policy = sdk.pool.policy
        self.direct = DirectMessages(sdk, state, self.recent, self.policy)

    async def drain(self) -> None:
        """Waits for work still running after its turn (on shutdown, and in tests)."""
        await self._after_turn.drain()

    # --- in a turn ------------------------------------------------------------------------
    async def deliver(
        self, context: TurnContext, place: Where, who: Actor, outcome: Outcome
    ) -> None:
        for event in outcome.events:
            if isinstance(event, WorkshopDeleted):  # the store deleted the rest with it
                async with self.memory.in_order(place.channel):
                    await self.memory.forget_workshop(place.channel, event.workshop_id)
        workshop = outcome.workshop
        if workshop is not None and workshop.channel != place.channel:
            # A change made with a code in a personal chat: the person's answer comes here,
            # what everyone sees (the circle card's counts) goes to the workshop's channel.
            mine = [r for r in outcome.replies if r.audience is Audience.PRIVATE]
            theirs = [r for r in outcome.replies if r.audience is not Audience.PRIVATE]
            await self.deliver_in_turn(context, place, who, mine)
            if theirs:
                self._after_turn.spawn(self._deliver_in_workshop(workshop.channel, theirs))
            return
        await self.deliver_in_turn(context, place, who, outcome.replies)

    async def _deliver_in_workshop(self, channel: ChannelKey, replies: Sequence[Reply]) -> None:
        try:
            await self.deliver_proactively(channel, replies, None)
        except Exception:  # noqa: BLE001 - after the turn: logged, the change itself is stored
            log.exception("could not update the workshop's channel after a change elsewhere")

    async def deliver_in_turn(
        self, context: TurnContext, place: Where, who: Actor | None, replies: Sequence[Reply]
    ) -> None:
        later = await self._send_now(context, place, who, replies)
        if later:
            reference = reference_of(context.activity, place.conversation_root)
            self._after_turn.spawn(self._post_after_turn(place, reference, later))

    # --- without a turn: the dispatcher, one outbox reply at a time ----------------------
    async def deliver_proactively(
        self, channel: ChannelKey, replies: Sequence[Reply], who: Actor | None
    ) -> None:
        """Through the channel's stored reference (install, first contact or workshop start);
        in a personal chat, through the person's. Raises `DeliveryRetry` when the connector
        throttled or failed before anything was shown, so the dispatcher sends it later."""
        for reply in replies:
            if reply.audience is Audience.DIRECT:
                await self.deliver_direct(channel, reply)
        replies = [r for r in replies if r.audience is not Audience.DIRECT]
        if not replies:
            return
        reference = await self._reference_for(channel, who)
        if reference is None:
            raise NoConversationReference(f"no Teams conversation reference for {channel}")
        conversation = reference.get("conversation") or {}
        place = Where(channel, channel.channel, None, conversation.get("conversationType") or "")
        reply_sent = OneReply(self.policy)

        async def work(context: TurnContext) -> None:
            async with self.memory.in_order(channel):
                await self._send_all(context, place, who, replies, reply_sent)

        await continue_raising(self.sdk, reference, work)

    async def deliver_direct(self, channel: ChannelKey, reply: Reply) -> None:
        """A reminder or nudge, to each of `reply.to` privately (adapters.teams.direct)."""
        await self.direct.deliver(channel, reply)

    async def _offer(self, context: TurnContext, place: Where, who: Actor, reply: Reply) -> None:
        told = await self.exports.offer(context, place, who, reply.message, reply.language)
        if told is not None:
            await self.send_private(context, place, who, told)

    async def _reference_for(self, channel: ChannelKey, who: Actor | None) -> dict | None:
        reference = await self.recent.channel_reference(channel)
        if reference is None and who is not None:
            personal = await self.state.personal_reference(who.user_id)
            if personal and (personal.get("conversation") or {}).get("id") == channel.channel:
                return personal  # the workshop lives in the person's chat with RASMUS
        return reference

    async def _send_all(
        self,
        context: TurnContext,
        place: Where,
        who: Actor | None,
        replies: Sequence[Reply],
        reply_sent: OneReply,
    ) -> None:
        names = await self.recent.member_names()
        for reply in replies:
            if who is None and reply.audience is Audience.PRIVATE:
                log.warning("a private reply without a person to send it to was dropped")
                continue
            if isinstance(reply.message, ExportReady) and who is not None:
                await reply_sent.send(lambda r=reply: self._offer(context, place, who, r))
                continue
            for planned in delivery.plan(reply, names):
                if not isinstance(planned, delivery.Send):
                    await self._post_one(context, place, planned, reply_sent)
                elif planned.private and who is not None:
                    await reply_sent.send(
                        lambda p=planned: self.send_private(context, place, who, p.activity)
                    )
                else:
                    await reply_sent.send(lambda p=planned: context.send_activity(p.activity))

    # --- both -----------------------------------------------------------------------------
    async def _send_now(
        self,
        context: TurnContext,
        place: Where,
        who: Actor | None,
        replies: Sequence[Reply],
        *,
        isolated: bool = False,
    ) -> list[delivery.Planned]:
        """Sends what belongs in this conversation now; returns the posts and updates."""
        names = await self.state.member_names()
        later: list[delivery.Planned] = []
        for reply in replies:
            if who is None and reply.audience is Audience.PRIVATE:
                log.warning("a private reply without a person to send it to was dropped")
                continue
            if reply.audience is Audience.DIRECT:  # not in this conversation: after the turn
                self._after_turn.spawn(self._direct_after_turn(place.channel, reply))
                continue
            try:
                later += await self._send_reply(context, place, who, reply, names)
            except Exception:  # noqa: BLE001 - without a turn, one failed reply stops no other
                if not isolated:
                    raise  # in a turn, the turn's error handler tells the person
                log.exception("a Teams reply could not be delivered")
        return later

    async def _send_reply(
        self, context: TurnContext, place: Where, who: Actor | None, reply: Reply, names
    ) -> list[delivery.Planned]:
        if isinstance(reply.message, ExportReady) and who is not None:
            told = await self.exports.offer(context, place, who, reply.message, reply.language)
            if told is not None:
                await self.send_private(context, place, who, told)
            return []
        later: list[delivery.Planned] = []
        for planned in delivery.plan(reply, names):
            if not isinstance(planned, delivery.Send):
                later.append(planned)
            elif planned.private and who is not None:
                await self.send_private(context, place, who, planned.activity)
            else:
                await context.send_activity(planned.activity)
        return later

    async def send_private(
        self, context: TurnContext, place: Where, who: Actor, activity: Activity
    ) -> None:
        """Only `who` sees it: a personal chat already is private; elsewhere, targeted."""
        if place.is_personal:
            await context.send_activity(activity)
            return
        # A targeted message: shown in the conversation to this one person only.
        targeted = activity.model_copy(deep=True).with_targeted_recipient(
            # The dispatcher knows the person by id only; a name is optional on the wire.
            ChannelAccount(
                id=who.user_id, **({"name": who.display_name} if who.display_name else {})
            )
        )
        try:
            await context.send_activity(targeted)
        except ClientResponseError as refused:
            if not 400 <= refused.status < 500 or refused.status == 429:
                raise  # Teams is down or busy (already retried): not a reason to change route
            # Teams refused the targeted message itself (e.g. a tenant without them). Still
            # private, never the channel: their 1:1 chat with RASMUS instead.
            # Its reference is not stored: this may be the receipt of an anonymous note, and a
            # row about its author written in the same moment would tie the two together.
            log.warning("Teams refused a targeted message; using a personal chat instead")
            await open_personal_chat(context, who.user_id, activity)

    async def _direct_after_turn(self, channel: ChannelKey, reply: Reply) -> None:
        try:
            await self.deliver_direct(channel, reply)
        except Exception:  # noqa: BLE001 - after the turn: logged, the decision is stored
            log.exception("a Teams direct message could not be delivered")

    async def _post_after_turn(
        self, place: Where, reference: dict, planned: list[delivery.Planned]
    ) -> None:
        async def work(context: TurnContext) -> None:
            await self._post_all(context, place, planned)

        try:
            async with self.memory.in_order(place.channel):
                await continue_in(self.sdk, reference, work)
        except Exception:  # noqa: BLE001
            log.exception("could not continue the Teams conversation after the turn")

    async def _post_all(
        self, context: TurnContext, place: Where, planned: list[delivery.Planned]
    ) -> None:
        """New posts and in-place updates; call inside `memory.in_order(place.channel)`."""
        for item in planned:
            try:
                await self._post_one(context, place, item)
            except Exception:  # noqa: BLE001 - one failed post must not stop the rest
                log.exception("a Teams post after the turn failed")

    async def _post_one(
        self,
        context: TurnContext,
        place: Where,
        item: delivery.Planned,
        reply_sent: OneReply | None = None,
    ) -> None:
        send = reply_sent.send if reply_sent is not None else _at_once
        if isinstance(item, delivery.UpdateCircle):
            card = await self.memory.circle_message(
                PLATFORM, item.workshop_id, item.step, item.circle
            )
            if card:
                item.activity.id = card.message_id
                await send(lambda: context.update_activity(item.activity))
            return
        activity = item.activity
        if item.with_members:
            activity = item.with_members(await conversation_members(context, self.state))
            self.recent.members_changed()
        response = await send(lambda: context.send_activity(activity))
        if item.circle and response and response.id:
            workshop_id, circle, step = item.circle
            await self.memory.remember_circle_message(
                place.channel, workshop_id, step, circle, response.id
            )


async def _at_once(call):
    return await call()
