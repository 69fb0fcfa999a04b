"""Words only one platform's controls need, with the shared control words (core.texts) behind.

Every platform keeps its own small table (modal titles, button labels) and looks words up with
`Labels(table)`: a key missing from the table is a word every platform shares.
"""

from __future__ import annotations

from core.texts import t


class Labels:
    def __init__(self, table: dict[str, dict[str, str]]):
        self.table = table

    def __call__(self, key: str, lang: str, **params) -> str:
        entry = self.table.get(key)
        if entry is None:
            return t(key, lang, **params)
        text = entry.get(lang) or entry["da"]  # Danish is the default of every text
        return text.format(**params) if params else text
