"""Answering a check-in: one answer per person, circle and check-in; `same` is an answer;
anonymous answers keep nothing of the person and cannot be replaced."""

from core import commands as c
from core.circles import Circle
from core.language import parse
from core.messages import AnswerConfirmed, Audience, Refusal
from core.model import Actor, Rating, Step
from core.plain import render
from core.service import Incoming
from tests.unit.checkin_steps import CHANNEL, messages, plan, post, replies, stored, walk_to
from tests.unit.test_workshop_flow import refusal


def follow_up(say, service, posted=True):
    say("ny Vagtplan")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    if posted:
        post(service, 1)


def test_answering_with_no_check_in_open_is_refused_with_the_day_the_next_one_comes(say, service):
    follow_up(say, service, posted=False)
    outcome = say("tjek realistisk bedre")
    assert refusal(outcome) == "no_open_checkin"
    [refused] = messages(outcome, Refusal)
    assert refused.hint == "hint_next_checkin"
    assert "2026" in render(refused, "da")  # the day it comes
    assert stored(service).answers == ()


def test_with_nothing_planned_the_refusal_says_how_check_ins_are_planned(say):
    say("ny Vagtplan")
    outcome = say("checkin healthy worse")
    assert refusal(outcome) == "no_open_checkin"
    assert messages(outcome, Refusal)[0].hint == "hint_no_checkins"


def test_an_answer_is_kept_with_an_e_id_and_confirmed_only_to_whoever_gave_it(say, service):
    follow_up(say, service)
    outcome = say("tjek realistisk bedre Vagtplanen er nem at læse")
    [reply] = replies(outcome, AnswerConfirmed)
    assert reply.audience is Audience.PRIVATE and len(outcome.replies) == 1
    [answer] = stored(service).answers
    assert (answer.short_id, answer.checkin, answer.circle) == ("E1", 1, Circle.REALISTIC)
    assert answer.rating is Rating.BETTER and answer.comment == "Vagtplanen er nem at læse"
    assert answer.author.user_id == "anne" and not reply.message.replaced
    assert "E1" in render(reply.message, "da")


def test_answering_the_same_circle_again_replaces_the_first_answer(say, service):
    follow_up(say, service)
    say("tjek sundt værre Ondt i ryggen")
    say.as_("bo")("tjek sundt bedre")
    outcome = say("tjek sundt samme")
    [confirmed] = messages(outcome, AnswerConfirmed)
    assert confirmed.replaced
    mine = [a for a in stored(service).answers if a.author.user_id == "anne"]
    assert [(a.short_id, a.rating) for a in mine] == [("E3", Rating.SAME)]
    assert len(stored(service).answers) == 2  # bo's answer stays
    assert "erstatter" in render(confirmed, "da")


def test_another_circle_is_another_answer_and_ids_never_repeat(say, service):
    follow_up(say, service)
    say("tjek sundt værre")
    say("tjek sundt bedre")  # replaces E1 with E2
    say("tjek anerkendt bedre")
    assert [a.short_id for a in stored(service).answers] == ["E2", "E3"]


def test_same_is_a_real_answer_in_every_spelling(say, service):
    follow_up(say, service)
    for text, rating in (
        ("tjek meningsfyldt samme", Rating.SAME),
        ("checkin meaningful same", Rating.SAME),
        ("tjek meningsfyldt =", Rating.SAME),
        ("tjek meningsfyldt + Mere tid", Rating.BETTER),
        ("tjek meningsfyldt - Mindre tid", Rating.WORSE),
        ("tjek meningsfyldt værre", Rating.WORSE),
        ("tjek sundt og sikkert bedre", Rating.BETTER),
    ):
        parsed = parse(text)
        assert isinstance(parsed, c.AnswerCheckIn) and parsed.rating is rating, text
    outcome = say("tjek meningsfyldt samme")
    assert messages(outcome, AnswerConfirmed)[0].answer.comment == ""


def test_a_missing_or_unknown_rating_is_refused_with_an_example():
    for text, key in (
        ("tjek realistisk", "missing_rating"),
        ("tjek realistisk måske", "bad_rating"),
        ("tjek", "missing_circle_checkin"),
        ("tjek bedre", "unknown_circle"),
    ):
        parsed = parse(text)
        assert isinstance(parsed, Refusal) and parsed.key == key, text
    assert parse("tjek realistisk måske").hint == "hint_checkin"


def test_an_anonymous_answer_keeps_nothing_of_the_person(say, service):
    follow_up(say, service)
    incoming = Incoming(CHANNEL, Actor("zq-4711", "Zelda Quist"), text="tjek anonym sundt værre")
    outcome = service.handle(incoming)
    [confirmed] = messages(outcome, AnswerConfirmed)
    assert confirmed.answer.anonymous and not confirmed.replaced
    assert "kan ikke rettes" in render(confirmed, "da")
    workshop = stored(service)
    [answer] = workshop.answers
    assert answer.author is None and answer.short_id == "E1"
    assert "zq-4711" not in repr(workshop) and "Zelda" not in repr(workshop)


def test_a_second_anonymous_answer_adds_rather_than_replaces(say, service):
    follow_up(say, service)
    say("tjek anonym sundt værre")
    outcome = say("tjek anonym sundt bedre")
    assert not messages(outcome, AnswerConfirmed)[0].replaced
    assert [a.rating for a in stored(service).answers] == [Rating.WORSE, Rating.BETTER]
    # A named answer from the same person does not replace an anonymous one either.
    say("tjek sundt samme")
    assert len(stored(service).answers) == 3


def test_an_anonymous_answer_typed_where_others_see_it_is_refused_and_nothing_kept(say, service):
    follow_up(say, service)
    for text in ("tjek anonym sundt værre Chefen", "læring anonym Vi øvede"):
        incoming = Incoming(CHANNEL, Actor("bo", "Bo"), text=text, shown_to_others=True)
        outcome = service.handle(incoming)
        [refused] = messages(outcome, Refusal)
        assert refused.key == "anonymous_shown" and refused.hint == "hint_answer_privately"
    assert stored(service).answers == () and stored(service).learnings == ()


def test_a_card_names_its_check_in_and_a_closed_or_unknown_one_is_refused(say, service):
    follow_up(say, service)
    card = c.AnswerCheckIn(Circle.AUTONOMOUS, Rating.SAME, checkin=1)
    outcome = service.handle(Incoming(CHANNEL, Actor("bo", "Bo"), command=card))
    assert messages(outcome, AnswerConfirmed)[0].answer.checkin == 1
    unknown = c.AnswerCheckIn(Circle.AUTONOMOUS, Rating.SAME, checkin=2)  # planned, not posted
    outcome = service.handle(Incoming(CHANNEL, Actor("bo", "Bo"), command=unknown))
    assert refusal(outcome) == "unknown_checkin"
    say("tjek luk")
    outcome = service.handle(Incoming(CHANNEL, Actor("bo", "Bo"), command=card))
    assert refusal(outcome) == "checkin_closed"
    assert refusal(say("tjek realistisk bedre")) == "no_open_checkin"
    assert len(stored(service).answers) == 1


def test_a_form_answer_meets_the_text_rules_and_may_leave_the_comment_empty(say, service):
    follow_up(say, service)
    blank = c.AnswerCheckIn(Circle.DEVELOPING, Rating.SAME, comment="   ")
    outcome = service.handle(Incoming(CHANNEL, Actor("bo", "Bo"), command=blank))
    assert messages(outcome, AnswerConfirmed)[0].answer.comment == ""
    long = c.AnswerCheckIn(Circle.DEVELOPING, Rating.WORSE, comment="x" * 2001)
    outcome = service.handle(Incoming(CHANNEL, Actor("bo", "Bo"), command=long))
    assert refusal(outcome) == "text_too_long"
    assert [a.rating for a in stored(service).answers] == [Rating.SAME]
