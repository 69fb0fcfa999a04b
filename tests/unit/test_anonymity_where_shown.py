"""Anonymity that holds on every platform (issue 9, finding 2): anonymous writing and codes are
refused where the typed words stay under the author's name, and a code works from a personal
chat, where the workshop does not live."""

import re

import pytest

from core import commands as c
from core.circles import Circle
from core.language import parse
from core.messages import Audience, ItemConfirmed, Refusal
from core.model import Actor, ChannelKey
from core.plain import render
from core.privacy import touches_anonymity
from core.service import Incoming
from core.texts import t
from tests.conftest import CHANNEL

PERSONAL = ChannelKey("console", "tenant", "personal-chat-with-bo")


def _start(say):
    say("ny Vagtplan")
    say("sprog da")
    say("næste")  # today: notes are orange, no sign needed


def _code_of(outcome) -> str:
    [receipt] = [r.message for r in outcome.replies if isinstance(r.message, ItemConfirmed)]
    return receipt.code


@pytest.mark.parametrize(
    "typed",
    [
        "note anonym realistisk Vi mangler tid",
        "note realistisk anonymt Vi mangler tid",
        "forudsætning anonym før Alle får oplæring",
    ],
)
def test_an_anonymous_note_typed_where_others_see_it_is_refused_and_stores_nothing(say, typed):
    _start(say)
    before = say("tavle").workshop
    outcome = say.as_("bo")(typed, shown_to_others=True)
    [reply] = outcome.replies
    assert reply.audience is Audience.PRIVATE
    assert isinstance(reply.message, Refusal) and reply.message.key == "anonymous_shown"
    assert outcome.events == [] and outcome.workshop == before
    text = render(reply.message, "da")
    assert "ikke gemt" in text and "»anonym«" in text and "kort" in text


def test_the_same_anonymous_note_where_only_the_author_sees_it_is_stored_without_a_name(say):
    _start(say)
    outcome = say.as_("bo")("note anonym realistisk Vi mangler tid")
    [note] = outcome.workshop.notes
    assert note.author is None and note.text == "Vi mangler tid"


def test_a_card_built_anonymous_note_is_refused_too_when_it_came_from_visible_words(say):
    # A Slack thread reply is turned into a command by the adapter, but it stays visible.
    _start(say)
    command = c.AddNote(Circle.REALISTIC, "Vi mangler tid", anonymous=True)
    outcome = say.as_("bo")(None, command=command, shown_to_others=True)
    assert outcome.events == []
    assert outcome.replies[0].message.key == "anonymous_shown"


def test_a_named_note_typed_where_others_see_it_is_stored_as_before(say):
    _start(say)
    outcome = say.as_("bo")("note realistisk Vi mangler tid", shown_to_others=True)
    assert outcome.workshop.notes[0].author.user_id == "bo"


@pytest.mark.parametrize("verb", ["ret {id} {code} Ny tekst", "træk {id} {code}"])
def test_a_code_typed_where_others_see_it_is_refused_and_nothing_changes(say, verb):
    _start(say)
    code = _code_of(say.as_("bo")("note anonym realistisk Vi mangler tid"))
    before = say("tavle").workshop
    outcome = say.as_("bo")(verb.format(id="R1", code=code), shown_to_others=True)
    assert outcome.events == [] and outcome.workshop == before
    [reply] = outcome.replies
    assert reply.audience is Audience.PRIVATE and reply.message.key == "code_shown"
    text = render(reply.message, "en")
    assert "Nothing changed" in text and "personal chat" in text and code not in text


def test_the_receipt_of_an_anonymous_note_points_to_a_private_place_for_the_code(say):
    _start(say)
    outcome = say.as_("bo")("note anonym realistisk Vi mangler tid")
    [receipt] = [r for r in outcome.replies if isinstance(r.message, ItemConfirmed)]
    assert receipt.audience is Audience.PRIVATE
    for lang, where in (("da", "personlig chat med RASMUS"), ("en", "personal chat with RASMUS")):
        text = render(receipt.message, lang)
        assert where in text and receipt.message.code in text
    assert re.search(r"Gem koden (\w{4}-\w{4})", render(receipt.message, "da"))


def test_a_code_from_a_personal_chat_finds_its_workshop_and_corrects_the_note(service, say):
    _start(say)
    code = _code_of(say.as_("bo")("note anonym realistisk Vi mangler tid"))
    bo = Actor("bo", "Bo")
    edited = service.handle(Incoming(PERSONAL, bo, text=f"ret R1 {code} Vi mangler tid og ro"))
    assert edited.workshop is not None and edited.workshop.channel == CHANNEL
    [note] = service.workshop(CHANNEL).notes
    assert note.text == "Vi mangler tid og ro" and note.author is None
    new_code = _code_of(edited)  # an edit gives a fresh code; the old one is spent
    withdrawn = service.handle(Incoming(PERSONAL, bo, text=f"træk R1 {new_code}"))
    assert withdrawn.events and service.workshop(CHANNEL).notes[0].status.value == "withdrawn"


def test_a_wrong_code_from_a_personal_chat_finds_nothing_and_changes_nothing(service, say):
    _start(say)
    say.as_("bo")("note anonym realistisk Vi mangler tid")
    before = service.workshop(CHANNEL)
    outcome = service.handle(Incoming(PERSONAL, Actor("eve", "Eve"), text="træk R1 AAAA-BBBB"))
    assert outcome.events == [] and service.workshop(CHANNEL) == before
    assert outcome.replies[0].message.key == "bad_code"  # no hint of where the note lives


def test_the_refusals_say_what_to_do_instead_in_both_languages():
    for key in ("anonymous_shown", "code_shown", "hint_anonymous_privately", "hint_code_privately"):
        assert t(key, "da") and t(key, "en") and t(key, "da") != t(key, "en")


@pytest.mark.parametrize(
    ("said", "anonymous"),
    [
        ("note anonym realistisk Tid", True),
        ("ret R1 K7QX-9M2P Ny", True),
        ("træk R1 K7QX-9M2P", True),
        ("note realistisk Tid", False),
        ("ret R1 Ny tekst", False),
        (c.AddPrerequisite(None, "x", anonymous=True), True),
        (c.Help(), False),
    ],
)
def test_an_anonymous_act_is_known_before_anything_is_stored_about_its_author(said, anonymous):
    assert touches_anonymity(said) is anonymous


def test_a_receipts_example_copied_with_its_at_rasmus_reads_as_the_command():
    # Teams shows the examples as `@RASMUS ret …`; in a personal chat that is plain text.
    assert parse("@RASMUS ret R1 K7QX-9M2P Ny tekst") == c.EditItem("R1", "Ny tekst", "K7QX-9M2P")
    assert parse("@rasmus withdraw R1 K7QX-9M2P") == c.WithdrawItem("R1", "K7QX-9M2P")
