"""Keeping people's text from turning into formatting or links in the bot's Teams messages.

Cards' TextBlocks and markdown messages read `**bold**`, `_italic_`, `[label](url)` and more.
A note must show as typed, never as a disguised link under the bot's name. A zero-width space
in front of each markup character stops the parser while the text reads the same; backslash
escapes are not honoured everywhere Teams renders (desktop, mobile, web).
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"

_INLINE = re.compile(r"([*_~`])")
_LINK = re.compile(r"\](?=[(\[:])")  # `[label](url)`, `[label][ref]`, `[ref]: url`
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+\.)", re.MULTILINE)


def defuse_markdown(text: str) -> str:
    text = _LINK.sub("]" + ZERO_WIDTH_SPACE, _INLINE.sub(ZERO_WIDTH_SPACE + r"\1", text))
    return _LINE_START.sub(r"\1" + ZERO_WIDTH_SPACE + r"\2", text)
