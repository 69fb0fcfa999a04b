"""The follow-up on Adaptive Cards: the check-in (every circle answered on one card), the
stock-taking, and the question `end` asks. Pure functions, as cards.py; the numbers are the
core's (core.agenda, core.stocktaking), so every platform shows the same.

The check-in card's one submit carries the workshop and the check-in; its inputs are a rating
and a comment per circle and one "answer anonymously" toggle (submits.py makes one answer per
circle rated). Nothing on a card says who answered.
"""

from __future__ import annotations

from adapters.chat.checkin_words import SHOWN_AGREEMENTS, button_word, tally_words, word
from adapters.teams.cards import Card, card, heading, submit, text
from core.agenda import AgreementState, checkin_post
from core.circles import BY_CIRCLE
from core.dates import show_day
from core.language import MAX_TEXT
from core.messages import CheckInPost, KeepCheckInsQuestion, StockTaking
from core.model import Colour, Rating
from core.stocktaking import CircleStock, stock_taking

NOTE_CHARS = 200  # one long note or comment never crowds out the rest of its circle
_RATING_MARK = {Rating.BETTER: "🟢", Rating.SAME: "⚪", Rating.WORSE: "🔴"}
_COLOUR_MARK = {Colour.GREEN: "🟢", Colour.RED: "🔴"}
_STATE_MARK = {AgreementState.OVERDUE: "⚠️", AgreementState.DUE: "⏳"}


def _short(value: str) -> str:
    value = " / ".join(line.strip() for line in value.splitlines() if line.strip())
    return value if len(value) <= NOTE_CHARS else value[: NOTE_CHARS - 1] + "…"


def _circle_inputs(circle, lang: str) -> dict:
    info = BY_CIRCLE[circle]
    return {
        "type": "Container",
        "separator": True,
        "items": [
            text(f"{info.letter} · {info.name[lang]}", weight="Bolder"),
            {
                "type": "Input.ChoiceSet",
                "id": f"rating_{circle.value}",
                "style": "compact",
                "placeholder": word("answer_rating", lang),
                "choices": [{"title": button_word(r, lang), "value": r.value} for r in Rating],
            },
            {
                "type": "Input.Text",
                "id": f"comment_{circle.value}",
                "placeholder": word("answer_comment", lang),
                "maxLength": MAX_TEXT,
            },
        ],
    }


def checkin_card(message: CheckInPost, lang: str) -> Card:
    workshop, number = message.workshop, message.number
    content = checkin_post(workshop, number)
    technology = workshop.technology
    body: list[dict] = [
        heading(word("checkin_heading", lang, number=number, technology=technology)),
        text(word("checkin_intro", lang, technology=technology)),
        *(_circle_inputs(circle, lang) for circle in content.circles),
        {
            "type": "Input.Toggle",
            "id": "anonymous",
            "title": word("answer_anonymously", lang),
            "value": "false",
            "valueOn": "true",
            "valueOff": "false",
            "separator": True,
        },
        text(word("answer_anonymous_hint", lang), isSubtle=True, size="Small"),
    ]
    if content.closes_on:
        body.append(text(word("checkin_closes", lang, day=show_day(content.closes_on, lang))))
    if content.agreements:
        body.append(text(word("checkin_agreements", lang), weight="Bolder", separator=True))
        for agreement, state in content.agreements[:SHOWN_AGREEMENTS]:
            line = f"{agreement.short_id} {agreement.owner}: {_short(agreement.what)}"
            line += f" · {show_day(agreement.due, lang)}"
            style = {}
            if state in _STATE_MARK:
                line += f" · {_STATE_MARK[state]} {word(f'agreement_{state.value}', lang)}"
                style = {"color": "Attention"} if state is AgreementState.OVERDUE else {}
            body.append(text(line, spacing="None", **style))
        if len(content.agreements) > SHOWN_AGREEMENTS:
            more = len(content.agreements) - SHOWN_AGREEMENTS
            body.append(text(word("agreements_more", lang, count=more), isSubtle=True))
    body.append(text(word("checkin_how", lang), isSubtle=True, size="Small"))
    data = {"rasmus": "checkin", "workshop": workshop.id, "checkin": number, "lang": lang}
    return card(body, [submit(word("answer_send", lang), data, "positive")])


def _marked(actionable: bool, lang: str) -> str:
    return f" · {word('marked_actionable', lang)}" if actionable else ""


def _columns(part: CircleStock, lang: str) -> dict:
    expected = [text(word("stock_expected", lang), weight="Bolder")]
    for note in part.expected:
        who = f" ({note.author})" if note.author else ""
        shown = f"{_COLOUR_MARK[note.colour]} {note.short_id} {_short(note.text)}{who}"
        expected.append(text(shown + _marked(note.actionable, lang), spacing="None"))
    if not part.expected:
        expected.append(text(word("stock_nothing", lang), isSubtle=True, spacing="None"))
    experienced = [
        text(word("stock_experienced", lang), weight="Bolder"),
        text(tally_words(part.tally, lang), spacing="None"),
    ]
    for number, tally in part.earlier:
        earlier = word("stock_earlier", lang, number=number, counts=tally_words(tally, lang))
        experienced.append(text(earlier, isSubtle=True, spacing="None"))
    for answer in part.answers:
        shown = f"{_RATING_MARK[answer.rating]} {answer.short_id} {_short(answer.comment)}"
        experienced.append(text(shown + _marked(answer.actionable, lang), spacing="None"))
    return {
        "type": "ColumnSet",
        "columns": [
            {"type": "Column", "width": "stretch", "items": expected},
            {"type": "Column", "width": "stretch", "items": experienced},
        ],
    }


def stock_card(message: StockTaking, lang: str) -> Card:
    workshop = message.workshop
    stock = stock_taking(workshop, message.number)
    body: list[dict] = [
        heading(word("stock_heading", lang, number=stock.number, technology=workshop.technology)),
        text(word("stock_people", lang, people=stock.people)),
    ]
    if stock.held_back:
        body.append(text(word("stock_held_back", lang), isSubtle=True))
    for part in stock.circles:
        info = BY_CIRCLE[part.circle]
        name = text(f"{info.letter} · {info.name[lang]}", weight="Bolder", size="Medium")
        if not part.expected and not part.tally.total and not any(c.total for _, c in part.earlier):
            nothing = text(word("stock_nothing", lang), isSubtle=True, spacing="None")
            body.append({"type": "Container", "separator": True, "items": [name, nothing]})
            continue
        body.append({"type": "Container", "separator": True, "items": [name, _columns(part, lang)]})
    agree = "stock_ask_agree_closed" if stock.closed else "stock_ask_agree"
    for index, key in enumerate(("stock_ask_better", "stock_ask_worse", agree)):
        body.append(text(word(key, lang), separator=index == 0, spacing="Small"))
    return card(body)


def keep_card(message: KeepCheckInsQuestion, lang: str) -> Card:
    data = {"rasmus": "keep", "workshop": message.workshop_id}
    return card(
        [text(word("keep_checkins_question", lang, count=message.planned))],
        [
            submit(word("keep_checkins_yes", lang), {**data, "keep": "true"}, "positive"),
            submit(word("keep_checkins_no", lang), {**data, "keep": "false"}),
        ],
    )
