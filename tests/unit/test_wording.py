"""The bot's words follow the original dialogue tool closely, in one voice."""

import re

from core.circles import BY_CIRCLE, CIRCLES, Circle
from core.messages import StepOpened
from core.plain import render
from core.texts import ALL, t
from core.texts_flow import FLOW


def danish_texts():
    yield from (entry["da"] for entry in ALL.values())
    for info in CIRCLES:
        yield from (info.covers["da"], info.gain["da"], info.risk["da"])


def test_the_intro_keeps_the_originals_premise_and_words():
    intro = t("guide_intro", "da", technology="Vagtplan")
    assert "Det gode arbejde har seks kendetegn" in intro
    assert "vil og bør påvirke det gode arbejde" in intro
    assert "will, and should, affect good work" in t("guide_intro", "en", technology="x")


def test_the_circles_use_the_originals_words():
    assert "kompetencer" in BY_CIRCLE[Circle.REALISTIC].covers["da"]
    assert "kunder/borgere" in BY_CIRCLE[Circle.RECOGNISED].covers["da"]
    assert "inddrages i beslutninger" in BY_CIRCLE[Circle.AUTONOMOUS].covers["da"]
    assert "customers/citizens" in BY_CIRCLE[Circle.RECOGNISED].covers["en"]
    assert not any("evner" in text for text in danish_texts())


def test_danish_texts_use_danish_quotation_marks_and_speak_to_the_team_as_i():
    for text in danish_texts():
        assert "“" not in text and "”" not in text, text
    guides = [FLOW[key]["da"] for key in FLOW if key.startswith("guide_")]
    assert not any(re.search(r"\b[Vv]i\b|\bos\b", guide) for guide in guides)


def test_the_intro_guides_the_facilitator_to_tr_amr_and_on_to_med_amu_or_the_apv(say):
    outcome = say("ny Vagtplan")
    [opened] = [r.message for r in outcome.replies if isinstance(r.message, StepOpened)]
    danish = render(opened, "da")
    for word in ("(TR)", "(AMR)", "medfacilitatorer", "MED", "AMU", "APV"):
        assert word in danish, word
    english = render(opened, "en")
    assert "shop steward (TR)" in english and "safety representative (AMR)" in english


def test_danish_dates_in_hints_lead_with_day_slash_month_dash_year():
    assert t("hint_date", "da").startswith("Skriv datoen som 1/3-2027")
    assert "1/3-2027" in t("hint_agree", "da")
