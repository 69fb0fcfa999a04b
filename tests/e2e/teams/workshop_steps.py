"""Steps the Teams end-to-end tests share: finding cards in the emulator's stream."""

from __future__ import annotations

from urllib.parse import unquote

import aiohttp

from adapters.teams.export import CONSENT_CARD, FILE_INFO_CARD
from tests.e2e.teams.activities import consent_answer
from tests.e2e.teams.fake_upload import FakeUploadSession
from tests.e2e.teams.playground import PEOPLE, card_of, texts_of


def is_card_headed(title: str):
    def matches(event: dict) -> bool:
        card = card_of(event)
        return (
            bool(card)
            and event["action"] == "createMessage"
            and card["body"][0].get("text", "") == title
        )

    return matches


def mentions_text(fragment: str):
    return lambda event: fragment in texts_of(event)


async def circle_cards(teams, after: int) -> dict[str, dict]:
    names = ["Realistic", "Recognised", "Autonomous", "Meaningful", "Developing", "Healthy & safe"]
    return {
        name: await teams.playground.wait_for(is_card_headed(name), after=after) for name in names
    }


def was_targeted_at(teams, user_id: str, fragment: str) -> bool:
    return any(
        user_id == (sent.body or {}).get("recipient", {}).get("id") and fragment in str(sent.body)
        for sent in teams.recorder.targeted()
    )


async def start_today(teams) -> dict[str, dict]:
    await teams.playground.mention("start Rostering")
    await teams.playground.settle()
    await teams.playground.mention("lang en")
    await teams.playground.settle()
    mark = len(teams.playground.events)
    await teams.playground.mention("next")
    return await circle_cards(teams, mark)


def consent_cards(teams) -> list[tuple[str, dict]]:
    """(conversation id, attachment) of each file consent card the bot put on the wire."""
    return [
        (unquote(sent.path.split("/v3/conversations/")[1].split("/")[0]), attachment)
        for sent in teams.recorder.sent
        if sent.body and "/v3/conversations/" in sent.path
        for attachment in sent.body.get("attachments") or []
        if attachment["contentType"] == CONSENT_CARD
    ]


async def allow_file(teams, chat: str, offer: dict, user: str = "user-id-0") -> str:
    """Answers "Allow" on a consent card as Teams does (the emulator has no such button) and
    returns what the bot uploaded; checks the file card it then showed."""
    upload = FakeUploadSession()
    await upload.start()
    try:
        answer = consent_answer(
            "accept",
            offer["content"]["acceptContext"],
            teams.recorder.url,
            upload_url=upload.url(offer["name"]),
            name=offer["name"],
            user=(user, PEOPLE[user]),
            conversation=chat,
        )
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{teams.bot_url}/api/messages", json=answer) as response:
                assert response.status == 200
        await teams.settle()
    finally:
        await upload.stop()
    [put] = upload.uploads
    shown = [
        attachment
        for sent in teams.recorder.sent
        if sent.body and chat in unquote(sent.path)
        for attachment in sent.body.get("attachments") or []
        if attachment["contentType"] == FILE_INFO_CARD
    ]
    assert [card["name"] for card in shown] == [offer["name"]]
    return put.content.decode("utf-8")
