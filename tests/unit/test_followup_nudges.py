"""Facilitators hear privately when a step has stood open for a week, once per step, and the
follow-up's messages read well as plain text in both languages."""

from dataclasses import replace
from datetime import date

from core.help import help_lines
from core.language import parse
from core.messages import AgreementReminder, Audience, FacilitatorNudge, HelpView
from core.model import Actor, Agreement, Step
from core.plain import render
from tests.unit.followup_kit import Follow, of, utc


def _nudges(said):
    return [(when, reply) for when, reply in of(said, FacilitatorNudge)]


def test_a_step_open_for_a_week_nudges_its_facilitators_once_with_the_contributions():
    follow = Follow()
    follow.say("ny Vagtplan")
    follow.say("facilitator <@bo>")
    follow.say("næste")
    follow.say("note realistisk Vi mangler tid")
    follow.say.as_("cai")("note sundt Ondt i nakken")
    follow.say("note anonym sundt Travlt")
    said = _nudges(follow.run_until(utc(2027, 2, 1)))
    [(when, nudge)] = said
    assert when == utc(2027, 1, 11, 8)  # a week on, at 09:00 in Copenhagen
    assert nudge.audience is Audience.DIRECT and set(nudge.to) == {"anne", "bo"}
    assert nudge.message == FacilitatorNudge("Vagtplan", "step_open", Step.TODAY, 3)


def test_the_next_step_starts_a_new_week():
    follow = Follow()
    follow.say("ny Vagtplan")
    follow.say("næste")
    follow.run_until(utc(2027, 1, 12, 9))
    follow.say("næste")
    said = _nudges(follow.run_until(utc(2027, 2, 1)))
    assert [(when, r.message.step) for when, r in said] == [
        (utc(2027, 1, 19, 8), Step.EXPECTATIONS)
    ]


def test_no_nudge_in_the_introduction_or_the_follow_up():
    follow = Follow()
    follow.say("ny Vagtplan")
    assert _nudges(follow.run_until(utc(2027, 2, 1))) == []
    follow.say("trin 6")
    assert _nudges(follow.run_until(utc(2027, 3, 1))) == []


def test_a_week_that_ends_on_christmas_day_nudges_on_the_next_working_day():
    follow = Follow(utc(2026, 12, 18, 9))  # a Friday
    follow.say("ny Vagtplan")
    follow.say("næste")
    [(when, _)] = _nudges(follow.run_until(utc(2027, 1, 10)))
    assert when == utc(2026, 12, 28, 8)


def _agreement(**changes):
    made = Agreement(
        id="a",
        short_id="AF1",
        owner="<@U1>",
        due=date(2027, 2, 3),
        what="Evaluering",
        author=Actor("anne"),
        created_at=utc(2027, 1, 4),
    )
    return replace(made, **changes)


def test_reminders_read_as_plain_text_in_both_languages():
    soon = render(AgreementReminder(_agreement(), "Vagtplan", "soon"), "da")
    assert "»Evaluering« (AF1)" in soon and "om to arbejdsdage, 3. februar 2027" in soon
    assert "/rasmus færdig AF1" in soon
    today = render(AgreementReminder(_agreement(), "Vagtplan", "today"), "en")
    assert "“Evaluering” (AF1)" in today and "due on 3 February 2027" in today
    assert "/rasmus done AF1" in today
    several = render(AgreementReminder(_agreement(what="Linje 1\nLinje 2"), "X", "soon"), "da")
    assert "»Linje 1 / Linje 2«" in several  # one line, as on the board


def test_nudges_read_as_plain_text_in_both_languages():
    step = FacilitatorNudge("Vagtplan", "step_open", Step.TODAY, 3)
    assert "»I dag«" in render(step, "da") and "3 bidrag" in render(step, "da")
    assert "“Today”" in render(step, "en") and "3 contributions" in render(step, "en")
    missed = FacilitatorNudge("Vagtplan", "missed", missed=("checkin:1", "reminder:AF2"))
    assert render(missed, "da").endswith("tjek nr. 1, påmindelsen om aftale AF2.")
    assert render(missed, "en").endswith("check-in no. 1, the reminder about agreement AF2.")
    none = FacilitatorNudge("Vagtplan", "no_checkins")
    assert "/rasmus tjekplan 1m 3m" in render(none, "da")
    assert "/rasmus checkins 1m 3m" in render(none, "en")


def test_help_shows_the_plan_and_the_step_jump_to_facilitators_only():
    for lang, plan, step in (("da", "tjekplan", "trin"), ("en", "checkins", "step")):
        shown = "\n".join(help_lines(HelpView(Step.AGREEMENTS, facilitator=True), lang))
        assert f"/rasmus {plan} " in shown and f"/rasmus {step} " in shown
        hidden = "\n".join(help_lines(HelpView(Step.AGREEMENTS, facilitator=False), lang))
        assert f"/rasmus {plan} " not in hidden and f"/rasmus {step} " not in hidden


def test_the_tick_is_no_word_anyone_can_type():
    assert parse("tick").key == "unknown_command"
    every = "\n".join(
        line
        for step in (None, *Step)
        for lang in ("da", "en")
        for line in help_lines(HelpView(step, facilitator=True), lang)
    )
    assert "tick" not in every.lower()
