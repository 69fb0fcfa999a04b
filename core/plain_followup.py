"""The follow-up's direct messages and question as plain text (the console, chat fallbacks)."""

from __future__ import annotations

from core.board import one_line
from core.dates import show_day
from core.messages import AgreementReminder, FacilitatorNudge, KeepCheckInsQuestion
from core.texts import t


def reminder_text(message: AgreementReminder, lang: str) -> str:
    agreement = message.agreement
    return t(
        f"reminder_{message.when}",
        lang,
        what=one_line(agreement.what),
        short_id=agreement.short_id,
        technology=message.technology,
        day=show_day(agreement.due, lang),
    )


def missed_label(missed: str, lang: str) -> str:
    """`checkin:2` and `reminder:AF1`, as the facilitators read them."""
    kind, _, name = missed.partition(":")
    if kind == "checkin":
        return t("missed_checkin", lang, number=name)
    return t("missed_reminder", lang, short_id=name)


def nudge_text(message: FacilitatorNudge, lang: str) -> str:
    technology = message.technology
    if message.kind == "step_open" and message.step is not None:
        step = t(f"step_{message.step.value}", lang)
        count = message.contributions
        return t("nudge_step_open", lang, step=step, technology=technology, count=count)
    if message.kind == "missed":
        listed = ", ".join(missed_label(m, lang) for m in message.missed)
        return t("nudge_missed", lang, technology=technology, list=listed)
    return t("nudge_no_checkins", lang, technology=technology)


def followup_text(
    message: AgreementReminder | FacilitatorNudge | KeepCheckInsQuestion, lang: str
) -> str:
    if isinstance(message, AgreementReminder):
        return reminder_text(message, lang)
    if isinstance(message, FacilitatorNudge):
        return nudge_text(message, lang)
    return t("keep_checkins_question", lang, count=message.planned)
