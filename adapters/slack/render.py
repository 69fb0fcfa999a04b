"""Core messages as Block Kit. Pure functions: same message in, same blocks out.

Anything without a richer Slack form is the core's plain text (core.plain), escaped as a whole
(it contains people's notes) and split to Slack's limits. Button values carry only ids.
"""

from __future__ import annotations

import re

from adapters.chat.fitting import newest_that_fit
from adapters.slack import checkins
from adapters.slack.blocks import (
    MAX_MESSAGE_TEXT,
    MAX_SECTION_TEXT,
    Block,
    SlackMessage,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    header,
    paginate,
    section,
    text_sections,
)
from adapters.slack.escape import escape_user_text, truncate
from adapters.slack.labels import label
from core import plain, wall
from core.circles import BY_CIRCLE, CIRCLES, Circle
from core.language import mention_id
from core.messages import (
    BoardView,
    CheckInPost,
    CirclePrompt,
    ColourNeeded,
    CountsChanged,
    DeleteConfirmNeeded,
    ItemConfirmed,
    KeepCheckInsQuestion,
    Message,
    StepOpened,
    StockTaking,
    WallNote,
)
from core.method import prompt_key
from core.model import Colour, Step
from core.report import colour_label, owner_label
from core.texts import t

# action_ids: listeners are registered per id in adapters.slack.actions
ADD_NOTE = "rasmus_add_note"
INSPIRATION = "rasmus_inspiration"
ADD_PREREQUISITE = "rasmus_add_prerequisite"
ADD_AGREEMENT = "rasmus_add_agreement"
CORRECT_ITEM = "rasmus_correct_item"
WITHDRAW_ITEM = "rasmus_withdraw_item"
CHOOSE_GREEN = "rasmus_choose_green"
CHOOSE_RED = "rasmus_choose_red"
CONFIRM_DELETE = "rasmus_confirm_delete"
SHOW_CIRCLE_NOTES = "rasmus_circle_notes"


def safe(text: str) -> str:
    return escape_user_text(text)


# People go through escaping wrapped in private-use markers (the core strips those from what
# people type), then come out as real mentions, which Slack shows as names.
_MARKED_PERSON = re.compile("\ue000([UW][A-Z0-9]{2,})\ue001")


def _person(ref: str) -> str:
    user_id = mention_id(ref)
    if ref.startswith("<@") and _SLACK_USER_ID.fullmatch(user_id):
        return f"\ue000{user_id}\ue001"
    return owner_label(ref)


_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def rendered(message: Message, lang: str) -> str:
    """The core's plain text for `message`, escaped, with people as Slack mentions."""
    return _MARKED_PERSON.sub(r"<@\1>", safe(plain.render(message, lang, _person)))


def circle_message(
    workshop_id: str,
    circle: Circle,
    step: Step,
    counts: dict[Colour, int],
    lang: str,
    notes: tuple[WallNote, ...] = (),
) -> SlackMessage:
    """One circle's message in the today/expectations/follow-up steps: its notes on the wall,
    grouped by colour; updated in place as notes come and go."""
    info = BY_CIRCLE[circle]
    name = info.name[lang]
    counts_line = plain.counts_text(counts, step, lang)
    how = prompt_key(step)
    # The language rides on the button, so the modal opens without reading the workshop.
    value = {"w": workshop_id, "c": circle.value, "s": step.value, "l": lang}
    shown, hidden = newest_that_fit(notes, lambda chosen: _wall_fits(chosen, step, lang))
    buttons = [
        button(label("add_note", lang), ADD_NOTE, value, style="primary"),
        button(label("inspiration", lang), INSPIRATION, circle.value),
    ]
    if hidden:
        buttons.append(button(t("wall_show_all", lang), SHOW_CIRCLE_NOTES, circle.value))
    blocks: list[Block] = [
        section(f"*{safe(info.letter)} · {safe(name)}*\n{safe(info.covers[lang])}"),
        *(section(text) for text in _wall_sections(shown, step, lang)),
    ]
    if hidden:
        more = t("wall_more", lang, count=hidden, circle=name.split()[0].lower())
        blocks.append(context(safe(more)))
    blocks += [
        context(
            f"{counts_line}  ·  {safe(t(how, lang, circle=name.split()[0].lower()))} "
            f"{label('reply_in_thread', lang)}"
        ),
        actions(*buttons, block_id=f"circle_{circle.value}"),
    ]
    return SlackMessage(safe(f"{name}: {counts_line}"), blocks)


# Marks per colour, so the wall reads like the paper one at a glance.
_COLOUR_MARK = {Colour.ORANGE: "🟠", Colour.GREEN: "🟢", Colour.RED: "🔴"}
WALL_NOTE_CHARS = 500  # one long note never pushes the others off; "show all" has it in full


def _wall_sections(notes: tuple[WallNote, ...], step: Step, lang: str) -> list[str]:
    """One section per colour: its heading, then a line per note (escaped; author in italics)."""
    sections = []
    for colour, group in wall.by_colour(notes):
        lines = [f"{_COLOUR_MARK[colour]} *{safe(colour_label(colour, step, lang))}*"]
        for note in group:
            text = safe(truncate(plain.one_line(note.text), WALL_NOTE_CHARS))
            who = f"  _{safe(note.author)}_" if note.author else ""
            lines.append(f"• `{note.short_id}` {text}{who}")
        sections.append("\n".join(lines))
    return sections


def _wall_fits(notes: tuple[WallNote, ...], step: Step, lang: str) -> bool:
    # Slack's limit is per section; the handful of blocks stays far below 50.
    return all(len(text) <= MAX_SECTION_TEXT for text in _wall_sections(notes, step, lang))


def step_message(message: StepOpened, lang: str) -> SlackMessage:
    workshop, step = message.workshop, message.step
    blocks: list[Block] = [
        header(plain.step_heading(workshop, step, lang)),
        *text_sections(safe(plain.step_guidance(workshop, step, lang))),
    ]
    if step is Step.INTRO:
        blocks.append(divider())
        for info in CIRCLES:
            blocks.append(
                section(
                    f"*{safe(info.letter)} · {safe(info.name[lang])}*\n{safe(info.covers[lang])}"
                )
            )
        blocks.append(context(safe(t("facilitator_guide", lang))))
    elif step is Step.PREREQUISITES:
        blocks.append(context(safe(t("how_prerequisites", lang))))
        value = {"w": workshop.id, "l": lang}
        blocks.append(
            actions(
                button(label("add_prerequisite", lang), ADD_PREREQUISITE, value, style="primary")
            )
        )
    elif step in (Step.AGREEMENTS, Step.FOLLOW_UP):
        if step is Step.AGREEMENTS:
            blocks.append(context(safe(t("how_agreements", lang))))
        value = {"w": workshop.id, "l": lang}
        blocks.append(
            actions(button(label("add_agreement", lang), ADD_AGREEMENT, value, style="primary"))
        )
    return SlackMessage(safe(plain.step_heading(workshop, step, lang)), blocks)


def confirmation(message: ItemConfirmed, lang: str) -> SlackMessage:
    """Private to the author; an anonymous item's code rides on its own buttons only."""
    text = rendered(message, lang)
    blocks = text_sections(text)
    item = message.item
    if message.change in ("added", "edited"):
        value = {"id": item.short_id}
        if message.code:  # only the author sees this message; the code proves it is theirs
            value["code"] = message.code
        blocks.append(
            actions(
                button(label("correct", lang), CORRECT_ITEM, value),
                button(label("withdraw", lang), WITHDRAW_ITEM, value, style="danger"),
            )
        )
    return SlackMessage(text, blocks)


def colour_question(message: ColourNeeded, token: str, step: Step, lang: str) -> SlackMessage:
    """An unmarked thread reply in expectations: which colour? Nothing is stored until answered."""
    after = step is Step.FOLLOW_UP
    question = t("colour_needed", lang)
    quoted = "\n".join(">" + line for line in safe(message.text).split("\n"))
    blocks = [
        section(f"{safe(question)}\n{quoted}"),
        actions(
            button(
                label("better" if after else "green", lang), CHOOSE_GREEN, token, style="primary"
            ),
            button(label("worse" if after else "red", lang), CHOOSE_RED, token, style="danger"),
        ),
    ]
    return SlackMessage(question, blocks)


def delete_question(message: DeleteConfirmNeeded, lang: str) -> SlackMessage:
    text = rendered(message, lang)
    confirm = confirm_dialog(
        label("delete", lang),
        plain.render(message, lang),
        label("delete", lang),
        label("cancel", lang),
    )
    blocks = [
        *text_sections(text),
        actions(
            button(
                label("delete", lang),
                CONFIRM_DELETE,
                {"w": message.workshop_id},  # pressed later, it deletes only this one
                style="danger",
                confirm=confirm,
            )
        ),
    ]
    return SlackMessage(text, blocks)


def to_slack(message: Message, lang: str) -> list[SlackMessage]:
    """Messages ready to post. Long ones (the board, help) become several within Slack's limits."""
    match message:
        case StepOpened():
            return [step_message(message, lang)]
        case CirclePrompt() | CountsChanged():
            return [
                circle_message(
                    message.workshop_id,
                    message.circle,
                    message.step,
                    message.counts,
                    lang,
                    message.notes or (),
                )
            ]
        case ItemConfirmed() if message.change != "announced":
            return [confirmation(message, lang)]
        case DeleteConfirmNeeded():
            return [delete_question(message, lang)]
        case CheckInPost():
            return [checkins.checkin_message(message, lang)]
        case StockTaking():
            return [checkins.stock_message(message, lang)]
        case KeepCheckInsQuestion():
            return [checkins.keep_question(message, lang)]
    text = rendered(message, lang)
    if isinstance(message, BoardView):  # a whole wall of notes: split well before Slack must
        return paginate(text_sections(text), text, max_chars=MAX_MESSAGE_TEXT)
    return paginate(text_sections(text), text)
