"""Adaptive Cards for each step, as pure functions from core values to card JSON.

Every submit button carries `{"rasmus": <action>, ...}` so `submits.py` can turn the card's
values back into a core command. Cards use schema 1.5, which Teams renders on desktop and mobile.
"""

from __future__ import annotations

from typing import Any

from adapters.teams.escape import defuse_markdown
from adapters.teams.labels import label
from adapters.teams.wall_cards import split_card_body, wall_body
from core import plain
from core.circles import BY_CIRCLE, CIRCLES, Circle
from core.language import MAX_NAME, MAX_TEXT
from core.messages import ItemConfirmed, WallNote
from core.method import prompt_key
from core.model import Agreement, Colour, Step, Timing, Workshop
from core.report import colour_label
from core.texts import t

Card = dict[str, Any]
CARD_VERSION = "1.5"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
OPEN_TIMING = "open"  # the card's choice for a prerequisite without a timing


def card(body: list[dict], actions: list[dict] | None = None) -> Card:
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        result["actions"] = actions
    return result


def text(value: str, *, markdown: bool = False, **style) -> dict:
    """A TextBlock. Its text may hold people's words, so markup is defused unless the caller
    vouches that `value` is only our own wording (`markdown=True`)."""
    shown = value if markdown else defuse_markdown(value)
    return {"type": "TextBlock", "text": shown, "wrap": True, **style}


def heading(value: str) -> dict:
    return text(value, size="Large", weight="Bolder")


def submit(title: str, data: dict, style: str | None = None) -> dict:
    action = {"type": "Action.Submit", "title": title, "data": data}
    if style:
        action["style"] = style
    return action


def anonymous_toggle(lang: str) -> dict:
    return {
        "type": "Input.Toggle",
        "id": "anonymous",
        "title": label("anonymous_toggle", lang),
        "value": "false",
        "valueOn": "true",
        "valueOff": "false",
    }


def intro_card(workshop: Workshop, lang: str) -> Card:
    body = [
        heading(plain.step_heading(workshop, Step.INTRO, lang)),
        text(plain.step_guidance(workshop, Step.INTRO, lang)),
    ]
    for info in CIRCLES:
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    text(f"{info.letter} · {info.name[lang]}", weight="Bolder"),
                    text(info.covers[lang], isSubtle=True),
                ],
            }
        )
    body.append(text(t("facilitator_guide", lang), isSubtle=True, separator=True))
    return card(body, [submit(label("inspiration", lang), {"rasmus": "inspiration"})])


def step_card(
    workshop: Workshop, step: Step, lang: str, members: list[tuple[str, str]] = ()
) -> Card:
    """The card that opens a step; prerequisites and agreements carry their own inputs."""
    if step is Step.INTRO:
        return intro_card(workshop, lang)
    body = [
        heading(plain.step_heading(workshop, step, lang)),
        text(plain.step_guidance(workshop, step, lang)),
    ]
    actions: list[dict] = []
    if step is Step.PREREQUISITES:
        body += prerequisite_inputs(lang)
        actions.append(
            submit(
                label("prereq_send", lang),
                {"rasmus": "prereq", "workshop": workshop.id},
                "positive",
            )
        )
    elif step is Step.AGREEMENTS:
        body += agreement_inputs(lang, members)
        actions.append(
            submit(
                label("agree_send", lang), {"rasmus": "agree", "workshop": workshop.id}, "positive"
            )
        )
    actions.append(submit(label("board", lang), {"rasmus": "board"}))
    return card(body, actions)


def prerequisite_inputs(lang: str) -> list[dict]:
    choices = [
        {"title": t(f"timing_{timing.value}", lang), "value": timing.value} for timing in Timing
    ]
    choices.append({"title": t("timing_none", lang), "value": OPEN_TIMING})
    return [
        text(t("how_prerequisites", lang), isSubtle=True),
        {
            "type": "Input.ChoiceSet",
            "id": "timing",
            "label": label("timing", lang),
            "style": "expanded",
            "value": Timing.BEFORE.value,
            "choices": choices,
            "isRequired": True,
        },
        {
            "type": "Input.Text",
            "id": "text",
            "isMultiline": True,
            "maxLength": MAX_TEXT,
            "placeholder": label("prereq_text", lang),
            "isRequired": True,
        },
        anonymous_toggle(lang),
    ]


def agreement_inputs(lang: str, members: list[tuple[str, str]]) -> list[dict]:
    """Owner from the team's members (values are `<@id>` as the core stores people) or typed."""
    inputs: list[dict] = [text(t("how_agreements", lang), isSubtle=True)]
    if members:
        inputs.append(
            {
                "type": "Input.ChoiceSet",
                "id": "owner",
                "label": label("owner_choice", lang),
                "style": "compact",
                "isMultiSelect": False,
                "choices": [{"title": name, "value": f"<@{uid}>"} for uid, name in members],
            }
        )
    inputs += [
        {
            "type": "Input.Text",
            "id": "owner_text",
            "label": label("owner_text", lang),
            "maxLength": MAX_NAME,
        },
        {"type": "Input.Date", "id": "due", "label": label("due_date", lang), "isRequired": True},
        {
            "type": "Input.Text",
            "id": "what",
            "isMultiline": True,
            "maxLength": MAX_TEXT,
            "placeholder": label("what_placeholder", lang),
            "isRequired": True,
        },
    ]
    return inputs


def circle_card(
    workshop_id: str,
    circle: Circle,
    step: Step,
    counts: dict[Colour, int],
    lang: str,
    notes: tuple[WallNote, ...] = (),
) -> Card:
    """One circle in a note-taking step with its notes on the wall; re-rendered in place when
    they change."""
    info = BY_CIRCLE[circle]
    how = prompt_key(step)
    wall, see_all = wall_body(notes, circle, step, lang)
    body: list[dict] = [
        text(info.name[lang], size="Medium", weight="Bolder"),
        text(info.covers[lang], isSubtle=True),
        *wall,
        text(plain.counts_text(counts, step, lang), weight="Bolder", color="Accent"),
        text(t(how, lang, circle=info.name[lang].split()[0].lower())),
        {
            "type": "Input.Text",
            "id": "text",
            "isMultiline": True,
            "maxLength": MAX_TEXT,
            "placeholder": label("note_placeholder", lang),
            "isRequired": True,
        },
    ]
    if step is not Step.TODAY:
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": "colour",
                "style": "expanded",
                "label": label("colour", lang),
                "isRequired": True,
                "value": Colour.GREEN.value,
                "choices": [
                    {"title": colour_label(c, step, lang), "value": c.value}
                    for c in (Colour.GREEN, Colour.RED)
                ],
            }
        )
    body += [anonymous_toggle(lang), text(label("thread_hint", lang), isSubtle=True, size="Small")]
    data = {"rasmus": "note", "workshop": workshop_id, "circle": circle.value, "step": step.value}
    return card(
        body,
        [
            submit(label("send", lang), data, "positive"),
            submit(label("inspiration", lang), {"rasmus": "inspiration", "circle": circle.value}),
            *see_all,
        ],
    )


def confirmation_card(message: ItemConfirmed, lang: str) -> Card:
    """Shown to the author only. Anonymous notes show the one-time code, never a name."""
    item = message.item
    body = [
        text(label("only_you", lang), isSubtle=True, size="Small"),
        text(plain.render(message, lang)),
    ]
    if message.change not in ("added", "edited") or isinstance(item, Agreement):
        return card(body)
    code = {"code": message.code} if message.code else {}
    body.append(
        {
            "type": "Input.Text",
            "id": "new_text",
            "label": label("new_text", lang),
            "value": item.text,
            "isMultiline": True,
            "maxLength": MAX_TEXT,
        }
    )
    return card(
        body,
        [
            submit(label("correct", lang), {"rasmus": "edit", "short_id": item.short_id, **code}),
            submit(
                label("withdraw", lang),
                {"rasmus": "withdraw", "short_id": item.short_id, **code},
                "destructive",
            ),
        ],
    )


def colour_needed_card(circle: Circle, note_text: str, anonymous: bool, lang: str) -> Card:
    body = [
        text(t("colour_needed", lang)),
        text(f"»{note_text}«" if lang == "da" else f"“{note_text}”", isSubtle=True),
    ]
    data = {
        "rasmus": "note",
        "circle": circle.value,
        "text": note_text,
        "anonymous": "true" if anonymous else "false",
    }
    return card(
        body,
        [
            submit(label("pick_green", lang), {**data, "colour": "green"}, "positive"),
            submit(label("pick_red", lang), {**data, "colour": "red"}, "destructive"),
        ],
    )


def delete_confirm_card(
    technology: str, lang: str, workshop_id: str = "", number: int | None = None
) -> Card:
    # The card carries the workshop it asks about: pressed after that one is gone, it deletes
    # nothing (not the next workshop of the channel).
    data = {"rasmus": "delete", **({"workshop": workshop_id} if workshop_id else {})}
    key = "confirm_delete" if number is None else "confirm_delete_numbered"
    return card(
        [text(t(key, lang, technology=technology, number=number))],
        [submit(label("confirm_delete", lang), data, "destructive")],
    )


def inspiration_card(circles: tuple[Circle, ...], lang: str) -> Card:
    body = [heading(t("inspiration_heading", lang))]
    for circle in circles:
        info = BY_CIRCLE[circle]
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    text(info.name[lang], weight="Bolder"),
                    text(f"**{t('gain', lang)}:** {info.gain[lang]}", markdown=True, color="Good"),
                    text(
                        f"**{t('risk', lang)}:** {info.risk[lang]}",
                        markdown=True,
                        color="Attention",
                    ),
                ],
            }
        )
    return card(body)


def text_cards(value: str, *, private: bool = False, lang: str = "da") -> list[Card]:
    """`text_card`, split over several cards when one would grow past Teams' size limit."""
    whole = text_card(value, private=private, lang=lang)
    return [card(body) for body in split_card_body(whole["body"])]


def text_card(value: str, *, private: bool = False, lang: str = "da") -> Card:
    """The core's plain text (board, status, help) as a card: `== x ==` lines become a heading,
    `-- x` lines bold sub-headings, and indented lines keep their depth."""
    body = [text(label("only_you", lang), isSubtle=True, size="Small")] if private else []
    for line in value.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("== ") and stripped.endswith(" =="):
            body.append(heading(stripped[3:-3]))
        elif stripped.startswith("-- "):
            body.append(text(stripped[3:], weight="Bolder", spacing="Medium"))
        else:
            depth = (len(line) - len(line.lstrip(" "))) // 2
            body.append(text("\u2003" * depth + stripped, spacing="None"))
    return card(body)
