"""The board as plain text: every circle's notes, the prerequisites by timing and votes, and
the agreements. The console shows it, chats post it (split to their limits), and one circle's
part is the wall's "show all"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.circles import BY_CIRCLE, Circle
from core.dates import show_day
from core.followup_text import (
    after_checkin,
    agreement_groups,
    checkin_lines,
    learning_groups,
    learning_line,
    state_suffix,
)
from core.ids import id_label
from core.model import Agreement, Note, Workshop
from core.report import (
    CircleSection,
    active_agreements,
    author_label,
    circle_sections,
    colour_label,
    owner_label,
    owner_text,
    prerequisite_details,
    prerequisites_by_timing,
    timing_label,
)
from core.texts import t

People = Callable[[str], str]


def one_line(text: str) -> str:
    """A note written over several lines keeps to one line of the board."""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def item_line(item, lang: str, people: People = owner_label, names: bool = True) -> str:
    """One item as a line; `names=False` (the workshop shows no names) leaves authors out."""
    if isinstance(item, Agreement):
        line = t(
            "agreement_line",
            lang,
            who=owner_text(item.owner, people),
            day=show_day(item.due, lang),
            what=one_line(item.what),
        )
        tie = f" ({t('tied_to_prereq', lang, short_id=item.prerequisite)})"
        return f"{id_label(item.short_id, lang)} · {line}" + (tie if item.prerequisite else "")
    who = f" ({author_label(item, lang)})" if names else ""
    if isinstance(item, Note):
        label = colour_label(item.colour, item.step, lang)
        mark = f" · {t('marked_actionable', lang)}" if item.actionable else ""
        return f"{id_label(item.short_id, lang)} ({label}) {one_line(item.text)}{who}{mark}"
    tags = " · ".join([timing_label(item.timing, lang), *prerequisite_details(item, lang)])
    return f"{id_label(item.short_id, lang)} ({tags}) {one_line(item.text)}{who}"


def _section_lines(section: CircleSection, workshop: Workshop, lang: str) -> list[str]:
    counts = [
        f"{colour_label(c, g.step, lang)}: {len(notes)}"
        for g in section.groups
        if not g.empty
        for c, notes in g.by_colour
    ]
    lines = [f"-- {section.info.name[lang]}" + (f" [{', '.join(counts)}]" if counts else "")]
    for group in section.groups:
        if group.empty:
            continue
        lines.append(f"   {t(group.heading_key, lang)}:")
        for _, notes in group.by_colour:
            lines += [f"     {item_line(n, lang, names=workshop.show_names)}" for n in notes]
    if all(g.empty for g in section.groups):
        lines.append(f"   {t('board_empty', lang)}")
    return lines


def follow_up_lines(
    workshop: Workshop, lang: str, people: People = owner_label, today: date | None = None
) -> list[str]:
    """The agreements with their state, grouped under the check-in they came from; then the
    check-ins with their counts and the learnings, once there are any."""
    agreements = active_agreements(workshop)
    lines = [f"-- {t('board_agreements', lang)}: {len(agreements)}"]
    for number, group in agreement_groups(workshop):
        indent = "   " if number is None else "     "
        if number is not None:
            lines.append(f"   {after_checkin(number, lang)}:")
        lines += [
            f"{indent}{item_line(a, lang, people)}{state_suffix(workshop, a, today, lang)}"
            for a in group
        ]
    if workshop.checkins:
        lines.append(f"-- {t('board_checkins', lang)}")
        lines += [f"   {line}" for line in checkin_lines(workshop, lang)]
    if workshop.learnings:
        lines.append(f"-- {t('board_learnings', lang)}: {len(workshop.learnings)}")
        for number, group in learning_groups(workshop):
            lines.append(f"   {after_checkin(number, lang)}:")
            lines += [f"     {learning_line(x, lang, workshop.show_names)}" for x in group]
    return lines


def board_text(
    workshop: Workshop, lang: str, people: People = owner_label, today: date | None = None
) -> str:
    names = workshop.show_names
    lines = [f"== {t('board_heading', lang, technology=workshop.technology)} =="]
    for section in circle_sections(workshop):
        lines += _section_lines(section, workshop, lang)
    lines.append(f"-- {t('board_prereqs', lang)}")
    for timing, prereqs in prerequisites_by_timing(workshop):
        lines.append(f"   {timing_label(timing, lang)}: {len(prereqs)}")
        for p in prereqs:
            details = "".join(f" · {d}" for d in prerequisite_details(p, lang) if d)
            who = f" ({author_label(p, lang)})" if names else ""
            lines.append(f"     {id_label(p.short_id, lang)} {one_line(p.text)}{who}{details}")
    return "\n".join(lines + follow_up_lines(workshop, lang, people, today))


def circle_board_text(workshop: Workshop, circle: Circle, lang: str) -> str:
    """One circle's notes in full, every step of them: what the wall's "show all" opens."""
    heading = t(
        "board_circle_heading",
        lang,
        circle=BY_CIRCLE[circle].name[lang],
        technology=workshop.technology,
    )
    section = next(s for s in circle_sections(workshop) if s.info.circle is circle)
    return "\n".join([f"== {heading} ==", *_section_lines(section, workshop, lang)])
