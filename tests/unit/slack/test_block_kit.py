"""The pure Block Kit builders: snapshots, limits, escaping and modal round trips."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from adapters.slack import modals
from adapters.slack.blocks import SlackMessage, paginate, split_text, text_sections, within_limits
from adapters.slack.escape import escape_user_text
from adapters.slack.home import home_view
from adapters.slack.render import circle_message, to_slack
from core.circles import Circle
from core.commands import AddAgreement, AddNote, AddPrerequisite
from core.messages import BoardView, HelpView
from core.model import Actor, Agreement, ChannelKey, Colour, Note, Step, Timing, Workshop
from tests.snapshots import assert_matches_snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _matches_snapshot(name: str, value) -> None:
    rendered = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    assert_matches_snapshot(SNAPSHOTS / f"{name}.json", rendered + "\n")


def _workshop(**changes) -> Workshop:
    base = Workshop(
        id="w1",
        channel=ChannelKey("slack", "T1", "C1"),
        technology="Vagtplan-app",
        started_by=Actor("UANNE", "Anne"),
        created_at=NOW,
        step=Step.TODAY,
        facilitators=("UANNE",),
    )
    return Workshop(**{**base.__dict__, **changes})


def test_a_circle_message_has_its_counts_and_both_buttons():
    counts = {Colour.ORANGE: 0, Colour.GREEN: 2, Colour.RED: 1}
    message = circle_message("w1", Circle.HEALTHY, Step.EXPECTATIONS, counts, "en")
    _matches_snapshot("circle_healthy_expectations_en", message.blocks)


def test_the_note_modal_in_expectations_asks_for_a_colour_and_offers_anonymity():
    view = modals.note_modal("T1", "C1", Circle.REALISTIC, Step.EXPECTATIONS, "da")
    _matches_snapshot("note_modal_expectations_da", view)


def test_note_prerequisite_and_agreement_modals_read_back_into_commands():
    note = modals.note_modal("T1", "C1", Circle.MEANINGFUL, Step.EXPECTATIONS, "en")
    note["state"] = {
        "values": {
            "text": {"value": {"value": " Less paper "}},
            "colour": {"value": {"selected_option": {"value": "green"}}},
            "anonymous": {"value": {"selected_options": [{"value": "anonymous"}]}},
        }
    }
    assert modals.read_note(note) == AddNote(Circle.MEANINGFUL, "Less paper", True, Colour.GREEN)
    prereq = modals.prerequisite_modal("T1", "C1", "en")
    prereq["state"] = {
        "values": {
            "text": {"value": {"value": "Training"}},
            "timing": {"value": {"selected_option": {"value": "during"}}},
            "circles": {"value": {"selected_options": [{"value": "healthy"}]}},
        }
    }
    assert modals.read_prerequisite(prereq) == AddPrerequisite(
        Timing.DURING, "Training", (Circle.HEALTHY,), False
    )
    agreement = modals.agreement_modal("T1", "C1", "en")
    agreement["state"] = {
        "values": {
            "owner": {"value": {"selected_user": "UBO"}},
            "due": {"value": {"selected_date": "2027-03-01"}},
            "what": {"value": {"value": "Plans the training"}},
        }
    }
    assert modals.read_agreement(agreement) == AddAgreement(
        "<@UBO>", date(2027, 3, 1), "Plans the training"
    )


def test_a_missing_colour_is_reported_in_the_modal_instead_of_closing_it():
    view = modals.note_modal("T1", "C1", Circle.MEANINGFUL, Step.EXPECTATIONS, "en")
    view["state"] = {"values": {"text": {"value": {"value": "x"}}, "colour": {"value": {}}}}
    assert set(modals.missing_choices(view)) == {"colour"}


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("a & b", "a &amp; b"),
        ("<!channel> hi", "&lt;!channel&gt; hi"),
        ("<@U123> look", "&lt;@U123&gt; look"),
        ("<https://x.example|click>", "&lt;https://x.example|click&gt;"),
        ("@here now", "@\u2060here now"),
        ("*bold*", "\u200b*bold\u200b*"),
        ("> not a quote\n> nor this", "\u200b&gt; not a quote\n\u200b&gt; nor this"),
    ],
)
def test_user_text_is_escaped_so_it_shows_exactly_as_typed(typed, shown):
    assert escape_user_text(typed) == shown


def test_long_text_is_cut_at_line_breaks_into_sections_of_at_most_3000_characters():
    text = "\n".join(f"line {n} " + "x" * 90 for n in range(200)) + "\n" + "y" * 7000
    pieces = split_text(text)
    assert all(len(piece) <= 3000 for piece in pieces)
    assert "".join(p.replace("\n", "") for p in pieces) == text.replace("\n", "")


def test_more_than_fifty_blocks_become_several_messages():
    blocks = text_sections("\n".join("z" * 2900 for _ in range(120)))
    pages = paginate(blocks, "fallback")
    assert len(pages) == 3 and all(within_limits(page) for page in pages)
    assert sum(len(p.blocks) for p in pages) == 120


def test_a_board_of_many_long_notes_renders_within_limits():
    notes = tuple(
        Note(
            id=f"n{i}",
            short_id=f"R{i}",
            circle=Circle.REALISTIC,
            colour=Colour.ORANGE,
            step=Step.TODAY,
            text="t" * 1999,
            author=None,
            created_at=NOW,
        )
        for i in range(1, 150)
    )
    messages = to_slack(BoardView(_workshop(notes=notes)), "da")
    assert len(messages) > 1 and all(within_limits(m) for m in messages)


def test_help_is_plain_text_in_sections():
    messages = to_slack(HelpView(Step.TODAY, True), "en")
    assert all(isinstance(m, SlackMessage) and within_limits(m) for m in messages)


def test_app_home_lists_workshops_and_only_the_persons_open_agreements():
    agreements = (
        Agreement(
            id="a1",
            short_id="AF1",
            owner="<@UBO>",
            due=date(2027, 3, 1),
            what="Plans <training>",
            author=Actor("UANNE"),
            created_at=NOW,
        ),
        Agreement(
            id="a2",
            short_id="AF2",
            owner="<@UCARL>",
            due=date(2027, 4, 1),
            what="Not Bo's",
            author=Actor("UANNE"),
            created_at=NOW,
        ),
    )
    view = home_view([_workshop(agreements=agreements, language="en")], "UBO")
    text = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and "Vagtplan-app" in text
    assert "Plans &lt;training&gt;" in text and "Not Bo" not in text


def test_agreement_owners_and_facilitators_show_as_slack_mentions_but_typed_ones_do_not():
    from core.messages import ItemConfirmed, Mentions, Refusal, Reply  # noqa: F401

    owner = Agreement(
        "a1",
        "AF1",
        "<@U07OWNER>",
        date(2027, 3, 1),
        "Calls <@U99> <!here>",
        Actor("U01FAC"),
        datetime(2026, 11, 2, tzinfo=UTC),
    )
    [announced] = to_slack(ItemConfirmed(owner, "announced"), "en")
    assert "<@U07OWNER>" in announced.text
    assert "<@U99>" not in announced.text and "&lt;@U99&gt;" in announced.text
    assert "<!here>" not in announced.text
    refusal = Refusal(
        "facilitator_only",
        {"action": "x", "facilitators": Mentions(("U01FAC",))},
        "hint_ask_facilitator",
    )
    [refused] = to_slack(refusal, "en")
    assert "<@U01FAC>" in refused.text
    named = Agreement(
        "a2",
        "AF2",
        "mette",
        date(2027, 3, 1),
        "Evaluering",
        Actor("U01FAC"),
        datetime(2026, 11, 2, tzinfo=UTC),
    )
    assert "mette · by 1 March 2027" in to_slack(ItemConfirmed(named, "announced"), "en")[0].text


def test_a_private_use_marker_typed_into_a_note_cannot_forge_a_mention():
    from core.language import parse

    command = parse("note sundt \ue000U07OWNER\ue001 hej")
    assert command.text == "U07OWNER hej"
