"""What the stock-taking shows after a check-in: per circle, what the team expected (the green
and red notes) beside what it lived (better / same / worse, with the comments), and the earlier
check-ins' counts beside those. Every platform renders these same numbers.

Anonymous answers are only counted once enough people answered the check-in: with two people,
one anonymous "worse" next to one named "better" says who wrote it. People are the distinct
named authors plus the largest number of anonymous answers in any one circle (one person
answers a circle once, so that many anonymous people at least took part).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.circles import CIRCLES, Circle
from core.model import CheckIn, CheckInAnswer, Colour, Rating, Step, Workshop
from core.wall import COLOUR_ORDER


@dataclass(frozen=True)
class Tally:
    better: int = 0
    same: int = 0
    worse: int = 0

    @property
    def total(self) -> int:
        return self.better + self.same + self.worse


@dataclass(frozen=True)
class ExpectedNote:
    """A green or red expectation as everyone may see it: no author when anonymous or when
    the workshop shows no names."""

    short_id: str
    colour: Colour
    text: str
    author: str | None = None
    actionable: bool = False


@dataclass(frozen=True)
class ShownAnswer:
    """An answer as the stock-taking shows it: never with its author (no scoring of people)."""

    short_id: str
    rating: Rating
    comment: str
    actionable: bool = False


@dataclass(frozen=True)
class CircleStock:
    circle: Circle
    expected: tuple[ExpectedNote, ...]  # green first, then red, oldest first
    tally: Tally
    # Answers with a comment, and every worse one (its id is how it is marked actionable).
    answers: tuple[ShownAnswer, ...]
    earlier: tuple[tuple[int, Tally], ...]  # (check-in number, its counts), oldest first


@dataclass(frozen=True)
class Stock:
    number: int
    people: int
    held_back: bool  # some anonymous answers are not counted yet: too few people answered
    circles: tuple[CircleStock, ...]
    closed: bool  # the workshop is closed: new agreements need it reopened


def answers_of(workshop: Workshop, number: int) -> list[CheckInAnswer]:
    return [a for a in workshop.answers if a.checkin == number]


def people(workshop: Workshop, number: int) -> int:
    """How many people at least answered check-in `number` (see the module's note)."""
    answers = answers_of(workshop, number)
    named = {a.author.user_id for a in answers if a.author is not None}
    anonymous_per_circle = [
        sum(1 for a in answers if a.author is None and a.circle is info.circle) for info in CIRCLES
    ]
    return len(named) + max(anonymous_per_circle, default=0)


def counted(workshop: Workshop, number: int) -> list[CheckInAnswer]:
    """The answers of check-in `number` that may be counted and shown now."""
    answers = answers_of(workshop, number)
    if people(workshop, number) >= workshop.followup.anonymous_threshold:
        return answers
    return [a for a in answers if a.author is not None]


def held_back(workshop: Workshop, number: int) -> bool:
    return len(counted(workshop, number)) < len(answers_of(workshop, number))


def tally(answers: list[CheckInAnswer], circle: Circle) -> Tally:
    ratings = [a.rating for a in answers if a.circle is circle]
    return Tally(
        ratings.count(Rating.BETTER), ratings.count(Rating.SAME), ratings.count(Rating.WORSE)
    )


def checkin(workshop: Workshop, number: int) -> CheckIn | None:
    return next((c for c in workshop.checkins if c.number == number), None)


def shown_answer(workshop: Workshop, short_id: str) -> CheckInAnswer | None:
    """The answer `short_id` when the team has seen it: its check-in's stock-taking is out and
    it is counted there. Others are not named anywhere, so they cannot be marked either."""
    wanted = short_id.strip().upper()
    answer = next((a for a in workshop.answers if a.short_id == wanted), None)
    if answer is None:
        return None
    held = checkin(workshop, answer.checkin)
    if held is None or held.closed_at is None:
        return None
    return answer if answer in counted(workshop, answer.checkin) else None


def _expected(workshop: Workshop, circle: Circle) -> tuple[ExpectedNote, ...]:
    notes = workshop.active_notes(circle, Step.EXPECTATIONS)
    shown = []
    for colour in COLOUR_ORDER:
        for note in (n for n in notes if n.colour is colour):
            author = note.author.label if workshop.show_names and note.author else None
            shown.append(ExpectedNote(note.short_id, colour, note.text, author, note.actionable))
    return tuple(shown)


def _shown(answers: list[CheckInAnswer], circle: Circle) -> tuple[ShownAnswer, ...]:
    order = {Rating.BETTER: 0, Rating.SAME: 1, Rating.WORSE: 2}
    mine = [a for a in answers if a.circle is circle and (a.comment or a.rating is Rating.WORSE)]
    mine.sort(key=lambda a: order[a.rating])  # stable: oldest first within a rating
    return tuple(ShownAnswer(a.short_id, a.rating, a.comment, a.actionable) for a in mine)


def earlier_checkins(workshop: Workshop, number: int) -> list[int]:
    """The check-ins posted before `number`, oldest first: what this one is compared with."""
    return sorted(c.number for c in workshop.checkins if c.number < number and c.posted_at)


def stock_taking(workshop: Workshop, number: int) -> Stock:
    answers = counted(workshop, number)
    before = {n: counted(workshop, n) for n in earlier_checkins(workshop, number)}
    circles = tuple(
        CircleStock(
            circle=info.circle,
            expected=_expected(workshop, info.circle),
            tally=tally(answers, info.circle),
            answers=_shown(answers, info.circle),
            earlier=tuple((n, tally(a, info.circle)) for n, a in before.items()),
        )
        for info in CIRCLES
    )
    return Stock(
        number=number,
        people=people(workshop, number),
        held_back=held_back(workshop, number),
        circles=circles,
        closed=workshop.is_closed,
    )
