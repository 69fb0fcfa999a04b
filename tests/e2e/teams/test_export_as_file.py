"""The export reaches the person as a file they can open: a file consent card in their personal
chat; on "Allow" the report is PUT into the upload session Teams opened and shown as a file
card; on "Decline" they are told. Nothing is left on the server's disk or in its state."""

from __future__ import annotations

from adapters.teams.export import CONSENT_CARD, FILE_INFO_CARD
from tests.e2e.teams.activities import (
    PERSONAL_CHAT,
    consent_answer,
    personal_message,
)
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.fake_upload import FakeUploadSession


def attachments_of(connector: FakeConnector, content_type: str) -> list[tuple[str, dict]]:
    """(path, attachment) for each attachment of `content_type` the bot sent."""
    return [
        (sent.path, attachment)
        for sent in connector.activities()
        for attachment in (sent.body or {}).get("attachments") or []
        if attachment.get("contentType") == content_type
    ]


def texts_sent(connector: FakeConnector) -> str:
    return "\n".join((sent.body or {}).get("text") or "" for sent in connector.activities())


async def export_in_personal_chat(bot: Bot) -> dict:
    """A workshop with one note in Anne's personal chat, exported; returns the consent card."""
    for text in ("start Rostering", "lang en", "next", "note sundt Too many alerts at night"):
        await bot.post(personal_message(text, bot.connector.url))
        await bot.settle()
    await bot.post(personal_message("export", bot.connector.url))
    await bot.settle()
    [(path, card)] = attachments_of(bot.connector, CONSENT_CARD)
    assert PERSONAL_CHAT in path
    return card


def pending_exports(bot: Bot) -> dict:
    return bot.runtime.state.items("teams.export")


async def test_an_export_in_a_personal_chat_is_offered_on_a_file_consent_card(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        card = await export_in_personal_chat(bot)
    assert card["name"].startswith("rasmus-rostering-") and card["name"].endswith(".md")
    content = card["content"]
    assert content["sizeInBytes"] > 0 and content["description"]
    assert content["acceptContext"] == content["declineContext"]
    assert not (tmp_path / "exports").exists()  # nothing written to the server's disk


async def test_allowing_the_file_puts_the_report_into_the_upload_url_and_shows_the_file(
    tmp_path,
):
    upload = FakeUploadSession()
    await upload.start()
    try:
        async with Bot(tmp_path, FakeConnector()) as bot:
            card = await export_in_personal_chat(bot)
            answer = consent_answer(
                "accept",
                card["content"]["acceptContext"],
                bot.connector.url,
                upload_url=upload.url(card["name"]),
                name=card["name"],
            )
            await bot.post(answer)
            await bot.settle()
            [(path, shown)] = attachments_of(bot.connector, FILE_INFO_CARD)
            left = pending_exports(bot)
            await bot.post(answer)  # a second "Allow" on the same card uploads nothing more
            await bot.settle()
            told = texts_sent(bot.connector)
    finally:
        await upload.stop()
    [put] = upload.uploads
    report = put.content.decode("utf-8")
    assert "Rostering" in report and "Too many alerts at night" in report
    assert put.content_range == f"bytes 0-{len(put.content) - 1}/{len(put.content)}"
    assert card["content"]["sizeInBytes"] == len(put.content)
    assert PERSONAL_CHAT in path and shown["name"] == card["name"]
    assert shown["contentUrl"].endswith(card["name"])
    assert shown["content"] == {
        "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
        "fileType": "md",
    }
    assert "saved in your OneDrive" in told and "no longer waiting" in told
    assert left == {}  # the report left the server once it was uploaded


async def test_declining_the_file_is_answered_and_nothing_is_uploaded_or_kept(tmp_path):
    upload = FakeUploadSession()
    await upload.start()
    try:
        async with Bot(tmp_path, FakeConnector()) as bot:
            card = await export_in_personal_chat(bot)
            assert len(pending_exports(bot)) == 1
            decline = consent_answer(
                "decline", card["content"]["declineContext"], bot.connector.url
            )
            await bot.post(decline)
            await bot.settle()
            assert pending_exports(bot) == {}
            told = texts_sent(bot.connector)
    finally:
        await upload.stop()
    assert upload.uploads == []
    assert f"didn't save {card['name']}" in told.replace("\u200b", "")
    assert attachments_of(bot.connector, FILE_INFO_CARD) == []


async def test_a_failed_upload_is_told_and_the_report_is_not_kept(tmp_path):
    upload = FakeUploadSession(status=503)
    await upload.start()
    try:
        async with Bot(tmp_path, FakeConnector()) as bot:
            card = await export_in_personal_chat(bot)
            await bot.post(
                consent_answer(
                    "accept",
                    card["content"]["acceptContext"],
                    bot.connector.url,
                    upload_url=upload.url(card["name"]),
                )
            )
            await bot.settle()
            assert pending_exports(bot) == {}
    finally:
        await upload.stop()
    assert len(upload.uploads) == 1
    assert "couldn't be saved" in texts_sent(bot.connector)
    assert attachments_of(bot.connector, FILE_INFO_CARD) == []


async def test_someone_elses_answer_on_the_card_uploads_nothing(tmp_path):
    upload = FakeUploadSession()
    await upload.start()
    try:
        async with Bot(tmp_path, FakeConnector()) as bot:
            card = await export_in_personal_chat(bot)
            await bot.post(
                consent_answer(
                    "accept",
                    card["content"]["acceptContext"],
                    bot.connector.url,
                    upload_url=upload.url(card["name"]),
                    user=("29:megan", "Megan"),
                )
            )
            await bot.settle()
            assert len(pending_exports(bot)) == 1  # still Anne's to answer
    finally:
        await upload.stop()
    assert upload.uploads == []


async def test_an_export_in_a_channel_goes_to_a_personal_chat_and_the_channel_is_told_privately(
    tmp_path,
):
    connector = FakeConnector()
    async with Bot(tmp_path, connector) as bot:
        for text in ("start Rostering", "lang en"):
            await bot.say(text)
            await bot.settle()
        await bot.say("export")
        await bot.settle()
    [(path, card)] = attachments_of(connector, CONSENT_CARD)
    assert "a:personal-chat-with-anne" in path and card["name"].endswith(".md")
    opened = [r for r in connector.received if r.path.rstrip("/").endswith("/v3/conversations")]
    assert opened and opened[0].body["members"] == [{"id": "29:anne"}]
    [told] = [
        sent
        for sent in connector.activities()
        if "personal chat with RASMUS" in ((sent.body or {}).get("text") or "")
    ]
    assert told.query.get("isTargetedActivity") == "true"
    assert told.body["recipient"]["id"] == "29:anne"
    assert not (tmp_path / "exports").exists()


async def test_a_channel_export_uses_the_personal_chat_the_person_already_has(tmp_path):
    connector = FakeConnector()
    async with Bot(tmp_path, connector) as bot:
        await bot.post(personal_message("help", connector.url))  # Anne's 1:1 chat is known
        for text in ("start Rostering", "lang en", "export"):
            await bot.say(text)
            await bot.settle()
    [(path, card)] = attachments_of(connector, CONSENT_CARD)
    assert PERSONAL_CHAT in path and card["name"].endswith(".md")
    assert not [r for r in connector.received if r.path.rstrip("/").endswith("/v3/conversations")]
