"""Closing a check-in posts the stock-taking: per circle what was expected beside what was
lived, earlier check-ins beside this one, and anonymous answers only once enough answered."""

from core.checkins import close_checkin
from core.circles import Circle
from core.events import CheckInClosed
from core.messages import Audience, Refusal, StockTaking
from core.model import Actor, Step
from core.plain import render
from core.service import Incoming
from core.stocktaking import Tally, people, stock_taking
from tests.unit.checkin_steps import CHANNEL, messages, plan, post, replies, stored, walk_to
from tests.unit.test_workshop_flow import refusal


def with_expectations(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.EXPECTATIONS)
    say("note realistisk + Færre dobbeltvagter")
    say.as_("bo")("note realistisk - Mere skærmtid")
    say("note sundt - Stress over nye skærme")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    post(service, 1)


def anonymous(service, who, text):
    return service.handle(Incoming(CHANNEL, Actor(who, who.title()), text=f"tjek anonym {text}"))


def circle(stock, wanted):
    return next(part for part in stock.circles if part.circle is wanted)


def test_a_facilitator_closes_the_check_in_and_the_stock_taking_goes_to_the_channel(say, service):
    with_expectations(say, service)
    say.as_("bo")("tjek realistisk bedre Vagterne passer bedre")
    outcome = say("tjek luk")
    assert [type(e) for e in outcome.events] == [CheckInClosed]
    [reply] = replies(outcome, StockTaking)
    assert reply.audience is Audience.CHANNEL and reply.message.number == 1
    assert stored(service).checkins[0].closed_at is not None


def test_only_a_facilitator_closes_and_only_an_open_check_in(say, service):
    with_expectations(say, service)
    assert refusal(say.as_("bo")("checkin close")) == "facilitator_only"
    say("checkin close")
    outcome = say("checkin close")
    assert refusal(outcome) == "no_open_checkin"


def test_the_shared_close_is_what_the_command_does(say, service):
    with_expectations(say, service)
    workshop = stored(service)
    decision = close_checkin(workshop, 1, service.clock.now)
    assert decision.events == [CheckInClosed(1, service.clock.now)]
    [reply] = decision.replies
    assert reply.audience is Audience.CHANNEL and reply.message.workshop.checkins[0].closed_at


def test_expected_notes_stand_beside_the_experienced_counts_and_comments(say, service):
    with_expectations(say, service)
    say("tjek realistisk bedre Vagterne passer")
    say.as_("bo")("tjek realistisk værre")
    say.as_("cy")("tjek realistisk samme")
    [stock_message] = messages(say("tjek luk"), StockTaking)
    stock = stock_taking(stock_message.workshop, 1)
    realistic = circle(stock, Circle.REALISTIC)
    assert [(n.short_id, n.colour.value) for n in realistic.expected] == [
        ("R1", "green"),
        ("R2", "red"),
    ]
    assert realistic.tally == Tally(better=1, same=1, worse=1)
    # The comment, and the worse answer by its id so it can be marked; never who answered.
    assert [(a.short_id, a.comment) for a in realistic.answers] == [
        ("E1", "Vagterne passer"),
        ("E2", ""),
    ]
    text = render(stock_message, "da")
    assert "Færre dobbeltvagter" in text and "Mere skærmtid" in text
    assert "Forventet" in text and "bedre 1 · samme 1 · værre 1" in text
    assert "Anne" not in text.split("Oplevet")[1].split("-- Anerkendt")[0]
    for question in ("lykkedes", "gøre noget ved", "går I videre"):
        assert question in text
    assert "taking stock" in render(stock_message, "en").lower()


def test_people_are_named_authors_plus_the_most_anonymous_answers_in_one_circle(say, service):
    with_expectations(say, service)
    say("tjek realistisk bedre")
    say("tjek sundt bedre")  # the same person twice: one
    anonymous(service, "x1", "sundt værre")
    anonymous(service, "x2", "sundt værre")
    anonymous(service, "x1", "realistisk værre")
    assert people(stored(service), 1) == 3


def test_with_two_people_an_anonymous_answer_is_held_back(say, service):
    with_expectations(say, service)
    say("tjek sundt bedre")
    anonymous(service, "x1", "sundt værre Chefen lytter ikke")
    [stock_message] = messages(say("tjek luk"), StockTaking)
    stock = stock_taking(stock_message.workshop, 1)
    assert stock.people == 2 and stock.held_back
    assert circle(stock, Circle.HEALTHY).tally == Tally(better=1)
    text = render(stock_message, "da")
    assert "Chefen lytter ikke" not in text and "anonyme svar venter" in text


def test_with_three_people_anonymous_answers_count_and_their_comments_show(say, service):
    with_expectations(say, service)
    say("tjek sundt bedre")
    say.as_("bo")("tjek sundt samme")
    anonymous(service, "x1", "sundt værre Chefen lytter ikke")
    [stock_message] = messages(say("tjek luk"), StockTaking)
    stock = stock_taking(stock_message.workshop, 1)
    assert stock.people == 3 and not stock.held_back
    assert circle(stock, Circle.HEALTHY).tally == Tally(better=1, same=1, worse=1)
    assert "Chefen lytter ikke" in render(stock_message, "da")


def test_the_threshold_is_the_workshops_setting(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.FOLLOW_UP)
    plan(service, anonymous_threshold=2)
    post(service, 1)
    say("tjek sundt bedre")
    anonymous(service, "x1", "sundt værre")
    assert not stock_taking(stored(service), 1).held_back


def test_a_second_check_in_is_compared_with_the_first(say, service):
    with_expectations(say, service)
    say("tjek realistisk værre")
    say.as_("bo")("tjek realistisk værre")
    say("tjek luk")
    post(service, 2)
    say("tjek realistisk bedre")
    say.as_("bo")("tjek realistisk samme")
    [stock_message] = messages(say("tjek luk"), StockTaking)
    realistic = circle(stock_taking(stock_message.workshop, 2), Circle.REALISTIC)
    assert realistic.tally == Tally(better=1, same=1)
    assert realistic.earlier == ((1, Tally(worse=2)),)
    text = render(stock_message, "en")
    assert "better 1 · same 1 · worse 0 (check-in 1: better 0 · same 0 · worse 2)" in text


def test_a_stock_taking_with_no_answers_still_asks_the_questions(say, service):
    with_expectations(say, service)
    [stock_message] = messages(say("tjek luk"), StockTaking)
    text = render(stock_message, "en")
    assert "0 answered" in text and "How do you go on?" in text
    assert not messages(say("tjek luk"), StockTaking)
    assert isinstance(messages(say("tjek luk"), Refusal)[0], Refusal)
