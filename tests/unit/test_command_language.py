from datetime import date

import pytest

from core import commands as c
from core.circles import Circle
from core.language import MAX_TEXT, parse
from core.messages import Refusal
from core.model import Colour, Timing


@pytest.mark.parametrize(
    ("english", "danish", "expected"),
    [
        ("help", "hjælp", c.Help()),
        ("start Vagtplan", "ny Vagtplan", c.StartWorkshop("Vagtplan")),
        ("next", "næste", c.MoveStep(forward=True)),
        ("back", "tilbage", c.MoveStep(forward=False)),
        ("board", "tavle", c.ShowBoard()),
        ("status", "status", c.ShowStatus()),
        ("export", "eksport", c.Export()),
        ("lang en", "sprog en", c.SetLanguage("en")),
        ("end", "afslut", c.EndWorkshop()),
        ("delete", "slet", c.DeleteWorkshop(confirmed=False)),
        ("delete confirm", "slet bekræft", c.DeleteWorkshop(confirmed=True)),
        ("withdraw R3", "træk R3", c.WithdrawItem("R3")),
        ("remove h2", "fjern h2", c.RemoveItem("H2")),
        ("edit R3 Better words", "ret R3 Better words", c.EditItem("R3", "Better words")),
        ("rollout 2027-03-01", "udrulning 1/3-2027", c.SetRollout(date(2027, 3, 1))),
        ("facilitator @mette", "facilitator @mette", c.AddFacilitator("mette")),
        ("inspiration healthy", "inspiration sundt", c.ShowInspiration(Circle.HEALTHY)),
    ],
)
def test_every_command_reads_the_same_in_english_and_danish(english, danish, expected):
    assert parse(english) == expected
    assert parse(danish) == expected


def test_a_leading_slash_rasmus_is_optional():
    assert parse("/rasmus næste") == parse("næste") == c.MoveStep(forward=True)
    assert parse("/RASMUS  tavle") == c.ShowBoard()


@pytest.mark.parametrize(
    ("word", "circle"),
    [
        ("realistisk", Circle.REALISTIC),
        ("Realistic", Circle.REALISTIC),
        ("ANERKENDT", Circle.RECOGNISED),
        ("recognized", Circle.RECOGNISED),
        ("selvstændigt", Circle.AUTONOMOUS),
        ("selvstaendigt", Circle.AUTONOMOUS),
        ("selvstandigt", Circle.AUTONOMOUS),
        ("autonomous", Circle.AUTONOMOUS),
        ("meningsfyldt", Circle.MEANINGFUL),
        ("udviklende", Circle.DEVELOPING),
        ("developing", Circle.DEVELOPING),
        ("sundt", Circle.HEALTHY),
        ("healthy", Circle.HEALTHY),
        ("Sundt & sikkert", Circle.HEALTHY),
        ("sundt og sikkert", Circle.HEALTHY),
    ],
)
def test_circles_are_accepted_in_either_language_any_case_with_or_without_danish_letters(
    word, circle
):
    assert parse(f"note {word} Vi mangler tid") == c.AddNote(circle, "Vi mangler tid")


def test_an_anonymous_note_is_marked_so_in_both_languages():
    expected = c.AddNote(Circle.HEALTHY, "Skærmen giver hovedpine", anonymous=True)
    assert parse("note anonym sundt Skærmen giver hovedpine") == expected
    assert parse("note anonymous healthy Skærmen giver hovedpine") == expected


@pytest.mark.parametrize(
    ("word", "timing"),
    [
        ("before", Timing.BEFORE),
        ("før", Timing.BEFORE),
        ("during", Timing.DURING),
        ("under", Timing.DURING),
        ("after", Timing.AFTER),
        ("efter", Timing.AFTER),
    ],
)
def test_prerequisites_are_tagged_before_during_or_after(word, timing):
    assert parse(f"prereq {word} Oplæring") == c.AddPrerequisite(timing, "Oplæring")
    assert parse(f"forudsætning {word} Oplæring") == c.AddPrerequisite(timing, "Oplæring")


@pytest.mark.parametrize(
    "written",
    [
        "2027-03-01",
        "1/3-2027",
        "1.3.2027",
        "01.03.2027",
        "1/3/2027",
        "1. marts 2027",
        "1 March 2027",
    ],
)
def test_agreement_dates_are_read_as_people_write_them(written):
    command = parse(f"aftale <@U42|mette> {written} Indkalder til evaluering")
    assert command == c.AddAgreement("<@U42>", date(2027, 3, 1), "Indkalder til evaluering")


def test_an_anonymous_authors_code_follows_the_id():
    assert parse("ret R3 k7qx-9m2p Ny tekst") == c.EditItem("R3", "Ny tekst", "K7QX-9M2P")
    assert parse("træk R3 K7QX-9M2P") == c.WithdrawItem("R3", "K7QX-9M2P")


def test_a_sign_on_a_note_stays_in_its_text_for_the_step_to_read():
    assert parse("note sundt +Mindre løft").text == "+Mindre løft"
    assert parse("note sundt +Mindre løft").colour is None
    assert Colour.GREEN  # the colour is decided by the step, see the flow tests


@pytest.mark.parametrize(
    ("text", "key", "hint"),
    [
        ("", "empty_command", "hint_help"),
        ("dance", "unknown_command", "hint_help"),
        ("note", "missing_circle", "hint_note"),
        ("note glad Vi mangler tid", "unknown_circle", "hint_circles"),
        ("note sundt", "missing_text", "hint_note"),
        ("note sundt " + "x" * (MAX_TEXT + 1), "text_too_long", "hint_shorter"),
        ("start", "missing_technology", "hint_start"),
        ("prereq soon Oplæring", "bad_timing", "hint_prereq"),
        ("prereq before", "missing_text", "hint_prereq"),
        ("agree", "missing_who", "hint_agree"),
        ("agree mette someday Evaluering", "bad_date", "hint_date"),
        ("agree mette 31/2-2027 Evaluering", "bad_date", "hint_date"),
        ("agree mette 1/3-2027", "missing_text", "hint_agree"),
        ("rollout someday", "bad_date", "hint_date"),
        ("lang fr", "bad_language", "hint_language"),
        ("edit", "missing_id", "hint_board"),
        ("edit R3", "missing_text", "hint_board"),
        ("withdraw nonsense", "missing_id", "hint_board"),
        ("facilitator", "missing_who", "hint_help"),
        ("inspiration glad", "unknown_circle", "hint_circles"),
    ],
)
def test_wrong_input_is_refused_with_the_reason_and_what_to_type(text, key, hint):
    refusal = parse(text)
    assert isinstance(refusal, Refusal)
    assert (refusal.key, refusal.hint) == (key, hint)


def test_a_note_of_exactly_the_limit_is_accepted():
    assert parse("note sundt " + "x" * MAX_TEXT).text == "x" * MAX_TEXT


def test_a_late_utc_evening_is_already_the_next_day_in_copenhagen():
    from datetime import UTC, datetime

    from core.dates import local_day

    assert str(local_day(datetime(2027, 3, 1, 23, 30, tzinfo=UTC), "Europe/Copenhagen")) == (
        "2027-03-02"
    )


def test_names_longer_than_the_database_keeps_are_refused_typed_or_from_a_form():
    from core.language import MAX_NAME, check_texts

    long_name = "x" * (MAX_NAME + 1)
    for command in (
        parse(f"start {long_name}"),
        parse(f"facilitator {long_name}"),
        parse(f"agree {long_name} 1/3-2027 Evaluering"),
        c.AddAgreement(long_name, date(2027, 3, 1), "Evaluering"),
    ):
        refusal = check_texts(command)
        assert isinstance(refusal, Refusal)
        assert (refusal.key, refusal.params["limit"]) == ("name_too_long", MAX_NAME)
    assert check_texts(parse("start " + "x" * MAX_NAME)) == c.StartWorkshop("x" * MAX_NAME)
