"""The follow-up's words on buttons, forms and cards exist in Danish and English alike."""

from __future__ import annotations

import string

import pytest

from adapters.chat.checkin_words import CORE_WORDS, WORDS


def test_every_follow_up_control_word_has_danish_and_english_with_the_same_fields():
    fields = string.Formatter()
    for key, entry in {**CORE_WORDS, **WORDS}.items():
        assert set(entry) == {"da", "en"}, key
        named = [{f for _, f, _, _ in fields.parse(entry[lang]) if f} for lang in ("da", "en")]
        assert named[0] == named[1], key


def test_the_answer_form_title_fits_a_slack_modal_title():
    assert all(len(WORDS["answer_title"][lang]) <= 24 for lang in ("da", "en"))


def test_the_words_copied_from_the_core_say_exactly_what_the_core_says():
    from core.texts import ALL

    known = [key for key in CORE_WORDS if key in ALL]
    if not known:
        pytest.skip("the core's follow-up texts are not merged yet")
    assert {key: CORE_WORDS[key] for key in known} == {key: ALL[key] for key in known}
