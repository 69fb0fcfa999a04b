"""Every message as readable plain text: the console's rendering, and chat fallbacks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from core.agenda import states as agreement_states
from core.board import board_text, circle_board_text, item_line, one_line
from core.circles import BY_CIRCLE, CIRCLES
from core.dates import show_day
from core.followup_text import checkin_lines, following_up
from core.help import help_lines
from core.ids import id_label
from core.messages import (
    AgreementReminder,
    AnswerConfirmed,
    BoardView,
    CheckInPost,
    CirclePrompt,
    ColourNeeded,
    CountsChanged,
    DeleteConfirmNeeded,
    ExportReady,
    FacilitatorNudge,
    HelpView,
    InspirationView,
    ItemConfirmed,
    ItemId,
    ItemRemoved,
    KeepCheckInsQuestion,
    Mentions,
    Message,
    Refusal,
    Said,
    StatusView,
    StepOpened,
    StockTaking,
    TextRef,
    WallNote,
)
from core.method import STEP, prompt_key
from core.model import WALKABLE, Agreement, Colour, Note, Step, Workshop
from core.plain_checkins import answer_text, checkin_post_text, stock_text
from core.plain_followup import followup_text
from core.report import (
    active_agreements,
    colour_label,
    owner_label,
    prerequisites_by_timing,
)
from core.texts import t
from core.wall import by_colour

People = Callable[[str], str]


def fill(params: dict[str, Any], lang: str, people: People = owner_label) -> dict[str, Any]:
    """Params as text in `lang`: text keys looked up, dates spelled out."""
    out = {}
    for key, value in params.items():
        if isinstance(value, TextRef):
            value = t(value.key, lang)
        elif isinstance(value, ItemId):
            value = id_label(value.short_id, lang)
        elif isinstance(value, Mentions):
            value = ", ".join(people(f"<@{user_id}>") for user_id in value.user_ids)
        elif isinstance(value, date):
            value = show_day(value, lang)
        out[key] = value
    return out


def say(key: str, params: dict[str, Any], lang: str, people: People = owner_label) -> str:
    return t(key, lang, **fill(params, lang, people))


def refusal_text(refusal: Refusal, lang: str, people: People = owner_label) -> str:
    text = say(refusal.key, refusal.params, lang, people)
    if refusal.hint:
        text += " " + say(refusal.hint, refusal.params, lang, people)
    return text


def counts_text(counts: dict[Colour, int], step: Step, lang: str) -> str:
    if step is Step.TODAY:
        return t("counts_today", lang, orange=counts[Colour.ORANGE])
    key = "counts_after" if step is Step.FOLLOW_UP else "counts_expect"
    return t(key, lang, green=counts[Colour.GREEN], red=counts[Colour.RED])


def step_heading(workshop: Workshop, step: Step, lang: str) -> str:
    name = t(f"step_{step.value}", lang)
    if step is Step.CLOSED:
        return f"{name} · {workshop.technology}"
    number = WALKABLE.index(step) + 1
    return t("step_heading", lang, number=number, step=name, technology=workshop.technology)


def step_guidance(workshop: Workshop, step: Step, lang: str) -> str:
    return t(STEP[step].guidance_key, lang, technology=workshop.technology)


def _step(message: StepOpened, lang: str) -> str:
    workshop, step = message.workshop, message.step
    lines = [f"== {step_heading(workshop, step, lang)} ==", step_guidance(workshop, step, lang)]
    entry = STEP[step]
    if entry.shows_circles:
        for info in CIRCLES:
            lines.append(f"  {info.letter} · {info.name[lang]}: {info.covers[lang]}")
    if entry.opening_key:
        lines.append(t(entry.opening_key, lang))
    return "\n".join(lines)


def _prompt(message: CirclePrompt, lang: str) -> str:
    info = BY_CIRCLE[message.circle]
    how = prompt_key(message.step)
    text = (
        f"-- {info.name[lang]} [{counts_text(message.counts, message.step, lang)}]\n"
        f"   {info.covers[lang]}\n   {t(how, lang, circle=info.name[lang].split()[0].lower())}"
    )
    return "\n".join([text, *wall_lines(message.notes, message.step, lang)])


def wall_note_line(note: WallNote, step: Step, lang: str) -> str:
    """A note on the wall: its id, colour and text, and its author only where shown."""
    who = f" ({note.author})" if note.author else ""
    # Under its circle's own heading, so the bare id: the circle is named just above.
    return f"{note.short_id} ({colour_label(note.colour, step, lang)}) {one_line(note.text)}{who}"


def wall_lines(notes: tuple[WallNote, ...], step: Step, lang: str) -> list[str]:
    return [f"   {wall_note_line(n, step, lang)}" for _, group in by_colour(notes) for n in group]


def _confirmed(message: ItemConfirmed, lang: str, people: People) -> str:
    item = message.item
    if message.change == "announced":
        return "+ " + item_line(item, lang, people)
    key = f"receipt_{message.change}"
    if message.change == "added":
        key += {Note: "_note", Agreement: "_agreement"}.get(type(item), "_prereq")
    # "Din forudsætning F1" already names the kind; a note's receipt names its circle.
    named = message.change == "added" and not isinstance(item, Note)
    lines = [t(key, lang, label=item.short_id if named else id_label(item.short_id, lang))]
    if message.change in ("added", "edited"):
        lines.append("  " + item_line(item, lang, people))
        if message.code:
            lines.append(t("receipt_code", lang, code=message.code, short_id=item.short_id))
        elif not isinstance(item, Agreement) and not item.anonymous:
            lines.append(t("receipt_named", lang, short_id=item.short_id))
    return "\n".join(lines)


def others_lines(others, lang: str) -> list[str]:
    """The channel's other workshops by number, so a closed one can always be named."""
    if not others:
        return []
    listed = [
        t(
            "status_other",
            lang,
            number=o.number,
            technology=o.technology,
            state=t("state_closed", lang, day=show_day(o.closed_at.date(), lang))
            if o.closed_at
            else t("state_open", lang),
        )
        for o in others
    ]
    return [t("status_others", lang, list="; ".join(listed))]


def status_text(
    workshop: Workshop, lang: str, people: People = owner_label, today: date | None = None
) -> str:
    lines = [
        t(
            "status_line",
            lang,
            technology=workshop.technology,
            step=t(f"step_{workshop.step.value}", lang),
        ),
        t(
            "status_counts",
            lang,
            notes=len(workshop.active_notes()),
            prereqs=sum(len(ps) for _, ps in prerequisites_by_timing(workshop)),
            agreements=len(active_agreements(workshop)),
        ),
        t(
            "status_facilitators",
            lang,
            names=", ".join(people(f"<@{user_id}>") for user_id in workshop.facilitators),
        ),
        t("status_rollout", lang, day=show_day(workshop.rollout, lang))
        if workshop.rollout
        else t("status_no_rollout", lang),
    ]
    if workshop.agreements and following_up(workshop):
        counts = {s.value: n for s, n in agreement_states(workshop, today).items()}
        lines.append(t("status_agreement_states", lang, **counts))
    lines += checkin_lines(workshop, lang)
    return "\n".join(lines)


def inspiration_text(message: InspirationView, lang: str) -> str:
    lines = [t("inspiration_heading", lang)]
    for circle in message.circles:
        info = BY_CIRCLE[circle]
        lines += [
            f"-- {info.name[lang]}",
            f"   + {t('gain', lang)}: {info.gain[lang]}",
            f"   - {t('risk', lang)}: {info.risk[lang]}",
        ]
    return "\n".join(lines)


def render(message: Message, lang: str, people: People = owner_label) -> str:
    """`message` as text; `people` names a person from a `<@id>` reference or a plain name."""
    match message:
        case Refusal():
            return refusal_text(message, lang, people)
        case Said(key=key, params=params):
            return say(key, params, lang, people)
        case StepOpened():
            return _step(message, lang)
        case CirclePrompt():
            return _prompt(message, lang)
        case CountsChanged(circle=circle, step=step, counts=counts):
            return f"   ({BY_CIRCLE[circle].name[lang]} · {counts_text(counts, step, lang)})"
        case ItemConfirmed():
            return _confirmed(message, lang, people)
        case ItemRemoved(short_id=short_id):
            return t("removed_notice", lang, label=id_label(short_id, lang))
        case BoardView(workshop=workshop, circle=None, today=today):
            return board_text(workshop, lang, people, today)
        case BoardView(workshop=workshop, circle=circle):
            return circle_board_text(workshop, circle, lang)
        case StatusView(workshop=workshop, others=others, today=today):
            text = status_text(workshop, lang, people, today)
            return "\n".join([text, *others_lines(others, lang)])
        case HelpView():
            return "\n".join(help_lines(message, lang))
        case InspirationView():
            return inspiration_text(message, lang)
        case ExportReady(filename=filename):
            return t("export_saved", lang, path=filename)
        case DeleteConfirmNeeded(technology=technology, number=number):
            if number is not None:
                return t("confirm_delete_numbered", lang, technology=technology, number=number)
            return t("confirm_delete", lang, technology=technology)
        case ColourNeeded():
            return f"{t('colour_needed', lang)} {t('hint_colour', lang)}"
        case AgreementReminder() | FacilitatorNudge() | KeepCheckInsQuestion():
            return followup_text(message, lang)
        case CheckInPost():
            return checkin_post_text(message, lang, people)
        case AnswerConfirmed():
            return answer_text(message, lang)
        case StockTaking():
            return stock_text(message, lang)
    raise TypeError(f"no plain rendering for {message!r}")
