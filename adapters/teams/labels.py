"""Words that exist only on Teams cards (buttons, input labels). Everything else is core.texts."""

from __future__ import annotations

from adapters.chat.labels import Labels

LABELS: dict[str, dict[str, str]] = {
    "note_placeholder": {"da": "Skriv din note her", "en": "Write your note here"},
    "send": {"da": "Sæt noten op", "en": "Add the note"},
    "anonymous_toggle": {
        "da": "Anonymt (dit navn gemmes ikke)",
        "en": "Anonymous (your name is not stored)",
    },
    "thread_hint": {
        "da": "Du kan også svare i tråden under dette kort: dit svar bliver en note "
        "i denne cirkel.",
        "en": "You can also reply in this card's thread: your reply becomes a note in this circle.",
    },
    "prereq_send": {"da": "Tilføj forudsætningen", "en": "Add the prerequisite"},
    "owner_choice": {"da": "Hvem (fra teamet)", "en": "Who (from the team)"},
    "owner_text": {"da": "… eller skriv et navn", "en": "… or type a name"},
    "due_date": {"da": "Senest", "en": "Due"},
    "what_placeholder": {"da": "Hvad gør de?", "en": "What will they do?"},
    "agree_send": {"da": "Tilføj aftalen", "en": "Add the agreement"},
    "confirm_delete": {"da": "Ja, slet alt", "en": "Yes, delete everything"},
    "pick_green": {"da": "Grøn (bedre)", "en": "Green (better)"},
    "pick_red": {"da": "Rød (værre)", "en": "Red (worse)"},
    "welcome": {
        "da": "Hej, jeg er RASMUS: et kompas for god digitalisering. Skriv "
        "**@RASMUS ny <teknologi>** for at starte en workshop her, eller "
        "**@RASMUS hjælp**.",
        "en": "Hi, I'm RASMUS: a compass for good digitalisation. Type "
        "**@RASMUS start <technology>** to start a workshop here, or "
        "**@RASMUS help**.",
    },
    "only_you": {"da": "Kun du kan se dette.", "en": "Only you can see this."},
    "export_description": {
        "da": "Rapporten fra workshoppen, som Markdown.",
        "en": "The workshop report, as Markdown.",
    },
    "export_in_personal_chat": {
        "da": "Rapporten venter på dig i din personlige chat med RASMUS. "
        "Vælg **Tillad** dér, så gemmes den i din OneDrive.",
        "en": "The report is waiting for you in your personal chat with RASMUS. "
        "Choose **Allow** there to save it in your OneDrive.",
    },
    "export_no_personal_chat": {
        "da": "Jeg kunne ikke åbne en personlig chat med dig. Åbn RASMUS under Apps, "
        "og skriv **eksport** i chatten dér.",
        "en": "I couldn't open a personal chat with you. Open RASMUS under Apps "
        "and type **export** in that chat.",
    },
    "export_uploaded": {
        "da": "Rapporten er gemt i din OneDrive som {filename}.",
        "en": "The report is saved in your OneDrive as {filename}.",
    },
    "export_declined": {
        "da": "Okay, jeg har ikke gemt {filename}. Skriv **eksport**, hvis du vil have den igen.",
        "en": "OK, I didn't save {filename}. Type **export** if you want it again.",
    },
    "export_failed": {
        "da": "Rapporten kunne ikke gemmes i din OneDrive. Prøv igen med **eksport**.",
        "en": "The report couldn't be saved in your OneDrive. Try again with **export**.",
    },
    "export_gone": {
        "da": "Den rapport venter ikke længere. Skriv **eksport** for at få en ny.",
        "en": "That report is no longer waiting. Type **export** to get a new one.",
    },
}


label = Labels(LABELS)  # a Teams-only word, else the word every platform shares (core.texts)
