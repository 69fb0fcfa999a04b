"""Each owner of an agreement hears about it exactly twice, privately: two working days before
it is due and on the day, at 09:00 local time, and never once it is done."""

from collections import Counter
from dataclasses import replace

from core.agenda import owner_ids
from core.events import AgreementDone, evolve
from core.followup import agenda
from core.messages import AgreementReminder, Audience, FacilitatorNudge
from tests.unit.followup_kit import MONDAY, Follow, of, utc, walk


def _agreements(*typed, start=MONDAY):
    follow = Follow(start)
    follow.say("ny Vagtplan")
    walk(follow.say, 4)
    for agreement in typed:
        follow.say(f"aftale {agreement}")
    return follow


def _reminders(said):
    return [(when, reply) for when, reply in of(said, AgreementReminder)]


def test_owners_are_the_people_mentioned_and_plain_names_are_none():
    assert owner_ids("<@U1> og <@U2>") == ("U1", "U2")
    assert owner_ids("<@U1|anne> and TR") == ("U1",)
    assert owner_ids("<@U1> og <@U1>") == ("U1",)
    assert owner_ids("TR og AMR") == ()


def test_every_owner_gets_exactly_two_reminders_per_agreement():
    follow = _agreements(
        "<@U1> og <@U2> 3/2-2027 Evaluering af vagtplanen",
        "<@U3> 10/2-2027 Oplæring af nye kolleger",
        "TR og AMR 12/2-2027 Tag det op i MED",
    )
    said = _reminders(follow.run_until(utc(2027, 6, 1)))
    per_owner = Counter(
        (reply.message.agreement.short_id, owner, reply.message.when)
        for _, reply in said
        for owner in reply.to
    )
    assert per_owner == {
        ("AF1", "U1", "soon"): 1,
        ("AF1", "U1", "today"): 1,
        ("AF1", "U2", "soon"): 1,
        ("AF1", "U2", "today"): 1,
        ("AF2", "U3", "soon"): 1,
        ("AF2", "U3", "today"): 1,
    }
    assert all(reply.audience is Audience.DIRECT for _, reply in said)
    assert [reply.to for _, reply in said if reply.message.agreement.short_id == "AF1"] == [
        ("U1", "U2"),
        ("U1", "U2"),
    ]


def test_reminders_come_at_nine_two_working_days_before_and_on_the_day():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")  # a Wednesday
    said = _reminders(follow.run_until(utc(2027, 3, 1)))
    assert [(when, r.message.when) for when, r in said] == [
        (utc(2027, 2, 1, 8), "soon"),
        (utc(2027, 2, 3, 8), "today"),
    ]
    assert said[0][1].message.technology == "Vagtplan"


def test_a_due_day_on_a_saturday_is_reminded_on_thursday_and_monday():
    follow = _agreements("<@U1> 6/2-2027 Evaluering")
    said = _reminders(follow.run_until(utc(2027, 3, 1)))
    assert [when for when, _ in said] == [utc(2027, 2, 4, 8), utc(2027, 2, 8, 8)]


def test_a_due_day_after_easter_counts_working_days_back_past_the_holidays_and_summer_time():
    # Tuesday 30 March 2027: Maundy Thursday to Easter Monday are off, and summer time began
    # on Sunday 28 March, so 09:00 is 07:00 UTC on the day and 08:00 UTC the week before.
    follow = _agreements("<@U1> 30/3-2027 Evaluering", start=utc(2027, 3, 1, 9))
    said = _reminders(follow.run_until(utc(2027, 4, 30)))
    assert [when for when, _ in said] == [utc(2027, 3, 23, 8), utc(2027, 3, 30, 7)]


def test_a_done_agreement_gets_no_more_reminders():
    follow = _agreements("<@U1> 3/2-2027 Evaluering", "<@U2> 3/2-2027 Oplæring")
    said = _reminders(follow.run_until(utc(2027, 2, 1, 12)))
    assert [r.message.agreement.short_id for _, r in said] == ["AF1", "AF2"]
    # What `færdig AF1` records (its command belongs to the agreements' own module).
    workshop = follow.workshop
    follow.store.workshops[workshop.id] = evolve(workshop, AgreementDone("AF1", follow.now))
    said = _reminders(follow.run_until(utc(2027, 3, 1)))
    assert [r.message.agreement.short_id for _, r in said] == ["AF2"]


def test_a_removed_agreement_gets_no_reminders():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")
    follow.say("fjern AF1")
    assert _reminders(follow.run_until(utc(2027, 3, 1))) == []


def test_a_changed_due_day_plans_new_reminders_and_the_sent_one_stays_sent():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")
    follow.run_until(utc(2027, 2, 1, 12))  # `soon` for 3 February went out
    follow.say("ret AF1 <@U1> 10/2-2027 Evaluering")
    said = _reminders(follow.run_until(utc(2027, 3, 1)))
    assert [(when, r.message.when) for when, r in said] == [
        (utc(2027, 2, 8, 8), "soon"),
        (utc(2027, 2, 10, 8), "today"),
    ]


def test_an_agreement_made_after_its_soon_time_gets_only_the_day_itself():
    follow = _agreements("<@U1> 6/1-2027 Evaluering")  # made Monday 4 January, 10:00
    said = _reminders(follow.run_until(utc(2027, 2, 1)))
    assert [(when, r.message.when) for when, r in said] == [(utc(2027, 1, 6, 8), "today")]


def test_reminders_more_than_seven_days_late_are_missed_and_told_to_the_facilitators():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")
    follow.run_until(utc(2027, 1, 20))
    follow.at(utc(2027, 2, 12, 9))  # down since 20 January: both reminders are 9+ days late
    outcome = follow.tick()
    assert not [r for r in outcome.replies if isinstance(r.message, AgreementReminder)]
    [nudge] = [r.message for r in outcome.replies if isinstance(r.message, FacilitatorNudge)]
    assert nudge.kind == "missed" and nudge.missed == ("reminder:AF1",)
    assert set(follow.workshop.sent) >= {
        "remind:AF1:2027-02-03:soon:missed",
        "remind:AF1:2027-02-03:today:missed",
    }
    assert [d for d in agenda(follow.workshop) if d.kind == "remind"] == []


def test_when_the_day_itself_is_due_too_only_the_days_reminder_goes_out():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")
    follow.run_until(utc(2027, 1, 20))
    follow.at(utc(2027, 2, 4, 9))  # down from before the `soon` time until after the day
    outcome = follow.tick()
    [reminder] = [r.message for r in outcome.replies if isinstance(r.message, AgreementReminder)]
    assert reminder.when == "today"
    assert not [r for r in outcome.replies if isinstance(r.message, FacilitatorNudge)]
    assert follow.run_until(utc(2027, 3, 1)) == []


def test_reminders_follow_the_workshops_own_posting_time_and_timezone():
    follow = _agreements("<@U1> 3/2-2027 Evaluering")
    workshop = follow.workshop
    moved = replace(workshop, timezone="America/New_York")
    follow.store.workshops[workshop.id] = evolve(moved, AgreementDone("AF1", follow.now))
    assert [d for d in agenda(follow.workshop) if d.kind == "remind"] == []
    follow.store.workshops[workshop.id] = moved
    follow.say("tjekplan 1m kl 8:30")
    times = [d.at for d in agenda(follow.workshop) if d.kind == "remind"]
    assert times == [utc(2027, 2, 1, 13, 30), utc(2027, 2, 3, 13, 30)]


def test_an_agreement_without_anyone_named_with_at_tells_its_writer_no_one_is_reminded():
    follow = _agreements()
    plain = follow.say("aftale TR og AMR 3/2-2027 Tag det op i MED")
    said = [r for r in plain.replies if getattr(r.message, "key", "") == "agreement_no_reminders"]
    assert [r.audience for r in said] == [Audience.PRIVATE]
    named = follow.say("aftale <@U1> og TR 3/2-2027 Evaluering")
    assert not [
        r for r in named.replies if getattr(r.message, "key", "") == "agreement_no_reminders"
    ]
