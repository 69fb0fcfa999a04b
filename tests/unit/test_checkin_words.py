"""The follow-up's words on buttons, forms and cards exist in Danish and English alike."""

from __future__ import annotations

import string

from adapters.chat.checkin_words import WORDS


def test_every_follow_up_control_word_has_danish_and_english_with_the_same_fields():
    fields = string.Formatter()
    for key, entry in WORDS.items():
        assert set(entry) == {"da", "en"}, key
        named = [{f for _, f, _, _ in fields.parse(entry[lang]) if f} for lang in ("da", "en")]
        assert named[0] == named[1], key


def test_the_answer_form_title_fits_a_slack_modal_title():
    assert all(len(WORDS["answer_title"][lang]) <= 24 for lang in ("da", "en"))


def test_the_platforms_own_words_never_shadow_a_core_text():
    from core.texts import ALL

    assert not set(WORDS) & set(ALL)
