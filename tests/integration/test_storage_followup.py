"""The follow-up's events stored in SQL read back exactly as core.events.evolve makes them."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from adapters.persistence.store import SqlStore
from core import events as e
from core.circles import Circle
from core.model import (
    Actor,
    Agreement,
    ChannelKey,
    CheckIn,
    CheckInAnswer,
    FollowUpSettings,
    Learning,
    Rating,
    Step,
)
from core.service import Incoming

CHANNEL = ChannelKey("slack", "T1", "C1")
T0 = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CAI = Actor("cai", "Cai")


def say(service, words, who="anne"):
    return service.handle(Incoming(CHANNEL, Actor(who, who.title()), text=words))


def _workshop_before_follow_up(service):
    for words, who in (
        ("ny Vagtplan", "anne"),
        ("next", "anne"),
        ("note realistisk For lidt tid", "cai"),
        ("next", "anne"),
        ("note sundt -Flere fejl", "cai"),
        ("next", "anne"),
        ("forudsætning under Superbrugere på alle hold", "cai"),
        ("next", "anne"),
        ("aftale <@U9> 1/3-2027 Evaluering", "anne"),
    ):
        say(service, words, who)
    return service.workshop(CHANNEL)


def _answer(n, circle, rating, author, minutes, checkin=1, comment=""):
    return CheckInAnswer(
        id=f"answer{n}",
        short_id=f"E{n}",
        checkin=checkin,
        circle=circle,
        rating=rating,
        comment=comment,
        author=author,
        created_at=T0 + timedelta(minutes=minutes),
    )


def _follow_up_events(workshop):
    red = next(n for n in workshop.notes if n.colour.value == "red").short_id
    prerequisite = workshop.prerequisites[0].short_id
    agreement = workshop.agreements[0].short_id
    plan = FollowUpSettings(
        offsets=("2w", "1m"), post_time="10:00", window_days=5, anonymous_threshold=2
    )
    return [
        e.StepChanged(Step.FOLLOW_UP, T0),
        e.FollowUpPlanned(
            plan,
            (CheckIn(1, "2w", T0 + timedelta(days=14)), CheckIn(2, "1m", T0 + timedelta(days=31))),
        ),
        e.CheckInPosted(1, T0 + timedelta(days=14), T0 + timedelta(days=19)),
        e.CheckInAnswered(_answer(1, Circle.HEALTHY, Rating.WORSE, CAI, 1, comment="Tungt")),
        e.CheckInAnswered(_answer(2, Circle.HEALTHY, Rating.SAME, None, 2, comment="Det samme")),
        e.CheckInAnswered(_answer(3, Circle.HEALTHY, Rating.BETTER, CAI, 3)),  # replaces E1
        e.CheckInAnswered(_answer(4, Circle.REALISTIC, Rating.WORSE, None, 4)),
        e.CheckInMissed(2),
        # A new plan: the posted and the missed one stay, the rest is replaced.
        e.FollowUpPlanned(
            FollowUpSettings(offsets=("3m",)), (CheckIn(3, "3m", T0 + timedelta(90)),)
        ),
        e.CheckInClosed(1, T0 + timedelta(days=19)),
        e.LearningAdded(
            Learning("learn1", "L1", 1, Circle.HEALTHY, "Oplæring i små hold", CAI, T0)
        ),
        e.LearningAdded(Learning("learn2", "L2", None, None, "Spørg tidligt", None, T0)),
        e.ActionableMarked(red, True),
        e.ActionableMarked("E4", True),
        e.ActionableMarked("E4", False),
        e.ActionableMarked("E4", True),
        e.AgreementDone(agreement, T0 + timedelta(days=20)),
        e.AgreementReopened(agreement),
        e.AgreementAdded(
            Agreement("agree2", "AF2", "Bo", date(2027, 6, 1), "Ny vejledning", CAI, T0, checkin=1)
        ),
        e.AgreementDone("AF2", T0 + timedelta(days=21)),
        e.PrerequisiteMet(prerequisite, True),
        e.Sent(f"remind:{agreement}:2027-03-01:soon"),
        e.Sent("no_checkins"),
        e.CheckInsKept(False),
    ]


def test_every_follow_up_event_reads_back_as_evolve_makes_it(sql_service, engine):
    before = _workshop_before_follow_up(sql_service)
    events = _follow_up_events(before)
    expected = before
    for event in events:
        expected = e.evolve(expected, event)

    store = SqlStore(engine)
    for event in events:  # one transaction each, as the core records them
        with store.unit(CHANNEL) as unit:
            unit.record([event])
    fresh = SqlStore(engine)
    with fresh.unit(CHANNEL) as unit:
        loaded = unit.workshop

    assert loaded == expected
    assert loaded.step_opened_at == T0
    assert [(c.number, c.missed, c.closed_at is not None) for c in loaded.checkins] == [
        (1, False, True),
        (2, True, False),
        (3, False, False),
    ]
    assert [a.short_id for a in loaded.answers] == ["E2", "E3", "E4"]
    assert loaded.followup == FollowUpSettings(offsets=("3m",))
    assert not loaded.checkins_after_end
    assert loaded.agreements[0].done_at is None and loaded.agreements[1].checkin == 1
    # The store that wrote them keeps the same in its cache.
    with store.unit(CHANNEL) as unit:
        assert unit.workshop == expected


def test_a_plan_with_no_check_ins_and_every_setting_survives_a_reload(sql_service, engine):
    before = _workshop_before_follow_up(sql_service)
    plan = e.FollowUpPlanned(FollowUpSettings((), "07:30", 3, 5, 2), ())
    store = SqlStore(engine)
    with store.unit(CHANNEL) as unit:
        unit.record([plan])
    with SqlStore(engine).unit(CHANNEL) as unit:
        assert unit.workshop == e.evolve(before, plan)
        assert unit.workshop.followup.offsets == ()


def test_anonymous_answers_and_learnings_leave_no_trace_of_their_author(sql_service, engine):
    _workshop_before_follow_up(sql_service)
    store = SqlStore(engine)
    with store.unit(CHANNEL) as unit:
        unit.record(
            [
                e.CheckInAnswered(_answer(1, Circle.HEALTHY, Rating.WORSE, None, 1, comment="x")),
                e.LearningAdded(Learning("learn1", "L1", 1, None, "Hemmelig", None, T0)),
            ]
        )
    with engine.connect() as connection:
        answers = connection.execute(
            text("SELECT author_id, author_name FROM checkin_answers")
        ).all()
        learnings = connection.execute(text("SELECT author_id, author_name FROM learnings")).all()
    assert answers == [(None, None)]
    assert learnings == [(None, None)]


def test_the_next_wake_up_is_kept_on_the_workshop_row(sql_service, engine):
    _workshop_before_follow_up(sql_service)
    store = SqlStore(engine)
    when = T0 + timedelta(days=14)
    with store.unit(CHANNEL) as unit:
        unit.wake_at(when)
    assert [w.wake_at for w in store.due_wakeups(when, limit=10)] == [when]
    assert store.due_wakeups(when - timedelta(seconds=1), limit=10) == []
    with store.unit(CHANNEL) as unit:
        unit.wake_at(None)
    assert store.due_wakeups(when + timedelta(days=365), limit=10) == []
