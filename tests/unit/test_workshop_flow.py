from core.circles import Circle
from core.messages import (
    Audience,
    CirclePrompt,
    ColourNeeded,
    CountsChanged,
    DeleteConfirmNeeded,
    ItemConfirmed,
    Refusal,
    StepOpened,
)
from core.model import ChannelKey, Colour, ItemStatus, Step
from tests.conftest import Speaker


def messages(outcome, kind):
    return [r.message for r in outcome.replies if isinstance(r.message, kind)]


def refusal(outcome):
    [reply] = outcome.replies
    assert reply.audience is Audience.PRIVATE
    assert isinstance(reply.message, Refusal)
    return reply.message.key


def walk_to(say, step):
    while say("status").workshop.step is not step:
        say("next")


def test_starting_a_workshop_makes_the_starter_facilitator_and_opens_the_intro(say):
    outcome = say("ny Vagtplan")
    assert outcome.workshop.facilitators == ("anne",)
    assert outcome.workshop.step is Step.INTRO
    [opened] = messages(outcome, StepOpened)
    assert opened.step is Step.INTRO


def test_the_steps_run_in_the_methods_order_and_back(say):
    say("ny Vagtplan")
    seen = [say("næste").workshop.step for _ in range(5)]
    assert seen == [
        Step.TODAY,
        Step.EXPECTATIONS,
        Step.PREREQUISITES,
        Step.AGREEMENTS,
        Step.FOLLOW_UP,
    ]
    assert refusal(say("næste")) == "last_step"
    assert say("tilbage").workshop.step is Step.AGREEMENTS


def test_a_note_step_posts_a_prompt_per_circle_with_its_counts(say):
    say("ny Vagtplan")
    prompts = messages(say("næste"), CirclePrompt)
    assert [p.circle for p in prompts] == list(Circle)
    assert all(p.counts[Colour.ORANGE] == 0 for p in prompts)


def test_only_facilitators_move_steps_and_the_refusal_names_them(say):
    say("ny Vagtplan")
    outcome = say.as_("bo")("næste")
    assert refusal(outcome) == "facilitator_only"
    assert outcome.workshop.step is Step.INTRO


def test_a_co_facilitator_may_steer(say):
    say("ny Vagtplan")
    say("facilitator @bo")
    assert say.as_("bo")("next").workshop.step is Step.TODAY


def test_today_notes_are_orange_and_numbered_per_circle(say):
    say("ny Vagtplan")
    say("næste")
    first = say("note realistisk Vi mangler tid")
    second = say.as_("bo")("note realistisk Systemet er langsomt")
    other = say("note sundt Ondt i nakken")
    notes = other.workshop.notes
    assert [(n.short_id, n.colour) for n in notes] == [
        ("R1", Colour.ORANGE),
        ("R2", Colour.ORANGE),
        ("SS1", Colour.ORANGE),
    ]
    assert messages(first, ItemConfirmed)[0].item.short_id == "R1"
    [counts] = messages(second, CountsChanged)
    assert counts.counts[Colour.ORANGE] == 2


def test_expectation_notes_take_their_colour_from_plus_or_minus(say):
    say("ny Vagtplan")
    walk_to(say, Step.EXPECTATIONS)
    say("note sundt +Mindre tunge løft")
    outcome = say("note sundt - Mere skærmtid")
    assert [(n.colour, n.text) for n in outcome.workshop.notes] == [
        (Colour.GREEN, "Mindre tunge løft"),
        (Colour.RED, "Mere skærmtid"),
    ]


def test_an_unmarked_expectation_asks_for_a_colour_and_stores_nothing(say):
    say("ny Vagtplan")
    walk_to(say, Step.EXPECTATIONS)
    outcome = say("note sundt Mere skærmtid")
    [asked] = messages(outcome, ColourNeeded)
    assert asked.circle is Circle.HEALTHY
    assert outcome.workshop.notes == ()


def test_notes_in_a_step_without_notes_are_refused(say):
    say("ny Vagtplan")
    outcome = say("note sundt Ondt i nakken")
    assert refusal(outcome) == "no_notes_in_step"
    assert outcome.workshop.notes == ()


def test_prerequisites_and_agreements_belong_to_their_steps(say):
    say("ny Vagtplan")
    assert refusal(say("prereq before Oplæring")) == "no_prereqs_in_step"
    assert refusal(say("agree bo 1/3-2027 Evaluering")) == "no_agreements_in_step"
    walk_to(say, Step.PREREQUISITES)
    assert say("prereq before Oplæring").workshop.prerequisites[0].short_id == "F1"
    say("next")
    agreement = say("agree <@U7> 1/3-2027 Evaluering").workshop.agreements[0]
    assert (agreement.short_id, agreement.owner) == ("AF1", "<@U7>")


def test_only_facilitators_write_agreements(say):
    say("ny Vagtplan")
    walk_to(say, Step.AGREEMENTS)
    outcome = say.as_("bo")("agree bo 1/3-2027 Evaluering")
    assert refusal(outcome) == "facilitator_only"
    assert outcome.workshop.agreements == ()


def test_an_anonymous_note_keeps_no_author_and_its_code_proves_authorship(say, ids):
    say("ny Vagtplan")
    say("next")
    outcome = say.as_("bo")("note anonym sundt Min leder presser mig")
    [note] = outcome.workshop.notes
    assert note.author is None and note.source_ref is None
    [receipt] = messages(outcome, ItemConfirmed)
    assert receipt.code == ids.codes[-1]
    assert receipt.code not in repr(outcome.workshop)  # only its hash is kept
    assert refusal(say.as_("bo")("edit H1 Ny tekst")) == "not_author"
    assert refusal(say.as_("bo")("edit H1 ZZZZ-ZZZZ Ny tekst")) == "bad_code"
    edited = say.as_("bo")(f"edit H1 {receipt.code} Ny tekst")
    assert edited.workshop.notes[0].text == "Ny tekst"
    # One-time: the used code is spent, and the new receipt carries a fresh one.
    assert refusal(say.as_("bo")(f"withdraw H1 {receipt.code}")) == "bad_code"
    fresh = messages(edited, ItemConfirmed)[0].code
    assert say.as_("bo")(f"withdraw H1 {fresh}").workshop.notes[0].status is ItemStatus.WITHDRAWN


def test_authors_correct_and_withdraw_their_own_notes_only(say):
    say("ny Vagtplan")
    say("next")
    say.as_("bo")("note sundt Ondt i nakken")
    assert refusal(say.as_("cai")("edit H1 Hacked")) == "not_author"
    assert say.as_("bo")("edit H1 Ondt i ryggen").workshop.notes[0].text == "Ondt i ryggen"
    withdrawn = say.as_("bo")("withdraw H1").workshop.notes[0]
    assert (withdrawn.status, withdrawn.text) == (ItemStatus.WITHDRAWN, "")
    assert refusal(say.as_("bo")("withdraw H1")) == "item_gone"


def test_a_facilitator_removes_any_note_and_the_channel_is_told(say):
    say("ny Vagtplan")
    say("next")
    say.as_("bo")("note anonym sundt Noget grimt")
    assert refusal(say.as_("cai")("remove H1")) == "facilitator_only"
    outcome = say("fjern H1")
    assert outcome.workshop.notes[0].status is ItemStatus.REMOVED
    assert any(r.audience is Audience.CHANNEL for r in outcome.replies)
    assert refusal(say("fjern Q9")) == "missing_id"
    assert refusal(say("fjern R9")) == "unknown_item"


def test_the_same_platform_message_twice_stores_one_note(say):
    say("ny Vagtplan")
    say("next")
    say("note sundt Ondt i nakken", message_id="Ev1")
    again = say("note sundt Ondt i nakken", message_id="Ev1")
    assert again.duplicate and again.replies == []
    assert len(again.workshop.notes) == 1


def test_workshops_in_other_channels_and_workspaces_never_meet(service):
    here = Speaker(service, ChannelKey("slack", "T1", "C1"))
    there = Speaker(service, ChannelKey("slack", "T2", "C1"))
    here("ny Vagtplan")
    assert refusal(there("status")) == "no_workshop"
    there("ny Robot")
    assert here("status").workshop.technology == "Vagtplan"


def test_one_open_workshop_per_channel_and_a_new_one_after_closing(say):
    say("ny Vagtplan")
    assert refusal(say("ny Robot")) == "workshop_exists"
    say("afslut")
    assert say("ny Robot").workshop.technology == "Robot"


def test_a_closed_workshop_is_read_only_but_readable(say):
    say("ny Vagtplan")
    say("next")
    say("afslut")
    assert refusal(say("note sundt Ondt")) == "closed"
    assert refusal(say("next")) == "closed"
    assert say("tavle").replies[0].audience is Audience.PRIVATE


def test_deleting_asks_first_and_then_removes_everything(say):
    say("ny Vagtplan")
    assert messages(say("slet"), DeleteConfirmNeeded)
    assert say("status").workshop is not None
    assert refusal(say.as_("bo")("slet bekræft")) == "facilitator_only"
    assert say("slet bekræft").workshop is None
    assert refusal(say("status")) == "no_workshop"


def test_the_language_switches_for_the_whole_workshop(say):
    say("ny Vagtplan")
    assert refusal(say.as_("bo")("lang en")) == "facilitator_only"
    outcome = say("sprog en")
    assert outcome.workshop.language == "en"
    assert say("dance").replies[0].language == "en"


def test_refusals_change_nothing(say):
    say("ny Vagtplan")
    say("next")
    before = say("status").workshop
    for text in [
        "dance",
        "note glad x",
        "note sundt",
        "agree x y z",
        "rollout never",
        "edit R1 x",
        "fjern R1",
    ]:
        say.as_("bo")(text)
    assert say("status").workshop == before


def test_the_rollout_date_is_set_by_a_facilitator(say):
    say("ny Vagtplan")
    assert refusal(say.as_("bo")("rollout 1.2.2027")) == "facilitator_only"
    assert str(say("udrulning 1.2.2027").workshop.rollout) == "2027-02-01"


def test_export_returns_the_whole_workshop_as_markdown(say):
    from core.messages import ExportReady

    say("ny Vagtplan")
    say("next")
    say.as_("bo")("note anonym sundt Hemmelig")
    [ready] = messages(say("eksport"), ExportReady)
    assert "Hemmelig" in ready.markdown and "Bo" not in ready.markdown
    assert ready.filename.startswith("rasmus-vagtplan-") and ready.filename.endswith(".md")


def test_a_form_built_note_meets_the_same_length_and_emptiness_rules(service):
    from core.commands import AddNote
    from core.model import Actor
    from core.service import Incoming
    from tests.conftest import CHANNEL

    say = Speaker(service)
    say("ny Vagtplan")
    say("next")
    anne = Actor("anne")
    too_long = service.handle(Incoming(CHANNEL, anne, command=AddNote(Circle.HEALTHY, "x" * 2001)))
    empty = service.handle(Incoming(CHANNEL, anne, command=AddNote(Circle.HEALTHY, "   ")))
    assert refusal(too_long) == "text_too_long" and refusal(empty) == "missing_text"
    kept = service.handle(Incoming(CHANNEL, anne, command=AddNote(Circle.HEALTHY, " Ondt  ")))
    assert kept.workshop.notes[0].text == "Ondt"


def test_going_back_from_the_first_step_and_adding_a_facilitator_twice_are_refused(say):
    say("ny Vagtplan")
    assert refusal(say("tilbage")) == "first_step"
    say("facilitator @bo")
    assert refusal(say("facilitator @bo")) == "already_facilitator"
    assert say("status").workshop.facilitators == ("anne", "bo")


def test_help_lists_what_the_person_may_do_in_this_step():
    from core.help import help_lines
    from core.messages import HelpView

    participant = "\n".join(help_lines(HelpView(Step.TODAY, facilitator=False), "en"))
    facilitator = "\n".join(help_lines(HelpView(Step.TODAY, facilitator=True), "en"))
    assert "note [anonymous] <circle> <text>" in participant
    assert "next / back" not in participant and "next / back" in facilitator
    assert "prereq" not in participant
    assert "prereq [before|during|after]" in "\n".join(
        help_lines(HelpView(Step.PREREQUISITES, facilitator=False), "en")
    )
    assert "start <technology>" in "\n".join(help_lines(HelpView(None, False), "en"))
