"""Due work comes as a Tick from the scheduler: the go-live, check-ins posted and closed once,
nothing when nothing is due, and the same Tick again does nothing."""

from datetime import date

from core.commands import Tick
from core.context import Context
from core.decide import decide
from core.events import CheckInClosed, CheckInPosted, StepChanged
from core.followup import next_wakeup
from core.messages import Audience, CheckInPost, StepOpened, StockTaking
from core.model import Step
from core.service import Incoming
from tests.conftest import CHANNEL
from tests.unit.followup_kit import RASMUS, Follow, of, utc, walk


def _context(follow):
    return Context(CHANNEL, RASMUS, follow.now, lambda: "id", lambda: "code")


def _planned(rollout="1/2-2027", offsets="2w 1m"):
    follow = Follow()
    follow.say("ny Vagtplan")
    walk(follow.say, 4)
    follow.say(f"udrulning {rollout}")
    follow.say(f"tjekplan {offsets}")
    return follow


def test_a_tick_without_a_workshop_says_nothing_and_stores_nothing():
    follow = Follow()
    outcome = follow.tick()
    assert outcome.replies == [] and outcome.events == [] and outcome.workshop is None


def test_a_tick_with_nothing_due_says_nothing():
    follow = _planned()
    outcome = follow.at(utc(2027, 1, 5, 9)).tick()
    assert outcome.replies == [] and outcome.events == []


def test_the_go_live_moves_the_workshop_to_follow_up_with_the_steps_opening():
    follow = _planned()
    assert follow.workshop.step is Step.AGREEMENTS
    said = follow.run_until(utc(2027, 2, 1, 12))
    assert follow.workshop.step is Step.FOLLOW_UP
    [(when, opened)] = of(said, StepOpened)
    assert opened.message.step is Step.FOLLOW_UP and opened.audience is Audience.CHANNEL
    assert when == utc(2027, 2, 1, 8)  # 09:00 in Copenhagen on the go-live day


def test_back_from_follow_up_after_the_go_live_stays_back():
    follow = _planned()
    follow.run_until(utc(2027, 2, 1, 12))
    assert follow.say("tilbage").workshop.step is Step.AGREEMENTS
    follow.run_until(utc(2027, 2, 10, 12))
    assert follow.workshop.step is Step.AGREEMENTS


def test_a_check_in_is_posted_once_and_closed_with_the_stock_taking_after_its_window():
    follow = _planned()
    said = follow.run_until(utc(2027, 2, 28))
    [(posted_at, post)] = of(said, CheckInPost)
    assert posted_at == utc(2027, 2, 15, 8) and post.message.number == 1
    assert post.audience is Audience.CHANNEL
    [(closed_at, stock)] = of(said, StockTaking)
    assert closed_at == utc(2027, 2, 22, 8) and stock.message.number == 1
    [checkin, _] = follow.workshop.checkins
    assert checkin.posted_at == posted_at and checkin.closed_at == closed_at


def test_the_same_tick_again_does_nothing_in_the_core():
    follow = _planned()
    follow.run_until(utc(2027, 2, 15, 7))
    follow.at(utc(2027, 2, 15, 8))
    first = decide(follow.workshop, Tick(), _context(follow))
    assert [type(e) for e in first.events] == [CheckInPosted]
    after = follow.tick().workshop
    again = decide(after, Tick(), _context(follow))
    assert again.events == [] and again.replies == []


def test_a_repeated_tick_message_is_handled_once_by_the_service():
    follow = _planned()
    follow.at(utc(2027, 2, 15, 8))
    assert follow.tick().events
    assert follow.tick().duplicate


def test_the_wake_up_is_the_earliest_due_work_and_moves_on_after_each_tick():
    follow = _planned()
    assert follow.wake_at == utc(2027, 1, 11, 8)  # the agreements step open for a week
    follow.run_until(utc(2027, 1, 12))
    assert follow.wake_at == utc(2027, 2, 1, 8)  # the go-live
    follow.run_until(utc(2027, 2, 2))
    assert follow.wake_at == utc(2027, 2, 15, 8)  # check-in 1
    follow.run_until(utc(2027, 2, 16))
    assert follow.wake_at == utc(2027, 2, 22, 8)  # its window closes
    follow.run_until(utc(2027, 3, 31))
    assert follow.wake_at is None
    assert next_wakeup(follow.workshop) is None


def test_a_new_check_in_closes_the_open_one_first_so_only_one_is_open():
    follow = _planned(offsets="2w 17d")  # 15 and 18 February: windows overlap
    said = follow.run_until(utc(2027, 2, 18, 12))
    kinds = [(type(r.message).__name__, getattr(r.message, "number", 0)) for _, r in said]
    assert kinds[-3:] == [("CheckInPost", 1), ("StockTaking", 1), ("CheckInPost", 2)]
    assert [ci.is_open for ci in follow.workshop.checkins] == [False, True]


def test_a_closed_workshop_keeps_its_check_ins_when_the_facilitator_said_so():
    follow = _planned()
    assert follow.say("afslut").workshop.is_closed
    follow.say("tjekplan behold")
    said = follow.run_until(utc(2027, 2, 16))
    assert [r.message.number for _, r in of(said, CheckInPost)] == [1]
    assert follow.workshop.step is Step.CLOSED  # no go-live move for a closed workshop


def test_a_closed_workshop_gets_no_check_ins_when_the_facilitator_said_none():
    follow = _planned()
    follow.say("afslut")
    follow.say("tjekplan ingen")
    assert follow.workshop.checkins_after_end is False
    assert follow.wake_at is None
    assert follow.run_until(utc(2027, 6, 1)) == []
    outcome = follow.at(utc(2027, 2, 15, 8)).tick()
    assert outcome.events == [] and outcome.replies == []


def test_a_tick_is_not_refused_as_facilitator_only_or_as_a_write_to_a_closed_workshop():
    follow = _planned()
    follow.say("afslut")
    outcome = follow.at(utc(2027, 2, 15, 9)).tick()
    assert all(r.audience is not Audience.PRIVATE for r in outcome.replies)
    assert {type(e) for e in outcome.events} >= {CheckInPosted}


def test_a_reopened_workshop_past_go_live_is_not_moved_again():
    follow = _planned()
    follow.run_until(utc(2027, 2, 2))
    follow.say("trin 3")
    follow.run_until(utc(2027, 2, 14))
    assert follow.workshop.step is Step.EXPECTATIONS


def test_a_changed_go_live_moves_the_workshop_again_on_the_new_day():
    follow = _planned()
    follow.run_until(utc(2027, 2, 2))
    follow.say("tilbage")
    follow.say("udrulning 1/3-2027")
    said = follow.run_until(utc(2027, 3, 1, 12))
    assert follow.workshop.rollout == date(2027, 3, 1)
    assert follow.workshop.step is Step.FOLLOW_UP
    assert [when for when, _ in of(said, StepOpened)] == [utc(2027, 3, 1, 8)]


def test_closing_events_are_recorded_at_the_ticks_time():
    follow = _planned()
    follow.run_until(utc(2027, 2, 15, 8))
    follow.at(utc(2027, 2, 22, 9, 30))  # the scheduler came a little late
    outcome = follow.tick()
    assert outcome.events == [CheckInClosed(1, utc(2027, 2, 22, 9, 30))]
    assert StepChanged not in {type(e) for e in outcome.events}


def test_a_tick_for_a_closed_workshop_beside_a_newer_one_does_the_closed_ones_work():
    follow = _planned()
    first = follow.say("afslut").workshop
    follow.say("tjekplan behold")
    second = follow.say("ny Robotstøvsuger").workshop
    follow.at(utc(2027, 2, 15, 8))
    tick = Tick(workshop_id=first.id)
    outcome = follow.service.handle(Incoming(CHANNEL, RASMUS, command=tick, message_id="t1"))
    assert outcome.workshop.id == first.id
    [post] = [r.message for r in outcome.replies if isinstance(r.message, CheckInPost)]
    assert post.workshop.id == first.id and post.number == 1
    assert follow.workshop.id == second.id and follow.workshop.checkins == ()


def test_a_check_in_falling_on_good_friday_is_posted_after_easter_at_nine_summer_time():
    follow = _planned(rollout="26/2-2027", offsets="1m")
    said = follow.run_until(utc(2027, 4, 1))
    assert [(when, r.message.number) for when, r in of(said, CheckInPost)] == [
        (utc(2027, 3, 30, 7), 1)
    ]
