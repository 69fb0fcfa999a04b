"""What the check-in post and the stock-taking show, read from the workshop: pure, for every
platform's richer form (Slack's blocks, Teams' cards).

Anonymous answers count only when the check-in has enough people (core.model.FollowUpSettings.
anonymous_threshold): people = named authors + the most anonymous answers in any one circle.
Below that they are left out of counts and comments alike, so nobody can be singled out.
No author of an answer is ever shown here: the stock-taking is about the work, not who said it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from core.circles import CIRCLES, Circle
from core.model import Agreement, CheckInAnswer, Colour, ItemStatus, Note, Rating, Step, Workshop

SHOWN_AGREEMENTS = 15  # a post stays readable (and within Teams' card size); the board has all


@dataclass(frozen=True)
class OpenAgreement:
    agreement: Agreement
    overdue: bool


@dataclass(frozen=True)
class CircleStock:
    circle: Circle
    expected: tuple[Note, ...]  # the green and red notes of the expectations step
    counts: dict[Rating, int]
    comments: tuple[CheckInAnswer, ...]  # answers with a comment, counted ones only
    earlier: tuple[tuple[int, dict[Rating, int]], ...] = ()  # earlier check-ins' counts


def checkin_day(workshop: Workshop, number: int) -> date | None:
    """The local day the check-in was posted (or falls due): 'today' for the post."""
    checkin = next((c for c in workshop.checkins if c.number == number), None)
    if checkin is None:
        return None
    moment = checkin.posted_at or checkin.due_at
    return moment.astimezone(ZoneInfo(workshop.timezone)).date()


def open_agreements(workshop: Workshop, today: date | None) -> list[OpenAgreement]:
    """Active agreements not yet done, soonest first; overdue when due before `today`."""
    found = [a for a in workshop.agreements if a.status is ItemStatus.ACTIVE and not a.is_done]
    found.sort(key=lambda a: (a.due, a.short_id))
    return [OpenAgreement(a, today is not None and a.due < today) for a in found]


def _answers(workshop: Workshop, number: int) -> list[CheckInAnswer]:
    return [a for a in workshop.answers if a.checkin == number]


def anonymous_counted(workshop: Workshop, number: int) -> bool:
    answers = _answers(workshop, number)
    named = {a.author.user_id for a in answers if a.author is not None}
    most_anonymous = max(
        (sum(1 for a in answers if a.author is None and a.circle is c.circle) for c in CIRCLES),
        default=0,
    )
    return len(named) + most_anonymous >= workshop.followup.anonymous_threshold


def held_back(workshop: Workshop, number: int) -> bool:
    """Whether some anonymous answers are left out of this check-in's stock-taking."""
    has_anonymous = any(a.author is None for a in _answers(workshop, number))
    return has_anonymous and not anonymous_counted(workshop, number)


def _counted(workshop: Workshop, number: int, circle: Circle) -> list[CheckInAnswer]:
    with_anonymous = anonymous_counted(workshop, number)
    return [
        a
        for a in _answers(workshop, number)
        if a.circle is circle and (a.author is not None or with_anonymous)
    ]


def _counts(answers: list[CheckInAnswer]) -> dict[Rating, int]:
    return {rating: sum(1 for a in answers if a.rating is rating) for rating in Rating}


def stock_taking(workshop: Workshop, number: int) -> list[CircleStock]:
    earlier_numbers = sorted(
        c.number for c in workshop.checkins if c.number < number and c.posted_at is not None
    )
    result = []
    for info in CIRCLES:
        circle = info.circle
        expected = tuple(
            n
            for n in workshop.active_notes(circle, Step.EXPECTATIONS)
            if n.colour in (Colour.GREEN, Colour.RED)
        )
        counted = _counted(workshop, number, circle)
        earlier = tuple((n, _counts(_counted(workshop, n, circle))) for n in earlier_numbers)
        comments = tuple(a for a in counted if a.comment.strip())
        result.append(CircleStock(circle, expected, _counts(counted), comments, earlier))
    return result
