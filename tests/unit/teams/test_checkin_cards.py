"""The follow-up's Adaptive Cards: snapshots in both languages, valid 1.5 cards, one answer per
circle rated from one submit, nobody named on a card, and where each reply goes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from adapters.teams import checkin_cards, delivery
from adapters.teams.submits import command_from_submit
from core.circles import Circle
from core.commands import AnswerCheckIn, KeepCheckIns, Origin
from core.messages import (
    Audience,
    CheckInPost,
    KeepCheckInsQuestion,
    Refusal,
    Reply,
    StockTaking,
)
from core.model import Rating
from tests.followup_workshops import answered, in_follow_up
from tests.schemas import CARD_SCHEMA
from tests.snapshots import assert_matches_snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"
CASES = {
    f"{name}_{lang}": (lambda build=build, lang=lang: build(lang))
    for lang in ("da", "en")
    for name, build in {
        "checkin": lambda lang: checkin_cards.checkin_card(
            CheckInPost(in_follow_up("msteams"), 1), lang
        ),
        "stock_taking": lambda lang: checkin_cards.stock_card(
            StockTaking(answered(platform="msteams"), 2), lang
        ),
        "keep_checkins": lambda lang: checkin_cards.keep_card(KeepCheckInsQuestion("w1", 2), lang),
    }.items()
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_follow_up_card_matches_its_reviewed_snapshot(name):
    rendered = json.dumps(CASES[name](), ensure_ascii=False, indent=1, sort_keys=True)
    assert_matches_snapshot(SNAPSHOTS / f"{name}.json", rendered + "\n")


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_follow_up_card_is_a_valid_adaptive_card_1_5(name):
    jsonschema.Draft6Validator(CARD_SCHEMA).validate(CASES[name]())


def _submitted(**values) -> dict:
    card = checkin_cards.checkin_card(CheckInPost(in_follow_up("msteams"), 1), "en")
    return {**card["actions"][0]["data"], **values}


def test_one_submit_of_the_check_in_card_is_one_answer_per_circle_rated():
    values = _submitted(
        rating_realistic="better",
        comment_realistic=" Fewer double shifts ",
        rating_healthy="worse",
        comment_healthy="",
        comment_meaningful="a comment without a rating is not an answer",
        anonymous="true",
    )
    assert command_from_submit(values) == [
        AnswerCheckIn(
            Circle.REALISTIC, Rating.BETTER, "Fewer double shifts", True, 1, Origin("w1")
        ),
        AnswerCheckIn(Circle.HEALTHY, Rating.WORSE, "", True, 1, Origin("w1")),
    ]


def test_a_check_in_card_sent_without_any_rating_answers_nothing():
    assert command_from_submit(_submitted(anonymous="false")) == []


def test_a_tampered_rating_or_check_in_number_is_refused_in_words():
    bad_rating = command_from_submit(_submitted(rating_healthy="great"))
    assert bad_rating == Refusal("bad_form_field", {"field": "rating_healthy"})
    bad_number = command_from_submit(_submitted(checkin={"n": 1}, rating_healthy="same"))
    assert bad_number == Refusal("bad_form_field", {"field": "checkin"})


def test_the_check_in_card_carries_no_person_and_shows_owners_by_name():
    post = Reply(Audience.CHANNEL, CheckInPost(in_follow_up("msteams"), 1), "en")
    [planned] = delivery.plan(post, {"UBO": "Bo Berg"})
    assert isinstance(planned, delivery.NewPost)
    card = planned.activity.attachments[0].content
    assert card["actions"][0]["data"] == {
        "rasmus": "checkin",
        "workshop": "w1",
        "checkin": 1,
        "lang": "en",
    }
    shown = json.dumps(card, ensure_ascii=False)
    assert "@Bo Berg og Karen" in shown and "overdue" in shown
    assert "@RASMUS checkin" in shown  # Teams' own way to type it


def test_the_keep_card_answers_keep_or_drop_for_its_workshop():
    card = checkin_cards.keep_card(KeepCheckInsQuestion("w1", 2), "da")
    answers = [command_from_submit(action["data"]) for action in card["actions"]]
    assert answers == [KeepCheckIns(True, Origin("w1")), KeepCheckIns(False, Origin("w1"))]
    [planned] = delivery.plan(Reply(Audience.PRIVATE, KeepCheckInsQuestion("w1", 2)))
    assert isinstance(planned, delivery.Send) and planned.private


def test_the_stock_taking_holds_back_anonymous_answers_below_the_threshold():
    lonely = answered(platform="msteams", anonymous_answers=1)
    lonely = replace(lonely, answers=tuple(a for a in lonely.answers if a.author is None))
    shown = json.dumps(checkin_cards.stock_card(StockTaking(lonely, 2), "en"), ensure_ascii=False)
    assert "Hemmelig" not in shown and "wait until more people" in shown


def test_a_long_list_of_agreements_keeps_the_check_in_card_within_teams_size():
    workshop = in_follow_up("msteams")
    many = tuple(
        replace(workshop.agreements[0], id=f"a{n}", short_id=f"AF{n}", what="Lang aftale " * 40)
        for n in range(1, 41)
    )
    card = checkin_cards.checkin_card(CheckInPost(replace(workshop, agreements=many), 1), "da")
    shown = json.dumps(card, ensure_ascii=False)
    assert len(shown.encode()) < 20_000 and "… og 25 til" in shown
