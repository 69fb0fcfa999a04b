"""The check-in, an answer's receipt and the stock-taking as plain text, in both languages:
the original's questions, every circle, and people's words kept to one line each."""

import pytest

from core.ids import id_label
from core.messages import AnswerConfirmed, CheckInPost, StockTaking
from core.model import Step
from core.plain import render
from tests.unit.checkin_steps import messages, plan, post, stored, walk_to


@pytest.fixture
def posted(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.AGREEMENTS)
    say("aftale <@bo> 1/3-2027 Evaluering")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    return post(service, 1)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_check_in_names_every_circle_how_to_answer_and_the_open_agreements(posted, lang):
    text = render(CheckInPost(posted, 1), lang)
    for circle in ("Realistisk", "Anerkendt", "Selvstændigt", "Meningsfyldt", "Udviklende"):
        assert circle in text or lang == "en"
    assert ("Sundt & sikkert" if lang == "da" else "Healthy & safe") in text
    assert ("/rasmus tjek" if lang == "da" else "/rasmus checkin") in text
    assert ("»Samme« er også et svar" if lang == "da" else "“Same” is an answer too") in text
    assert "Evaluering" in text and "@bo" in text


def test_a_comment_over_several_lines_stays_one_line_in_the_receipt_and_the_stock_taking(
    say, posted
):
    outcome = say("tjek realistisk værre Skærmen fryser\nhver morgen")
    [receipt] = messages(outcome, AnswerConfirmed)
    assert "Skærmen fryser / hver morgen" in render(receipt, "da")
    [stock] = messages(say("tjek luk"), StockTaking)
    assert "E1 (værre) Skærmen fryser / hver morgen" in render(stock, "da")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_stock_taking_asks_the_originals_three_questions(say, service, posted, lang):
    [stock] = messages(say("tjek luk"), StockTaking)
    text = render(stock, lang)
    questions = {
        "da": ("hvordan lykkedes det", "hvilke forværringer kan I gøre noget ved", "går I videre"),
        "en": ("how did you manage it", "which of these can you do something about", "go on"),
    }
    for question in questions[lang]:
        assert question in text, question
    assert stored(service).checkins[0].closed_at is not None


def test_answers_and_learnings_have_ids_named_in_both_languages():
    assert id_label("E3", "da") == "E3 · erfaring" and id_label("e3", "en") == "E3 · experience"
    assert id_label("L1", "da") == "L1 · læring" and id_label("L1", "en") == "L1 · learning"
