"""Sentences for the shared text rules (core.cleaning): empty-looking text, odd form fields."""

from __future__ import annotations

CLEANING: dict[str, dict[str, str]] = {
    "invisible_text": {
        "da": "Teksten har ingen synlige tegn. Skriv noget, de andre kan læse.",
        "en": "The text has no visible characters. Write something the others can read.",
    },
    "bad_form_field": {
        "da": "Formularen sendte noget i feltet »{field}«, som jeg ikke kan læse.",
        "en": "The form sent something in the field “{field}” that I can't read.",
    },
    "hint_form_again": {
        "da": "Åbn formularen igen og udfyld den, eller skriv kommandoen efter /rasmus.",
        "en": "Open the form again and fill it in, or type the command after /rasmus.",
    },
    "bad_line_bytes": {
        "da": "Linjen er ikke gyldig UTF-8, så jeg springer den over.",
        "en": "The line is not valid UTF-8, so I skipped it.",
    },
    "hint_utf8": {
        "da": "Gem input som UTF-8 og prøv igen.",
        "en": "Save the input as UTF-8 and try again.",
    },
}
