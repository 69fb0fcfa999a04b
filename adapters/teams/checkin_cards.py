"""The follow-up on Adaptive Cards: the check-in (every circle answered on one card), the
stock-taking, and the question `end` asks. Pure functions, as cards.py.

The check-in card's one submit carries the workshop and the check-in; its inputs are a rating
and a comment per circle and one "answer anonymously" toggle (submits.py makes one answer per
circle rated). Nothing on a card says who answered.
"""

from __future__ import annotations

from adapters.chat.checkin_words import rating_word, word
from adapters.chat.followup_views import (
    SHOWN_AGREEMENTS,
    checkin_day,
    held_back,
    open_agreements,
    stock_taking,
)
from adapters.teams.cards import Card, card, heading, submit, text
from core.circles import BY_CIRCLE, CIRCLES
from core.dates import show_day
from core.language import MAX_TEXT
from core.messages import CheckInPost, KeepCheckInsQuestion, StockTaking
from core.model import Colour, Rating

NOTE_CHARS = 200  # one long note or comment never crowds out the rest of its circle
_RATING_MARK = {Rating.BETTER: "🟢", Rating.SAME: "⚪", Rating.WORSE: "🔴"}
_COLOUR_MARK = {Colour.GREEN: "🟢", Colour.RED: "🔴"}


def _short(value: str) -> str:
    value = " / ".join(line.strip() for line in value.splitlines() if line.strip())
    return value if len(value) <= NOTE_CHARS else value[: NOTE_CHARS - 1] + "…"


def checkin_card(message: CheckInPost, lang: str) -> Card:
    workshop, number = message.workshop, message.number
    technology = workshop.technology
    body: list[dict] = [
        heading(word("checkin_heading", lang, number=number, technology=technology)),
        text(word("checkin_question", lang, technology=technology)),
    ]
    choices = [{"title": rating_word(r, lang), "value": r.value} for r in Rating]
    for info in CIRCLES:
        circle = info.circle.value
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    text(f"{info.letter} · {info.name[lang]}", weight="Bolder"),
                    {
                        "type": "Input.ChoiceSet",
                        "id": f"rating_{circle}",
                        "style": "compact",
                        "placeholder": word("answer_rating", lang),
                        "choices": choices,
                    },
                    {
                        "type": "Input.Text",
                        "id": f"comment_{circle}",
                        "placeholder": word("answer_comment", lang),
                        "maxLength": MAX_TEXT,
                    },
                ],
            }
        )
    body.append(
        {
            "type": "Input.Toggle",
            "id": "anonymous",
            "title": word("answer_anonymously", lang),
            "value": "false",
            "valueOn": "true",
            "valueOff": "false",
            "separator": True,
        }
    )
    body.append(text(word("answer_anonymous_hint", lang), isSubtle=True, size="Small"))
    agreements = open_agreements(workshop, checkin_day(workshop, number))
    if agreements:
        body.append(text(word("checkin_agreements", lang), weight="Bolder", separator=True))
        for found in agreements[:SHOWN_AGREEMENTS]:
            a = found.agreement
            line = word(
                "agreement_line",
                lang,
                id=a.short_id,
                owner=a.owner,
                what=_short(a.what),
                day=show_day(a.due, lang),
            )
            if found.overdue:
                line += f" ⚠️ {word('agreement_overdue', lang)}"
            style = {"color": "Attention"} if found.overdue else {}
            body.append(text(line, spacing="None", **style))
        if len(agreements) > SHOWN_AGREEMENTS:
            more = word("agreements_more", lang, count=len(agreements) - SHOWN_AGREEMENTS)
            body.append(text(more, isSubtle=True, spacing="None"))
    body.append(text(word("checkin_by_text", lang), markdown=True, isSubtle=True, size="Small"))
    data = {"rasmus": "checkin", "workshop": workshop.id, "checkin": number, "lang": lang}
    return card(body, [submit(word("answer_send", lang), data, "positive")])


def stock_card(message: StockTaking, lang: str) -> Card:
    workshop, number = message.workshop, message.number
    body: list[dict] = [
        heading(word("stock_heading", lang, number=number, technology=workshop.technology))
    ]
    for found in stock_taking(workshop, number):
        expected = [text(word("stock_expected", lang), weight="Bolder")]
        expected += [
            text(f"{_COLOUR_MARK[n.colour]} {n.short_id} {_short(n.text)}", spacing="None")
            for n in found.expected
        ] or [text(word("stock_nothing_expected", lang), isSubtle=True, spacing="None")]
        counts = word("stock_counts", lang, **{r.value: found.counts[r] for r in Rating})
        experienced = [
            text(word("stock_experienced", lang), weight="Bolder"),
            text(counts, spacing="None"),
        ]
        experienced += [
            text(
                word(
                    "stock_earlier",
                    lang,
                    number=n,
                    counts=word("stock_counts", lang, **{r.value: c[r] for r in Rating}),
                ),
                isSubtle=True,
                spacing="None",
            )
            for n, c in found.earlier
        ]
        experienced += [
            text(f"{_RATING_MARK[a.rating]} {a.short_id} {_short(a.comment)}", spacing="None")
            for a in found.comments
        ]
        info = BY_CIRCLE[found.circle]
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    text(f"{info.letter} · {info.name[lang]}", weight="Bolder", size="Medium"),
                    {
                        "type": "ColumnSet",
                        "columns": [
                            {"type": "Column", "width": "stretch", "items": expected},
                            {"type": "Column", "width": "stretch", "items": experienced},
                        ],
                    },
                ],
            }
        )
    if held_back(workshop, number):
        body.append(text(word("stock_held_back", lang), isSubtle=True))
    body.append(text(word("stock_questions", lang), weight="Bolder", separator=True))
    for key in ("stock_question_better", "stock_question_worse", "stock_question_agree"):
        body.append(text(f"- {word(key, lang)}", markdown=True, spacing="Small"))
    return card(body)


def keep_card(message: KeepCheckInsQuestion, lang: str) -> Card:
    data = {"rasmus": "keep", "workshop": message.workshop_id}
    return card(
        [text(word("keep_question", lang, planned=message.planned))],
        [
            submit(word("keep_yes", lang), {**data, "keep": "true"}, "positive"),
            submit(word("keep_no", lang), {**data, "keep": "false"}),
        ],
    )
