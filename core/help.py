"""Help: the commands for your role and the step the workshop is in."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import HelpView
from core.model import Step
from core.texts import t


@dataclass(frozen=True)
class CommandHelp:
    syntax: dict[str, str]
    does: dict[str, str]
    facilitator: bool = False
    steps: tuple[Step, ...] | None = None  # None: useful in every step


_NOTES = (Step.TODAY, Step.EXPECTATIONS, Step.FOLLOW_UP)

COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(
        {"da": "ny <teknologi>", "en": "start <technology>"},
        {"da": "starter en workshop her", "en": "starts a workshop here"},
        steps=(),
    ),
    CommandHelp(
        {"da": "note [anonym] <cirkel> <tekst>", "en": "note [anonymous] <circle> <text>"},
        {
            "da": "en note; i forventninger og opfølgning med + eller - foran",
            "en": "a note; in expectations and follow-up start it with + or -",
        },
        steps=_NOTES,
    ),
    CommandHelp(
        {
            "da": "forudsætning <før|under|efter> <tekst>",
            "en": "prereq <before|during|after> <text>",
        },
        {"da": "en forudsætning", "en": "a prerequisite"},
        steps=(Step.PREREQUISITES,),
    ),
    CommandHelp(
        {"da": "ret <id> [kode] <tekst>", "en": "edit <id> [code] <text>"},
        {"da": "retter din egen note", "en": "corrects your own note"},
    ),
    CommandHelp(
        {"da": "træk <id> [kode]", "en": "withdraw <id> [code]"},
        {"da": "trækker din egen note tilbage", "en": "withdraws your own note"},
    ),
    CommandHelp({"da": "tavle", "en": "board"}, {"da": "viser tavlen", "en": "shows the board"}),
    CommandHelp({"da": "status", "en": "status"}, {"da": "hvor vi er", "en": "where we are"}),
    CommandHelp(
        {"da": "inspiration [cirkel]", "en": "inspiration [circle]"},
        {"da": "eksempler på gevinster og risici", "en": "examples of gains and risks"},
    ),
    CommandHelp(
        {"da": "eksport", "en": "export"},
        {"da": "skriver en rapport i Markdown", "en": "writes a Markdown report"},
    ),
    CommandHelp(
        {"da": "næste / tilbage", "en": "next / back"},
        {"da": "skifter trin", "en": "moves one step"},
        facilitator=True,
    ),
    CommandHelp(
        {"da": "aftale <hvem> <dato> <hvad>", "en": "agree <who> <date> <what>"},
        {"da": "en aftale", "en": "an agreement"},
        facilitator=True,
        steps=(Step.AGREEMENTS, Step.FOLLOW_UP),
    ),
    CommandHelp(
        {"da": "udrulning <dato>", "en": "rollout <date>"},
        {"da": "sætter udrulningsdatoen", "en": "sets the go-live date"},
        facilitator=True,
    ),
    CommandHelp(
        {"da": "facilitator <hvem>", "en": "facilitator <who>"},
        {"da": "tilføjer en medfacilitator", "en": "adds a co-facilitator"},
        facilitator=True,
    ),
    CommandHelp(
        {"da": "fjern <id>", "en": "remove <id>"},
        {"da": "tager en note af tavlen", "en": "takes a note off the board"},
        facilitator=True,
    ),
    CommandHelp(
        {"da": "sprog <da|en>", "en": "lang <da|en>"},
        {"da": "skifter sprog", "en": "changes the language"},
        facilitator=True,
    ),
    CommandHelp(
        {"da": "afslut / slet", "en": "end / delete"},
        {"da": "lukker workshoppen / sletter alt", "en": "closes the workshop / deletes it all"},
        facilitator=True,
    ),
)


def commands_for(view: HelpView) -> list[CommandHelp]:
    if view.step is None:  # no workshop yet: how to start one
        return [c for c in COMMANDS if c.steps == () or c.syntax["en"].startswith("inspiration")]
    if view.step is Step.CLOSED:
        readable = ("board", "status", "export", "end / delete")
        return [
            c
            for c in COMMANDS
            if c.syntax["en"] in readable and (view.facilitator or not c.facilitator)
        ]
    return [
        c
        for c in COMMANDS
        if c.steps != ()
        and (c.steps is None or view.step in c.steps)
        and (view.facilitator or not c.facilitator)
    ]


def help_lines(view: HelpView, lang: str) -> list[str]:
    lines = [f"== {t('help_heading', lang)} =="]
    if view.step is not None:
        lines.append(t("help_now", lang, step=t(f"step_{view.step.value}", lang)))
    shown = commands_for(view)
    for heading, members in (
        (None, [c for c in shown if not c.facilitator]),
        ("help_facilitator", [c for c in shown if c.facilitator]),
    ):
        if not members:
            continue
        if heading:
            lines.append(f"-- {t(heading, lang)}")
        lines += [f"  /rasmus {c.syntax[lang]}: {c.does[lang]}" for c in members]
    return lines
