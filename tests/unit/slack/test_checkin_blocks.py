"""The follow-up in Block Kit: snapshots in both languages, button values without people, the
answer modal read back into a command, and anonymous answers held back below the threshold."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from adapters.slack import checkins
from adapters.slack.blocks import within_limits
from adapters.slack.home import home_view
from adapters.slack.render import to_slack
from core.circles import Circle
from core.commands import AnswerCheckIn, KeepCheckIns, Origin
from core.messages import CheckInPost, KeepCheckInsQuestion, Refusal, StockTaking
from core.model import Rating
from tests.followup_workshops import POSTED, answered, in_follow_up
from tests.snapshots import assert_matches_snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _matches_snapshot(name: str, value) -> None:
    rendered = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    assert_matches_snapshot(SNAPSHOTS / f"{name}.json", rendered + "\n")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_check_in_post_asks_every_circle_and_lists_the_open_agreements(lang):
    [message] = to_slack(CheckInPost(in_follow_up(), 1), lang)
    assert within_limits(message)
    _matches_snapshot(f"checkin_post_{lang}", message.blocks)


def test_a_rating_button_carries_the_workshop_check_in_circle_and_rating_and_nobody():
    [message] = to_slack(CheckInPost(in_follow_up(), 1), "da")
    buttons = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == 18
    rows = [b for b in message.blocks if b["type"] == "actions"]
    for row in rows:  # Slack refuses a block whose action ids repeat
        assert [e["action_id"] for e in row["elements"]] == list(checkins.ANSWER.values())
    values = [json.loads(b["value"]) for b in buttons]
    assert {v["r"] for v in values} == {"better", "same", "worse"}
    assert {tuple(sorted(v)) for v in values} == {("c", "l", "n", "r", "w")}
    assert values[0] == {"w": "w1", "n": 1, "c": "realistic", "r": "better", "l": "da"}
    assert "UANNE" not in json.dumps(values)


def test_the_overdue_agreement_is_marked_and_owners_stay_mentions_while_text_is_escaped():
    [message] = to_slack(CheckInPost(in_follow_up(), 1), "en")
    listed = next(b["text"]["text"] for b in message.blocks if "AF1" in str(b))
    af1, af2 = listed.split("\n")[1:3]
    assert "<@UBO>" in af1 and "overdue" in af1
    assert "overdue" not in af2 and "\u200b_vagtbytte\u200b_" in af2
    assert "AF3" not in listed  # done


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_answer_modal_opens_with_the_clicked_rating_chosen(lang):
    value = {"w": "w1", "n": 2, "c": "healthy", "r": "worse", "l": lang}
    view = checkins.answer_modal("T1", "C1", value, lang)
    _matches_snapshot(f"checkin_answer_modal_{lang}", view)


def _submitted(view: dict, rating: str | None, comment: str = "", anonymous=False) -> dict:
    values = {"comment": {"value": {"value": comment}}}
    if rating:
        values["rating"] = {"value": {"selected_option": {"value": rating}}}
    if anonymous:
        values["anonymous"] = {"value": {"selected_options": [{"value": "anonymous"}]}}
    return {**view, "state": {"values": values}}


def test_a_submitted_answer_becomes_an_answer_for_that_check_in_and_workshop():
    value = {"w": "w1", "n": 2, "c": "healthy", "r": "worse", "l": "en"}
    view = checkins.answer_modal("T1", "C1", value, "en")
    answer = checkins.read_answer(_submitted(view, "same", " Less lifting ", anonymous=True))
    assert answer == AnswerCheckIn(
        Circle.HEALTHY, Rating.SAME, "Less lifting", True, checkin=2, origin=Origin("w1")
    )
    assert checkins.modal_errors(view, answer) == {}


def test_an_answer_without_a_rating_or_with_tampered_metadata_stays_in_the_modal_with_why():
    value = {"w": "w1", "n": 2, "c": "healthy", "r": "worse", "l": "da"}
    view = checkins.answer_modal("T1", "C1", value, "da")
    no_rating = checkins.read_answer(_submitted(view, None))
    assert isinstance(no_rating, Refusal)
    assert checkins.modal_errors(view, no_rating) == {"rating": "Vælg bedre, samme eller værre."}
    meta = json.loads(view["private_metadata"])
    tampered = {**view, "private_metadata": json.dumps({**meta, "c": "nowhere", "n": "2"})}
    refused = checkins.read_answer(_submitted(tampered, "better"))
    assert isinstance(refused, Refusal)
    assert "ikke kan læse" in checkins.modal_errors(tampered, refused)["rating"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_stock_taking_shows_expected_beside_experienced_per_circle(lang):
    [message] = to_slack(StockTaking(answered(anonymous_answers=1), 2), lang)
    assert within_limits(message)
    _matches_snapshot(f"stock_taking_{lang}", message.blocks)


def test_anonymous_answers_are_held_back_until_enough_people_answered():
    few = json.dumps(to_slack(StockTaking(answered(anonymous_answers=0), 2), "en")[0].blocks)
    assert "Hemmelig" not in few and "wait until more people" not in few
    one = json.dumps(to_slack(StockTaking(answered(anonymous_answers=1), 2), "en")[0].blocks)
    # Anne and Bo named, one anonymous: three people, the threshold; it counts
    assert "Hemmelig" in one and "wait until more people" not in one
    alone = answered(anonymous_answers=1)
    alone = replace(alone, answers=tuple(a for a in alone.answers if a.author is None))
    held = json.dumps(to_slack(StockTaking(alone, 2), "en")[0].blocks, ensure_ascii=False)
    assert "Hemmelig" not in held and "wait until more people have answered" in held
    assert "better 0 · same 0 · worse 0" in held


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_keep_check_ins_question_has_two_buttons_that_answer_it(lang):
    [message] = to_slack(KeepCheckInsQuestion("w1", 2), lang)
    _matches_snapshot(f"keep_checkins_{lang}", message.blocks)
    buttons = message.blocks[-1]["elements"]
    commands = [checkins.keep_command(b["action_id"], json.loads(b["value"])) for b in buttons]
    assert commands == [KeepCheckIns(True, Origin("w1")), KeepCheckIns(False, Origin("w1"))]


def _many_agreements(platform: str):
    workshop = in_follow_up(platform)
    first = workshop.agreements[0]
    many = tuple(
        replace(first, id=f"a{n}", short_id=f"AF{n}", what="Lang aftale " * 40)
        for n in range(1, 41)
    )
    return replace(workshop, agreements=many)


def test_a_long_list_of_agreements_is_cut_and_says_how_many_more():
    [message] = to_slack(CheckInPost(_many_agreements("slack"), 1), "en")
    assert within_limits(message)
    assert "… and 25 more" in json.dumps(message.blocks, ensure_ascii=False)


def test_app_home_lists_an_agreement_shared_with_others_until_it_is_done():
    workshop = in_follow_up()  # AF1 is Bo's with Karen; AF3 is done
    shared = json.dumps(home_view([workshop], "UBO"), ensure_ascii=False)
    assert "Oplæring i appen" in shared and "Lukket aftale" not in shared
    done = replace(workshop, agreements=(replace(workshop.agreements[0], done_at=POSTED),))
    assert "Oplæring i appen" not in json.dumps(home_view([done], "UBO"), ensure_ascii=False)
