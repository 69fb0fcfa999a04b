"""The follow-up's calendar: offsets after go-live, Danish working days and 09:00 local time
the whole year round, summer time included."""

from dataclasses import replace
from datetime import date

import pytest

from core.followup_plan import plan
from core.model import Actor, ChannelKey, CheckIn, FollowUpSettings, Workshop
from core.schedule import (
    add_offset,
    at_local,
    is_working_day,
    local_time,
    next_working_day,
    read_offset,
    read_time,
    working_days_before,
)
from tests.unit.followup_kit import utc


@pytest.mark.parametrize(
    ("written", "read"),
    [("2w", "2w"), ("2u", "2w"), ("2U", "2w"), ("1m", "1m"), ("10d", "10d"), ("03m", "3m")],
)
def test_offsets_are_read_in_both_languages_and_kept_in_one_form(written, read):
    assert read_offset(written) == read


@pytest.mark.parametrize("written", ["0d", "2", "m", "2y", "2 w", "-1m", "99m", "1000d"])
def test_nonsense_zero_and_offsets_beyond_three_years_are_not_offsets(written):
    assert read_offset(written) is None


def test_months_are_calendar_months_clamped_to_the_months_end():
    assert add_offset(date(2027, 1, 15), "1m") == date(2027, 2, 15)
    assert add_offset(date(2027, 1, 31), "1m") == date(2027, 2, 28)
    assert add_offset(date(2027, 12, 31), "2m") == date(2028, 2, 29)  # a leap year
    assert add_offset(date(2027, 11, 30), "3m") == date(2028, 2, 29)
    assert add_offset(date(2027, 1, 31), "12m") == date(2028, 1, 31)


def test_days_and_weeks_are_counted_as_days():
    assert add_offset(date(2027, 1, 4), "10d") == date(2027, 1, 14)
    assert add_offset(date(2027, 1, 4), "2w") == date(2027, 1, 18)


@pytest.mark.parametrize(
    ("written", "read"), [("10", "10:00"), ("9.30", "09:30"), ("10:00", "10:00"), ("7:05", "07:05")]
)
def test_posting_times_are_read_as_hours_and_minutes(written, read):
    assert read_time(written) == read


@pytest.mark.parametrize("written", ["24:00", "10:60", "ti", "10:0", ""])
def test_impossible_times_are_not_read(written):
    assert read_time(written) is None


def test_weekends_move_to_monday():
    assert next_working_day(date(2027, 1, 9)) == date(2027, 1, 11)  # Saturday
    assert next_working_day(date(2027, 1, 10)) == date(2027, 1, 11)  # Sunday
    assert next_working_day(date(2027, 1, 11)) == date(2027, 1, 11)


def test_danish_public_holidays_are_no_working_days():
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 26))  # Second Day of Christmas
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
    # Easter 2027: Maundy Thursday to Easter Monday are all off.
    assert next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)
    assert next_working_day(date(2027, 5, 6)) == date(2027, 5, 7)  # Ascension Day
    assert next_working_day(date(2027, 1, 1)) == date(2027, 1, 4)  # New Year, then a weekend


def test_two_working_days_before_skips_weekends_and_holidays():
    assert working_days_before(date(2027, 1, 13), 2) == date(2027, 1, 11)  # Wed: Mon
    assert working_days_before(date(2027, 1, 11), 2) == date(2027, 1, 7)  # Mon: Thu
    assert working_days_before(date(2027, 3, 30), 2) == date(2027, 3, 23)  # over Easter
    assert working_days_before(date(2027, 1, 10), 2) == date(2027, 1, 7)  # a Sunday: Thu


def test_nine_in_copenhagen_is_eight_utc_in_winter_and_seven_in_summer():
    assert at_local(date(2027, 3, 26), "09:00", "Europe/Copenhagen") == utc(2027, 3, 26, 8)
    # Summer time begins on the last Sunday of March (28 March 2027).
    assert at_local(date(2027, 3, 29), "09:00", "Europe/Copenhagen") == utc(2027, 3, 29, 7)
    assert at_local(date(2027, 10, 29), "09:00", "Europe/Copenhagen") == utc(2027, 10, 29, 7)
    # ... and ends on the last Sunday of October (31 October 2027).
    assert at_local(date(2027, 11, 1), "09:00", "Europe/Copenhagen") == utc(2027, 11, 1, 8)
    assert at_local(date(2027, 1, 4), "09:00", "America/New_York") == utc(2027, 1, 4, 14)


def test_a_stored_moment_reads_back_as_the_local_day_and_time():
    assert local_time(utc(2027, 3, 30, 7), "Europe/Copenhagen") == (date(2027, 3, 30), "09:00")
    assert local_time(utc(2027, 12, 31, 23, 30), "Europe/Copenhagen") == (date(2028, 1, 1), "00:30")


def _workshop(rollout, **changes):
    started = Workshop(
        id="w",
        channel=ChannelKey("console", "local", "general"),
        technology="Vagtplan",
        started_by=Actor("anne"),
        created_at=utc(2027, 1, 4, 9),
        rollout=rollout,
    )
    return replace(started, **changes)


def test_a_check_in_on_good_friday_moves_past_easter_into_summer_time():
    # 26 February + 1m is Good Friday 2027; Easter Monday is off too, and summer time began.
    [first] = plan(_workshop(date(2027, 2, 26)), FollowUpSettings(offsets=("1m",)))
    assert first == CheckIn(1, "1m", utc(2027, 3, 30, 7))


def test_check_ins_are_numbered_in_date_order_and_one_day_is_planned_once():
    settings = FollowUpSettings(offsets=("3m", "2w", "14d", "1m"), post_time="10:30")
    planned = plan(_workshop(date(2027, 1, 4)), settings)
    assert [(ci.number, ci.offset) for ci in planned] == [(1, "2w"), (2, "1m"), (3, "3m")]
    assert planned[0].due_at == utc(2027, 1, 18, 9, 30)


def test_no_go_live_plans_nothing_and_no_offsets_plan_nothing():
    assert plan(_workshop(None), FollowUpSettings()) == ()
    assert plan(_workshop(date(2027, 1, 4)), FollowUpSettings(offsets=())) == ()


def test_a_new_plan_comes_after_the_posted_check_ins_and_numbers_on_from_them():
    posted = CheckIn(1, "1m", utc(2027, 2, 4, 8), posted_at=utc(2027, 2, 4, 8))
    missed = CheckIn(2, "5w", utc(2027, 2, 8, 8), missed=True)
    workshop = _workshop(date(2027, 1, 4), checkins=(posted, missed))
    planned = plan(workshop, FollowUpSettings(offsets=("2w", "1m", "2m", "3m")))
    assert [(ci.number, ci.offset) for ci in planned] == [(3, "2m"), (4, "3m")]


def test_check_ins_around_the_end_of_summer_time_keep_nine_oclock_local():
    # 29 September + 1m is Friday 29 October (summer time); 30 September + 1m is Saturday 30
    # October, so Monday 1 November, after summer time ended on Sunday 31 October.
    [summer] = plan(_workshop(date(2027, 9, 29)), FollowUpSettings(offsets=("1m",)))
    [winter] = plan(_workshop(date(2027, 9, 30)), FollowUpSettings(offsets=("1m",)))
    assert summer.due_at == utc(2027, 10, 29, 7) and winter.due_at == utc(2027, 11, 1, 8)
