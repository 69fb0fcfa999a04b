"""Whatever the plan and however unevenly the scheduler comes (the bot down for days), every
Tick leaves nothing due behind it, a second Tick does nothing, each check-in is posted or
missed once, never more than seven days late, and each reminder goes out at most once."""

from collections import Counter
from datetime import timedelta
from itertools import cycle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.commands import Tick
from core.context import Context
from core.decide import decide
from core.followup import next_wakeup
from core.messages import AgreementReminder, CheckInPost
from tests.conftest import CHANNEL
from tests.unit.followup_kit import RASMUS, Follow, utc, walk

START = utc(2027, 1, 4, 9)
END = utc(2027, 9, 1)

plans = st.fixed_dictionaries(
    {
        "rollout": st.integers(-70, 60),
        "offsets": st.lists(
            st.sampled_from(["3d", "1w", "2w", "10d", "1m", "2m", "3m"]), max_size=4
        ),
        "agreements": st.lists(
            st.tuples(st.integers(0, 100), st.sampled_from(["<@U1>", "<@U1> og <@U2>", "TR"])),
            max_size=3,
        ),
        "pauses": st.lists(st.integers(1, 400), min_size=1, max_size=30),
        "end_early": st.booleans(),
    }
)


def _set_up(plan):
    follow = Follow(START)
    follow.say("ny Vagtplan")
    walk(follow.say, 4)
    for days, owner in plan["agreements"]:
        due = (START + timedelta(days=days)).date()
        follow.say(f"aftale {owner} {due.day}/{due.month}-{due.year} Noget at gøre")
    follow.say("tjekplan " + (" ".join(plan["offsets"]) or "ingen"))
    rollout = (START + timedelta(days=plan["rollout"])).date()
    follow.say(f"udrulning {rollout.day}/{rollout.month}-{rollout.year}")
    if plan["end_early"]:
        follow.say("afslut")
    return follow


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans)
def test_uneven_ticks_do_each_piece_of_due_work_once(plan):
    follow = _set_up(plan)
    posts, reminders = Counter(), Counter()
    pauses = cycle(plan["pauses"])
    while follow.now < END:
        follow.at(follow.now + timedelta(hours=next(pauses)))
        wake = follow.wake_at
        if wake is None or wake > follow.now:
            continue
        outcome = follow.tick()
        assert outcome.events, "woken for nothing"
        for reply in outcome.replies:
            if isinstance(reply.message, CheckInPost):
                posts[reply.message.number] += 1
            if isinstance(reply.message, AgreementReminder):
                key = (reply.message.agreement.short_id, reply.message.when)
                reminders[key] += 1
        after = outcome.workshop
        assert next_wakeup(after) is None or next_wakeup(after) > follow.now
        context = Context(CHANNEL, RASMUS, follow.now, lambda: "id", lambda: "code")
        again = decide(after, Tick(), context)
        assert again.events == [] and again.replies == []
    workshop = follow.workshop
    assert all(count == 1 for count in posts.values())
    assert all(count == 1 for count in reminders.values())
    for checkin in workshop.checkins:
        assert not (checkin.missed and checkin.posted_at)
        if checkin.due_at < END - timedelta(days=1):
            assert checkin.missed or checkin.posted_at is not None
        if checkin.posted_at is not None:
            assert checkin.posted_at - checkin.due_at <= timedelta(days=7)
            assert posts[checkin.number] == 1
