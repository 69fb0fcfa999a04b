"""The method as data: its steps (what each collects, in which colours, with which texts) and its
commands (their words, readers, who may give them and where they help). Help, the step checks,
the board's groups, every platform's prompts and the Teams manifest are derived from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from core import commands as c
from core import parsers as p
from core import parsers_checkins as pc
from core import parsers_followup as pf
from core import parsers_plans as pp
from core.messages import Refusal, TextRef
from core.model import WALKABLE, Colour, Step


class Collects(StrEnum):
    NOTES = "notes"
    PREREQUISITES = "prerequisites"
    AGREEMENTS = "agreements"


@dataclass(frozen=True)
class StepEntry:
    step: Step
    collects: tuple[Collects, ...] = ()  # empty: the step collects nothing
    colours: tuple[Colour, ...] = ()  # the colours of its notes
    prompt_key: str | None = None  # under each circle's message: how to add a note here
    opening_key: str | None = None  # a line under the step's guidance when it opens
    board_key: str | None = None  # the heading of its notes on the board and in the report
    shows_circles: bool = False  # the step's opening lists the six circles

    @property
    def guidance_key(self) -> str:
        return f"guide_{self.step.value}"

    @property
    def name_key(self) -> str:
        return f"step_{self.step.value}"


_BOTH = (Colour.GREEN, Colour.RED)

STEPS: tuple[StepEntry, ...] = (
    StepEntry(Step.INTRO, opening_key="facilitator_guide", shows_circles=True),
    StepEntry(
        Step.TODAY,
        (Collects.NOTES,),
        (Colour.ORANGE,),
        prompt_key="how_today",
        board_key="board_notes_today",
    ),
    StepEntry(
        Step.EXPECTATIONS,
        (Collects.NOTES,),
        _BOTH,
        prompt_key="how_expectations",
        board_key="board_notes_expect",
    ),
    StepEntry(Step.PREREQUISITES, (Collects.PREREQUISITES,), opening_key="how_prerequisites"),
    StepEntry(Step.AGREEMENTS, (Collects.AGREEMENTS,), opening_key="how_agreements"),
    StepEntry(
        Step.FOLLOW_UP,
        (Collects.NOTES, Collects.AGREEMENTS),
        _BOTH,
        prompt_key="how_expectations",
        board_key="board_notes_after",
    ),
    StepEntry(Step.CLOSED),
)
STEP: dict[Step, StepEntry] = {entry.step: entry for entry in STEPS}


def steps_collecting(kind: Collects) -> tuple[Step, ...]:
    return tuple(entry.step for entry in STEPS if kind in entry.collects)


NOTE_STEPS = steps_collecting(Collects.NOTES)


def prompt_key(step: Step) -> str:
    """The text under a circle's message telling how to add a note in `step`."""
    key = STEP[step].prompt_key
    if key is None:
        raise ValueError(f"the step {step.value} has no circle messages")
    return key


# What a refused contribution says when the step does not collect it.
_WRONG_STEP = {
    Collects.NOTES: "no_notes_in_step",
    Collects.PREREQUISITES: "no_prereqs_in_step",
    Collects.AGREEMENTS: "no_agreements_in_step",
}


def wrong_step(kind: Collects, step: Step) -> Refusal | None:
    """None when `step` collects `kind`, else the refusal naming where it belongs."""
    steps = steps_collecting(kind)
    if step in steps:
        return None
    current = TextRef(STEP[step].name_key)
    params = {"step": current, "collects": TextRef(f"collects_{step.value}")}
    if kind is not Collects.NOTES:  # these name the step they belong in
        params = {"step": TextRef(STEP[steps[0]].name_key), "current": current}
    # Past the steps that take it, the facilitator can go back; before them, on.
    later = WALKABLE.index(step) > WALKABLE.index(steps[0]) if step in WALKABLE else False
    return Refusal(_WRONG_STEP[kind], params, "hint_back_step" if later else "hint_next_step")


OPEN = WALKABLE  # every step of an open workshop
EVERY = (*WALKABLE, Step.CLOSED)


@dataclass(frozen=True)
class Wording:
    """A command in one language: its words (the first is the one help shows) and help's line."""

    words: tuple[str, ...]
    syntax: str = ""  # empty: help does not list it (it shares another command's line)
    does: str = ""


def _say(words: str, syntax: str = "", does: str = "") -> Wording:
    return Wording(tuple(words.split()), syntax, does)


@dataclass(frozen=True)
class CommandEntry:
    command: type
    verb: str  # the canonical (English) word; the Teams menu's title
    parser: Callable[[str], c.Command | Refusal] | None  # None: not typed, a platform reports it
    da: Wording
    en: Wording
    steps: tuple[Step, ...] = OPEN  # where help lists it
    adds: Collects | None = None  # what it contributes; then only where a step collects it
    facilitator: bool = False
    action_key: str | None = None  # how `facilitator_only` names what it does
    writes: bool = False  # changes the board, so refused once the workshop is closed
    before_workshop: bool = False  # help lists it while there is no workshop yet
    in_manifest: bool = False  # one of the ten commands the Teams app's menu offers
    # Still taken by a closed workshop that keeps its check-ins (core.checkins.keeps_checkins).
    after_end: bool = False

    def wording(self, lang: str) -> Wording:
        return self.en if lang == "en" else self.da

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.da.words, *self.en.words)))  # each word once

    @property
    def syntax(self) -> dict[str, str]:
        return {"da": self.da.syntax, "en": self.en.syntax} if self.da.syntax else {}

    @property
    def does(self) -> dict[str, str]:
        return {"da": self.da.does, "en": self.en.does}

    @property
    def useful_in(self) -> tuple[Step, ...]:
        return steps_collecting(self.adds) if self.adds else self.steps


_FACILITATOR = {"facilitator": True, "writes": True}
_STOCK = (Step.FOLLOW_UP, Step.CLOSED)  # taking stock: in follow-up, and after `end`
_AGREED = (Step.AGREEMENTS, *_STOCK)

# One entry per command word, in the order help lists them.
# fmt: off
COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry(
        c.Help, "help", p.parse_help,
        _say("hjælp hjaelp hjalp", "hjælp", "viser kommandoerne for din rolle og trinnet"),
        _say("help ?", "help", "commands for your role and step"),
        steps=(), in_manifest=True),
    CommandEntry(
        c.StartWorkshop, "start", p.parse_start,
        _say("ny", "ny <teknologi>", "starter en workshop her"),
        _say("start", "start <technology>", "starts a workshop here"),
        steps=(), before_workshop=True, in_manifest=True),
    CommandEntry(
        c.AddNote, "note", p.parse_note,
        _say("note notat", "note [anonym] <cirkel> <tekst>",
             "en note; i forventninger og opfølgning med + eller - foran"),
        _say("note", "note [anonymous] <circle> <text>",
             "a note; in expectations and follow-up start it with + or -"),
        adds=Collects.NOTES, writes=True, in_manifest=True),
    CommandEntry(
        c.AddPrerequisite, "prereq", pp.parse_prereq,
        _say("forudsætning forudsaetning forudsatning",
             "forudsætning [før|under|efter] [cirkel | for R2] <tekst>",
             "en forudsætning; tidspunkt, cirkel og noten den svarer på kan udelades"),
        _say("prereq prerequisite", "prereq [before|during|after] [circle | for R2] <text>",
             "a prerequisite; when, circle and the note it answers are optional"),
        adds=Collects.PREREQUISITES, writes=True, in_manifest=True),
    CommandEntry(
        c.Vote, "vote", pp.parse_vote,
        _say("stem", "stem <F1>",
             "en prik på en forudsætning; tre hver, samme igen tager den tilbage. "
             "Stemmer er ikke anonyme: kun tallet vises, men jeg husker hvem"),
        _say("vote", "vote <F1>",
             "a dot on a prerequisite; three each, the same again takes it back. "
             "Votes are not anonymous: only counts are shown, but I keep who voted"),
        steps=(Step.PREREQUISITES, Step.AGREEMENTS, Step.FOLLOW_UP), writes=True),
    CommandEntry(
        c.EditItem, "edit", p.parse_edit,
        _say("ret", "ret <id> [kode] <tekst>",
             "retter din egen note; en aftale: ret AF1 <hvem> <dato> <hvad>"),
        _say("edit", "edit <id> [code] <text>",
             "corrects your own note; an agreement: edit AF1 <who> <date> <what>"),
        writes=True),
    CommandEntry(
        c.WithdrawItem, "withdraw", p.parse_withdraw,
        _say("træk traek trak", "træk <id> [kode]", "trækker din egen note tilbage"),
        _say("withdraw", "withdraw <id> [code]", "withdraws your own note"),
        writes=True),
    CommandEntry(
        c.ShowBoard, "board", pp.parse_board,
        _say("tavle", "tavle [cirkel]",
             "viser tavlen; fra en facilitator i kanalen for alle, ellers kun til dig"),
        _say("board", "board [circle]",
             "shows the board; from a facilitator to the whole channel, else just to you"),
        steps=EVERY, in_manifest=True),
    CommandEntry(
        c.ShowStatus, "status", p.parse_status,
        _say("status", "status", "hvor workshoppen står, og kanalens andre workshops med nummer"),
        _say("status", "status", "where we are, and the channel's other workshops by number"),
        steps=EVERY, in_manifest=True),
    CommandEntry(
        c.ShowInspiration, "inspiration", p.parse_inspiration,
        _say("inspiration", "inspiration [cirkel]", "eksempler på gevinster og risici"),
        _say("inspiration", "inspiration [circle]", "examples of gains and risks"),
        before_workshop=True, in_manifest=True),
    CommandEntry(
        c.Export, "export", p.parse_export,
        _say("eksport", "eksport [nr]", "skriver en rapport i Markdown (nr: fra status)"),
        _say("export", "export [no]", "writes a Markdown report (no: from status)"),
        steps=EVERY, in_manifest=True),
    CommandEntry(
        c.MoveStep, "next", p.parse_next,
        _say("næste naeste naste", "næste / tilbage", "skifter trin"),
        _say("next", "next / back", "moves one step"),
        action_key="action_move", in_manifest=True, **_FACILITATOR),
    CommandEntry(
        c.MoveStep, "back", p.parse_back, _say("tilbage"), _say("back"),
        action_key="action_move", **_FACILITATOR),
    CommandEntry(
        c.AddAgreement, "agree", pp.parse_agree,
        _say("aftale", "aftale <hvem> <dato> <hvad> [for F1]",
             "en aftale; hvem kan være flere ord, fx TR og AMR"),
        _say("agree agreement", "agree <who> <date> <what> [for F1]",
             "an agreement; who may be several words, e.g. TR and AMR"),
        adds=Collects.AGREEMENTS, action_key="action_agree", in_manifest=True, **_FACILITATOR),
    CommandEntry(
        c.SetRollout, "rollout", p.parse_rollout,
        _say("udrulning", "udrulning <dato>", "sætter udrulningsdatoen"),
        _say("rollout", "rollout <date>", "sets the go-live date"),
        action_key="action_rollout", **_FACILITATOR),
    CommandEntry(
        c.AddFacilitator, "facilitator", pp.parse_facilitator,
        _say("facilitator", "facilitator [fjern] <hvem>",
             "tilføjer eller fjerner en medfacilitator"),
        _say("facilitator", "facilitator [remove] <who>", "adds or removes a co-facilitator"),
        action_key="action_facilitator", **_FACILITATOR),
    # `facilitator fjern <hvem>`: read by the facilitator reader above.
    CommandEntry(c.RemoveFacilitator, "facilitator-remove", None, _say(""), _say(""),
                 action_key="action_facilitator", **_FACILITATOR),
    CommandEntry(
        c.ShowNames, "names", pp.parse_names,
        _say("navne", "navne til|fra", "viser eller skjuler navnene på noterne for alle"),
        _say("names", "names on|off", "shows or hides the names on everyone's notes"),
        action_key="action_names", **_FACILITATOR),
    CommandEntry(
        c.RepeatStep, "again", pp.parse_again,
        _say("igen", "igen", "viser trinnets opslag i kanalen igen"),
        _say("again", "again", "posts the step's messages in the channel again"),
        steps=EVERY, facilitator=True, action_key="action_again"),
    CommandEntry(
        c.RemoveItem, "remove", p.parse_remove,
        _say("fjern", "fjern <id>", "tager en note af tavlen"),
        _say("remove", "remove <id>", "takes a note off the board"),
        action_key="action_remove", **_FACILITATOR),
    CommandEntry(
        c.SetLanguage, "lang", p.parse_lang,
        _say("sprog", "sprog <da|en>", "skifter sprog"),
        _say("lang language", "lang <da|en>", "changes the language"),
        action_key="action_language", **_FACILITATOR),
    CommandEntry(
        c.EndWorkshop, "end", p.parse_end,
        _say("afslut", "afslut", "lukker workshoppen; den kan stadig læses og eksporteres"),
        _say("end", "end", "closes the workshop; it can still be read and exported"),
        steps=EVERY, facilitator=True, action_key="action_end"),
    CommandEntry(
        c.ReopenWorkshop, "reopen", pc.parse_reopen,
        _say("genåbn genaabn genabn", "genåbn", "åbner en afsluttet workshop igen"),
        _say("reopen", "reopen", "opens a closed workshop again"),
        steps=(Step.CLOSED,), facilitator=True, action_key="action_reopen"),
    CommandEntry(
        c.DeleteWorkshop, "delete", p.parse_delete,
        _say("slet", "slet [nr] bekræft", "sletter workshoppen og alt i den (slet alene spørger)"),
        _say("delete", "delete [no] confirm", "deletes the workshop and all in it (delete asks)"),
        steps=EVERY, facilitator=True, action_key="action_delete"),
    # Edited and deleted chat messages: nobody types these, the platform reports them.
    CommandEntry(c.EditFromMessage, "edit-message", None, _say(""), _say(""), writes=True),
    CommandEntry(c.WithdrawFromMessage, "delete-message", None, _say(""), _say(""), writes=True),
    # The follow-up's timing. A closed workshop takes `checkins keep|none` (the answer to the
    # question `end` asks), so the reader, not the table, refuses other plans there.
    CommandEntry(
        c.PlanCheckIns, "checkins", pf.parse_checkins,
        _say("tjekplan", "tjekplan <2u 1m 3m> [kl 10:00]",
             "planlægger tjek efter udrulningen (d, u, m); tjekplan ingen: ingen tjek"),
        _say("checkins", "checkins <2w 1m 3m> [at 10:00]",
             "plans check-ins after the go-live (d, w, m); checkins none: no check-ins"),
        steps=EVERY, facilitator=True, action_key="action_checkins"),
    # `checkins keep` / `tjekplan behold`, or the question's button: read by the reader above.
    CommandEntry(c.KeepCheckIns, "checkins-keep", None, _say(""), _say(""),
                 steps=(Step.CLOSED,), facilitator=True, action_key="action_checkins"),
    CommandEntry(
        c.GoToStep, "step", pf.parse_step,
        _say("trin", "trin <1-6|navn>", "går direkte til et trin; trin 6 er opfølgningen"),
        _say("step", "step <1-6|name>", "goes straight to a step; step 6 is the follow-up"),
        action_key="action_step", **_FACILITATOR),
    # Due work, from the scheduler: never typed, never in help, for no one to be refused.
    CommandEntry(c.Tick, "tick", None, _say(""), _say(""), steps=()),
    # --- taking stock after the roll-out (core.checkins) ---
    CommandEntry(
        c.AnswerCheckIn, "checkin", pc.parse_checkin,
        _say("tjek", "tjek [anonym] <cirkel> <bedre|samme|værre> [kommentar]",
             "svar på tjekket: er arbejdet i cirklen blevet bedre, det samme eller værre?"),
        _say("checkin check-in", "checkin [anonymous] <circle> <better|same|worse> [comment]",
             "answer the check-in: did work in the circle get better, stay the same or worse?"),
        steps=_STOCK, writes=True, after_end=True),
    # `tjek luk` / `checkin close`: read by the check-in reader above.
    CommandEntry(
        c.CloseCheckIn, "checkin-close", None,
        _say("", "tjek luk", "lukker tjekket nu; så kommer statusopgørelsen"),
        _say("", "checkin close", "closes the check-in now; then comes the stock-taking"),
        steps=_STOCK, action_key="action_close_checkin", after_end=True, **_FACILITATOR),
    CommandEntry(
        c.AddLearning, "learning", pc.parse_learning,
        _say("læring laering laring", "læring [anonym] [cirkel] <tekst>",
             "hvordan lykkedes en forbedring? Skriv det ned, så I kan gøre det igen"),
        _say("learning", "learning [anonymous] [circle] <text>",
             "how did an improvement succeed? Write it down so you can do it again"),
        steps=_STOCK, writes=True, after_end=True),
    CommandEntry(
        c.MarkActionable, "actionable", pc.parse_actionable,
        _say("handlebar", "handlebar <id>",
             "en rød note eller et værre-svar, I kan gøre noget ved (igen: fjerner mærket). "
             "Det vurderer I sammen, så alle i teamet kan mærke"),
        _say("actionable", "actionable <id>",
             "a red note or a worse answer you can do something about (again: unmarks). "
             "You judge it together, so anyone in the team can mark"),
        steps=_STOCK, writes=True, after_end=True),
    CommandEntry(
        c.MarkDone, "done", pc.parse_done,
        _say("færdig faerdig fardig", "færdig <AF1>",
             "en aftale er gjort; det kan dens ansvarlige og facilitatorerne melde"),
        _say("done", "done <AF1>",
             "an agreement is done; its named owners or a facilitator can say so"),
        steps=_AGREED, writes=True, after_end=True),
    # `genåbn AF1` / `reopen AF1`: read by the workshop's reopen reader (an id picks this).
    CommandEntry(
        c.ReopenAgreement, "reopen-agreement", None,
        _say("", "genåbn <AF1>", "en aftale er alligevel ikke gjort"),
        _say("", "reopen <AF1>", "an agreement is not done after all"),
        steps=_AGREED, writes=True, after_end=True),
    CommandEntry(
        c.MarkPrerequisite, "met", pc.parse_met,
        _say("opfyldt", "opfyldt <F1> [ja|nej]", "om en forudsætning er opfyldt nu"),
        _say("met", "met <F1> [yes|no]", "whether a prerequisite is met now"),
        steps=_STOCK, action_key="action_met", after_end=True, **_FACILITATOR),
)
# fmt: on

FACILITATOR_ONLY: tuple[type, ...] = tuple({e.command: 0 for e in COMMANDS if e.facilitator})
WRITES: tuple[type, ...] = tuple({e.command: 0 for e in COMMANDS if e.writes})
AFTER_END: tuple[type, ...] = tuple({e.command: 0 for e in COMMANDS if e.after_end})
FACILITATOR_ACTIONS: dict[type, str] = {e.command: e.action_key for e in COMMANDS if e.action_key}
ADDS: dict[type, Collects] = {e.command: e.adds for e in COMMANDS if e.adds}
LISTED: tuple[CommandEntry, ...] = tuple(e for e in COMMANDS if e.syntax)  # in help


def manifest_commands(lang: str = "en") -> list[tuple[str, str]]:
    """The Teams app's command menu: (title, description), at most ten (Teams' limit)."""
    listed = []
    for entry in COMMANDS:
        if not entry.in_manifest:
            continue
        who = "Facilitator: " if entry.facilitator else ""
        # The menu speaks one language; the other's word is named, as people type either.
        other = entry.wording("en" if lang == "da" else "da").words[0]
        also = f" ({other})" if other != entry.verb else ""
        wording = entry.wording(lang)
        description = f"{who}{wording.syntax}: {wording.does}{also}"
        listed.append((entry.verb, description[:128]))
    return listed
