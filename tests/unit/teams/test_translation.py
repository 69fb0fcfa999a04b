"""From Teams activities and card submits to the core's commands, and back to Teams words."""

from __future__ import annotations

from datetime import UTC, date, datetime

from adapters.teams import cards
from adapters.teams.delivery import NewPost, Send, UpdateCircle, plan, with_names
from adapters.teams.submits import command_from_submit
from adapters.teams.translate import Activity, command_text, is_addressed_to_bot, where
from core import commands as c
from core.circles import Circle
from core.language import check_texts
from core.messages import Audience, CirclePrompt, CountsChanged, ItemConfirmed, Refusal, Reply
from core.model import Colour, Note, Step, Timing
from tests.e2e.teams.activities import CHANNEL, channel_message


def activity(text: str, **changes) -> Activity:
    raw = channel_message(text, "https://smba.trafficmanager.net/emea/")
    raw.update(changes)
    return Activity.model_validate(raw)


def test_a_message_in_a_thread_belongs_to_the_channel_not_the_thread():
    place = where(activity("board"))
    assert place.channel.channel == CHANNEL and place.thread_root == "1700000000000"
    assert place.channel.platform == "msteams" and place.channel.workspace == "19:team@thread.tacv2"


def test_the_bots_mention_is_dropped_and_peoples_mentions_become_user_references():
    message = activity("agree <at>Megan</at> 1/3-2027 plan the <b>training</b> &amp; more")
    message.entities.append(
        type(message.entities[0]).model_validate(
            {"type": "mention", "text": "<at>Megan</at>", "mentioned": {"id": "29:megan"}}
        )
    )
    assert command_text(message) == "agree <@29:megan> 1/3-2027 plan the training & more"


def test_only_a_mention_addresses_the_bot_in_a_channel_but_everything_does_in_a_personal_chat():
    unmentioned = activity("lunch?", entities=[])
    assert not is_addressed_to_bot(unmentioned, where(unmentioned))
    personal = activity(
        "help",
        entities=[],
        conversation={"id": "a:1", "conversationType": "personal", "tenantId": "t"},
    )
    assert is_addressed_to_bot(personal, where(personal))


def test_a_circle_card_submit_becomes_a_note_with_its_colour_and_anonymity():
    values = {
        "rasmus": "note",
        "circle": "healthy",
        "step": "expectations",
        "text": " Stress ",
        "colour": "red",
        "anonymous": "true",
    }
    assert command_from_submit(values) == c.AddNote(
        Circle.HEALTHY, "Stress", anonymous=True, colour=Colour.RED
    )


def test_prerequisite_and_agreement_cards_become_commands_and_a_typed_owner_wins():
    assert command_from_submit(
        {"rasmus": "prereq", "timing": "during", "text": "Support"}
    ) == c.AddPrerequisite(Timing.DURING, "Support")
    values = {"rasmus": "agree", "owner": "<@29:megan>", "due": "2027-03-01", "what": "Plan"}
    assert command_from_submit(values) == c.AddAgreement("<@29:megan>", date(2027, 3, 1), "Plan")
    assert command_from_submit({**values, "owner_text": "The IT team"}).owner == "The IT team"


def test_bad_card_input_is_refused_with_the_cores_reasons():
    assert (
        command_from_submit({"rasmus": "agree", "owner": "x", "due": "someday", "what": "y"}).key
        == "bad_date"
    )
    assert (
        command_from_submit({"rasmus": "agree", "due": "2027-03-01", "what": "y"}).key
        == "missing_who"
    )
    # The length is the core's to refuse, as for a typed note (core.language.check_texts).
    submitted = command_from_submit({"rasmus": "note", "circle": "realistic", "text": "x" * 2001})
    too_long = check_texts(submitted)
    assert isinstance(too_long, Refusal) and too_long.key == "text_too_long"
    assert command_from_submit({"something": "else"}) is None


def test_an_anonymous_receipt_shows_its_code_and_offers_correct_and_withdraw_but_no_name():
    note = Note(
        "n1",
        "H2",
        Circle.HEALTHY,
        Colour.RED,
        Step.EXPECTATIONS,
        "I am worried",
        None,
        datetime(2026, 11, 27, tzinfo=UTC),
        code_hash="h",
    )
    [send] = plan(Reply(Audience.PRIVATE, ItemConfirmed(note, "added", "ABCD-EFGH"), "en"))
    assert isinstance(send, Send) and send.private
    card = send.activity.attachments[0].content
    assert "ABCD-EFGH" in str(card) and "@RASMUS edit" in str(card) and "/rasmus" not in str(card)
    titles = [action["title"] for action in card["actions"]]
    assert titles == ["Correct", "Withdraw"]
    assert all(action["data"]["code"] == "ABCD-EFGH" for action in card["actions"])


def test_circle_prompts_start_posts_and_count_changes_update_them_in_place():
    counts = {Colour.ORANGE: 2, Colour.GREEN: 0, Colour.RED: 0}
    [post] = plan(
        Reply(Audience.CHANNEL, CirclePrompt("w1", Circle.REALISTIC, Step.TODAY, counts), "en")
    )
    assert isinstance(post, NewPost) and post.circle == ("w1", Circle.REALISTIC, Step.TODAY)
    [update] = plan(
        Reply(Audience.CHANNEL, CountsChanged("w1", Circle.REALISTIC, Step.TODAY, counts), "en")
    )
    assert isinstance(update, UpdateCircle) and "orange: 2" in str(update.activity.attachments)


def test_people_are_shown_by_name_when_teams_told_us_their_names():
    names = {"29:megan": "Megan Bowen"}
    assert with_names("AF1 <@29:megan> by 1 March", names) == "AF1 @Megan Bowen by 1 March"
    assert with_names("AF1 @29:megan", names) == "AF1 @Megan Bowen"
    assert with_names("mail anne@example.org", names) == "mail anne@example.org"


def test_the_expectations_card_asks_for_green_or_red_and_the_today_card_does_not():
    counts = {colour: 0 for colour in Colour}
    today = cards.circle_card("w", Circle.MEANINGFUL, Step.TODAY, counts, "da")
    later = cards.circle_card("w", Circle.MEANINGFUL, Step.EXPECTATIONS, counts, "da")
    assert "colour" not in [b.get("id") for b in today["body"]]
    colour = next(b for b in later["body"] if b.get("id") == "colour")
    assert [choice["value"] for choice in colour["choices"]] == ["green", "red"]
    assert any(b.get("id") == "anonymous" for b in today["body"])


def test_a_card_field_of_the_wrong_type_is_refused_with_the_cards_hint_not_a_crash():
    wrong = [
        {"rasmus": "note", "circle": "realistic", "text": ["a", "list"]},
        {"rasmus": "note", "circle": 7, "text": "x"},
        {"rasmus": "note", "circle": "realistic", "text": "x", "anonymous": {"on": True}},
        {"rasmus": "note", "circle": "realistic", "text": "x", "colour": ["red"]},
        {"rasmus": "prereq", "timing": ["before"], "text": "x"},
        {"rasmus": "agree", "owner": {"id": "29:megan"}, "due": "2027-03-01", "what": "y"},
        {"rasmus": "edit", "short_id": "R1", "new_text": "x", "code": 1234},
    ]
    refusals = [command_from_submit(values) for values in wrong]
    assert all(isinstance(r, Refusal) and r.key == "bad_form_field" for r in refusals)
    assert [r.hint for r in refusals] == ["hint_note"] * 4 + [
        "hint_prereq",
        "hint_agree",
        "hint_code",
    ]
    # Teams' own spellings of a toggle still read as before.
    toggled = {"rasmus": "note", "circle": "realistic", "text": "x", "anonymous": True}
    assert command_from_submit(toggled).anonymous is True
    assert command_from_submit({"rasmus": ["note"]}) is None and command_from_submit([1]) is None
