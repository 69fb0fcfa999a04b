"""Words that only Slack's controls need (modal titles, App Home); everything else is core.texts.

Kept here so the core's text table stays platform neutral. Modal titles are capped at 24
characters by Slack and button labels at 75.
"""

from __future__ import annotations

from adapters.chat.labels import Labels

LABELS: dict[str, dict[str, str]] = {
    "green": {"da": "Grøn: en forbedring", "en": "Green: an improvement"},
    "red": {"da": "Rød: en forværring", "en": "Red: a deterioration"},
    "better": {"da": "Bedre", "en": "Better"},
    "worse": {"da": "Værre", "en": "Worse"},
    "note_title": {"da": "Ny note", "en": "New note"},
    "edit_title": {"da": "Ret bidrag", "en": "Correct contribution"},
    "prereq_title": {"da": "Ny forudsætning", "en": "New prerequisite"},
    "agreement_title": {"da": "Ny aftale", "en": "New agreement"},
    "note_text": {"da": "Din note", "en": "Your note"},
    "post_anonymously": {"da": "Send anonymt", "en": "Post anonymously"},
    "anonymous_hint": {
        "da": "Ingen, heller ikke facilitatoren, kan se, at den er fra dig.",
        "en": "Nobody, not even the facilitator, can see that it is yours.",
    },
    "circles": {"da": "Cirkler", "en": "Circles"},
    "due": {"da": "Hvornår", "en": "By when"},
    "circle_in": {"da": "Cirkel: {circle}", "en": "Circle: {circle}"},
    "no_workshops": {
        "da": "Du er ikke med i nogen RASMUS-workshop endnu. Start en i en kanal med "
        "`/rasmus ny <teknologi>`.",
        "en": "You are not in any RASMUS workshop yet. Start one in a channel with "
        "`/rasmus start <technology>`.",
    },
    "home_heading": {"da": "Dine workshops", "en": "Your workshops"},
    "home_agreements": {"da": "Dine åbne aftaler", "en": "Your open agreements"},
    "home_no_agreements": {"da": "Ingen åbne aftaler.", "en": "No open agreements."},
    "home_line": {
        "da": "{technology} i <#{channel}> · trin: {step}",
        "en": "{technology} in <#{channel}> · step: {step}",
    },
    "export_uploaded": {
        "da": "Rapporten er sendt til dig som filen {filename} i en direkte besked.",
        "en": "The report is sent to you as the file {filename} in a direct message.",
    },
    "choose_colour": {"da": "Vælg grøn eller rød.", "en": "Choose green or red."},
    "choose_timing": {
        "da": "Vælg før, under eller efter.",
        "en": "Choose before, during or after.",
    },
    "reply_in_thread": {
        "da": "… eller svar i tråden her.",
        "en": "… or reply in this thread.",
    },
}


# A Slack-only word, else the control word every chat platform shares (core.texts).
label = Labels(LABELS)
