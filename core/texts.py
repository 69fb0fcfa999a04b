"""Every sentence the bot says, in Danish (the default) and English. Our own words."""

from __future__ import annotations

LANGUAGES = ("da", "en")

TEXTS: dict[str, dict[str, str]] = {
    # --- refusals: what was wrong ---
    "unknown_command": {
        "da": "Den kommando kender jeg ikke: »{word}«.",
        "en": "I don't know the command “{word}”.",
    },
    "empty_command": {
        "da": "Skriv en kommando efter /rasmus.",
        "en": "Type a command after /rasmus.",
    },
    "unknown_circle": {
        "da": "»{word}« er ikke en af de seks cirkler.",
        "en": "“{word}” is not one of the six circles.",
    },
    "missing_circle": {
        "da": "Hvilken cirkel hører noten til?",
        "en": "Which circle is the note for?",
    },
    "missing_text": {"da": "Der mangler en tekst.", "en": "The text is missing."},
    "text_too_long": {
        "da": "Teksten er {length} tegn; højst {limit} tegn, tak.",
        "en": "The text is {length} characters; {limit} at most, please.",
    },
    "no_workshop": {
        "da": "Der er ingen workshop i denne kanal endnu.",
        "en": "There is no workshop in this channel yet.",
    },
    "workshop_exists": {
        "da": "Der kører allerede en workshop her om »{technology}«.",
        "en": "A workshop about “{technology}” is already running here.",
    },
    "missing_technology": {
        "da": "Hvilken teknologi skal I tale om?",
        "en": "Which technology will you talk about?",
    },
    "facilitator_only": {
        "da": "Kun facilitatorerne kan {action}.",
        "en": "Only the facilitators can {action}.",
    },
    "closed": {
        "da": "Workshoppen er afsluttet og kan kun læses nu.",
        "en": "The workshop is closed and read-only now.",
    },
    "no_notes_in_step": {
        "da": "I trinnet »{step}« skriver I ikke noter. {collects}",
        "en": "The step “{step}” takes no notes. {collects}",
    },
    "no_prereqs_in_step": {
        "da": "Forudsætninger skrives i trinnet »{step}«. Nu er I i »{current}«.",
        "en": "Prerequisites belong in the step “{step}”. We are in “{current}” now.",
    },
    "no_agreements_in_step": {
        "da": "Aftaler indgås i trinnet »{step}« eller ved opfølgningen. Nu er I i »{current}«.",
        "en": "Agreements belong in the step “{step}” or at the follow-up. We are in “{current}”.",
    },
    "made_for_other_workshop": {
        "da": "Det her blev lavet til en tidligere workshop, så jeg gemmer det ikke.",
        "en": "This was made for an earlier workshop, so I did not keep it.",
    },
    "made_for_other_step": {
        "da": "Det her hører til trinnet »{step}«. Nu er I i »{current}«.",
        "en": "This belongs to the step “{step}”. We are in “{current}” now.",
    },
    "colour_needed": {
        "da": "Er det en forbedring eller en forværring?",
        "en": "Is it an improvement or a deterioration?",
    },
    "bad_timing": {
        "da": "»{word}« er hverken før, under eller efter.",
        "en": "“{word}” is not before, during or after.",
    },
    "bad_date": {
        "da": "Jeg kan ikke læse datoen »{word}«.",
        "en": "I can't read the date “{word}”.",
    },
    "ambiguous_date": {
        "da": "»{word}« kan læses på to måder: {day_first} eller {month_first}.",
        "en": "“{word}” can be read two ways: {day_first} or {month_first}.",
    },
    "date_in_past": {
        "da": "Datoen {day} er allerede gået.",
        "en": "The date {day} has already passed.",
    },
    "sign_before_circle": {
        "da": "»{sign}« skal stå foran teksten, efter cirklen: /rasmus note {circle} {sign} "
        "<tekst>.",
        "en": "“{sign}” goes before the text, after the circle: /rasmus note {circle} {sign} "
        "<text>.",
    },
    "name_too_long": {
        "da": "Navnet er {length} tegn; et navn må højst være {limit} tegn.",
        "en": "The name is {length} characters; a name can be {limit} at most.",
    },
    "missing_who": {"da": "Hvem skal gøre det?", "en": "Who will do it?"},
    "bad_language": {
        "da": "Sproget »{word}« har jeg ikke. Vælg da eller en.",
        "en": "I don't speak “{word}”. Choose da or en.",
    },
    "unknown_item": {
        "da": "Jeg kan ikke finde »{short_id}« på tavlen.",
        "en": "I can't find “{short_id}” on the board.",
    },
    "item_gone": {
        "da": "»{short_id}« er allerede taget af tavlen.",
        "en": "“{short_id}” is already off the board.",
    },
    "not_author": {
        "da": "Kun den, der skrev »{short_id}«, kan rette eller trække den.",
        "en": "Only whoever wrote “{short_id}” can correct or withdraw it.",
    },
    "anonymous_shown": {
        "da": "Den er ikke gemt: her står beskeden under dit navn, så den ville ikke være anonym.",
        "en": "Not stored: here your message shows your name, so it would not be anonymous.",
    },
    "code_shown": {
        "da": "Intet er ændret: her kan de andre se koden.",
        "en": "Nothing changed: here the others can see the code.",
    },
    "bad_code": {
        "da": "Koden passer ikke til »{short_id}«.",
        "en": "That code doesn't match “{short_id}”.",
    },
    "already_facilitator": {
        "da": "{who} er allerede facilitator.",
        "en": "{who} is already a facilitator.",
    },
    "first_step": {
        "da": "I er allerede ved første trin.",
        "en": "We are at the first step already.",
    },
    "last_step": {
        "da": "Opfølgningen er sidste trin.",
        "en": "The follow-up is the last step.",
    },
    "something_wrong": {
        "da": "Noget gik galt hos mig, så intet blev gemt. Prøv igen om lidt.",
        "en": "Something went wrong on my side, so nothing was stored. Please try again soon.",
    },
    # When storage failed the workshop's language cannot be read: say it in both.
    "something_wrong_both": {
        "da": "Noget gik galt hos mig, så intet blev gemt. Prøv igen om lidt.\n\n"
        "Something went wrong on my side, so nothing was stored. Please try again soon.",
        "en": "Something went wrong on my side, so nothing was stored. Please try again soon.\n\n"
        "Noget gik galt hos mig, så intet blev gemt. Prøv igen om lidt.",
    },
    "missing_id": {
        "da": "Hvilken note? Skriv dens id, fx R3.",
        "en": "Which note? Give its id, e.g. R3.",
    },
    # --- hints: what to type instead ---
    "hint_help": {
        "da": "Skriv /rasmus hjælp for at se kommandoerne.",
        "en": "Type /rasmus help for the commands.",
    },
    "hint_start": {
        "da": "Start en med /rasmus ny <teknologi>.",
        "en": "Start one with /rasmus start <technology>.",
    },
    "hint_note": {
        "da": "Skriv fx /rasmus note realistisk Vi mangler tid til oplæring.",
        "en": "For example: /rasmus note realistic We need time for training.",
    },
    "hint_circles": {
        "da": "Cirklerne: realistisk, anerkendt, selvstændigt, meningsfyldt, udviklende, sundt.",
        "en": "The circles: realistic, recognised, autonomous, meaningful, developing, healthy.",
    },
    "hint_colour": {
        "da": "Begynd teksten med + for en forbedring eller - for en forværring.",
        "en": "Start the text with + for an improvement or - for a deterioration.",
    },
    "hint_prereq": {
        "da": "Skriv fx /rasmus forudsætning før Alle får to timers oplæring.",
        "en": "For example: /rasmus prereq before Everyone gets two hours of training.",
    },
    "hint_agree": {
        "da": "Skriv fx /rasmus aftale @Mette 1/3-2027 Indkalder til evaluering.",
        "en": "For example: /rasmus agree @Mette 2027-03-01 Calls the evaluation meeting.",
    },
    "hint_date": {
        "da": "Skriv datoen som 1/3-2027, 1. marts, uge 10, i morgen eller fredag.",
        "en": "Write the date as 2027-03-01, 1 March 2027, March 1, next Friday or tomorrow.",
    },
    "hint_date_unambiguous": {
        "da": "Skriv den, så den kun kan læses på én måde: {day_first_iso} eller "
        "{month_first_iso}, eller med måneden som ord, fx 1. marts 2027.",
        "en": "Type it so it reads one way only: {day_first_iso} or {month_first_iso}, or with "
        "the month as a word, e.g. 1 March 2027.",
    },
    "hint_date_future": {
        "da": "En aftale skal have en dato, der ikke er gået, fx 1/3-2027 eller uge 10.",
        "en": "An agreement needs a date that hasn't passed, e.g. 2027-03-01 or next Friday.",
    },
    "hint_maybe": {
        "da": "Mente du »{suggestion}«? Cirklerne: realistisk, anerkendt, selvstændigt, "
        "meningsfyldt, udviklende, sundt.",
        "en": "Did you mean “{suggestion}”? The circles: realistic, recognised, autonomous, "
        "meaningful, developing, healthy.",
    },
    "hint_maybe_command": {
        "da": "Mente du »{suggestion}«? Skriv /rasmus hjælp for at se kommandoerne.",
        "en": "Did you mean “{suggestion}”? Type /rasmus help for the commands.",
    },
    "hint_code_withdraw": {
        "da": "Skriv koden fra din kvittering efter id'et, hvor kun du ser det, fx i en personlig "
        "chat med RASMUS: /rasmus træk R3 K7QX-9M2P.",
        "en": "Put the code from your receipt after the id where only you see it, such as a "
        "personal chat with RASMUS: /rasmus withdraw R3 K7QX-9M2P.",
    },
    "hint_back_step": {
        "da": "Facilitatoren kan gå tilbage med /rasmus tilbage.",
        "en": "The facilitator can go back with /rasmus back.",
    },
    "hint_language": {
        "da": "Skriv /rasmus sprog en eller /rasmus sprog da.",
        "en": "Type /rasmus lang da or /rasmus lang en.",
    },
    "hint_board": {"da": "Se id'erne med /rasmus tavle.", "en": "See the ids with /rasmus board."},
    "hint_code": {
        "da": "Skriv koden fra din kvittering efter id'et, hvor kun du ser det, fx i en personlig "
        "chat med RASMUS: /rasmus ret R3 K7QX-9M2P Ny tekst.",
        "en": "Put the code from your receipt after the id where only you see it, such as a "
        "personal chat with RASMUS: /rasmus edit R3 K7QX-9M2P New text.",
    },
    "hint_anonymous_privately": {
        "da": "Brug cirklens kort eller formular og vælg »anonym«: kun du ser, hvad du sender "
        "derfra.",
        "en": "Use the circle's card or form and choose “anonymous”: only you see what you send "
        "from there.",
    },
    "hint_code_privately": {
        "da": "Brug knapperne på din kvittering, eller skriv til RASMUS i en personlig chat, fx "
        "/rasmus træk R3 K7QX-9M2P.",
        "en": "Use the buttons on your receipt, or write to RASMUS in a personal chat, such as "
        "/rasmus withdraw R3 K7QX-9M2P.",
    },
    "hint_ask_facilitator": {
        "da": "Spørg en facilitator: {facilitators}.",
        "en": "Ask a facilitator: {facilitators}.",
    },
    "hint_next_step": {
        "da": "Facilitatoren går videre med /rasmus næste.",
        "en": "The facilitator moves on with /rasmus next.",
    },
    "hint_use_current": {
        "da": "Brug beskederne fra trinnet »{current}«, eller skriv kommandoen, fx /rasmus hjælp.",
        "en": "Use the messages of the step “{current}”, or type the command, e.g. /rasmus help.",
    },
    "hint_end": {
        "da": "Afslut workshoppen med /rasmus afslut.",
        "en": "Close the workshop with /rasmus end.",
    },
    "hint_new": {"da": "Se tavlen med /rasmus tavle.", "en": "See the board with /rasmus board."},
    "hint_shorter": {
        "da": "Del den gerne op i flere noter.",
        "en": "Feel free to split it into several notes.",
    },
    # --- what facilitators may do, for facilitator_only ---
    "action_move": {"da": "skifte trin", "en": "change steps"},
    "action_agree": {"da": "skrive aftaler", "en": "write agreements"},
    "action_rollout": {"da": "sætte udrulningsdatoen", "en": "set the go-live date"},
    "action_facilitator": {"da": "tilføje facilitatorer", "en": "add facilitators"},
    "action_remove": {"da": "fjerne noter fra tavlen", "en": "remove notes from the board"},
    "action_language": {"da": "skifte sprog", "en": "change the language"},
    "action_end": {"da": "afslutte workshoppen", "en": "close the workshop"},
    "action_delete": {"da": "slette workshoppen", "en": "delete the workshop"},
}


def t(key: str, lang: str, **params) -> str:
    """The text `key` in `lang`, filled in. An unknown language falls back to Danish."""
    entry = ALL[key]
    template = entry.get(lang) or entry["da"]
    return template.format(**params) if params else template


def all_keys() -> set[str]:
    return set(ALL)


# The other texts live beside these to keep files short; every key is in exactly one of them.
from core.texts_checkins import CHECKINS  # noqa: E402
from core.texts_cleaning import CLEANING  # noqa: E402
from core.texts_controls import CONTROLS  # noqa: E402
from core.texts_flow import FLOW  # noqa: E402
from core.texts_followup import FOLLOWUP  # noqa: E402
from core.texts_reach import REACH  # noqa: E402
from core.texts_wall import WALL  # noqa: E402

# Every part of the registry; a new file of texts joins here (tests check the parts).
PARTS: tuple[dict[str, dict[str, str]], ...] = (
    TEXTS, CLEANING, CONTROLS, FLOW, REACH, WALL, FOLLOWUP, CHECKINS,
)
ALL: dict[str, dict[str, str]] = {}
for _part in PARTS:
    ALL.update(_part)
