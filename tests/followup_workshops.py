"""Workshops in follow-up for the renderers' tests: a posted check-in, answers, expectations,
agreements. Built as values, as the core's events would leave them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from core.circles import Circle
from core.model import (
    Actor,
    Agreement,
    ChannelKey,
    CheckIn,
    CheckInAnswer,
    Colour,
    Note,
    Rating,
    Step,
    Workshop,
)

POSTED = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)  # 09:00 in Copenhagen
ANNE, BO, CARL = Actor("UANNE", "Anne"), Actor("UBO", "Bo"), Actor("UCARL", "Carl")


def _note(short_id: str, circle: Circle, colour: Colour, text: str, author=ANNE) -> Note:
    return Note(short_id, short_id, circle, colour, Step.EXPECTATIONS, text, author, POSTED)


def answer(
    short_id: str, circle: Circle, rating: Rating, comment: str = "", author=ANNE, checkin=1
) -> CheckInAnswer:
    return CheckInAnswer(short_id, short_id, checkin, circle, rating, comment, author, POSTED)


def in_follow_up(platform: str = "slack", **changes) -> Workshop:
    workshop = Workshop(
        id="w1",
        channel=ChannelKey(platform, "T1", "C1"),
        technology="Vagtplan-app",
        started_by=ANNE,
        created_at=POSTED - timedelta(days=90),
        step=Step.FOLLOW_UP,
        facilitators=("UANNE",),
        rollout=date(2027, 1, 4),
        notes=(
            _note("G1", Circle.REALISTIC, Colour.GREEN, "Færre *dobbeltvagter* <!here>"),
            _note("R1", Circle.HEALTHY, Colour.RED, "Mere skærmtid", author=None),
        ),
        agreements=(
            Agreement(
                "a1",
                "AF1",
                "<@UBO> og Karen",
                date(2027, 2, 26),
                "Oplæring i appen",
                ANNE,
                POSTED - timedelta(days=60),
            ),
            Agreement(
                "a2",
                "AF2",
                "<@UCARL>",
                date(2027, 3, 15),
                "Ny _vagtbytte_-regel",
                ANNE,
                POSTED - timedelta(days=60),
            ),
            Agreement(
                "a3",
                "AF3",
                "Lise",
                date(2027, 2, 1),
                "Lukket aftale",
                ANNE,
                POSTED - timedelta(days=60),
                done_at=POSTED - timedelta(days=30),
            ),
        ),
        checkins=(
            CheckIn(1, "1m", POSTED, POSTED, POSTED + timedelta(days=7)),
            CheckIn(2, "3m", POSTED + timedelta(days=60)),
        ),
    )
    return replace(workshop, **changes)


def answered(anonymous_answers: int = 1, **changes) -> Workshop:
    """Check-in 2 posted and answered by Anne and Bo (named) and some anonymous people;
    check-in 1 closed with one answer."""
    checkins = (
        CheckIn(1, "1m", POSTED, POSTED, POSTED + timedelta(days=7), POSTED + timedelta(days=7)),
        CheckIn(2, "3m", POSTED + timedelta(days=60), POSTED + timedelta(days=60)),
    )
    answers = [
        answer("E1", Circle.REALISTIC, Rating.SAME, checkin=1),
        answer("E2", Circle.REALISTIC, Rating.BETTER, "Vagtplanen er klar *før*", checkin=2),
        answer("E3", Circle.REALISTIC, Rating.WORSE, "", author=BO, checkin=2),
        answer("E4", Circle.HEALTHY, Rating.WORSE, "Ondt i nakken <@UANNE>", author=BO, checkin=2),
    ]
    for n in range(anonymous_answers):
        answers.append(
            answer(f"E{5 + n}", Circle.HEALTHY, Rating.WORSE, "Hemmelig kommentar", None, 2)
        )
    return in_follow_up(checkins=checkins, answers=tuple(answers), **changes)
