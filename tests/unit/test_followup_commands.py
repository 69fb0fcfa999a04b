"""The facilitator steers the follow-up: the check-in plan, the go-live, jumping to a step and
whether check-ins still come after an early `end`."""

from datetime import date

import pytest

from core import commands as c
from core.language import parse
from core.messages import (
    Audience,
    CirclePrompt,
    KeepCheckInsQuestion,
    Refusal,
    Said,
    StepOpened,
)
from core.model import Actor, Step
from core.plain import render
from core.service import Incoming
from tests.conftest import CHANNEL
from tests.unit.followup_kit import Follow, of, utc, walk


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("checkins 2w 1m 3m at 10:00", c.PlanCheckIns(("2w", "1m", "3m"), "10:00")),
        ("tjekplan 2u 1m kl 10", c.PlanCheckIns(("2w", "1m"), "10:00")),
        ("tjekplan 1m kl. 8.30", c.PlanCheckIns(("1m",), "08:30")),
        ("tjekplan 6m", c.PlanCheckIns(("6m",))),
        ("tjekplan ingen", c.PlanCheckIns(())),
        ("checkins none", c.PlanCheckIns(())),
        ("checkins keep", c.KeepCheckIns(True)),
        ("tjekplan behold", c.KeepCheckIns(True)),
        ("step 6", c.GoToStep(Step.FOLLOW_UP)),
        ("trin opfølgning", c.GoToStep(Step.FOLLOW_UP)),
        ("step Follow-up", c.GoToStep(Step.FOLLOW_UP)),
        ("trin forventninger", c.GoToStep(Step.EXPECTATIONS)),
        ("trin i dag", c.GoToStep(Step.TODAY)),
        ("step 1", c.GoToStep(Step.INTRO)),
        ("trin forudsaetninger", c.GoToStep(Step.PREREQUISITES)),
    ],
)
def test_the_follow_up_commands_read_in_both_languages(typed, command):
    assert parse(typed) == command


@pytest.mark.parametrize(
    ("typed", "key", "hint"),
    [
        ("tjekplan", "missing_offsets", "hint_checkins"),
        ("tjekplan 2x 1m", "bad_offset", "hint_checkins"),
        ("tjekplan 1m kl 25", "bad_post_time", "hint_checkins"),
        ("tjekplan " + " ".join(f"{n}w" for n in range(1, 14)), "too_many_checkins", None),
        ("step 7", "unknown_step", "hint_step"),
        ("trin afsluttet", "unknown_step", "hint_step"),
        ("trin", "missing_step", "hint_step"),
    ],
)
def test_a_wrong_plan_or_step_is_refused_with_what_to_type(typed, key, hint):
    refusal = parse(typed)
    assert isinstance(refusal, Refusal) and refusal.key == key
    assert refusal.hint == (hint or "hint_checkins")


def _agreements_step():
    follow = Follow()
    follow.say("ny Vagtplan")
    walk(follow.say, 4)
    return follow


def _said(outcome):
    return [r.message for r in outcome.replies if isinstance(r.message, Said)]


def test_the_go_live_plans_the_check_ins_and_says_when_the_first_comes():
    follow = _agreements_step()
    outcome = follow.say("udrulning 1/2-2027")
    assert _said(outcome) == [
        Said("rollout_set", {"day": date(2027, 2, 1)}),
        Said("checkins_planned", {"count": 2, "day": date(2027, 3, 1), "time": "09:00"}),
    ]
    assert all(r.audience is Audience.CHANNEL for r in outcome.replies)
    assert [ci.offset for ci in outcome.workshop.checkins] == ["1m", "3m"]
    danish = render(_said(outcome)[1], "da")
    assert danish == "2 tjek er planlagt. Det første kommer 1. marts 2027 kl. 09:00, her i kanalen."


def test_a_plan_without_a_go_live_is_kept_until_the_date_is_set():
    follow = _agreements_step()
    outcome = follow.say("tjekplan 2u 1m kl 10:00")
    assert _said(outcome) == [Said("checkins_waiting", {"count": 2})]
    assert outcome.workshop.checkins == ()
    assert outcome.workshop.followup.offsets == ("2w", "1m")
    planned = follow.say("udrulning 1/2-2027").workshop.checkins
    assert [ci.due_at for ci in planned] == [utc(2027, 2, 15, 9), utc(2027, 3, 1, 9)]


def test_a_new_plan_replaces_only_the_check_ins_not_yet_posted():
    follow = _agreements_step()
    follow.say("tjekplan 2w 1m")
    follow.say("udrulning 1/2-2027")
    follow.run_until(utc(2027, 2, 16))
    posted = follow.workshop.checkins[0]
    assert posted.posted_at is not None
    workshop = follow.say("checkins 2w 2m 3m").workshop
    assert workshop.checkins[0] == posted
    assert [(ci.number, ci.offset) for ci in workshop.checkins] == [(1, "2w"), (2, "2m"), (3, "3m")]


def test_checkins_none_plans_none_and_says_so():
    follow = _agreements_step()
    follow.say("udrulning 1/2-2027")
    outcome = follow.say("tjekplan ingen")
    assert outcome.workshop.checkins == () and _said(outcome) == [Said("checkins_none")]


def test_only_facilitators_plan_check_ins_and_jump_steps():
    follow = _agreements_step()
    for typed, action in (("tjekplan 1m", "action_checkins"), ("trin 6", "action_step")):
        [reply] = follow.say.as_("bo")(typed).replies
        assert reply.message.key == "facilitator_only"
        assert reply.message.params["action"].key == action


def test_a_step_jump_posts_that_steps_opening_and_circle_messages():
    follow = Follow()
    follow.say("ny Vagtplan")
    outcome = follow.say("trin 6")
    assert outcome.workshop.step is Step.FOLLOW_UP
    assert outcome.workshop.step_opened_at == follow.now
    [opened] = [r.message for r in outcome.replies if isinstance(r.message, StepOpened)]
    assert opened.step is Step.FOLLOW_UP
    assert len([r for r in outcome.replies if isinstance(r.message, CirclePrompt)]) == 6
    assert follow.say("trin 2").workshop.step is Step.TODAY


def test_jumping_to_the_step_we_are_in_is_refused_with_how_to_see_it_again():
    follow = _agreements_step()
    [reply] = follow.say("trin aftaler").replies
    assert reply.audience is Audience.PRIVATE
    assert reply.message.key == "already_in_step" and reply.message.hint == "hint_step_again"


def test_a_closed_workshop_takes_no_step_jump_and_no_new_plan():
    follow = _agreements_step()
    follow.say("afslut")
    for typed in ("trin 6", "tjekplan 1m"):
        [reply] = follow.say(typed).replies
        assert reply.message.key == "closed"


def test_end_before_follow_up_with_check_ins_planned_asks_privately_and_still_closes():
    follow = _agreements_step()
    follow.say("udrulning 1/2-2027")
    outcome = follow.say("afslut")
    assert outcome.workshop.is_closed
    [question] = [r for r in outcome.replies if isinstance(r.message, KeepCheckInsQuestion)]
    assert question.audience is Audience.PRIVATE
    assert question.message == KeepCheckInsQuestion(outcome.workshop.id, 2)
    assert "/rasmus tjekplan behold" in render(question.message, "da")
    assert "/rasmus checkins none" in render(question.message, "en")


@pytest.mark.parametrize("before", [[], ["tjekplan 1m"], ["udrulning 1/2-2027", "trin 6"]])
def test_end_asks_nothing_without_planned_check_ins_or_in_follow_up(before):
    follow = _agreements_step()
    for typed in before:
        follow.say(typed)
    outcome = follow.say("afslut")
    assert outcome.workshop.is_closed
    assert not [r for r in outcome.replies if isinstance(r.message, KeepCheckInsQuestion)]


def test_the_questions_button_and_the_typed_answer_keep_or_drop_the_check_ins():
    follow = _agreements_step()
    follow.say("udrulning 1/2-2027")
    workshop = follow.say("afslut").workshop
    button = c.KeepCheckIns(False, origin=c.Origin(workshop.id))

    outcome = follow.service.handle(Incoming(CHANNEL, Actor("anne"), command=button))
    assert outcome.workshop.checkins_after_end is False
    assert _said(outcome) == [Said("checkins_dropped", {"count": 2})]
    assert follow.wake_at is None
    kept = follow.say("tjekplan behold")
    assert kept.workshop.checkins_after_end is True
    assert [r.audience for r in kept.replies] == [Audience.PRIVATE]
    assert follow.wake_at == utc(2027, 2, 1, 8)


def test_a_button_from_an_earlier_workshop_changes_nothing():
    follow = _agreements_step()
    stale = c.KeepCheckIns(False, origin=c.Origin("another-workshop"))

    outcome = follow.service.handle(Incoming(CHANNEL, Actor("anne"), command=stale))
    assert outcome.events == [] and outcome.replies[0].message.key == "made_for_other_workshop"


def test_keeping_the_plan_of_an_open_workshop_tells_it_privately():
    follow = _agreements_step()
    follow.say("udrulning 1/2-2027")
    outcome = follow.say("checkins keep")
    assert outcome.events == []
    assert [r.audience for r in outcome.replies] == [Audience.PRIVATE]
    assert outcome.replies[0].message.key == "checkins_planned"


def test_reopening_brings_the_step_back_and_the_follow_up_on():
    follow = _agreements_step()
    follow.say("udrulning 1/2-2027")
    follow.say("afslut")
    follow.say("tjekplan ingen")
    assert follow.say("genåbn").workshop.step is Step.AGREEMENTS
    said = follow.run_until(utc(2027, 2, 2))
    assert [r.message.step for _, r in of(said, StepOpened)] == [Step.FOLLOW_UP]
