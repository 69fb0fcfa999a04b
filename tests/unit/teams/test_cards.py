"""The Adaptive Cards, as pure functions, compared with reviewed snapshots.

After an intended change run `UPDATE_SNAPSHOTS=1 pytest tests/unit/teams/test_cards.py` and
review the diff of tests/unit/teams/snapshots/.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from adapters.teams import cards
from core.circles import Circle
from core.messages import ItemConfirmed, WallNote
from core.model import Actor, ChannelKey, Colour, Note, Step, Workshop
from tests.schemas import CARD_SCHEMA
from tests.snapshots import assert_matches_snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"
WORKSHOP = Workshop(
    "w1",
    ChannelKey("msteams", "team", "channel"),
    "Rostering app",
    Actor("29:anne", "Anne"),
    datetime(2026, 11, 27, 9, tzinfo=UTC),
    facilitators=("29:anne",),
)
COUNTS = {Colour.ORANGE: 0, Colour.GREEN: 3, Colour.RED: 1}
NOTE = Note(
    "n1",
    "R1",
    Circle.REALISTIC,
    Colour.ORANGE,
    Step.TODAY,
    "Slow screens",
    Actor("29:anne", "Anne"),
    datetime(2026, 11, 27, 9, tzinfo=UTC),
)

CASES = {
    "intro_en": lambda: cards.step_card(WORKSHOP, Step.INTRO, "en"),
    "prerequisites_da": lambda: cards.step_card(WORKSHOP, Step.PREREQUISITES, "da"),
    "agreements_en": lambda: cards.step_card(
        WORKSHOP, Step.AGREEMENTS, "en", [("29:megan", "Megan Bowen")]
    ),
    "circle_expectations_da": lambda: cards.circle_card(
        "w1", Circle.HEALTHY, Step.EXPECTATIONS, COUNTS, "da"
    ),
    "circle_today_en": lambda: cards.circle_card("w1", Circle.REALISTIC, Step.TODAY, COUNTS, "en"),
    "circle_wall_expectations_da": lambda: cards.circle_card(
        "w1",
        Circle.MEANINGFUL,
        Step.EXPECTATIONS,
        {Colour.ORANGE: 0, Colour.GREEN: 1, Colour.RED: 1},
        "da",
        (
            WallNote("M1", Colour.GREEN, "Mere tid til borgerne", "Megan Bowen"),
            WallNote("M2", Colour.RED, "Skærmen **fylder** mere", None),
        ),
    ),
    "receipt_named_en": lambda: cards.confirmation_card(ItemConfirmed(NOTE, "added"), "en"),
    "colour_needed_da": lambda: cards.colour_needed_card(
        Circle.AUTONOMOUS, "Mere frihed", False, "da"
    ),
    "delete_confirm_en": lambda: cards.delete_confirm_card("Rostering app", "en"),
    "inspiration_da": lambda: cards.inspiration_card((Circle.DEVELOPING,), "da"),
    "board_text_en": lambda: cards.text_card(
        "== The board ==\n-- Realistic [orange: 1]\n   Today:\n     R1 (orange) x (Anne)",
        private=True,
        lang="en",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_card_matches_its_reviewed_snapshot(name):
    card = CASES[name]()
    path = SNAPSHOTS / f"{name}.json"
    rendered = json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert_matches_snapshot(path, rendered)


@pytest.mark.parametrize("name", list(CASES))
def test_every_submit_button_names_its_action_and_every_input_has_an_id(name):
    card = CASES[name]()
    for action in card.get("actions", []):
        assert action["type"] == "Action.Submit" and action["data"]["rasmus"]

    def inputs(node):
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                yield node
            for child in node.values():
                yield from inputs(child)
        elif isinstance(node, list):
            for child in node:
                yield from inputs(child)

    assert all(field["id"] for field in inputs(card))
    assert card["version"] == "1.5"


@pytest.mark.parametrize("name", list(CASES))
def test_every_card_is_valid_against_the_adaptive_card_1_5_schema(name):
    jsonschema.Draft6Validator(CARD_SCHEMA).validate(CASES[name]())


def _text_blocks(node) -> str:
    """What a card shows as (markdown-read) text; input values are shown as typed anyway."""
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return "\n".join(own + [_text_blocks(v) for v in node.values()])
    if isinstance(node, list):
        return "\n".join(_text_blocks(v) for v in node)
    return ""


def test_a_note_cannot_put_a_link_or_formatting_into_the_bots_cards_or_messages():
    from adapters.teams import delivery
    from core.messages import Audience, BoardView, Reply

    typed = "[Klik her](https://phish.example) **vigtigt** _nu_\n# Overskrift"
    note = Note(
        "n1",
        "R1",
        Circle.REALISTIC,
        Colour.ORANGE,
        Step.TODAY,
        typed,
        Actor("29:bo", "Bo"),
        datetime(2026, 11, 27, tzinfo=UTC),
    )
    workshop = Workshop(
        id="w1",
        channel=ChannelKey("msteams", "t", "c"),
        technology="Robot",
        started_by=Actor("29:anne"),
        created_at=datetime(2026, 11, 27, tzinfo=UTC),
        step=Step.TODAY,
        notes=(note,),
    )
    [board] = delivery.plan(Reply(Audience.PRIVATE, BoardView(workshop), "da"))
    receipt = cards.confirmation_card(ItemConfirmed(note, "added"), "da")
    message = delivery.text_activity(typed).text
    for rendered in (
        _text_blocks(board.activity.attachments[0].content),
        _text_blocks(receipt),
        message,
    ):
        assert "](" not in rendered and "**vigtigt**" not in rendered
        assert "_nu_" not in rendered and "\n# " not in rendered
        assert "Klik her" in rendered  # the words themselves still show
    # Our own wording keeps its formatting.
    inspiration = json.dumps(cards.inspiration_card((Circle.HEALTHY,), "da"), ensure_ascii=False)
    assert "**Mulig gevinst:**" in inspiration
