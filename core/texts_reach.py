"""Texts for a channel's earlier workshops (named by number), deleting and pacing exports."""

from __future__ import annotations

REACH: dict[str, dict[str, str]] = {
    "earlier_kept": {
        "da": "Den afsluttede workshop om {technology} er gemt som nr. {number}. Den kan stadig "
        "eksporteres med /rasmus eksport {number}, og dens facilitator kan slette den med "
        "/rasmus slet {number}.",
        "en": "The closed workshop about {technology} is kept as no. {number}. It can still be "
        "exported with /rasmus export {number}, and its facilitator can delete it with "
        "/rasmus delete {number}.",
    },
    "status_others": {
        "da": "Andre workshops her: {list}. Nævn nummeret: /rasmus eksport 1, /rasmus slet 1.",
        "en": "Other workshops here: {list}. Name the number: /rasmus export 1, /rasmus delete 1.",
    },
    "status_other": {
        "da": "nr. {number} {technology} ({state})",
        "en": "no. {number} {technology} ({state})",
    },
    "state_open": {"da": "åben", "en": "open"},
    "state_closed": {"da": "afsluttet {day}", "en": "closed {day}"},
    "no_such_workshop": {
        "da": "Der er ingen workshop nr. {number} i denne kanal.",
        "en": "There is no workshop no. {number} in this channel.",
    },
    "bad_workshop_number": {
        "da": "»{word}« er ikke et workshopnummer.",
        "en": "“{word}” is not a workshop number.",
    },
    "hint_status": {
        "da": "Se numrene med /rasmus status.",
        "en": "See the numbers with /rasmus status.",
    },
    "hint_export": {
        "da": "Skriv /rasmus eksport, eller /rasmus eksport 1 for workshop nr. 1.",
        "en": "Type /rasmus export, or /rasmus export 1 for workshop no. 1.",
    },
    "hint_delete": {
        "da": "Skriv /rasmus slet bekræft, eller /rasmus slet 1 bekræft for workshop nr. 1.",
        "en": "Type /rasmus delete confirm, or /rasmus delete 1 confirm for workshop no. 1.",
    },
    "confirm_delete_numbered": {
        "da": "Vil du slette workshop nr. {number} om {technology} med alle noter? Det kan ikke "
        "fortrydes. Skriv /rasmus slet {number} bekræft for at slette.",
        "en": "Delete workshop no. {number} about {technology} with all its notes? This can't "
        "be undone. Type /rasmus delete {number} confirm to delete.",
    },
    "export_too_soon": {
        "da": "Du har lige fået en rapport.",
        "en": "You have just had a report.",
    },
    "hint_export_later": {
        "da": "Prøv igen om {seconds} sekunder.",
        "en": "Try again in {seconds} seconds.",
    },
}
