"""Help: the commands for your role and the step the workshop is in (from `core.method`)."""

from __future__ import annotations

from core.messages import HelpView
from core.method import LISTED, CommandEntry
from core.texts import t


def commands_for(view: HelpView) -> list[CommandEntry]:
    if view.step is None:  # no workshop yet: how to start one
        return [e for e in LISTED if e.before_workshop]
    return [
        e for e in LISTED if view.step in e.useful_in and (view.facilitator or not e.facilitator)
    ]


def help_lines(view: HelpView, lang: str) -> list[str]:
    lines = [f"== {t('help_heading', lang)} =="]
    if view.step is not None:
        lines.append(t("help_now", lang, step=t(f"step_{view.step.value}", lang)))
    shown = commands_for(view)
    for heading, members in (
        (None, [e for e in shown if not e.facilitator]),
        ("help_facilitator", [e for e in shown if e.facilitator]),
    ):
        if not members:
            continue
        if heading:
            lines.append(f"-- {t(heading, lang)}")
        lines += [f"  /rasmus {e.syntax[lang]}: {e.does[lang]}" for e in members]
    return lines
