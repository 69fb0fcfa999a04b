"""A card's submitted values back into a core command (or a refusal the core words).

Every card's submit carries `{"rasmus": <action>, ...}`; one reader per action, as Slack has one
per modal. Teams sends the inputs as strings; a value of any other type never came from our
cards, so it is refused with the core's own `bad_form_field`, never trusted and never a crash.
Lengths are the core's to check (core.language.check_texts), as for typed commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import commands as c
from core.circles import CIRCLES, parse_circle
from core.dates import parse_day
from core.messages import Refusal
from core.model import Colour, Rating, Step, Timing

# A check-in card answers several circles at once: one command per circle rated.
SubmitResult = c.Command | Refusal | list[c.AnswerCheckIn] | None

_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off", "")


class Unreadable(Exception):
    """A submitted field of a type no card of ours sends."""

    def __init__(self, field: str, hint: str | None):
        super().__init__(field)
        self.refusal = Refusal("bad_form_field", {"field": field}, hint)


class Fields:
    """The submitted values of one card, read by type; `hint` says how to type it instead."""

    def __init__(self, values: dict[str, Any], hint: str | None):
        self.values, self.hint = values, hint

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise Unreadable(key, self.hint)
        return value.strip()

    def flag(self, key: str) -> bool:
        value = self.values.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise Unreadable(key, self.hint)  # e.g. an unreadable "anonymous": never guess it is off

    def origin(self, *, with_step: bool = False) -> c.Origin | None:
        """The workshop (and step) the card was made for; the core refuses a mismatch."""
        workshop_id = self.text("workshop")
        if not workshop_id:
            return None
        step = self.text("step") if with_step else ""
        return c.Origin(workshop_id, Step(step) if step in {s.value for s in Step} else None)


def _note(fields: Fields) -> c.Command | Refusal:
    circle = parse_circle(fields.text("circle"))
    if circle is None:
        return Refusal("missing_circle", hint="hint_circles")
    colour = fields.text("colour")
    return c.AddNote(
        circle,
        fields.text("text"),
        anonymous=fields.flag("anonymous"),
        colour=Colour(colour) if colour in ("green", "red") else None,
        origin=fields.origin(with_step=True),
    )


def _prerequisite(fields: Fields) -> c.Command | Refusal:
    timing = fields.text("timing")
    if timing not in {t.value for t in Timing} | {"open"}:  # "open": no timing given
        return Refusal("bad_timing", {"word": timing}, "hint_prereq")
    return c.AddPrerequisite(
        None if timing == "open" else Timing(timing),
        fields.text("text"),
        anonymous=fields.flag("anonymous"),
        origin=fields.origin(),
    )


def _agreement(fields: Fields) -> c.Command | Refusal:
    owner = fields.text("owner_text") or fields.text("owner")
    if not owner:
        return Refusal("missing_who", hint="hint_agree")
    due = parse_day(fields.text("due"))
    if due is None:
        return Refusal("bad_date", {"word": fields.text("due")}, "hint_date")
    return c.AddAgreement(owner, due, fields.text("what"), origin=fields.origin())


def _edit(fields: Fields) -> c.Command:
    code = fields.text("code") or None
    return c.EditItem(fields.text("short_id"), fields.text("new_text"), code=code)


def _withdraw(fields: Fields) -> c.Command:
    return c.WithdrawItem(fields.text("short_id"), code=fields.text("code") or None)


def _inspiration(fields: Fields) -> c.Command:
    return c.ShowInspiration(parse_circle(fields.text("circle")))


def _checkin(fields: Fields) -> list[c.AnswerCheckIn] | Refusal:
    """One answer per circle given a rating, all anonymous or none; [] when none was rated."""
    number = fields.values.get("checkin")
    if isinstance(number, str) and number.isdigit():
        number = int(number)
    if not isinstance(number, int) or isinstance(number, bool):
        return Refusal("bad_form_field", {"field": "checkin"}, fields.hint)
    anonymous, origin = fields.flag("anonymous"), fields.origin() or c.Origin("")
    answers: list[c.AnswerCheckIn] = []
    for info in CIRCLES:
        chosen = fields.text(f"rating_{info.circle.value}")
        if not chosen:
            continue
        if chosen not in {r.value for r in Rating}:
            return Refusal("bad_form_field", {"field": f"rating_{info.circle.value}"}, fields.hint)
        comment = fields.text(f"comment_{info.circle.value}")
        answers.append(
            c.AnswerCheckIn(
                info.circle, Rating(chosen), comment, anonymous, checkin=number, origin=origin
            )
        )
    return answers


def _keep(fields: Fields) -> c.Command:
    return c.KeepCheckIns(fields.flag("keep"), origin=fields.origin() or c.Origin(""))


# action -> (reader, the hint a refusal of that card carries)
READERS: dict[str, tuple[Callable[[Fields], SubmitResult], str | None]] = {
    "note": (_note, "hint_note"),
    "prereq": (_prerequisite, "hint_prereq"),
    "agree": (_agreement, "hint_agree"),
    "edit": (_edit, "hint_code"),
    "withdraw": (_withdraw, "hint_code"),
    "inspiration": (_inspiration, "hint_circles"),
    "checkin": (_checkin, None),
    "keep": (_keep, None),
    # With a circle: that circle's full list, from the "see all" on its card's wall.
    "board": (lambda fields: c.ShowBoard(parse_circle(fields.text("circle"))), None),
    # A card without its workshop is refused as made for another (an empty id never matches).
    "delete": (
        lambda fields: c.DeleteWorkshop(confirmed=True, origin=fields.origin() or c.Origin("")),
        None,
    ),
}


def command_from_submit(values: Any) -> SubmitResult:
    """None when the values are not from one of our cards (then the turn is ignored)."""
    action = values.get("rasmus") if isinstance(values, dict) else None
    if not isinstance(action, str) or action not in READERS:
        return None
    read, hint = READERS[action]
    try:
        return read(Fields(values, hint))
    except Unreadable as unreadable:
        return unreadable.refusal
