"""A code typed in a personal chat finds the workshop of its item on the real store (SQLite and
PostgreSQL): the personal chat is another channel, and the code is the only key."""

from core.messages import ItemConfirmed
from core.model import Actor, ChannelKey, ItemStatus
from core.service import Incoming

TEAM_CHANNEL = ChannelKey("msteams", "team", "19:general")
OTHER_CHANNEL = ChannelKey("msteams", "team", "19:other")
PERSONAL = ChannelKey("msteams", "tenant", "a:personal-chat-with-bo")


def say(service, text, who="anne", channel=TEAM_CHANNEL):
    return service.handle(Incoming(channel, Actor(who, who.title()), text=text))


def _code(outcome) -> str:
    return next(r.message.code for r in outcome.replies if isinstance(r.message, ItemConfirmed))


def test_a_code_from_a_personal_chat_withdraws_the_anonymous_note_in_its_channel(sql_service):
    for channel in (TEAM_CHANNEL, OTHER_CHANNEL):  # two workshops, each with an anonymous R1
        say(sql_service, "ny Vagtplan", channel=channel)
        say(sql_service, "næste", channel=channel)
    say(sql_service, "note anonym realistisk Ikke min", who="cai", channel=OTHER_CHANNEL)
    code = _code(say(sql_service, "note anonym realistisk For lidt tid", who="bo"))
    outcome = say(sql_service, f"træk R1 {code}", who="bo", channel=PERSONAL)
    assert outcome.workshop.channel == TEAM_CHANNEL
    assert sql_service.workshop(TEAM_CHANNEL).notes[0].status is ItemStatus.WITHDRAWN
    assert sql_service.workshop(OTHER_CHANNEL).notes[0].status is ItemStatus.ACTIVE
    found = sql_service.store.channels_with_anonymous("msteams", "r1")  # ids as people type
    assert sorted(found, key=str) == sorted([TEAM_CHANNEL, OTHER_CHANNEL], key=str)
    assert sql_service.store.channels_with_anonymous("slack", "R1") == []


def test_a_code_finds_an_anonymous_note_added_earlier_in_the_same_transaction(sql_service):
    # The worker decides several rows in one transaction, and writes their new notes together
    # later: a code looked up in between must still find the note.
    say(sql_service, "ny Vagtplan")
    say(sql_service, "næste")
    with sql_service.store.transaction(TEAM_CHANNEL):
        code = _code(say(sql_service, "note anonym realistisk For lidt tid", who="bo"))
        outcome = say(sql_service, f"træk R1 {code}", who="bo", channel=PERSONAL)
    assert outcome.workshop.channel == TEAM_CHANNEL
    assert sql_service.workshop(TEAM_CHANNEL).notes[0].status is ItemStatus.WITHDRAWN
