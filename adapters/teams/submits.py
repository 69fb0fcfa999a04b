"""A card's submitted values back into a core command (or a refusal the core words)."""

from __future__ import annotations

from typing import Any

from core import commands as c
from core.circles import parse_circle
from core.dates import parse_day
from core.messages import Refusal
from core.model import Colour, Step, Timing

SubmitResult = c.Command | Refusal | None


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _text(values: dict, key: str) -> str:
    return str(values.get(key) or "").strip()


def _origin(values: dict, with_step: bool = False) -> c.Origin | None:
    """The workshop (and step) the card was made for; the core refuses a mismatch."""
    workshop_id = values.get("workshop")
    if not workshop_id:
        return None
    step = values.get("step") if with_step else None
    valid = step in {s.value for s in Step}
    return c.Origin(str(workshop_id), Step(step) if valid else None)


def command_from_submit(values: dict[str, Any]) -> SubmitResult:
    """None when the values are not from one of our cards (then the turn is ignored)."""
    # Lengths are the core's to check (core.language.check_texts), as for typed commands.
    action = values.get("rasmus")
    if action == "note":
        circle = parse_circle(str(values.get("circle", "")))
        if circle is None:
            return Refusal("missing_circle", hint="hint_circles")
        colour = values.get("colour")
        return c.AddNote(
            circle,
            _text(values, "text"),
            anonymous=_flag(values.get("anonymous")),
            colour=Colour(colour) if colour in ("green", "red") else None,
            origin=_origin(values, with_step=True),
        )
    if action == "prereq":
        timing = values.get("timing")
        if timing not in {t.value for t in Timing} | {"open"}:  # "open": no timing given
            return Refusal("bad_timing", {"word": str(timing or "")}, "hint_prereq")
        return c.AddPrerequisite(
            None if timing == "open" else Timing(timing),
            _text(values, "text"),
            anonymous=_flag(values.get("anonymous")),
            origin=_origin(values),
        )
    if action == "agree":
        owner = _text(values, "owner_text") or _text(values, "owner")
        if not owner:
            return Refusal("missing_who", hint="hint_agree")
        due = parse_day(_text(values, "due"))
        if due is None:
            return Refusal("bad_date", {"word": _text(values, "due")}, "hint_date")
        return c.AddAgreement(owner, due, _text(values, "what"), origin=_origin(values))
    if action == "edit":
        return c.EditItem(
            _text(values, "short_id"), _text(values, "new_text"), code=values.get("code") or None
        )
    if action == "withdraw":
        return c.WithdrawItem(_text(values, "short_id"), code=values.get("code") or None)
    if action == "inspiration":
        return c.ShowInspiration(parse_circle(str(values.get("circle") or "")))
    if action == "board":  # with a circle: that circle's full list, from its card's wall
        return c.ShowBoard(parse_circle(str(values.get("circle") or "")))
    if action == "delete":
        return c.DeleteWorkshop(confirmed=True)
    return None
