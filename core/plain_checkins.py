"""The check-in, an answer's receipt and the stock-taking as plain text (the console's
rendering, and every chat's fallback). The numbers come from core.agenda and core.stocktaking,
so every platform shows the same."""

from __future__ import annotations

from collections.abc import Callable

from core.agenda import checkin_post
from core.board import item_line, one_line
from core.circles import BY_CIRCLE
from core.dates import show_day
from core.followup_text import STATE_KEYS, counts_text
from core.messages import AnswerConfirmed, CheckInPost, StockTaking
from core.model import Step
from core.report import colour_label, owner_label
from core.stocktaking import CircleStock, Stock, stock_taking
from core.texts import t

People = Callable[[str], str]


def checkin_post_text(message: CheckInPost, lang: str, people: People = owner_label) -> str:
    workshop = message.workshop
    content = checkin_post(workshop, message.number)
    technology = workshop.technology
    lines = [
        f"== {t('checkin_heading', lang, number=message.number, technology=technology)} ==",
        t("checkin_intro", lang, technology=technology),
    ]
    for circle in content.circles:
        info = BY_CIRCLE[circle]
        lines.append(f"-- {info.name[lang]}: {info.covers[lang]}")
    lines.append(t("checkin_how", lang))
    if content.closes_on:
        lines.append(t("checkin_closes", lang, day=show_day(content.closes_on, lang)))
    if not content.agreements:
        lines.append(t("checkin_no_agreements", lang))
        return "\n".join(lines)
    lines.append(t("checkin_agreements", lang))
    for agreement, state in content.agreements:
        lines.append(f"   {item_line(agreement, lang, people)} · {t(STATE_KEYS[state], lang)}")
    return "\n".join(lines)


def answer_text(message: AnswerConfirmed, lang: str) -> str:
    given = message.answer
    circle = BY_CIRCLE[given.circle].name[lang]
    rating = t(f"rating_{given.rating.value}", lang)
    lines = [t("answer_saved", lang, label=given.short_id, circle=circle, rating=rating)]
    if given.comment:
        lines.append(f"  {one_line(given.comment)}")
    if message.replaced:
        lines.append(t("answer_replaced", lang, circle=circle))
    lines.append(t("answer_anonymous" if given.anonymous else "answer_named", lang))
    return "\n".join(lines)


def _circle_lines(part: CircleStock, lang: str) -> list[str]:
    info = BY_CIRCLE[part.circle]
    if not part.expected and not part.tally.total and not any(c.total for _, c in part.earlier):
        return [f"-- {info.name[lang]}: {t('stock_nothing', lang)}"]  # nothing to hold up
    marked = f" · {t('marked_actionable', lang)}"
    lines = [f"-- {info.name[lang]}", f"   {t('stock_expected', lang)}:"]
    for note in part.expected:
        who = f" ({note.author})" if note.author else ""
        label = colour_label(note.colour, Step.EXPECTATIONS, lang)
        mark = marked if note.actionable else ""
        lines.append(f"     {note.short_id} ({label}) {one_line(note.text)}{who}{mark}")
    if not part.expected:
        lines.append(f"     {t('stock_nothing', lang)}")
    earlier = "; ".join(
        t("stock_earlier", lang, number=number, counts=counts_text(counts, lang))
        for number, counts in part.earlier
    )
    beside = f" ({earlier})" if earlier else ""
    lines.append(f"   {t('stock_experienced', lang)}: {counts_text(part.tally, lang)}{beside}")
    for shown in part.answers:
        rating = t(f"rating_{shown.rating.value}", lang)
        comment = f" {one_line(shown.comment)}" if shown.comment else ""
        mark = marked if shown.actionable else ""
        lines.append(f"     {shown.short_id} ({rating}){comment}{mark}")
    return lines


def stock_lines(stock: Stock, technology: str, lang: str) -> list[str]:
    heading = t("stock_heading", lang, number=stock.number, technology=technology)
    lines = [f"== {heading} ==", t("stock_people", lang, people=stock.people)]
    if stock.held_back:
        lines.append(t("stock_held_back", lang))
    for part in stock.circles:
        lines += _circle_lines(part, lang)
    lines += [
        t("stock_ask_better", lang),
        t("stock_ask_worse", lang),
        t("stock_ask_agree_closed" if stock.closed else "stock_ask_agree", lang),
    ]
    return lines


def stock_text(message: StockTaking, lang: str) -> str:
    stock = stock_taking(message.workshop, message.number)
    return "\n".join(stock_lines(stock, message.workshop.technology, lang))
