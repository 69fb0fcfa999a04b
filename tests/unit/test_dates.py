"""Dates as people write them: read against a clock the core is given, never one it reads."""

from datetime import date

import pytest

from core.dates import WrittenDay, resolve_day, show_day, take_day
from core.messages import Refusal
from core.plain import refusal_text

SATURDAY = date(2027, 2, 20)


def read(text: str, lang: str = "da", today: date = SATURDAY):
    found = take_day([*text.split(), "Indkalder", "til", "møde"])
    assert found is not None, text
    day, size = found
    assert size == len(text.split()), text  # the date stops where the text begins
    return resolve_day(day, today, lang)


@pytest.mark.parametrize(
    ("written", "lang", "expected"),
    [
        ("1/3", "da", date(2027, 3, 1)),
        ("1. marts", "da", date(2027, 3, 1)),
        ("1 marts", "da", date(2027, 3, 1)),
        ("uge 10", "da", date(2027, 3, 12)),
        ("i morgen", "da", date(2027, 2, 21)),
        ("fredag", "da", date(2027, 2, 26)),
        ("næste fredag", "da", date(2027, 2, 26)),
        ("March 1", "en", date(2027, 3, 1)),
        ("next Friday", "en", date(2027, 2, 26)),
        ("tomorrow", "en", date(2027, 2, 21)),
        ("week 10", "en", date(2027, 3, 12)),
        ("2027-03-01", "en", date(2027, 3, 1)),
        ("1/3-2027", "da", date(2027, 3, 1)),
        ("1.3.2027", "da", date(2027, 3, 1)),
        ("01.03.27", "da", date(2027, 3, 1)),
        ("1. marts 2027", "da", date(2027, 3, 1)),
        ("March 1, 2027", "en", date(2027, 3, 1)),
        ("3/1/2027", "da", date(2027, 1, 3)),
        ("13/1/2027", "en", date(2027, 1, 13)),
    ],
)
def test_dates_are_read_as_danes_and_britons_write_them(written, lang, expected):
    assert read(written, lang) == expected


def test_a_day_without_a_year_is_the_next_such_day():
    assert read("1/3", today=date(2027, 3, 2)) == date(2028, 3, 1)
    assert read("1. marts", today=date(2027, 3, 1)) == date(2027, 3, 1)
    assert read("uge 10", today=date(2027, 3, 13)) == date(2028, 3, 10)


def test_a_weekday_is_the_next_one_after_today():
    friday = date(2027, 2, 26)
    assert read("fredag", today=friday) == date(2027, 3, 5)


def test_a_week_is_shown_with_its_friday():
    assert show_day(read("uge 10"), "da") == "uge 10 (fredag 12. marts 2027)"
    assert show_day(read("week 10", "en"), "en") == "week 10 (Friday 12 March 2027)"
    assert show_day(read("1/3"), "da") == "1. marts 2027"


def test_an_english_slashed_date_that_reads_two_ways_is_asked_about_not_guessed():
    refusal = read("3/1/2027", "en")
    assert isinstance(refusal, Refusal) and refusal.key == "ambiguous_date"
    text = refusal_text(refusal, "en")
    assert "3 January 2027" in text and "1 March 2027" in text
    assert "2027-01-03" in text and "2027-03-01" in text
    assert isinstance(read("1/3", "en"), Refusal)


def test_a_date_written_in_full_is_read_at_once_and_others_wait_for_the_clock():
    assert take_day(["1/3-2027", "x"]) == (date(2027, 3, 1), 1)
    assert take_day(["1.", "marts", "2027", "x"]) == (date(2027, 3, 1), 3)
    assert take_day(["i", "morgen", "x"]) == (WrittenDay("i morgen"), 2)
    assert take_day(["Mette", "1/3-2027"]) is None
    assert take_day(["31/2-2027"]) is None


def test_an_agreement_read_against_the_workshops_clock(say):
    say("ny Vagtplan")
    for _ in range(4):
        say("næste")
    outcome = say("aftale @mette i morgen Indkalder til evaluering")  # the clock: 2 Nov 2026
    assert outcome.workshop.agreements[0].due == date(2026, 11, 3)
    outcome = say("aftale @mette uge 50 Følger op")
    assert outcome.workshop.agreements[1].due == date(2026, 12, 11)


def test_an_agreement_in_the_past_is_refused_but_a_past_go_live_date_is_kept(say):
    say("ny Vagtplan")
    for _ in range(4):
        say("næste")
    outcome = say("aftale @mette 1/3-2026 Indkalder til evaluering")
    [reply] = outcome.replies
    assert reply.message.key == "date_in_past"
    assert outcome.workshop.agreements == ()
    assert "1. marts 2026" in refusal_text(reply.message, "da")
    assert say("udrulning 1/3-2026").workshop.rollout == date(2026, 3, 1)


def test_an_english_workshop_asks_about_a_slashed_date(say):
    say("ny Vagtplan")
    say("sprog en")
    for _ in range(4):
        say("next")
    outcome = say("agree @mette 3/1/2027 Calls the meeting")
    assert outcome.replies[0].message.key == "ambiguous_date"
    assert outcome.workshop.agreements == ()
    assert say("agree @mette March 1 Calls the meeting").workshop.agreements[0].due == date(
        2027, 3, 1
    )
