"""The method's table in core.method is the one source: parsing, help, step checks, the board's
groups and the Teams menu all agree with it."""

import pytest

from core import commands as c
from core.help import help_lines
from core.language import parse
from core.messages import HelpView, Refusal
from core.method import (
    COMMANDS,
    FACILITATOR_ONLY,
    NOTE_STEPS,
    STEP,
    STEPS,
    WRITES,
    Collects,
    manifest_commands,
    prompt_key,
    steps_collecting,
)
from core.model import Colour, Step
from core.report import NOTE_GROUPS
from core.texts import all_keys
from tests.unit.test_workshop_flow import refusal, walk_to

# Words that need more after them to make a command (a refusal still names the right command).
_ARGUMENTS = {
    c.StartWorkshop: " Vagtplan",
    c.AddNote: " sundt Ondt i nakken",
    c.AddPrerequisite: " before Oplæring",
    c.AddAgreement: " bo 1/3-2027 Evaluering",
    c.SetRollout: " 1/3-2027",
    c.AddFacilitator: " @bo",
    c.EditItem: " R1 Ny tekst",
    c.WithdrawItem: " R1",
    c.RemoveItem: " R1",
    c.SetLanguage: " en",
    c.Vote: " F1",
    c.ShowNames: " fra",
    c.PlanCheckIns: " 2w 1m",
    c.GoToStep: " 6",
    c.AnswerCheckIn: " sundt samme",
    c.AddLearning: " Vi øvede i små hold",
    c.MarkActionable: " R1",
    c.MarkDone: " AF1",
    c.MarkPrerequisite: " F1",
}
TYPED = [e for e in COMMANDS if e.parser is not None]


@pytest.mark.parametrize("entry", TYPED, ids=lambda e: e.verb)
def test_every_word_of_a_command_parses_to_that_command(entry):
    for word in entry.words:
        for spelled in (word, word.upper(), f"/rasmus {word}"):
            parsed = parse(spelled + _ARGUMENTS.get(entry.command, ""))
            assert isinstance(parsed, entry.command), (spelled, parsed)


def test_no_word_names_two_commands():
    words = [w.casefold() for e in TYPED for w in e.words]
    assert len(words) == len(set(words))


def test_a_word_outside_the_table_is_not_a_command():
    parsed = parse("hopla")
    assert isinstance(parsed, Refusal) and parsed.key == "unknown_command"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_typed_command_shows_in_help_in_both_languages(lang):
    every_line = "\n".join(
        line
        for step in (None, *Step)
        for line in help_lines(HelpView(step, facilitator=True), lang)
    )
    for entry in TYPED:
        if entry.command is c.Help:
            continue  # help is what is showing
        first = entry.wording(lang).words[0]
        assert f"/rasmus {first}" in every_line or f"/ {first}:" in every_line, (lang, first)


def test_every_listed_command_has_help_in_danish_and_english():
    for entry in TYPED:
        if entry.syntax:
            assert all(entry.syntax[lang] and entry.does[lang] for lang in ("da", "en"))
            assert entry.syntax["da"].split()[0] == entry.da.words[0]
            assert entry.syntax["en"].split()[0] == entry.en.words[0]


def test_help_lists_a_command_only_in_the_steps_it_is_useful_in():
    for step in Step:
        shown = "\n".join(help_lines(HelpView(step, facilitator=True), "en"))
        assert ("/rasmus note" in shown) == (step in NOTE_STEPS)
        assert ("/rasmus prereq" in shown) == (step is Step.PREREQUISITES)
        assert ("/rasmus agree" in shown) == (step in (Step.AGREEMENTS, Step.FOLLOW_UP))


def test_participants_see_no_facilitator_commands_in_help():
    for step in Step:
        shown = "\n".join(help_lines(HelpView(step, facilitator=False), "en"))
        for entry in TYPED:
            if entry.facilitator and entry.syntax:
                assert f"/rasmus {entry.syntax['en']}:" not in shown


def test_the_teams_menu_is_the_tables_manifest_commands_and_each_title_parses():
    for lang in ("da", "en"):
        menu = manifest_commands(lang)
        assert len(menu) <= 10  # Teams' limit per command list
        assert [title for title, _ in menu] == [e.verb for e in COMMANDS if e.in_manifest]
        offered = [e for e in COMMANDS if e.in_manifest]
        for (title, description), entry in zip(menu, offered, strict=True):
            assert isinstance(parse(title + _ARGUMENTS.get(entry.command, "")), entry.command)
            assert len(title) <= 32 and 0 < len(description) <= 128
            assert entry.wording(lang).syntax in description


def test_the_teams_package_lists_the_tables_menu():
    from adapters.teams.package import COMMANDS as MANIFEST

    assert MANIFEST == manifest_commands("en")


def test_facilitator_only_and_writing_commands_come_from_the_table():
    assert c.MoveStep in FACILITATOR_ONLY and c.DeleteWorkshop in FACILITATOR_ONLY
    assert c.AddNote not in FACILITATOR_ONLY
    assert {c.AddNote, c.EditFromMessage, c.WithdrawFromMessage} <= set(WRITES)
    assert c.ShowBoard not in WRITES and c.Export not in WRITES


def test_every_command_class_has_an_entry():
    classes = set(c.Command.__args__)
    assert classes == {e.command for e in COMMANDS}


def test_the_steps_table_names_texts_that_exist_in_both_languages():
    keys = all_keys()
    for entry in STEPS:
        named = (entry.guidance_key, entry.name_key, entry.prompt_key, entry.opening_key)
        for key in (k for k in (*named, entry.board_key) if k):
            assert key in keys, key


def test_the_board_groups_and_prompts_follow_the_note_steps():
    assert [step for step, _, _ in NOTE_GROUPS] == list(NOTE_STEPS)
    assert NOTE_STEPS == steps_collecting(Collects.NOTES)
    assert dict((s, cs) for s, cs, _ in NOTE_GROUPS)[Step.TODAY] == (Colour.ORANGE,)
    assert prompt_key(Step.TODAY) == "how_today"
    assert prompt_key(Step.FOLLOW_UP) == prompt_key(Step.EXPECTATIONS) == "how_expectations"
    with pytest.raises(ValueError):
        prompt_key(Step.PREREQUISITES)
    assert STEP[Step.INTRO].collects == ()


def test_the_step_checks_follow_what_each_step_collects(say):
    say("ny Vagtplan")
    for step in (Step.TODAY, Step.EXPECTATIONS, Step.PREREQUISITES, Step.AGREEMENTS):
        walk_to(say, step)
        for kind, command, key in (
            (Collects.NOTES, "note sundt + x", "no_notes_in_step"),
            (Collects.PREREQUISITES, "prereq before x", "no_prereqs_in_step"),
            (Collects.AGREEMENTS, "agree bo 1/3-2027 x", "no_agreements_in_step"),
        ):
            outcome = say(command)
            if kind in STEP[step].collects:
                assert outcome.events, (step, command)
            else:
                assert refusal(outcome) == key, (step, command)
