"""The board's structure, and the whole workshop as a Markdown report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from core.circles import CIRCLES, CircleInfo
from core.dates import local_day, show_day
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


def prerequisites_by_timing(workshop: Workshop) -> list[tuple[Timing, list[Prerequisite]]]:
    active = [p for p in workshop.prerequisites if p.status is ItemStatus.ACTIVE]
    return [(timing, [p for p in active if p.timing is timing]) for timing in Timing]


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
                    who = author_label(note, lang)
                    lines.append(f"- **{note.short_id}** ({label}) {_md(note.text)} ({_md(who)})")
    lines += ["", f"## {t('board_prereqs', lang)}"]
    for timing, prereqs in prerequisites_by_timing(workshop):
        lines += ["", f"### {t(f'timing_{timing.value}', lang)}", ""]
        lines += [
            f"- **{p.short_id}** {_md(p.text)} ({_md(author_label(p, lang))})" for p in prereqs
        ]
        if not prereqs:
            lines.append(t("board_empty", lang))
    lines += ["", f"## {t('board_agreements', lang)}", ""]
    for a in active_agreements(workshop):
        line = t(
            "agreement_line",
            lang,
            who=_md(owner_label(a.owner)),
            day=show_day(a.due, lang),
            what=_md(a.what),
        )
        lines.append(f"- **{a.short_id}** {line}")
    if not workshop.agreements:
        lines.append(t("board_empty", lang))
    return "\n".join(lines) + "\n"


def export_filename(workshop: Workshop, now: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", workshop.technology.lower()).strip("-")[:40] or "workshop"
    local = now.astimezone(ZoneInfo(workshop.timezone))
    return f"rasmus-{slug}-{local.strftime('%Y%m%d-%H%M%S')}.md"
