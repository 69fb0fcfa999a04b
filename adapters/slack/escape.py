"""Making people's text safe to show inside the bot's own mrkdwn messages.

Slack parses `<...>` as links, user/channel mentions and `<!channel>`-style broadcasts, and
`*`, `_`, `~`, backticks as formatting. A note must show as typed, never ping anyone or add a
link or formatting under the bot's name. Slack has no backslash escape, so:
- `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;` (Slack's own rule); that disarms every
  `<@U..>`, `<!here>`, `<!subteam^..>` and `<http://..|label>` sequence;
- bare `@channel`, `@here` and `@everyone` get a word joiner after the `@` so no client or
  `link_names` setting can read them as broadcasts;
- formatting characters, and a `>` that starts a line (a quote), get a zero-width space in
  front, which stops Slack from seeing them as markup while they still read the same.
"""

from __future__ import annotations

import functools
import re

WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"

_BROADCAST = re.compile(r"@(?=(channel|here|everyone)\b)", re.IGNORECASE)
_FORMATTING = re.compile(r"([*_~`])")
_QUOTE = re.compile(r"^(&gt;)", re.MULTILINE)


@functools.lru_cache(maxsize=8192)
def escape_user_text(text: str) -> str:
    # Cached: a circle's message escapes every note on its wall each time it is updated.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BROADCAST.sub("@" + WORD_JOINER, escaped)
    escaped = _QUOTE.sub(ZERO_WIDTH_SPACE + r"\1", escaped)
    return _FORMATTING.sub(ZERO_WIDTH_SPACE + r"\1", escaped)


def truncate(text: str, limit: int) -> str:
    """Block Kit rejects over-long fields; cut with an ellipsis rather than fail the message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
