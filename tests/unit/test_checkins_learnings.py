"""After the stock-taking: learnings kept per check-in, and the deteriorations the team judges
it can act on, marked by anyone in the team (again: unmarked)."""

from core import commands as c
from core.circles import Circle
from core.events import ActionableMarked
from core.language import parse
from core.messages import Audience, BoardView, Said, StockTaking
from core.model import Actor, Step
from core.plain import render
from core.report import markdown_report
from core.service import Incoming
from tests.unit.checkin_steps import CHANNEL, messages, plan, post, stored, walk_to
from tests.unit.test_workshop_flow import refusal


def taken_stock(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.EXPECTATIONS)
    say("note realistisk + Færre dobbeltvagter")
    say.as_("bo")("note realistisk - Mere skærmtid")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    post(service, 1)
    say("tjek realistisk værre Skærmen fryser")  # E1
    say.as_("bo")("tjek realistisk bedre")  # E2
    say.as_("cy")("tjek realistisk samme")  # E3
    say("tjek luk")


def test_a_learning_is_kept_under_the_latest_posted_check_in(say, service):
    taken_stock(say, service)
    outcome = say.as_("bo")("læring realistisk Vi øvede i små hold først")
    [said] = messages(outcome, Said)
    assert said.key == "learning_added" and outcome.replies[0].audience is Audience.PRIVATE
    [learned] = stored(service).learnings
    assert (learned.short_id, learned.checkin, learned.circle) == ("L1", 1, Circle.REALISTIC)
    assert learned.author.user_id == "bo"
    post(service, 2)
    say("learning Superbrugere hjalp")
    second = stored(service).learnings[1]
    assert (second.short_id, second.checkin, second.circle) == ("L2", 2, None)


def test_learnings_show_on_the_board_and_in_the_report_by_check_in(say, service):
    taken_stock(say, service)
    say("læring realistisk Vi øvede i små hold først")
    board = render(BoardView(stored(service)), "da")
    assert "-- Læring: 1" in board and "Efter tjek 1:" in board
    assert "L1 · Realistisk · Vi øvede i små hold først (Anne)" in board
    report = markdown_report(stored(service), service.clock.now)
    assert "## Læring" in report and "### Efter tjek 1" in report
    assert "tjek 1 · status gjort" in report  # the check-ins with their counts


def test_an_anonymous_learning_keeps_no_author(say, service):
    taken_stock(say, service)
    incoming = Incoming(CHANNEL, Actor("zq-4711", "Zelda"), text="læring anonym Spørg tidligt")
    service.handle(incoming)
    [learned] = stored(service).learnings
    assert learned.author is None and "zq-4711" not in repr(stored(service))


def test_a_learning_before_the_follow_up_is_refused_with_where_it_belongs(say):
    say("ny Vagtplan")
    walk_to(say, Step.TODAY)
    assert refusal(say("læring Vi øvede")) == "no_learnings_yet"


def test_the_circle_is_read_only_when_text_follows_it():
    assert parse("læring realistisk") == c.AddLearning("realistisk")
    assert parse("læring sundt Pauser hjælper") == c.AddLearning("Pauser hjælper", Circle.HEALTHY)
    assert parse("learning anonymous Ask early") == c.AddLearning("Ask early", None, True)


def test_anyone_marks_a_red_note_or_a_worse_answer_and_again_unmarks(say, service):
    taken_stock(say, service)
    outcome = say.as_("cy")("handlebar R2")
    assert outcome.events == [ActionableMarked("R2", True)]
    assert outcome.replies[0].audience is Audience.CHANNEL
    say.as_("bo")("actionable e1")
    workshop = stored(service)
    assert workshop.find("R2").actionable and workshop.answers[0].actionable
    assert say("handlebar R2").events == [ActionableMarked("R2", False)]
    assert not stored(service).find("R2").actionable


def test_the_mark_shows_in_the_next_stock_taking_and_on_the_board(say, service):
    taken_stock(say, service)
    say("handlebar R2")
    say("handlebar E1")
    post(service, 2)
    [stock] = messages(say("tjek luk"), StockTaking)
    text = render(stock, "en")
    assert "Mere skærmtid (Bo) · you can act on it" in text
    assert "Mere skærmtid (Bo) · you can act on it" in render(BoardView(stored(service)), "en")


def test_only_red_notes_and_worse_answers_the_team_has_seen_can_be_marked(say, service):
    taken_stock(say, service)
    assert refusal(say("handlebar R1")) == "not_red"
    assert refusal(say("handlebar E2")) == "not_worse"
    assert refusal(say("handlebar E9")) == "unknown_answer"
    assert refusal(say("handlebar R7")) == "unknown_note"
    post(service, 2)
    say("tjek realistisk værre")  # E4: its stock-taking is not out yet
    assert refusal(say("handlebar E4")) == "unknown_answer"


def test_an_anonymous_answer_held_back_cannot_be_marked(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    post(service, 1)
    say("tjek sundt bedre")
    service.handle(Incoming(CHANNEL, Actor("x1", "X"), text="tjek anonym sundt værre"))  # E2
    say("tjek luk")
    assert refusal(say("handlebar E2")) == "unknown_answer"
