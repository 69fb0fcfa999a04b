"""The wall (notes on the circle messages), names on/off, the board for everyone, and the
method's freedoms: untimed and tied prerequisites, dot-votes, agreements with owners of
several words, removing a facilitator, reopening, and repeating a step."""

from dataclasses import replace
from datetime import date

from core import commands as c
from core.circles import Circle
from core.language import parse
from core.messages import (
    Audience,
    BoardView,
    CirclePrompt,
    CountsChanged,
    Refusal,
    Said,
    StepOpened,
    WallNote,
)
from core.model import Colour, Step, Timing
from core.plain import render
from core.wall import filled
from tests.unit.test_workshop_flow import messages, refusal, walk_to


def shown(outcome):
    """The outcome as a channel shows it straight away: each circle's wall read in."""
    return replace(outcome, replies=filled(outcome.replies, outcome.workshop))


def said(outcome):
    return [r.message.key for r in outcome.replies if isinstance(r.message, Said)]


def test_a_circle_message_carries_its_notes_with_authors_but_none_for_anonymous_ones(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note udviklende Nye kurser")
    outcome = say.as_("dan")("note anonym udviklende For meget på en gang")
    [left_to_read] = messages(outcome, CountsChanged)
    assert left_to_read.notes is None  # the wall is read when shown, not built per note
    [changed] = messages(shown(outcome), CountsChanged)
    assert changed.notes == (
        WallNote("U1", Colour.ORANGE, "Nye kurser", "Cai"),
        WallNote("U2", Colour.ORANGE, "For meget på en gang", None),
    )
    assert changed.counts[Colour.ORANGE] == 2


def test_withdrawing_a_note_takes_it_off_the_wall_in_place(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note udviklende Nye kurser")
    [changed] = messages(shown(say.as_("cai")("træk U1")), CountsChanged)
    assert changed.notes == ()


def test_names_off_hides_every_author_on_the_wall_and_updates_the_messages_in_place(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note realistisk For lidt tid")
    outcome = say("navne fra")
    assert said(outcome) == ["names_off"]
    assert [r.audience for r in outcome.replies] == [Audience.CHANNEL, Audience.CHANNEL]
    [changed] = messages(shown(outcome), CountsChanged)
    assert changed.notes == (WallNote("R1", Colour.ORANGE, "For lidt tid", None),)
    [later] = messages(shown(say.as_("dan")("note realistisk Mange klik")), CountsChanged)
    assert all(n.author is None for n in later.notes)
    board = render(say("tavle").replies[0].message, "da")
    assert "For lidt tid" in board and "Cai" not in board
    assert said(say("navne til")) == ["names_on"]
    assert said(say("names on")) == ["names_on_already"]


def test_only_a_facilitator_sets_names_and_a_wrong_word_says_what_to_type(say):
    say("ny Vagtplan")
    assert refusal(say.as_("cai")("navne fra")) == "facilitator_only"
    refused = parse("navne måske")
    assert (refused.key, refused.hint) == ("bad_names", "hint_names")


def test_stepping_back_shows_the_notes_already_on_each_circle(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note udviklende Nye kurser")
    say("next")
    prompts = messages(say("tilbage"), CirclePrompt)
    developing = next(p for p in prompts if p.circle is Circle.DEVELOPING)
    assert [n.text for n in developing.notes] == ["Nye kurser"]


def test_a_facilitators_board_goes_to_the_channel_and_anyone_elses_stays_private(say):
    say("ny Vagtplan")
    assert say("tavle").replies[0].audience is Audience.CHANNEL
    assert say.as_("cai")("board").replies[0].audience is Audience.PRIVATE
    [one] = say("tavle sundt").replies
    assert one.audience is Audience.PRIVATE and one.message.circle is Circle.HEALTHY


def test_one_circles_full_list_shows_every_step_of_that_circle_only(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note sundt Tunge løft")
    say.as_("cai")("note realistisk For lidt tid")
    say("next")
    say.as_("cai")("note sundt +Færre løft")
    text = render(say("tavle sundt").replies[0].message, "da")
    assert "Tunge løft" in text and "Færre løft" in text and "For lidt tid" not in text


def test_prerequisites_may_leave_timing_open_and_be_tied_to_a_circle_or_a_note():
    assert parse("forudsætning Tid til oplæring") == c.AddPrerequisite(None, "Tid til oplæring")
    assert parse("prereq during healthy Hæve-sænke-borde") == c.AddPrerequisite(
        Timing.DURING, "Hæve-sænke-borde", (Circle.HEALTHY,)
    )
    assert parse("forudsætning før for R2 Mere tid") == c.AddPrerequisite(
        Timing.BEFORE, "Mere tid", note="R2"
    )
    assert parse("forudsætning for R2 Mere tid") == c.AddPrerequisite(None, "Mere tid", note="R2")
    # "for" without a note after it is still "før" typed without its ø.
    assert parse("forudsætning for Oplæring") == c.AddPrerequisite(Timing.BEFORE, "Oplæring")


def test_a_prerequisite_tied_to_a_note_takes_the_notes_circle_and_an_unknown_note_is_refused(
    say,
):
    say("ny Vagtplan")
    say("next")
    say("next")
    say.as_("cai")("note selvstændigt -Mindre skøn")
    say("next")
    outcome = say.as_("cai")("forudsætning for S1 Plads til fagligt skøn")
    prereq = outcome.workshop.prerequisites[0]
    assert (prereq.note, prereq.circles, prereq.timing) == ("S1", (Circle.AUTONOMOUS,), None)
    assert refusal(say.as_("cai")("forudsætning for R9 Noget")) == "unknown_note"
    board = render(say("tavle").replies[0].message, "en")
    assert "Any time: 1" in board and "Autonomous · for S1" in board


def test_dot_votes_count_three_per_person_take_back_on_a_second_vote_and_sort_the_board(say):
    say("ny Vagtplan")
    walk_to(say, Step.PREREQUISITES)
    for text in ("Oplæring", "Superbrugere", "Support", "Tid"):
        say.as_("cai")(f"forudsætning før {text}")
    cai = say.as_("cai")
    for short_id in ("F4", "F3", "F2"):
        assert said(cai(f"stem {short_id}")) == ["vote_cast"]
    refused = cai("stem F1").replies[0].message
    assert (refused.key, refused.params["ids"]) == ("no_votes_left", "F2, F3, F4")
    assert said(cai("stem F2")) == ["vote_taken_back"]
    assert said(cai("stem F1")) == ["vote_cast"]
    assert said(say.as_("dan")("vote f4")) == ["vote_cast"]
    prereqs = say("status").workshop.prerequisites
    assert [p.votes for p in prereqs] == [1, 0, 1, 2]
    board = render(say("tavle").replies[0].message, "da")
    assert board.index("F4 · forudsætning Tid") < board.index("F1 · forudsætning Oplæring")
    assert board.index("F1 · forudsætning Oplæring") < board.index("F2 · forudsætning Superbrugere")
    assert "stemmer: 2" in board
    assert refusal(cai("stem F9")) == "unknown_prereq"
    assert parse("stem").key == "missing_prereq_id"


def test_agreement_owners_may_be_several_words_or_mentions_separated_by_the_date():
    assert parse("aftale TR og AMR 1/3-2027 Indkalder til evaluering") == c.AddAgreement(
        "TR og AMR", date(2027, 3, 1), "Indkalder til evaluering"
    )
    assert parse("aftale Mette Hansen 1. marts 2027 Følger op") == c.AddAgreement(
        "Mette Hansen", date(2027, 3, 1), "Følger op"
    )
    assert parse("agree <@U1|a> and <@U2> 2027-03-01 Plan for F2") == c.AddAgreement(
        "<@U1> and <@U2>", date(2027, 3, 1), "Plan", prerequisite="F2"
    )
    refused = parse("aftale TR og AMR Indkalder")
    assert (refused.key, refused.hint) == ("bad_date", "hint_date")
    assert parse("aftale 1/3-2027 Indkalder").key == "missing_who"


def test_an_agreement_tied_to_a_prerequisite_shows_the_tie_and_an_unknown_one_is_refused(say):
    say("ny Vagtplan")
    walk_to(say, Step.PREREQUISITES)
    say.as_("cai")("forudsætning Oplæring")
    say("next")
    outcome = say("aftale TR og AMR 1/3-2027 Planlægger oplæring for F1")
    assert outcome.workshop.agreements[0].prerequisite == "F1"
    announced = render(outcome.replies[1].message, "da")
    assert "TR og AMR" in announced and "(for F1)" in announced
    assert refusal(say("aftale TR 1/3-2027 Noget for F7")) == "unknown_prereq"


def test_an_agreements_owner_and_date_are_changed_with_the_same_words_as_writing_it(say):
    say("ny Vagtplan")
    say("facilitator bo")
    walk_to(say, Step.AGREEMENTS)
    say("aftale mette 1/3-2027 Evaluering")
    changed = say.as_("bo")("ret AF1 Mette og Bo 2/3-2027 Evaluering med AMR").workshop
    agreement = changed.agreements[0]
    assert (agreement.owner, agreement.due) == ("Mette og Bo", date(2027, 3, 2))
    assert agreement.what == "Evaluering med AMR"
    only_text = say("ret AF1 Evaluering i marts").workshop.agreements[0]
    assert (only_text.owner, only_text.what) == ("Mette og Bo", "Evaluering i marts")
    assert refusal(say.as_("cai")("ret AF1 cai 3/3-2027 Noget")) == "not_author"


def test_a_facilitator_can_be_removed_but_never_the_last(say):
    say("ny Vagtplan")
    say("facilitator @bo")
    assert refusal(say.as_("cai")("facilitator fjern bo")) == "facilitator_only"
    assert said(say("facilitator remove @bo")) == ["facilitator_removed"]
    assert say("status").workshop.facilitators == ("anne",)
    assert refusal(say("facilitator fjern bo")) == "not_facilitator"
    assert refusal(say("facilitator fjern anne")) == "last_facilitator"
    assert parse("facilitator fjern").hint == "hint_facilitator_remove"


def test_a_closed_workshop_reopens_in_the_step_it_was_closed_from(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note sundt Tunge løft")
    say("afslut")
    assert refusal(say.as_("cai")("genåbn")) == "facilitator_only"
    outcome = say("genåbn")
    assert outcome.workshop.step is Step.TODAY and outcome.workshop.closed_at is None
    assert said(outcome) == ["reopened"]
    assert [m.step for m in messages(outcome, StepOpened)] == [Step.TODAY]
    healthy = next(p for p in messages(outcome, CirclePrompt) if p.circle is Circle.HEALTHY)
    assert [n.text for n in healthy.notes] == ["Tunge løft"]
    assert refusal(say("reopen")) == "not_closed"


def test_reopening_is_refused_while_another_workshop_is_open_in_the_channel(say):
    say("ny Vagtplan")
    say("afslut")
    say("ny Robot")
    refused = say("genåbn").replies[0].message
    assert (refused.key, refused.params["technology"]) == ("not_closed", "Robot")


def test_again_repeats_the_steps_opening_and_circle_messages_in_the_channel(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note meningsfyldt Mere tid til borgerne")
    outcome = say("igen")
    assert outcome.events == []
    assert all(r.audience is Audience.CHANNEL for r in outcome.replies)
    assert [m.step for m in messages(outcome, StepOpened)] == [Step.TODAY]
    prompts = messages(outcome, CirclePrompt)
    assert len(prompts) == 6
    assert [n.short_id for p in prompts for n in p.notes] == ["M1"]
    assert refusal(say.as_("cai")("again")) == "facilitator_only"


def test_the_console_shows_the_notes_under_each_circle_as_the_wall_does(say):
    say("ny Vagtplan")
    say("next")
    say.as_("cai")("note udviklende Nye kurser")
    say.as_("dan")("note anonym udviklende For meget")
    prompts = messages(say("igen"), CirclePrompt)
    developing = next(p for p in prompts if p.circle is Circle.DEVELOPING)
    text = render(developing, "da")
    assert "U1 (orange) Nye kurser (Cai)" in text
    assert "U2 (orange) For meget" in text and "anonym" not in text.split("U2")[1]


def test_help_explains_votes_are_not_anonymous_and_names_the_new_commands():
    from core.help import help_lines
    from core.messages import HelpView

    for lang, words in (
        ("da", ("stem <F1>", "ikke anonyme", "navne til|fra", "facilitator [fjern]", "igen")),
        ("en", ("vote <F1>", "not anonymous", "names on|off", "facilitator [remove]", "again")),
    ):
        text = "\n".join(help_lines(HelpView(Step.PREREQUISITES, facilitator=True), lang))
        assert all(word in text for word in words), (lang, text)
    closed = "\n".join(help_lines(HelpView(Step.CLOSED, facilitator=True), "en"))
    assert "/rasmus reopen" in closed


def test_a_vote_refusal_and_a_board_view_render_as_plain_text_in_both_languages(say):
    say("ny Vagtplan")
    walk_to(say, Step.PREREQUISITES)
    for lang in ("da", "en"):
        assert isinstance(render(BoardView(say("status").workshop), lang), str)
    refused = say("stem F1").replies[0].message
    assert isinstance(refused, Refusal)
    assert "F2" in render(refused, "en")
