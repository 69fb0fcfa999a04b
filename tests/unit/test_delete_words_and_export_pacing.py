"""Only the documented words delete (finding 5), and exports are paced per person."""

from datetime import timedelta

import pytest

from core import commands as c
from core.help import help_lines
from core.language import parse
from core.messages import DeleteConfirmNeeded, ExportReady, HelpView, Refusal
from core.model import Step
from core.plain import render


@pytest.mark.parametrize(
    "typed", ["slet bekræft", "slet bekraeft", "slet bekraft", "delete confirm", "SLET BEKRÆFT"]
)
def test_the_documented_confirmation_words_confirm(typed):
    assert parse(typed) == c.DeleteWorkshop(confirmed=True)


@pytest.mark.parametrize("typed", ["slet ja", "delete yes", "slet", "slet nu", "delete please"])
def test_other_words_after_delete_only_ask_again(typed):
    assert parse(typed) == c.DeleteWorkshop(confirmed=False)


def test_slet_ja_deletes_nothing_and_the_question_names_the_exact_words(say):
    say("ny Vagtplan")
    outcome = say("slet ja")
    [question] = [r.message for r in outcome.replies]
    assert isinstance(question, DeleteConfirmNeeded)
    assert question.workshop_id == outcome.workshop.id
    assert "/rasmus slet bekræft" in render(question, "da")
    assert "/rasmus delete confirm" in render(question, "en")
    assert say("delete yes").workshop is not None
    assert say("status").workshop.technology == "Vagtplan"


@pytest.mark.parametrize(
    ("lang", "words"), [("da", "slet [nr] bekræft"), ("en", "delete [no] confirm")]
)
def test_help_names_the_confirmation_words(lang, words):
    assert any(words in line for line in help_lines(HelpView(Step.INTRO, True), lang))


def exported(outcome):
    return [r.message for r in outcome.replies if isinstance(r.message, ExportReady)]


def test_one_person_gets_one_export_per_half_minute_and_is_told_when_to_try_again(say, clock):
    say("ny Vagtplan")
    assert exported(
        say(
            "eksport",
        )
    )
    clock.step = timedelta(seconds=10)
    refused = say("eksport")
    [reply] = refused.replies
    assert isinstance(reply.message, Refusal) and reply.message.key == "export_too_soon"
    assert "Prøv igen om 20 sekunder." in render(reply.message, "da")
    assert exported(say.as_("bo")("eksport"))  # pacing is per person
    clock.step = timedelta(seconds=20)
    assert exported(say("eksport"))
