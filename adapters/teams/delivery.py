"""Core replies as Teams activities, and where each goes: this thread, a new post, or in place.

Pure: a reply in, a list of planned sends out. `turns.py` carries them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from adapters.chat.checkin_words import word
from adapters.teams import cards, checkin_cards
from adapters.teams.escape import defuse_markdown
from core import plain
from core.circles import Circle
from core.messages import (
    Audience,
    BoardView,
    CheckInPost,
    CirclePrompt,
    ColourNeeded,
    CountsChanged,
    DeleteConfirmNeeded,
    HelpView,
    InspirationView,
    ItemConfirmed,
    KeepCheckInsQuestion,
    Reply,
    StatusView,
    StepOpened,
    StockTaking,
)
from core.model import Step


@dataclass(frozen=True)
class Send:
    """A message for this conversation: to everyone, or (private) to the one who acted."""

    activity: Activity
    private: bool


@dataclass
class NewPost:
    """A card that starts its own channel post, so people can reply in its thread."""

    activity: Activity
    circle: tuple[str, Circle, Step] | None = None  # (workshop, circle, step) for circle cards
    # The agreements card lists the team's members as owners: rebuilt once they are known.
    with_members: Callable[[list[tuple[str, str]]], Activity] | None = None


@dataclass(frozen=True)
class UpdateCircle:
    workshop_id: str
    circle: Circle
    step: Step
    activity: Activity


Planned = Send | NewPost | UpdateCircle


def card_activity(card: cards.Card, summary: str = "") -> Activity:
    attachment = Attachment(content_type=cards.CONTENT_TYPE, content=card)
    activity = Activity(type=ActivityTypes.message, attachments=[attachment])
    if summary:
        activity.summary = summary  # what Teams shows in notifications and the feed
    return activity


def text_activity(text: str, *, markdown: bool = False) -> Activity:
    """A plain message; people's words in it are defused unless `markdown` vouches for it."""
    shown = text if markdown else defuse_markdown(text)
    return Activity(type=ActivityTypes.message, text=shown, text_format="markdown")


def teams_words(text: str) -> str:
    """The core's texts show `/rasmus <command>`; in Teams people type `@RASMUS <command>`."""
    return re.sub(r"/rasmus\b", "@RASMUS", text)


def with_names(text: str, names: dict[str, str]) -> str:
    """`<@29:1abc>` and `@29:1abc` (how the core writes people) become the person's name."""

    def name_of(match: re.Match) -> str:
        user_id = match[1] or match[2]
        return f"@{defuse_markdown(names[user_id])}" if user_id in names else match[0]

    return re.sub(r"<@([^>]+)>|@([^\s,;)]+)", name_of, teams_words(text))


def plan(reply: Reply, names: dict[str, str] | None = None) -> list[Planned]:
    names = names or {}
    planned = _plan(reply)
    for item in planned:
        _reword(item.activity, names)
        if isinstance(item, NewPost) and item.with_members:
            build = item.with_members
            item.with_members = lambda members, build=build: _reword(build(members), names)
    return planned


def _plan(reply: Reply) -> list[Planned]:
    message, lang = reply.message, reply.language
    private = reply.audience is Audience.PRIVATE
    match message:
        case StepOpened(workshop=workshop, step=step):
            summary = plain.step_heading(workshop, step, lang)

            def with_members(members: list[tuple[str, str]]) -> Activity:
                return card_activity(cards.step_card(workshop, step, lang, members), summary)

            return [
                NewPost(
                    with_members([]), with_members=with_members if step is Step.AGREEMENTS else None
                )
            ]
        case CirclePrompt(workshop_id=wid, circle=circle, step=step, counts=counts):
            card = cards.circle_card(wid, circle, step, counts, lang, message.notes)
            return [NewPost(card_activity(card), circle=(wid, circle, step))]
        case CountsChanged(workshop_id=wid, circle=circle, step=step, counts=counts):
            card = cards.circle_card(wid, circle, step, counts, lang, message.notes or ())
            return [UpdateCircle(wid, circle, step, card_activity(card))]
        case ItemConfirmed() if private:
            return [Send(card_activity(cards.confirmation_card(message, lang)), private)]
        case ColourNeeded(circle=circle, text=text, anonymous=anonymous):
            return [
                Send(
                    card_activity(cards.colour_needed_card(circle, text, anonymous, lang)), private
                )
            ]
        case DeleteConfirmNeeded(technology=technology, workshop_id=wid, number=number):
            asked = cards.delete_confirm_card(technology, lang, wid, number)
            return [Send(card_activity(asked), private)]
        case InspirationView(circles=circles):
            return [Send(card_activity(cards.inspiration_card(circles, lang)), private)]
        case CheckInPost(workshop=workshop, number=number):
            summary = word("checkin_heading", lang, number=number, technology=workshop.technology)
            return [NewPost(card_activity(checkin_cards.checkin_card(message, lang), summary))]
        case StockTaking():
            return [NewPost(card_activity(checkin_cards.stock_card(message, lang)))]
        case KeepCheckInsQuestion():
            return [Send(card_activity(checkin_cards.keep_card(message, lang)), private)]
        case BoardView() | StatusView() | HelpView():
            text = plain.render(message, lang)
            pages = cards.text_cards(text, private=private, lang=lang)
            return [Send(card_activity(page), private) for page in pages]
    return [Send(text_activity(plain.render(message, lang)), private)]


def _reword(activity: Activity, names: dict[str, str]) -> Activity:
    """Names for people, and Teams' command syntax, in the text and every card text block."""
    if activity.text:
        activity.text = with_names(activity.text, names)
    for attachment in activity.attachments or []:
        for block in attachment.content.get("body", []):
            if block.get("type") == "TextBlock":
                block["text"] = with_names(block["text"], names)
    return activity
