"""Where a command was made (origin), thread replies, and edited or deleted chat messages."""

from datetime import date

from core import commands as c
from core.circles import Circle
from core.language import reply_command
from core.messages import ColourNeeded, CountsChanged, ItemConfirmed, Refusal
from core.model import Colour, ItemStatus, Step, Timing
from core.plain import render
from tests.unit.test_workshop_flow import messages, refusal, walk_to


def started(say, step=Step.TODAY):
    workshop = say("ny Vagtplan").workshop
    walk_to(say, step)
    return workshop.id


def send(say, command, **kwargs):
    return say(None, command=command, **kwargs)


def note(circle, text, workshop_id, step=None, **kwargs):
    return c.AddNote(circle, text, origin=c.Origin(workshop_id, step), **kwargs)


# --- origin: the workshop and step a form, card or circle message was made for -------------


def test_a_note_made_for_the_current_workshop_and_step_is_kept(say):
    workshop_id = started(say)
    outcome = send(say, note(Circle.HEALTHY, "Ondt i nakken", workshop_id, Step.TODAY))
    assert [n.text for n in outcome.workshop.notes] == ["Ondt i nakken"]


def test_a_note_made_under_an_earlier_workshop_is_refused_privately(say):
    old_id = started(say)
    say("afslut")
    say("ny Robot")
    walk_to(say, Step.TODAY)
    outcome = send(say, note(Circle.HEALTHY, "Ondt i nakken", old_id, Step.TODAY))
    assert refusal(outcome) == "made_for_other_workshop"
    assert outcome.workshop.notes == ()


def test_a_note_made_under_an_earlier_steps_message_is_refused_and_names_both_steps(say):
    workshop_id = started(say, Step.EXPECTATIONS)
    outcome = send(say, note(Circle.HEALTHY, "Ondt i nakken", workshop_id, Step.TODAY))
    assert refusal(outcome) == "made_for_other_step"
    assert outcome.workshop.notes == ()
    [reply] = outcome.replies
    danish = render(reply.message, "da")
    assert "“I dag”" in danish and "“Forventninger”" in danish and "/rasmus" in danish
    english = render(reply.message, "en")
    assert "Today" in english and "Expectations" in english


def test_prerequisite_and_agreement_forms_of_another_workshop_are_refused(say):
    started(say, Step.PREREQUISITES)
    prereq = c.AddPrerequisite(Timing.BEFORE, "Oplæring", origin=c.Origin("old"))
    assert refusal(send(say, prereq)) == "made_for_other_workshop"
    workshop_id = say("status").workshop.id
    kept = send(say, c.AddPrerequisite(Timing.BEFORE, "Oplæring", origin=c.Origin(workshop_id)))
    assert [p.text for p in kept.workshop.prerequisites] == ["Oplæring"]
    say("next")
    agreement = c.AddAgreement("<@U7>", date(2027, 3, 1), "Evaluering", origin=c.Origin("old"))
    assert refusal(send(say, agreement)) == "made_for_other_workshop"
    assert say("status").workshop.agreements == ()


def test_a_delete_confirmation_made_for_another_workshop_deletes_nothing(say):
    started(say)
    outcome = send(say, c.DeleteWorkshop(confirmed=True, origin=c.Origin("old")))
    assert refusal(outcome) == "made_for_other_workshop"
    assert outcome.workshop.technology == "Vagtplan"


def test_the_origin_check_answers_the_same_in_danish_and_english(say):
    started(say)
    say("lang en")
    outcome = send(say, note(Circle.HEALTHY, "x", "old"))
    [reply] = outcome.replies
    assert reply.language == "en"
    assert "earlier workshop" in render(reply.message, "en")
    assert "tidligere workshop" in render(reply.message, "da")


# --- thread replies -----------------------------------------------------------------------


def test_a_thread_reply_is_a_note_for_its_circle_with_the_raw_text():
    origin = c.Origin("w1", Step.EXPECTATIONS)
    command = reply_command("+ Mere tid", Circle.MEANINGFUL, origin)
    assert command == c.AddNote(Circle.MEANINGFUL, "+ Mere tid", origin=origin)


def test_a_thread_reply_starting_with_a_command_word_is_that_command():
    origin = c.Origin("w1", Step.TODAY)
    assert reply_command("næste", Circle.HEALTHY, origin) == c.MoveStep(forward=True)
    typed = reply_command("note realistisk Langsomme skærme", Circle.HEALTHY, origin)
    assert typed == c.AddNote(Circle.REALISTIC, "Langsomme skærme", origin=origin)
    refused = reply_command("note blå x", Circle.HEALTHY, origin)
    assert isinstance(refused, Refusal) and refused.key == "unknown_circle"


def test_the_core_reads_plus_and_minus_of_a_thread_reply_in_expectations(say):
    workshop_id = started(say, Step.EXPECTATIONS)
    origin = c.Origin(workshop_id, Step.EXPECTATIONS)
    send(say, reply_command("+ Mindre løft", Circle.HEALTHY, origin))
    outcome = send(say, reply_command("- Mere skærmtid", Circle.HEALTHY, origin))
    assert [(n.colour, n.text) for n in outcome.workshop.notes] == [
        (Colour.GREEN, "Mindre løft"),
        (Colour.RED, "Mere skærmtid"),
    ]
    unmarked = send(say, reply_command("Mere skærmtid", Circle.HEALTHY, origin))
    assert messages(unmarked, ColourNeeded)


def test_a_thread_reply_under_an_earlier_step_is_refused_even_when_typed_as_a_command(say):
    workshop_id = started(say, Step.EXPECTATIONS)
    origin = c.Origin(workshop_id, Step.TODAY)
    outcome = send(say, reply_command("note sundt + Løft", Circle.REALISTIC, origin))
    assert refusal(outcome) == "made_for_other_step"


# --- edited and deleted chat messages ------------------------------------------------------


def noted(say, text="Ondt i nakken", ref="msg-1", who="bo"):
    return say.as_(who)(f"note sundt {text}", source_ref=ref)


def test_editing_a_message_that_became_a_note_corrects_the_note(say):
    started(say)
    noted(say)
    outcome = send(say.as_("bo"), c.EditFromMessage("Ondt i ryggen"), source_ref="msg-1")
    assert outcome.workshop.notes[0].text == "Ondt i ryggen"
    assert messages(outcome, ItemConfirmed)[0].change == "edited"
    [counts] = messages(outcome, CountsChanged)
    assert counts.counts[Colour.ORANGE] == 1


def test_an_edited_note_command_keeps_only_the_new_note_text(say):
    started(say)
    noted(say)
    edit = c.EditFromMessage("note sundt Ondt i ryggen")
    assert send(say.as_("bo"), edit, source_ref="msg-1").workshop.notes[0].text == "Ondt i ryggen"


def test_an_edit_to_another_command_changes_nothing_and_says_nothing(say):
    started(say)
    noted(say)
    outcome = send(say.as_("bo"), c.EditFromMessage("status"), source_ref="msg-1")
    assert (outcome.events, outcome.replies) == ([], [])
    assert outcome.workshop.notes[0].text == "Ondt i nakken"


def test_editing_a_message_that_never_became_a_note_is_silent(say):
    started(say)
    noted(say)
    outcome = send(say.as_("bo"), c.EditFromMessage("Hej"), source_ref="msg-other")
    assert (outcome.events, outcome.replies) == ([], [])


def test_someone_elses_edit_or_delete_of_the_message_leaves_the_note_alone(say):
    started(say)
    noted(say)
    edited = send(say.as_("cai"), c.EditFromMessage("Hacked"), source_ref="msg-1")
    deleted = send(say.as_("cai"), c.WithdrawFromMessage(), source_ref="msg-1")
    assert edited.replies == [] and deleted.replies == []
    assert deleted.workshop.notes[0].status is ItemStatus.ACTIVE


def test_an_edited_expectation_reads_plus_and_minus_in_the_core(say):
    started(say, Step.EXPECTATIONS)
    noted(say, "+ Mindre løft")
    outcome = send(say.as_("bo"), c.EditFromMessage("- Flere løft"), source_ref="msg-1")
    [edited] = outcome.workshop.notes
    assert (edited.colour, edited.text) == (Colour.RED, "Flere løft")


def test_deleting_the_message_withdraws_its_note_once(say):
    started(say)
    noted(say)
    outcome = send(say.as_("bo"), c.WithdrawFromMessage(), source_ref="msg-1")
    assert outcome.workshop.notes[0].status is ItemStatus.WITHDRAWN
    assert messages(outcome, ItemConfirmed)[0].change == "withdrawn"
    again = send(say.as_("bo"), c.WithdrawFromMessage(), source_ref="msg-1")
    assert (again.events, again.replies) == ([], [])


def test_a_withdrawn_note_no_longer_follows_its_message(say):
    started(say)
    noted(say)
    send(say.as_("bo"), c.WithdrawFromMessage(), source_ref="msg-1")
    outcome = send(say.as_("bo"), c.EditFromMessage("Tilbage igen"), source_ref="msg-1")
    assert outcome.replies == [] and outcome.workshop.notes[0].text == ""
