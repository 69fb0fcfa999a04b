"""The late limit: work at most seven days late is done at once, older work is never sent late
but shown to the facilitators as missed, once."""

from core.messages import Audience, CheckInPost, FacilitatorNudge, Said
from core.model import Step
from tests.unit.followup_kit import Follow, of, utc, walk


def _with_past_go_live(start, offsets="1m 2m", rollout="28/10-2026"):
    follow = Follow(start)
    follow.say("ny Vagtplan")
    walk(follow.say, 4)
    follow.say(f"tjekplan {offsets}")
    return follow, follow.say(f"udrulning {rollout}")


def _nudges(said):
    return [reply for _, reply in of(said, FacilitatorNudge)]


def test_a_past_go_live_posts_a_check_in_up_to_seven_days_late_and_misses_older_ones():
    # 28 October + 2m is Monday 28 December, 09:00 local: 6 days 23 hours ago. + 1m is
    # Saturday 28 November, so Monday 30 November: over five weeks ago.
    follow, outcome = _with_past_go_live(utc(2027, 1, 4, 7))
    [said] = [r.message for r in outcome.replies if r.message.key.startswith("checkins")]
    assert said == Said("checkins_first_now", {"count": 1})
    replies = follow.run_until(follow.now)
    [(posted_at, post)] = of(replies, CheckInPost)
    assert post.message.number == 2 and posted_at == utc(2027, 1, 4, 7)
    first, second = follow.workshop.checkins
    assert first.missed and first.posted_at is None
    assert second.posted_at == utc(2027, 1, 4, 7)
    assert follow.workshop.step is Step.FOLLOW_UP


def test_missed_check_ins_are_told_to_the_facilitators_once_and_privately():
    follow, _ = _with_past_go_live(utc(2027, 1, 4, 7))
    follow.say("facilitator <@bo>")
    replies = follow.run_until(utc(2027, 3, 1))
    [nudge] = [r for r in _nudges(replies) if r.message.kind == "missed"]
    assert nudge.audience is Audience.DIRECT and set(nudge.to) == {"anne", "bo"}
    assert nudge.message.missed == ("checkin:1",)
    assert nudge.message.technology == "Vagtplan"


def test_exactly_seven_days_late_is_still_in_time_and_a_minute_more_is_not():
    on_time, _ = _with_past_go_live(utc(2027, 1, 4, 8), offsets="2m")
    assert [r.message.number for _, r in of(on_time.run_until(on_time.now), CheckInPost)] == [1]
    too_late, _ = _with_past_go_live(utc(2027, 1, 4, 8, 1), offsets="2m")
    said = too_late.run_until(too_late.now)
    assert of(said, CheckInPost) == []
    assert too_late.workshop.checkins[0].missed


def test_a_go_live_long_past_with_every_check_in_too_old_says_so_and_how_to_plan_anew():
    follow, outcome = _with_past_go_live(utc(2027, 6, 1, 7), offsets="1m 2m")
    [said] = [r.message for r in outcome.replies if r.message.key.startswith("checkins")]
    assert said == Said("checkins_none_ahead", {"limit": 7})
    follow.run_until(follow.now)
    assert all(ci.missed for ci in follow.workshop.checkins)
    assert follow.wake_at is None or follow.wake_at > follow.now


def test_several_check_ins_due_at_once_post_only_the_latest():
    # 2w and 3w after 14 December are 28 December and 4 January: both at most 7 days late.
    follow, _ = _with_past_go_live(utc(2027, 1, 4, 9), offsets="2w 3w", rollout="14/12-2026")
    said = follow.run_until(follow.now)
    assert [r.message.number for _, r in of(said, CheckInPost)] == [2]
    [nudge] = [r.message for r in _nudges(said) if r.message.kind == "missed"]
    assert nudge.missed == ("checkin:1",)


def test_a_check_in_due_while_the_bot_was_down_is_posted_if_at_most_seven_days_late():
    follow, _ = _with_past_go_live(utc(2027, 1, 4, 9), offsets="2w 1m", rollout="1/2-2027")
    follow.run_until(utc(2027, 2, 10))
    follow.at(utc(2027, 2, 18, 12))  # down from before 15 February until now
    outcome = follow.tick()
    [post] = [r.message for r in outcome.replies if isinstance(r.message, CheckInPost)]
    assert post.number == 1


def test_a_check_in_due_while_the_bot_was_down_for_longer_is_missed_and_told():
    follow, _ = _with_past_go_live(utc(2027, 1, 4, 9), offsets="2w 1m", rollout="1/2-2027")
    follow.run_until(utc(2027, 2, 10))
    follow.at(utc(2027, 2, 23, 12))
    outcome = follow.tick()
    assert not [r for r in outcome.replies if isinstance(r.message, CheckInPost)]
    [nudge] = [r.message for r in outcome.replies if isinstance(r.message, FacilitatorNudge)]
    assert nudge.kind == "missed" and nudge.missed == ("checkin:1",)
    assert follow.tick().duplicate
    follow.at(utc(2027, 2, 23, 13))
    assert follow.tick().replies == []


def test_a_go_live_with_no_check_ins_planned_reminds_the_facilitators_once():
    follow, outcome = _with_past_go_live(utc(2027, 1, 4, 9), offsets="ingen", rollout="1/2-2027")
    said = follow.run_until(utc(2027, 6, 1))
    [nudge] = [r for r in _nudges(said) if r.message.kind != "step_open"]
    assert nudge.message.kind == "no_checkins" and nudge.to == ("anne",)
    assert follow.workshop.step is Step.FOLLOW_UP
    follow.say("tilbage")
    follow.say("udrulning 1/3-2027")  # a new go-live day moves the step again, but no nudge
    said = follow.run_until(utc(2027, 6, 20))
    assert follow.workshop.step is Step.FOLLOW_UP
    assert [r for r in _nudges(said) if r.message.kind == "no_checkins"] == []
