"""Delete in Teams (findings 5 and 7): the delete card carries the workshop it asked about, so
a stale one deletes nothing; a confirmed delete leaves no platform state of the workshop or
its channel, only the person's own 1:1 chat reference."""

from __future__ import annotations

from sqlalchemy import text

from tests.e2e.teams.activities import consent_answer, personal_message
from tests.e2e.teams.direct_bot import Bot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.playground import TEAM
from tests.e2e.teams.test_export_as_file import (
    export_in_personal_chat,
    pending_exports,
    texts_sent,
)
from tests.e2e.teams.workshop_steps import start_today, was_targeted_at

FACILITATOR = "user-id-0"


def delete_card_data(teams) -> dict:
    for sent in reversed(teams.recorder.targeted()):
        for attachment in (sent.body or {}).get("attachments") or []:
            for action in (attachment.get("content") or {}).get("actions") or []:
                if (action.get("data") or {}).get("rasmus") == "delete":
                    return action["data"]
    raise AssertionError("no delete card was sent")


def state_rows(teams) -> list[tuple[str, str]]:
    with teams.runtime.store.engine.connect() as connection:
        rows = connection.execute(text("SELECT namespace, key FROM platform_state")).all()
    return sorted((row[0], row[1]) for row in rows)


async def press(teams, data: dict) -> None:
    await teams.playground.as_member(FACILITATOR, TEAM, value=data, mention=False)
    await teams.playground.settle()


async def test_a_delete_card_pressed_after_delete_and_a_new_start_deletes_nothing(teams):
    pg = teams.playground
    await pg.mention("start Rostering")
    await pg.settle()
    first = teams.workshop()
    await pg.mention("slet")
    await pg.settle()
    stale = delete_card_data(teams)
    assert stale == {"rasmus": "delete", "workshop": first.id}
    await pg.mention("slet bekræft")
    await pg.settle()
    await pg.mention("start Vagtplan")
    await pg.settle()

    await press(teams, stale)

    assert teams.workshop().technology == "Vagtplan"
    assert was_targeted_at(teams, FACILITATOR, "tidligere workshop")


async def test_a_confirmed_delete_leaves_only_the_persons_own_chat_reference(teams):
    pg = teams.playground
    await pg.install()
    await pg.settle()
    await start_today(teams)  # the channel reference, six circle cards and their threads
    await pg.settle()
    await teams.turns.state.remember_person(FACILITATOR, {"conversation": {"id": "a:1on1"}})
    before = state_rows(teams)
    assert [r for r in before if r[0] == "teams.channel_ref"]
    assert len([r for r in before if r[0] == "chat.circle_message"]) == 6
    assert len([r for r in before if r[0] == "chat.thread"]) == 6

    await pg.mention("slet")
    await pg.settle()
    await press(teams, delete_card_data(teams))

    assert teams.workshop() is None
    assert state_rows(teams) == [("teams.personal_ref", FACILITATOR)]


async def test_a_report_waiting_for_consent_is_deleted_with_its_workshop(tmp_path):
    async with Bot(tmp_path, FakeConnector()) as bot:
        card = await export_in_personal_chat(bot)
        assert len(pending_exports(bot)) == 1
        await bot.post(personal_message("delete confirm", bot.connector.url))
        await bot.settle()
        assert pending_exports(bot) == {}  # the report, with every note, went with it
        late = consent_answer("accept", card["content"]["acceptContext"], bot.connector.url)
        await bot.post(late)
        await bot.settle()
        assert "no longer waiting" in texts_sent(bot.connector)
