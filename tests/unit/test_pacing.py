"""A conversation's send times keep every pace its platform states, in the order given."""

from hypothesis import given
from hypothesis import strategies as st

from adapters.scheduling.pacing import TEAMS_WINDOWS, Pace, PacedConversations, Pacer


def test_slack_takes_a_burst_at_once_and_then_one_a_second():
    pacer = Pacer((Pace(8, 8.0),))
    times = [pacer.take(0.0) for _ in range(11)]
    assert times == [0.0] * 8 + [1.0, 2.0, 3.0]


def test_teams_takes_seven_in_a_second_eight_in_two_and_sixty_in_thirty():
    pacer = Pacer(TEAMS_WINDOWS)
    times = [pacer.take(0.0) for _ in range(61)]
    assert times[:7] == [0.0] * 7
    assert times[7:9] == [1.0, 2.0]  # the eighth waits for the second, the ninth for two
    assert times[59] < 30.0 <= times[60]  # the 61st is outside the first 30 s


def test_a_time_given_ahead_holds_back_those_asked_for_after_it():
    pacer = Pacer((Pace(1, 5.0, sliding=True),))
    assert pacer.take(0.0) == 0.0
    assert pacer.next_free(1.0) == 5.0
    assert pacer.take(1.0) == 5.0
    assert pacer.take(2.0) == 10.0
    assert pacer.next_free(20.0) == 20.0


@given(st.lists(st.floats(min_value=0, max_value=5), min_size=1, max_size=150))
def test_no_window_of_teams_ever_holds_more_than_its_limit(pauses):
    pacer, now, times = Pacer(TEAMS_WINDOWS), 0.0, []
    for pause in pauses:
        now += pause
        times.append(pacer.take(now))
    assert times == sorted(times) and all(t >= 0 for t in times)
    for pace in TEAMS_WINDOWS:
        for start in times:
            inside = [t for t in times if start <= t < start + pace.per]
            assert len(inside) <= pace.burst


@given(st.lists(st.floats(min_value=0, max_value=3), min_size=1, max_size=100))
def test_a_bucket_never_lets_more_through_than_it_holds_and_refills(pauses):
    pace = Pace(3, 3.0)
    pacer, now, times = Pacer((pace,)), 0.0, []
    for pause in pauses:
        now += pause
        times.append(pacer.take(now))
    for start in times:
        for length in (0.5, 1.0, 2.0, 5.0):
            inside = [t for t in times if start <= t <= start + length]
            assert len(inside) <= pace.burst + length * pace.burst / pace.per + 1e-9


def test_a_row_further_off_than_the_hold_keeps_its_time_for_when_it_comes_back():
    conversations = PacedConversations(hold=2.0)
    windows = (Pace(1, 5.0, sliding=True),)
    assert conversations.time_for("C1", windows, row=1, now=0.0) == (0.0, True)
    assert conversations.time_for("C1", windows, row=2, now=0.1) == (5.0, False)
    assert conversations.time_for("C1", windows, row=3, now=0.2) == (10.0, False)
    assert conversations.time_for("C2", windows, row=4, now=0.3) == (0.3, True)  # apart
    # Row 2 comes back when due: its own time, not one after row 3's.
    assert conversations.time_for("C1", windows, row=2, now=5.0) == (5.0, True)
    assert conversations.time_for("C1", windows, row=5, now=5.0) == (15.0, False)
