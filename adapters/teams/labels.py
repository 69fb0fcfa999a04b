"""Words that exist only on Teams cards (buttons, input labels). Everything else is core.texts."""

from __future__ import annotations

from core.texts import t

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
}


def label(key: str, lang: str) -> str:
    """A Teams-only word, else the control word every chat platform shares (core.texts)."""
    if key not in LABELS:
        return t(key, lang)
    texts = LABELS[key]
    return texts.get(lang) or texts["da"]
