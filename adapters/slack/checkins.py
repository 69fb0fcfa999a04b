"""The follow-up in Block Kit: the check-in post and its answer modal, the stock-taking, and
the question `end` asks. Pure functions, like render.py.

A rating button's value names the workshop, the check-in, the circle and the rating, never a
person; the modal it opens carries the same in its private_metadata, so the submission needs
nothing else to become an `AnswerCheckIn`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from adapters.chat.checkin_words import SHOWN_AGREEMENTS, button_word, tally_words, word
from adapters.slack.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    context,
    divider,
    header,
    mrkdwn,
    plain,
    section,
    text_sections,
)
from adapters.slack.escape import escape_user_text, truncate
from adapters.slack.labels import label
from core import plain as core_plain
from core.agenda import AgreementState, checkin_post
from core.circles import BY_CIRCLE, Circle, circle_name
from core.commands import AnswerCheckIn, KeepCheckIns, Origin
from core.dates import show_day
from core.language import MAX_TEXT
from core.messages import CheckInPost, KeepCheckInsQuestion, Refusal, StockTaking
from core.model import Colour, Rating
from core.stocktaking import CircleStock, stock_taking

# One action id per rating (Slack wants them unique within a block); the value says the rest.
ANSWER = {rating: f"rasmus_checkin_{rating.value}" for rating in Rating}
ANSWER_MODAL = "rasmus_checkin_modal"
KEEP_CHECKINS = "rasmus_keep_checkins"
DROP_CHECKINS = "rasmus_drop_checkins"

_RATING_STYLE = {Rating.BETTER: "primary", Rating.WORSE: "danger"}
_RATING_MARK = {Rating.BETTER: "🟢", Rating.SAME: "⚪", Rating.WORSE: "🔴"}
_COLOUR_MARK = {Colour.GREEN: "🟢", Colour.RED: "🔴"}
_SLACK_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]{2,})&gt;")
_STATE_MARK = {AgreementState.OVERDUE: "⚠️", AgreementState.DUE: "⏳"}
FIELD_TEXT = 2000  # Slack's limit for one field of a section
NOTE_CHARS = 200  # one long note never crowds out the rest of its circle


def safe(text: str) -> str:
    return escape_user_text(text)


def _with_mentions(text: str) -> str:
    """Escaped text whose `<@U…>` owners become real mentions again (the id is checked)."""
    return _SLACK_MENTION.sub(r"<@\1>", safe(text))


def checkin_message(message: CheckInPost, lang: str) -> SlackMessage:
    workshop, number = message.workshop, message.number
    content = checkin_post(workshop, number)
    technology = workshop.technology
    title = word("checkin_heading", lang, number=number, technology=technology)
    blocks: list[Block] = [
        header(title),
        section(safe(word("checkin_intro", lang, technology=technology))),
    ]
    for circle in content.circles:
        info = BY_CIRCLE[circle]
        blocks.append(section(f"*{safe(info.letter)} · {safe(info.name[lang])}*"))
        buttons = [
            button(
                button_word(rating, lang),
                ANSWER[rating],
                {"w": workshop.id, "n": number, "c": circle.value, "r": rating.value, "l": lang},
                style=_RATING_STYLE.get(rating),
            )
            for rating in Rating
        ]
        blocks.append(actions(*buttons, block_id=f"checkin_{number}_{circle.value}"))
    if content.closes_on:
        blocks.append(
            context(safe(word("checkin_closes", lang, day=show_day(content.closes_on, lang))))
        )
    if content.agreements:
        lines = [f"*{safe(word('checkin_agreements', lang))}*"]
        for agreement, state in content.agreements[:SHOWN_AGREEMENTS]:
            what = truncate(core_plain.one_line(agreement.what), NOTE_CHARS)
            line = f"{agreement.owner}: {what} · {show_day(agreement.due, lang)}"
            mark = _STATE_MARK.get(state)
            shown = f" · {mark} _{safe(word(f'agreement_{state.value}', lang))}_" if mark else ""
            lines.append(f"• `{agreement.short_id}` {_with_mentions(line)}{shown}")
        if len(content.agreements) > SHOWN_AGREEMENTS:
            more = len(content.agreements) - SHOWN_AGREEMENTS
            lines.append(safe(word("agreements_more", lang, count=more)))
        blocks += [divider(), *text_sections("\n".join(lines))]
    blocks.append(context(safe(word("checkin_how", lang))))
    return SlackMessage(safe(title), blocks)


def answer_modal(team: str, channel: str, value: dict[str, Any], lang: str) -> Block:
    """The form a rating button opens: its rating chosen, a comment, answer anonymously."""
    circle, rating = Circle(value["c"]), Rating(value["r"])
    options = [_option(button_word(r, lang), r.value) for r in Rating]
    anonymous = _option(word("answer_anonymously", lang), "anonymous")
    anonymous["description"] = plain(word("answer_anonymous_hint", lang), 75)
    blocks = [
        context(safe(label("circle_in", lang, circle=circle_name(circle, lang)))),
        {
            "type": "input",
            "block_id": "rating",
            "label": plain(word("answer_rating", lang)),
            "element": {
                "type": "radio_buttons",
                "action_id": "value",
                "options": options,
                "initial_option": options[list(Rating).index(rating)],
            },
        },
        {
            "type": "input",
            "block_id": "comment",
            "optional": True,
            "label": plain(word("answer_comment", lang)),
            "element": {
                "type": "plain_text_input",
                "action_id": "value",
                "multiline": True,
                "max_length": MAX_TEXT,
            },
        },
        {
            "type": "input",
            "block_id": "anonymous",
            "optional": True,
            "label": plain(word("answer_anonymously", lang)),
            "element": {"type": "checkboxes", "action_id": "value", "options": [anonymous]},
        },
    ]
    meta = {"tm": team, "ch": channel, "w": value["w"], "n": value["n"], "c": circle.value}
    return {
        "type": "modal",
        "callback_id": ANSWER_MODAL,
        "title": plain(word("answer_title", lang), 24),
        "submit": plain(label("submit", lang), 24),
        "close": plain(label("cancel", lang), 24),
        "private_metadata": json.dumps({**meta, "lg": lang}, separators=(",", ":")),
        "blocks": blocks,
    }


def _option(text: str, value: str) -> Block:
    return {"text": plain(text, 75), "value": value}


def read_answer(view: dict[str, Any]) -> AnswerCheckIn | Refusal:
    """The submitted answer, or a refusal naming what could not be read (never a guess)."""
    values = view["state"]["values"]
    meta = json.loads(view.get("private_metadata") or "{}")
    chosen = ((values.get("rating") or {}).get("value") or {}).get("selected_option") or {}
    circle = next((c for c in Circle if c.value == meta.get("c")), None)
    rating = next((r for r in Rating if r.value == chosen.get("value")), None)
    number = meta.get("n")
    if circle is None or not isinstance(number, int) or isinstance(number, bool):
        return Refusal("bad_form_field", {"field": "circle"}, None)
    if rating is None:
        return Refusal("bad_form_field", {"field": "rating"}, None)
    comment = ((values.get("comment") or {}).get("value") or {}).get("value") or ""
    picked = ((values.get("anonymous") or {}).get("value") or {}).get("selected_options") or []
    return AnswerCheckIn(
        circle,
        rating,
        comment.strip(),
        anonymous=any(o.get("value") == "anonymous" for o in picked),
        checkin=number,
        origin=Origin(str(meta.get("w") or "")),  # "" never matches: a stale form adds nothing
    )


def modal_errors(view: dict[str, Any], answer: AnswerCheckIn | Refusal) -> dict[str, str]:
    """What the modal shows beside its fields instead of closing (response_action=errors)."""
    if not isinstance(answer, Refusal):
        return {}
    lang = json.loads(view.get("private_metadata") or "{}").get("lg", "da")
    if answer.params.get("field") == "rating":
        return {"rating": word("choose_rating", lang)}
    return {"rating": truncate(core_plain.refusal_text(answer, lang), 150)}


def stock_message(message: StockTaking, lang: str) -> SlackMessage:
    workshop = message.workshop
    stock = stock_taking(workshop, message.number)
    title = word("stock_heading", lang, number=stock.number, technology=workshop.technology)
    blocks: list[Block] = [
        header(title),
        section(safe(word("stock_people", lang, people=stock.people))),
    ]
    if stock.held_back:
        blocks.append(context(safe(word("stock_held_back", lang))))
    for part in stock.circles:
        info = BY_CIRCLE[part.circle]
        name = f"*{safe(info.letter)} · {safe(info.name[lang])}*"
        if not part.expected and not part.tally.total and not any(c.total for _, c in part.earlier):
            blocks.append(section(f"{name}  {safe(word('stock_nothing', lang))}"))
            continue
        blocks.append(section(name))
        blocks.append(
            {
                "type": "section",
                "fields": [
                    mrkdwn(truncate("\n".join(_expected_lines(part, lang)), FIELD_TEXT)),
                    mrkdwn(truncate("\n".join(_experienced_lines(part, lang)), FIELD_TEXT)),
                ],
            }
        )
    agree = "stock_ask_agree_closed" if stock.closed else "stock_ask_agree"
    questions = [safe(word(key, lang)) for key in ("stock_ask_better", "stock_ask_worse", agree)]
    blocks += [divider(), section("\n".join(f"• {q}" for q in questions))]
    return SlackMessage(safe(title), blocks)


def _marked(actionable: bool, lang: str) -> str:
    return f" · _{safe(word('marked_actionable', lang))}_" if actionable else ""


def _expected_lines(part: CircleStock, lang: str) -> list[str]:
    lines = [f"*{safe(word('stock_expected', lang))}*"]
    for note in part.expected:
        text = safe(truncate(core_plain.one_line(note.text), NOTE_CHARS))
        who = f" _{safe(note.author)}_" if note.author else ""
        mark = _COLOUR_MARK[note.colour]
        lines.append(f"{mark} `{note.short_id}` {text}{who}{_marked(note.actionable, lang)}")
    return lines if part.expected else [*lines, safe(word("stock_nothing", lang))]


def _experienced_lines(part: CircleStock, lang: str) -> list[str]:
    lines = [f"*{safe(word('stock_experienced', lang))}*", safe(tally_words(part.tally, lang))]
    lines += [
        safe(word("stock_earlier", lang, number=number, counts=tally_words(tally, lang)))
        for number, tally in part.earlier
    ]
    for shown in part.answers:
        comment = safe(truncate(core_plain.one_line(shown.comment), NOTE_CHARS))
        mark = _RATING_MARK[shown.rating]
        lines.append(f"{mark} `{shown.short_id}` {comment}{_marked(shown.actionable, lang)}")
    return lines


def keep_question(message: KeepCheckInsQuestion, lang: str) -> SlackMessage:
    text = safe(word("keep_checkins_question", lang, count=message.planned))
    value = {"w": message.workshop_id}
    blocks = [
        section(text),
        actions(
            button(word("keep_checkins_yes", lang), KEEP_CHECKINS, value, style="primary"),
            button(word("keep_checkins_no", lang), DROP_CHECKINS, value),
        ),
    ]
    return SlackMessage(text, blocks)


def keep_command(action_id: str, value: dict[str, Any]) -> KeepCheckIns:
    return KeepCheckIns(action_id == KEEP_CHECKINS, Origin(str(value.get("w") or "")))
