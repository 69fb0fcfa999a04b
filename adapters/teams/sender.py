"""Carries out what `delivery.plan` decided for a turn's replies.

The turn itself answers only what the person who acted must see now (confirmations, refusals,
short replies): to everyone, or privately as a targeted message (their 1:1 chat with RASMUS
when Teams refuses those). New channel posts (a step and its six circle cards) and in-place
count updates run after the turn through a stored conversation reference, so Teams gets its
answer fast. The export is handed to `ExportOffers`, which sends it as a file.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import ClientResponseError
from microsoft_agents.activity import Activity, ChannelAccount
from microsoft_agents.hosting.core import TurnContext

from adapters.teams import delivery
from adapters.teams.export import ExportOffers
from adapters.teams.members import conversation_members
from adapters.teams.proactive import continue_in, open_personal_chat, reference_of
from adapters.teams.sdk import TeamsSdk
from adapters.teams.state import TeamsState
from adapters.teams.translate import Where
from core.messages import ExportReady
from core.model import Actor
from core.service import Outcome

log = logging.getLogger("rasmus.teams")


class TeamsSender:
    def __init__(self, sdk: TeamsSdk, state: TeamsState, exports: ExportOffers):
        self.sdk = sdk
        self.state = state
        self.exports = exports
        self._after_turn: set[asyncio.Task] = set()

    async def drain(self) -> None:
        """Waits for work still running after its turn (on shutdown, and in tests)."""
        while self._after_turn:
            await asyncio.gather(*list(self._after_turn), return_exceptions=True)

    async def deliver(
        self, context: TurnContext, place: Where, who: Actor, outcome: Outcome
    ) -> None:
        names = await self.state.member_names()
        later: list[delivery.Planned] = []
        for reply in outcome.replies:
            if isinstance(reply.message, ExportReady):
                told = await self.exports.offer(context, place, who, reply.message, reply.language)
                if told is not None:
                    await self.send_private(context, place, who, told)
                continue
            for planned in delivery.plan(reply, names):
                if not isinstance(planned, delivery.Send):
                    later.append(planned)
                elif planned.private:
                    await self.send_private(context, place, who, planned.activity)
                else:
                    await context.send_activity(planned.activity)
        if later:
            reference = reference_of(context.activity, place.conversation_root)
            task = asyncio.create_task(self._post_after_turn(place, reference, later))
            self._after_turn.add(task)
            task.add_done_callback(self._after_turn.discard)

    async def send_private(
        self, context: TurnContext, place: Where, who: Actor, activity: Activity
    ) -> None:
        """Only `who` sees it: a personal chat already is private; elsewhere, targeted."""
        if place.is_personal:
            await context.send_activity(activity)
            return
        # A targeted message: shown in the conversation to this one person only.
        targeted = activity.model_copy(deep=True).with_targeted_recipient(
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
            reference = await open_personal_chat(context, who.user_id, activity)
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
            activity = item.with_members(await conversation_members(context, self.state))
        response = await context.send_activity(activity)
        if item.circle and response and response.id:
            workshop_id, circle, step = item.circle
            await self.state.remember_circle_card(
                place.channel, workshop_id, step, circle, response.id
            )
