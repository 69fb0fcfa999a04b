"""Words on buttons and in forms, shared by every chat platform (modals, Adaptive Cards)."""

from __future__ import annotations

CONTROLS: dict[str, dict[str, str]] = {
    "add_note": {"da": "Tilføj note", "en": "Add note"},
    "add_prerequisite": {"da": "Tilføj forudsætning", "en": "Add prerequisite"},
    "add_agreement": {"da": "Tilføj aftale", "en": "Add agreement"},
    "inspiration": {"da": "Inspiration", "en": "Inspiration"},
    "board": {"da": "Tavlen", "en": "The board"},
    "correct": {"da": "Ret", "en": "Correct"},
    "withdraw": {"da": "Træk tilbage", "en": "Withdraw"},
    "new_text": {"da": "Ny tekst", "en": "New text"},
    "colour": {"da": "Farve", "en": "Colour"},
    "timing": {"da": "Hvornår?", "en": "When?"},
    "prereq_text": {"da": "Hvad skal være på plads?", "en": "What must be in place?"},
    "owner": {"da": "Hvem", "en": "Who"},
    "what": {"da": "Hvad", "en": "What"},
    "submit": {"da": "Gem", "en": "Save"},
    "cancel": {"da": "Annullér", "en": "Cancel"},
    "delete": {"da": "Slet alt", "en": "Delete everything"},
}
