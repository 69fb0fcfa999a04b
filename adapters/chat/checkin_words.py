"""Words on the follow-up's buttons, forms and cards, shared by Slack and Teams.

`WORDS` are the platforms' own (button labels, the answer form). `CORE_WORDS` are, word for
word, texts the core's follow-up defines for its plain rendering (core.texts_checkins of
h-answers, core.texts_followup of h-time): the cards read the same sentences as the console.
They are here only until those branches are merged; then delete `CORE_WORDS` and `word`
finds each in core.texts (a key missing from a Labels table is the core's).
"""

from __future__ import annotations

from adapters.chat.labels import Labels
from core.model import Rating

SHOWN_AGREEMENTS = 15  # a check-in lists at most these (the board has all): readable, and small

WORDS: dict[str, dict[str, str]] = {
    "button_better": {"da": "Bedre", "en": "Better"},
    "button_same": {"da": "Samme", "en": "Same"},
    "button_worse": {"da": "Værre", "en": "Worse"},
    "agreements_more": {"da": "… og {count} til", "en": "… and {count} more"},
    "answer_title": {"da": "Dit svar", "en": "Your answer"},
    "answer_rating": {"da": "Hvordan er det gået?", "en": "How has it gone?"},
    "answer_comment": {"da": "Kommentar (kan udelades)", "en": "Comment (optional)"},
    "answer_anonymously": {"da": "Svar anonymt", "en": "Answer anonymously"},
    "answer_anonymous_hint": {
        "da": "Svaret gemmes uden dit navn og kan ikke rettes bagefter.",
        "en": "The answer is kept without your name and cannot be changed later.",
    },
    "answer_send": {"da": "Send mine svar", "en": "Send my answers"},
    "answer_none_chosen": {
        "da": "Vælg bedre, samme eller værre for mindst én cirkel.",
        "en": "Choose better, same or worse for at least one circle.",
    },
    "choose_rating": {
        "da": "Vælg bedre, samme eller værre.",
        "en": "Choose better, same or worse.",
    },
}

CORE_WORDS: dict[str, dict[str, str]] = {
    "checkin_heading": {
        "da": "Tjek {number} · {technology}",
        "en": "Check-in {number} · {technology}",
    },
    "checkin_intro": {
        "da": "Hvordan har jeres arbejde ændret sig med {technology}? Sig for hver cirkel, om "
        "det er blevet bedre, er det samme eller er blevet værre. »Samme« er også et "
        "svar.",
        "en": "How has your work changed with {technology}? For each circle, say whether it got "
        "better, stayed the same or got worse. “Same” is an answer too.",
    },
    "checkin_how": {
        "da": "Svar: /rasmus tjek <cirkel> bedre|samme|værre [kommentar]. Et nyt svar for samme "
        "cirkel erstatter dit første. Vil du svare anonymt, så gør det via knapperne "
        "eller i en personlig chat med RASMUS.",
        "en": "Answer: /rasmus checkin <circle> better|same|worse [comment]. A new answer for "
        "the same circle replaces your first. To answer anonymously, use the buttons or a "
        "personal chat with RASMUS.",
    },
    "checkin_closes": {
        "da": "Svarene samles til og med {day}; så gør vi status sammen.",
        "en": "Answers are gathered until {day}; then we take stock together.",
    },
    "checkin_agreements": {
        "da": "Aftaler, der stadig er åbne:",
        "en": "Agreements still open:",
    },
    "agreement_due": {
        "da": "skal nås nu",
        "en": "due now",
    },
    "agreement_overdue": {
        "da": "over tiden",
        "en": "overdue",
    },
    "rating_better": {
        "da": "bedre",
        "en": "better",
    },
    "rating_same": {
        "da": "samme",
        "en": "same",
    },
    "rating_worse": {
        "da": "værre",
        "en": "worse",
    },
    "stock_heading": {
        "da": "Status efter tjek {number} · {technology}",
        "en": "Taking stock after check-in {number} · {technology}",
    },
    "stock_people": {
        "da": "{people} har svaret. Her er det, I forventede, ved siden af det, I har oplevet.",
        "en": "{people} answered. Here is what you expected beside what you lived.",
    },
    "stock_held_back": {
        "da": "Nogle anonyme svar venter, til flere har svaret, så ingen kan genkendes.",
        "en": "Some anonymous answers wait until more people have answered, so nobody can be "
        "singled out.",
    },
    "stock_expected": {
        "da": "Forventet",
        "en": "Expected",
    },
    "stock_experienced": {
        "da": "Oplevet",
        "en": "Experienced",
    },
    "stock_counts": {
        "da": "bedre {better} · samme {same} · værre {worse}",
        "en": "better {better} · same {same} · worse {worse}",
    },
    "stock_earlier": {
        "da": "tjek {number}: {counts}",
        "en": "check-in {number}: {counts}",
    },
    "stock_nothing": {
        "da": "(intet)",
        "en": "(nothing)",
    },
    "stock_ask_better": {
        "da": "Hvor det blev bedre: hvordan lykkedes det, så I kan gøre det igen? Skriv det med "
        "/rasmus læring [cirkel] <tekst>.",
        "en": "Where it got better: how did you manage it, so you can do it again? Write it "
        "with /rasmus learning [circle] <text>.",
    },
    "stock_ask_worse": {
        "da": "Hvor det blev værre: hvilke forværringer kan I gøre noget ved? Mærk dem med "
        "/rasmus handlebar <id>.",
        "en": "Where it got worse: which of these can you do something about? Mark them with "
        "/rasmus actionable <id>.",
    },
    "stock_ask_agree": {
        "da": "Hvordan går I videre? Facilitatoren skriver nye aftaler: /rasmus aftale <hvem> "
        "<dato> <hvad>.",
        "en": "How do you go on? The facilitator writes new agreements: /rasmus agree <who> "
        "<date> <what>.",
    },
    "stock_ask_agree_closed": {
        "da": "Hvordan går I videre? Workshoppen er afsluttet; en facilitator kan genåbne den "
        "med /rasmus genåbn og skrive nye aftaler.",
        "en": "How do you go on? The workshop is closed; a facilitator can reopen it with "
        "/rasmus reopen and write new agreements.",
    },
    "marked_actionable": {
        "da": "I kan gøre noget ved den",
        "en": "you can act on it",
    },
    "keep_checkins_question": {
        "da": "Workshoppen er afsluttet før opfølgningen. Skal de {count} planlagte tjek stadig "
        "komme, så I kan gøre status efter udrulningen? Skriv /rasmus tjekplan behold "
        "eller /rasmus tjekplan ingen. Indtil du svarer, kommer de.",
        "en": "The workshop closed before its follow-up. Should the {count} planned check-ins "
        "still come, so you can take stock after the go-live? Type /rasmus checkins keep "
        "or /rasmus checkins none. Until you answer, they come.",
    },
    "keep_checkins_yes": {
        "da": "Ja, behold tjek",
        "en": "Yes, keep check-ins",
    },
    "keep_checkins_no": {
        "da": "Nej, ingen tjek",
        "en": "No check-ins",
    },
}

word = Labels({**CORE_WORDS, **WORDS})


def button_word(rating: Rating, lang: str) -> str:
    return word(f"button_{rating.value}", lang)
