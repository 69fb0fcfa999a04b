"""The workshop report as a file the person can open in Teams (Slack uploads it the same way).

Teams lets a bot hand over a file only in a personal chat, and only with the person's consent:
1. the bot sends a file consent card (name, size, and a token in its accept/decline context);
2. Teams asks the person, and on "Allow" sends a `fileConsent/invoke` with an upload URL in
   their OneDrive; the bot PUTs the bytes there and answers with a file info card, which opens
   the file in Teams. On "Decline" the bot says so.
Asked in a channel or group chat, the card goes to the person's personal chat with RASMUS and
the conversation is told privately where to find it.

Until the person answers, the report waits in PlatformState (any web process may receive the
answer); it is removed on upload, on decline, and after a day. Nothing is written to disk.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes, Attachment
from microsoft_agents.hosting.core import TurnContext

from adapters.teams.delivery import text_activity
from adapters.teams.escape import defuse_markdown
from adapters.teams.labels import label
from adapters.teams.proactive import continue_in, open_personal_chat
from adapters.teams.sdk import TeamsSdk
from adapters.teams.state import TeamsState
from adapters.teams.translate import Where
from core.messages import ExportReady
from core.model import Actor

log = logging.getLogger("rasmus.teams")

CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info"
KEPT_FOR = timedelta(days=1)  # an offer nobody answers is dropped after this


def consent_activity(filename: str, size: int, token: str, lang: str) -> Activity:
    context = {"export": token}
    card = {
        "description": label("export_description", lang),
        "sizeInBytes": size,
        "acceptContext": context,
        "declineContext": context,
    }
    attachment = Attachment(content_type=CONSENT_CARD, name=filename, content=card)
    return Activity(type=ActivityTypes.message, attachments=[attachment])


def file_info_activity(upload_info: dict, text: str) -> Activity:
    """The uploaded file as Teams shows it: a card that opens or downloads it."""
    attachment = Attachment(
        content_type=FILE_INFO_CARD,
        name=upload_info.get("name"),
        content_url=upload_info.get("contentUrl"),
        content={"uniqueId": upload_info.get("uniqueId"), "fileType": upload_info.get("fileType")},
    )
    activity = text_activity(text, markdown=True)
    activity.attachments = [attachment]
    return activity


class ExportOffers:
    def __init__(self, sdk: TeamsSdk, state: TeamsState):
        self.sdk = sdk
        self.state = state

    async def offer(
        self, context: TurnContext, place: Where, who: Actor, ready: ExportReady, lang: str
    ) -> Activity | None:
        """Sends the consent card; returns what to tell the person here (None: nothing more)."""
        await self.state.drop_exports_older_than(datetime.now(UTC) - KEPT_FOR)
        token = secrets.token_urlsafe(16)
        content = ready.markdown.encode("utf-8")
        await self.state.keep_export(
            token,
            {
                "user": who.user_id,
                "filename": ready.filename,
                "markdown": ready.markdown,
                "language": lang,
                "at": datetime.now(UTC).isoformat(),
            },
            channel=place.channel,
            workshop_id=ready.workshop.id,  # a deleted workshop's report goes with it
        )
        card = consent_activity(ready.filename, len(content), token, lang)
        if place.is_personal:
            await context.send_activity(card)
            return None
        if await self._to_personal_chat(context, who, card):
            return text_activity(label("export_in_personal_chat", lang), markdown=True)
        await self.state.drop_export(token)
        return text_activity(label("export_no_personal_chat", lang), markdown=True)

    async def _to_personal_chat(self, context: TurnContext, who: Actor, card: Activity) -> bool:
        reference = await self.state.personal_reference(who.user_id)
        try:
            if reference is not None:
                await continue_in(self.sdk, reference, lambda chat: chat.send_activity(card))
            else:
                reference = await open_personal_chat(context, who.user_id, card)
                await self.state.remember_person(who.user_id, reference)
        except Exception:  # noqa: BLE001 - e.g. RASMUS not installed for them personally
            log.warning("could not offer the report in a personal chat", exc_info=True)
            return False
        return True

    async def answer(self, context: TurnContext) -> None:
        """The person's answer on a consent card: upload the report, or say it was not."""
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        offer_context = value.get("context") if isinstance(value.get("context"), dict) else {}
        token = offer_context.get("export")
        pending = await self.state.pending_export(token) if isinstance(token, str) else None
        sender = context.activity.from_property
        if pending is None or sender is None or pending["user"] != sender.id:
            lang = pending["language"] if pending else _language_of(context.activity)
            await context.send_activity(text_activity(label("export_gone", lang), markdown=True))
            return
        await self.state.drop_export(token)  # answered once: never offered twice
        lang, filename = pending["language"], pending["filename"]
        if value.get("action") != "accept":
            declined = label("export_declined", lang, filename=filename)
            await context.send_activity(text_activity(declined, markdown=True))
            return
        upload_info = value.get("uploadInfo") if isinstance(value.get("uploadInfo"), dict) else {}
        if not await _upload(upload_info.get("uploadUrl"), pending["markdown"].encode("utf-8")):
            failed = label("export_failed", lang)
            await context.send_activity(text_activity(failed, markdown=True))
            return
        name = defuse_markdown(str(upload_info.get("name") or filename))
        shown = label("export_uploaded", lang, filename=name)
        await context.send_activity(file_info_activity(upload_info, shown))


def _language_of(activity: Activity) -> str:
    """Without the offer we have no workshop language; Teams tells the person's own."""
    return "en" if (activity.locale or "").lower().startswith("en") else "da"


async def _upload(upload_url: object, content: bytes) -> bool:
    """One PUT of the whole file into the OneDrive upload session Teams opened for us."""
    if not isinstance(upload_url, str) or not upload_url.startswith(("https://", "http://")):
        log.warning("a file consent answer came without an upload URL")
        return False
    headers = {"Content-Range": f"bytes 0-{len(content) - 1}/{len(content)}"}
    try:
        async with aiohttp.ClientSession() as session:
            async with session.put(upload_url, data=content, headers=headers) as answer:
                if answer.status in (200, 201):
                    return True
                log.warning("the report upload was answered %s", answer.status)
    except aiohttp.ClientError:
        log.warning("the report upload failed", exc_info=True)
    return False
