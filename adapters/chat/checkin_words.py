"""Words on the follow-up's buttons, forms and cards, shared by Slack and Teams.

The sentences people read in every channel (confirmations, reminders, nudges) are the core's
(core.plain); these are only what the richer forms add around their controls. Both languages;
modal titles stay within Slack's 24 characters.
"""

from __future__ import annotations

from adapters.chat.labels import Labels
from core.model import Rating

WORDS: dict[str, dict[str, str]] = {
    "rating_better": {"da": "Bedre", "en": "Better"},
    "rating_same": {"da": "Det samme", "en": "The same"},
    "rating_worse": {"da": "Værre", "en": "Worse"},
    "checkin_heading": {
        "da": "Tjek {number}: {technology}",
        "en": "Check-in {number}: {technology}",
    },
    "checkin_question": {
        "da": "Hvordan har {technology} ændret jeres arbejde? Sig for hver cirkel, om det er "
        "blevet bedre, er det samme eller er blevet værre. En kommentar er velkommen, og du "
        "kan svare anonymt.",
        "en": "How has {technology} changed your work? Say for each circle whether it got "
        "better, stayed the same or got worse. A comment is welcome, and you can answer "
        "anonymously.",
    },
    "checkin_by_text": {
        "da": "Eller skriv: `/rasmus tjek [anonym] <cirkel> <bedre|samme|værre> [kommentar]`",
        "en": "Or type: `/rasmus checkin [anonymous] <circle> <better|same|worse> [comment]`",
    },
    "checkin_agreements": {"da": "Aftaler, der er åbne", "en": "Open agreements"},
    "agreements_more": {"da": "… og {count} til", "en": "… and {count} more"},
    "agreement_overdue": {"da": "overskredet", "en": "overdue"},
    "agreement_line": {
        "da": "{id} {owner}: {what} (senest {day})",
        "en": "{id} {owner}: {what} (by {day})",
    },
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
        "da": "Vælg bedre, det samme eller værre for mindst én cirkel.",
        "en": "Choose better, the same or worse for at least one circle.",
    },
    "choose_rating": {
        "da": "Vælg bedre, det samme eller værre.",
        "en": "Choose better, the same or worse.",
    },
    "stock_heading": {
        "da": "Status efter tjek {number}: {technology}",
        "en": "Taking stock after check-in {number}: {technology}",
    },
    "stock_expected": {"da": "Forventet", "en": "Expected"},
    "stock_experienced": {"da": "Oplevet", "en": "Experienced"},
    "stock_nothing_expected": {"da": "Ingen noter.", "en": "No notes."},
    "stock_counts": {
        "da": "{better} bedre · {same} det samme · {worse} værre",
        "en": "{better} better · {same} the same · {worse} worse",
    },
    "stock_earlier": {"da": "Tjek {number}: {counts}", "en": "Check-in {number}: {counts}"},
    "stock_held_back": {
        "da": "Nogle anonyme svar tælles først med, når flere har svaret.",
        "en": "Some anonymous answers are counted only once more people have answered.",
    },
    "stock_questions": {"da": "Det taler vi om nu", "en": "What we talk about now"},
    "stock_question_better": {
        "da": "Hvor blev det bedre, og hvordan lykkedes det? Skriv det, så I kan bruge "
        "erfaringen igen: `/rasmus læring [cirkel] <tekst>`",
        "en": "Where did it get better, and how did you succeed? Write it down so you can "
        "use it again: `/rasmus learning [circle] <text>`",
    },
    "stock_question_worse": {
        "da": "Hvor blev det værre, og hvilke forværringer kan I gøre noget ved? "
        "`/rasmus handlebar <id>`",
        "en": "Where did it get worse, and which deteriorations can you do something about? "
        "`/rasmus actionable <id>`",
    },
    "stock_question_agree": {
        "da": "Hvordan går I videre? Aftal hvem gør hvad hvornår: `/rasmus aftale ...`",
        "en": "How do you go on? Agree who does what by when: `/rasmus agree ...`",
    },
    "keep_yes": {"da": "Ja, behold tjekkene", "en": "Yes, keep the check-ins"},
    "keep_no": {"da": "Nej, ingen tjek", "en": "No check-ins"},
    "keep_question": {
        "da": "Workshoppen er afsluttet. Skal de {planned} planlagte tjek stadig komme?",
        "en": "The workshop is closed. Should the {planned} planned check-ins still come?",
    },
}

word = Labels(WORDS)


def rating_word(rating: Rating, lang: str) -> str:
    return word(f"rating_{rating.value}", lang)
