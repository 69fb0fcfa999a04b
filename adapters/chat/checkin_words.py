"""Words on the follow-up's buttons, forms and cards, shared by Slack and Teams.

`WORDS` are the platforms' own (button labels, the answer form); every other sentence on a
card is the core's own (core.texts_checkins, core.texts_followup), so the cards read the same
sentences as the console.
"""

from __future__ import annotations

from adapters.chat.labels import Labels
from core.model import Rating
from core.stocktaking import Tally

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

word = Labels(WORDS)  # a key not here is the core's (core.texts)


def button_word(rating: Rating, lang: str) -> str:
    return word(f"button_{rating.value}", lang)


def tally_words(tally: Tally, lang: str) -> str:
    """A circle's answers in a stock-taking: better, same and worse, counted."""
    return word("stock_counts", lang, better=tally.better, same=tally.same, worse=tally.worse)
