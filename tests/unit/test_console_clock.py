"""The console's clock: moved by a line, on the local calendar, summer time kept right."""

from datetime import UTC, datetime

from adapters.console.clock import ConsoleClock

REAL = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
CPH = "Europe/Copenhagen"


def test_a_month_later_at_nine_is_still_nine_after_summer_time_begins():
    clock = ConsoleClock(lambda: REAL)
    assert clock.set("2027-03-01 09:00", CPH)
    assert clock() == datetime(2027, 3, 1, 8, 0, tzinfo=UTC)  # 09:00 winter time
    assert clock.set("+1m", CPH)
    assert clock() == datetime(2027, 4, 1, 7, 0, tzinfo=UTC)  # 09:00 summer time
    assert clock.set("+2u", CPH) and clock() == datetime(2027, 4, 15, 7, 0, tzinfo=UTC)
    assert clock.set("+3t", CPH) and clock() == datetime(2027, 4, 15, 10, 0, tzinfo=UTC)


def test_the_end_of_a_month_is_kept_within_the_shorter_month():
    clock = ConsoleClock(lambda: REAL)
    clock.set("2027-01-31", CPH)
    clock.set("+1m", CPH)
    assert clock() == datetime(2027, 2, 27, 23, 0, tzinfo=UTC)  # midnight, 28 Feb, local


def test_now_goes_back_to_the_real_time_and_nonsense_changes_nothing():
    clock = ConsoleClock(lambda: REAL)
    clock.set("+30d", CPH)
    before = clock()
    assert not clock.set("i morgen", CPH)
    assert not clock.set("2027-02-30 09:00", CPH)
    assert clock() == before and clock.moved
    assert clock.set("nu", CPH)
    assert clock() == REAL and not clock.moved
