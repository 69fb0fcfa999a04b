"""The board's structure, and the whole workshop as a Markdown report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from core.circles import CIRCLES, CircleInfo, circle_name
from core.dates import local_day, show_day
from core.followup_text import (
    after_checkin,
    agreement_groups,
    checkin_lines,
    learning_groups,
    learning_line,
    state_suffix,
)
from core.ids import id_label
from core.method import STEPS
from core.model import Agreement, Colour, ItemStatus, Note, Prerequisite, Step, Timing, Workshop
from core.texts import t

# Which notes a board shows under a circle, in order: (step, colours, heading key).
NOTE_GROUPS: tuple[tuple[Step, tuple[Colour, ...], str], ...] = tuple(
    (entry.step, entry.colours, entry.board_key) for entry in STEPS if entry.board_key
)


@dataclass(frozen=True)
class NoteGroup:
    step: Step
    heading_key: str
    by_colour: tuple[tuple[Colour, tuple[Note, ...]], ...]

    @property
    def empty(self) -> bool:
        return all(not notes for _, notes in self.by_colour)


@dataclass(frozen=True)
class CircleSection:
    info: CircleInfo
    groups: tuple[NoteGroup, ...]


def circle_sections(workshop: Workshop) -> list[CircleSection]:
    sections = []
    for info in CIRCLES:
        groups = []
        for step, colours, heading in NOTE_GROUPS:
            notes = workshop.active_notes(info.circle, step)
            by_colour = tuple((c, tuple(n for n in notes if n.colour is c)) for c in colours)
            groups.append(NoteGroup(step, heading, by_colour))
        sections.append(CircleSection(info, tuple(groups)))
    return sections


def prerequisites_by_timing(
    workshop: Workshop,
) -> list[tuple[Timing | None, list[Prerequisite]]]:
    """Before, during, after, then those left open; within each the most voted first (dot-
    voting sets the order), ties in the order they were written."""
    active = workshop.active_prerequisites()
    groups = []
    for timing in (*Timing, None):
        mine = [p for p in active if p.timing is timing]
        if timing is None and not mine:
            continue  # no empty "any time" heading for workshops that always say when
        groups.append((timing, sorted(mine, key=lambda p: -p.votes)))
    return groups


def timing_label(timing: Timing | None, lang: str) -> str:
    return t(f"timing_{timing.value}" if timing else "timing_none", lang)


def prerequisite_details(p: Prerequisite, lang: str) -> list[str]:
    """What a prerequisite is tied to and how many votes it has, for its line on a board."""
    details = [circle_name(c, lang) for c in p.circles]
    if p.note:
        details.append(t("tied_to_note", lang, short_id=p.note))
    if p.votes:
        details.append(t("votes_count", lang, count=p.votes))
    if p.met is not None:  # said at a check-in
        details.append(t("prereq_state_met" if p.met else "prereq_state_not_met", lang))
    return details


_MENTION = re.compile(r"<@[^>]+>")


def owner_text(owner: str, people=None) -> str:
    """An owner of one or several words, each mention in it named by `people`."""
    name = people or owner_label
    return _MENTION.sub(lambda m: name(m[0]), owner)


def active_agreements(workshop: Workshop) -> list[Agreement]:
    return sorted(
        (a for a in workshop.agreements if a.status is ItemStatus.ACTIVE), key=lambda a: a.due
    )


def colour_label(colour: Colour, step: Step, lang: str) -> str:
    if step is Step.FOLLOW_UP and colour is not Colour.ORANGE:
        return t(f"colour_{colour.value}_after", lang)
    return t(f"colour_{colour.value}", lang)


def owner_label(owner: str) -> str:
    """`<@U123>` reads as @U123 outside a chat that renders mentions."""
    return "@" + owner[2:-1] if owner.startswith("<@") and owner.endswith(">") else owner


def author_label(item: Note | Prerequisite, lang: str) -> str:
    return t("anonymous", lang) if item.author is None else item.author.label


def by_whom(item: Note | Prerequisite, workshop: Workshop, lang: str) -> str:
    """` (name)` after an item on a board, or nothing when the workshop shows no names."""
    return f" ({author_label(item, lang)})" if workshop.show_names else ""


def _md(text: str) -> str:
    # Markdown control characters in people's notes stay literal in the report.
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text.replace("\n", " "))


def markdown_report(workshop: Workshop, now: datetime) -> str:
    lang = workshop.language
    lines = [f"# {t('report_title', lang, technology=_md(workshop.technology))}", ""]
    started = local_day(workshop.created_at, workshop.timezone)
    lines.append(t("report_started", lang, day=show_day(started, lang)))
    lines.append(
        t(
            "status_line",
            lang,
            technology=_md(workshop.technology),
            step=t(f"step_{workshop.step.value}", lang),
        )
    )
    if workshop.rollout:
        lines.append(t("status_rollout", lang, day=show_day(workshop.rollout, lang)))
    for section in circle_sections(workshop):
        lines += ["", f"## {section.info.name[lang]}", "", f"_{section.info.covers[lang]}_"]
        for group in section.groups:
            if group.empty:
                continue
            lines += ["", f"### {t(group.heading_key, lang)}", ""]
            for colour, notes in group.by_colour:
                for note in notes:
                    label = colour_label(colour, group.step, lang)
                    who = _md(by_whom(note, workshop, lang))
                    shown = id_label(note.short_id, lang)
                    mark = f" · {t('marked_actionable', lang)}" if note.actionable else ""
                    lines.append(f"- **{shown}** ({label}) {_md(note.text)}{who}{mark}")
    lines += ["", f"## {t('board_prereqs', lang)}"]
    for timing, prereqs in prerequisites_by_timing(workshop):
        lines += ["", f"### {timing_label(timing, lang)}", ""]
        for p in prereqs:
            details = "".join(f" · {_md(d)}" for d in prerequisite_details(p, lang))
            who = _md(by_whom(p, workshop, lang))
            lines.append(f"- **{id_label(p.short_id, lang)}** {_md(p.text)}{who}{details}")
        if not prereqs:
            lines.append(t("board_empty", lang))
    lines += ["", f"## {t('board_agreements', lang)}", ""]
    today = local_day(now, workshop.timezone)
    for number, group in agreement_groups(workshop):
        if number is not None:
            lines += ["", f"### {after_checkin(number, lang)}", ""]
        for a in group:
            line = t(
                "agreement_line",
                lang,
                who=_md(owner_text(a.owner)),
                day=show_day(a.due, lang),
                what=_md(a.what),
            )
            tie = (
                f" ({t('tied_to_prereq', lang, short_id=a.prerequisite)})" if a.prerequisite else ""
            )
            state = state_suffix(workshop, a, today, lang)
            lines.append(f"- **{id_label(a.short_id, lang)}** {line}{tie}{state}")
    if not workshop.agreements:
        lines.append(t("board_empty", lang))
    return "\n".join(lines + _follow_up(workshop, lang)) + "\n"


def _follow_up(workshop: Workshop, lang: str) -> list[str]:
    """The check-ins with their counts, and the learnings by check-in, once there are any."""
    lines = []
    if workshop.checkins:
        lines += ["", f"## {t('board_checkins', lang)}", ""]
        lines += [f"- {line}" for line in checkin_lines(workshop, lang)]
    if workshop.learnings:
        lines += ["", f"## {t('board_learnings', lang)}"]
        for number, group in learning_groups(workshop):
            lines += ["", f"### {after_checkin(number, lang)}", ""]
            lines += [f"- {_md(learning_line(x, lang, workshop.show_names))}" for x in group]
    return lines


def export_filename(workshop: Workshop, now: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", workshop.technology.lower()).strip("-")[:40] or "workshop"
    local = now.astimezone(ZoneInfo(workshop.timezone))
    return f"rasmus-{slug}-{local.strftime('%Y%m%d-%H%M%S')}.md"
