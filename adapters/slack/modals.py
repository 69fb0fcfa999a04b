"""The modals (note, prerequisite, agreement, correction) and reading their submissions back.

Builders and parsers are pure: a modal's `private_metadata` carries where it came from (team,
channel, circle, step), so a submission needs nothing but its own payload to become a command.
Slack caps private_metadata at 3,000 characters; ours is a few dozen.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from adapters.slack.blocks import Block, context, plain
from adapters.slack.labels import label
from core.circles import CIRCLES, Circle, circle_name
from core.commands import AddAgreement, AddNote, AddPrerequisite, EditItem, Origin
from core.language import MAX_TEXT
from core.model import Colour, Step, Timing
from core.texts import t

OPEN_TIMING = "open"  # the form's choice for a prerequisite without a timing
NOTE_MODAL = "rasmus_note_modal"
PREREQ_MODAL = "rasmus_prereq_modal"
AGREEMENT_MODAL = "rasmus_agreement_modal"
EDIT_MODAL = "rasmus_edit_modal"


def _modal(callback_id: str, title: str, lang: str, blocks: list[Block], meta: dict) -> Block:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, 24),
        "submit": plain(label("submit", lang), 24),
        "close": plain(label("cancel", lang), 24),
        # The language rides along so errors can be shown before any database read.
        "private_metadata": json.dumps({**meta, "lg": lang}, separators=(",", ":")),
        "blocks": blocks,
    }


def _text_input(block_id: str, title: str, initial: str = "", multiline: bool = True) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
        "max_length": MAX_TEXT,
    }
    if initial:
        element["initial_value"] = initial
    return {"type": "input", "block_id": block_id, "label": plain(title), "element": element}


def _option(text: str, value: str) -> Block:
    return {"text": plain(text, 75), "value": value}


def _radio(block_id: str, title: str, options: list[Block]) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(title),
        "element": {"type": "radio_buttons", "action_id": "value", "options": options},
    }


def _anonymous_choice(lang: str) -> Block:
    option = _option(label("post_anonymously", lang), "anonymous")
    option["description"] = plain(label("anonymous_hint", lang), 75)
    return {
        "type": "input",
        "block_id": "anonymous",
        "optional": True,
        "label": plain(label("post_anonymously", lang)),
        "element": {"type": "checkboxes", "action_id": "value", "options": [option]},
    }


def _made_for(meta: dict, workshop_id: str | None) -> dict:
    # The workshop the form was opened for: the core refuses it once another one runs.
    return {**meta, "w": workshop_id} if workshop_id else meta


def note_modal(
    team: str, channel: str, circle: Circle, step: Step, lang: str, workshop_id: str | None = None
) -> Block:
    blocks = [
        context(label("circle_in", lang, circle=circle_name(circle, lang))),
        _text_input("text", label("note_text", lang)),
    ]
    if step in (Step.EXPECTATIONS, Step.FOLLOW_UP):
        after = step is Step.FOLLOW_UP
        blocks.append(
            _radio(
                "colour",
                label("colour", lang),
                [
                    _option(label("better" if after else "green", lang), Colour.GREEN.value),
                    _option(label("worse" if after else "red", lang), Colour.RED.value),
                ],
            )
        )
    blocks.append(_anonymous_choice(lang))
    meta = _made_for({"tm": team, "ch": channel, "c": circle.value, "s": step.value}, workshop_id)
    return _modal(NOTE_MODAL, label("note_title", lang), lang, blocks, meta)


def prerequisite_modal(team: str, channel: str, lang: str, workshop_id: str | None = None) -> Block:
    timings = [_option(t(f"timing_{x.value}", lang), x.value) for x in Timing]
    timings.append(_option(t("timing_none", lang), OPEN_TIMING))  # "so far as possible"
    circles = [_option(circle_name(info.circle, lang), info.circle.value) for info in CIRCLES]
    blocks = [
        _text_input("text", label("prereq_text", lang)),
        _radio("timing", label("timing", lang), timings),
        {
            "type": "input",
            "block_id": "circles",
            "optional": True,
            "label": plain(label("circles", lang)),
            "element": {"type": "multi_static_select", "action_id": "value", "options": circles},
        },
        _anonymous_choice(lang),
    ]
    meta = _made_for({"tm": team, "ch": channel}, workshop_id)
    return _modal(PREREQ_MODAL, label("prereq_title", lang), lang, blocks, meta)


def agreement_modal(team: str, channel: str, lang: str, workshop_id: str | None = None) -> Block:
    blocks = [
        {
            "type": "input",
            "block_id": "owner",
            "label": plain(label("owner", lang)),
            "element": {"type": "users_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "due",
            "label": plain(label("due", lang)),
            "element": {"type": "datepicker", "action_id": "value"},
        },
        _text_input("what", label("what", lang)),
    ]
    meta = _made_for({"tm": team, "ch": channel}, workshop_id)
    return _modal(AGREEMENT_MODAL, label("agreement_title", lang), lang, blocks, meta)


def edit_modal(
    team: str, channel: str, short_id: str, current: str, code: str | None, lang: str
) -> Block:
    blocks = [context(f"*{short_id}*"), _text_input("text", label("new_text", lang), current)]
    meta = {"tm": team, "ch": channel, "id": short_id, "code": code}
    return _modal(EDIT_MODAL, label("edit_title", lang), lang, blocks, meta)


# -- reading submissions ----------------------------------------------------------------------


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    return json.loads(view.get("private_metadata") or "{}")


def _value(values: dict, block_id: str) -> dict[str, Any]:
    return (values.get(block_id) or {}).get("value") or {}


def _text(values: dict, block_id: str) -> str:
    return (_value(values, block_id).get("value") or "").strip()


def _anonymous(values: dict) -> bool:
    chosen = _value(values, "anonymous").get("selected_options") or []
    return any(o.get("value") == "anonymous" for o in chosen)


def _origin(meta: dict, step: Step | None = None) -> Origin | None:
    return Origin(meta["w"], step) if meta.get("w") else None


def read_note(view: dict[str, Any]) -> AddNote:
    values, meta = view["state"]["values"], metadata(view)
    selected = _value(values, "colour").get("selected_option") or {}
    colour = Colour(selected["value"]) if selected.get("value") else None
    origin = _origin(meta, Step(meta["s"]) if meta.get("s") else None)
    text = _text(values, "text")
    return AddNote(Circle(meta["c"]), text, _anonymous(values), colour, origin=origin)


def read_prerequisite(view: dict[str, Any]) -> AddPrerequisite:
    values, meta = view["state"]["values"], metadata(view)
    chosen_timing = (_value(values, "timing").get("selected_option") or {})["value"]
    timing = None if chosen_timing == OPEN_TIMING else Timing(chosen_timing)
    chosen = _value(values, "circles").get("selected_options") or []
    circles = tuple(Circle(o["value"]) for o in chosen)
    text, anonymous = _text(values, "text"), _anonymous(values)
    return AddPrerequisite(timing, text, circles, anonymous, origin=_origin(meta))


def read_agreement(view: dict[str, Any]) -> AddAgreement:
    values, meta = view["state"]["values"], metadata(view)
    owner = _value(values, "owner").get("selected_user") or ""
    due = date.fromisoformat(_value(values, "due").get("selected_date") or "")
    return AddAgreement(f"<@{owner}>", due, _text(values, "what"), origin=_origin(meta))


def read_edit(view: dict[str, Any]) -> EditItem:
    values, meta = view["state"]["values"], metadata(view)
    return EditItem(meta["id"], _text(values, "text"), meta.get("code"))


def missing_choices(view: dict[str, Any]) -> dict[str, str]:
    """Slack shows these next to the fields (response_action=errors) instead of closing."""
    values, lang = view["state"]["values"], metadata(view).get("lg", "da")
    errors: dict[str, str] = {}
    for block_id in ("colour", "timing"):
        if block_id in values and not _value(values, block_id).get("selected_option"):
            errors[block_id] = label(f"choose_{block_id}", lang)
    return errors
