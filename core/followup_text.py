"""The follow-up as the board, the report and status show it: agreements open, done or
overdue and grouped under the check-in they came from, the learnings, and each check-in's
state with its counts (anonymous answers counted by the same rule as the stock-taking)."""

from __future__ import annotations

from datetime import date

from core.agenda import AgreementState, active, state
from core.circles import circle_name
from core.dates import local_day, show_day
from core.model import Agreement, CheckIn, Learning, Step, Workshop
from core.stocktaking import Tally, answers_of, counted, tally
from core.texts import t

STATE_KEYS = {
    AgreementState.OPEN: "agreement_open",
    AgreementState.DUE: "agreement_due",
    AgreementState.OVERDUE: "agreement_overdue",
    AgreementState.DONE: "agreement_done_label",
}


def following_up(workshop: Workshop) -> bool:
    """Past the agreements: from here on an agreement's state is worth showing."""
    return (
        workshop.step is Step.FOLLOW_UP
        or bool(workshop.checkins)
        or any(a.is_done for a in workshop.agreements)
    )


def state_label(agreement: Agreement, today: date | None, lang: str) -> str:
    return t(STATE_KEYS[state(agreement, today)], lang)


def state_suffix(workshop: Workshop, agreement: Agreement, today: date | None, lang: str) -> str:
    """` · gjort` after an agreement's line, once the follow-up has begun (or it is late)."""
    shown = state(agreement, today)
    if shown is AgreementState.OPEN and not following_up(workshop):
        return ""
    return f" · {state_label(agreement, today, lang)}"


def agreement_groups(workshop: Workshop) -> list[tuple[int | None, list[Agreement]]]:
    """The board's agreements: those of the workshop first, then per check-in they came from."""
    groups: dict[int | None, list[Agreement]] = {}
    for agreement in active(workshop):
        groups.setdefault(agreement.checkin, []).append(agreement)
    return sorted(groups.items(), key=lambda pair: -1 if pair[0] is None else pair[0])


def learning_groups(workshop: Workshop) -> list[tuple[int | None, list[Learning]]]:
    groups: dict[int | None, list[Learning]] = {}
    for learned in workshop.learnings:
        groups.setdefault(learned.checkin, []).append(learned)
    return sorted(groups.items(), key=lambda pair: -1 if pair[0] is None else pair[0])


def after_checkin(number: int | None, lang: str) -> str:
    """A group's heading: after check-in N, or before the first one."""
    if number is None:
        return t("learnings_before", lang)
    return t("after_checkin", lang, number=number)


def learning_line(learned: Learning, lang: str, names: bool) -> str:
    where = f" · {circle_name(learned.circle, lang)}" if learned.circle else ""
    who = ""
    if names:
        who = f" ({learned.author.label if learned.author else t('anonymous', lang)})"
    text = " / ".join(line.strip() for line in learned.text.splitlines() if line.strip())
    return f"{learned.short_id}{where} · {text}{who}"


def counts_text(counts: Tally, lang: str) -> str:
    return t("stock_counts", lang, better=counts.better, same=counts.same, worse=counts.worse)


def total(workshop: Workshop, number: int) -> Tally:
    answers = counted(workshop, number)
    tallies = [tally(answers, circle) for circle in {a.circle for a in answers}]
    return Tally(
        sum(x.better for x in tallies), sum(x.same for x in tallies), sum(x.worse for x in tallies)
    )


def checkin_line(workshop: Workshop, held: CheckIn, lang: str) -> str:
    zone = workshop.timezone
    if held.missed:
        return t("checkin_missed", lang, number=held.number)
    if held.posted_at is None:
        day = show_day(local_day(held.due_at, zone), lang)
        return t("checkin_planned", lang, number=held.number, day=day)
    if held.closed_at is None:
        until = held.closes_at or held.posted_at
        answers = len(answers_of(workshop, held.number))
        day = show_day(local_day(until, zone), lang)
        return t("checkin_open", lang, number=held.number, day=day, answers=answers)
    counts = counts_text(total(workshop, held.number), lang)
    day = show_day(local_day(held.closed_at, zone), lang)
    return t("checkin_done", lang, number=held.number, day=day, counts=counts)


def checkin_lines(workshop: Workshop, lang: str) -> list[str]:
    return [checkin_line(workshop, held, lang) for held in workshop.checkins]
